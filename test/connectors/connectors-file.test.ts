// The connectors file: positioned errors, the committed JSON Schema, and hot reload that keeps the last good file.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectorsJsonSchema, loadConnectorsFile } from '../../src/connectors/connectors-file.js';
import { createConnectorRegistry } from '../../src/connectors/registry.js';
import { memoryLogger } from '../support/harness.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'warden-connectors-'));
const GOOD =
  'connectors:\n  - app: Jira\n    type: scim\n    url: https://jira.example.com/scim/v2\n    tokenEnv: JIRA_SCIM_TOKEN\n';

describe('connectors file', () => {
  it('loads the example and fills defaults', () => {
    const r = loadConnectorsFile('examples/acme/connectors.example.yaml');
    expect(r).toEqual({
      ok: true,
      connectors: [
        {
          app: 'Jira',
          type: 'scim',
          url: 'https://jira.example.com/scim/v2',
          tokenEnv: 'JIRA_SCIM_TOKEN',
          groups: { 'Dept-Engineering': 'jira-software-users' },
          deprovision: 'deactivate',
        },
      ],
    });
  });

  it('names file, line and column for each mistake', () => {
    const f = join(tmp(), 'c.yaml');
    writeFileSync(
      f,
      'connectors:\n  - app: Jira\n    type: ldap\n    url: ftp://x\n    deprovision: archive\n    token: abc\n  - app: jira\n    type: scim\n    url: https://j/scim\n',
    );
    const r = loadConnectorsFile(f);
    expect(r.ok).toBe(false);
    const lines = !r.ok ? r.errors.map((e) => `${e.line}:${e.column} ${e.message}`) : [];
    expect(lines).toEqual([
      '3:11 connectors[0].type: must be one of "scim" (got "ldap")',
      expect.stringMatching(/^4:10 connectors\[0\]\.url: must be an http\(s\) URL/),
      '5:18 connectors[0].deprovision: must be one of "deactivate", "delete" (got "archive")',
      '6:5 connectors[0].token: unknown key "token"',
    ]);
    writeFileSync(f, `${GOOD}  - app: jira\n    type: scim\n    url: https://j/scim\n`);
    const dup = loadConnectorsFile(f);
    expect(!dup.ok && dup.errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
      '6: connectors[1].app: "jira" already has a connector (connectors[0])',
    ]);
  });

  it('the committed JSON Schema is the one the code generates', () => {
    expect(JSON.parse(readFileSync('schema/connectors.schema.json', 'utf8'))).toEqual(connectorsJsonSchema());
  });

  it('hot-reloads, and a broken edit keeps the last good connectors', async () => {
    const f = join(tmp(), 'c.yaml');
    writeFileSync(f, GOOD);
    const reloads: Array<{ ok: boolean; apps: string[] }> = [];
    const reg = createConnectorRegistry({
      path: f,
      token: () => 'x',
      log: memoryLogger().log,
      watch: true,
      onReload: (r) => reloads.push(r),
    });
    try {
      expect(reg.all().map((c) => c.def.app)).toEqual(['Jira']);
      writeFileSync(f, `${GOOD}  - app: Figma\n    type: scim\n    url: https://figma.example.com/scim/v2\n`);
      for (const until = Date.now() + 30_000; reg.all().length < 2 && Date.now() < until; )
        await new Promise((r) => setTimeout(r, 50));
      expect(reg.all().map((c) => c.def.app)).toEqual(['Jira', 'Figma']);
      writeFileSync(f, 'connectors: [oops');
      for (const until = Date.now() + 30_000; !reloads.some((r) => !r.ok) && Date.now() < until; )
        await new Promise((r) => setTimeout(r, 50));
      expect(reloads.some((r) => !r.ok)).toBe(true);
      expect(reg.all().map((c) => c.def.app)).toEqual(['Jira', 'Figma']);
      expect(reg.forApp({ label: 'FIGMA' })?.def.app).toBe('Figma');
    } finally {
      reg.close();
    }
  });
});
