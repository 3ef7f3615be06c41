// Grep-level guarantee: only the executor's downstream step calls a connector write; no tool, API, page or MCP code reaches a connector.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const WRITES = ['createAccount', 'setActive', 'deleteAccount', 'addToGroup', 'removeFromGroup'];
const CALL = new RegExp(`(?:\\.|\\[\\s*['"\`])(${WRITES.join('|')})(?:['"\`]\\s*\\])?\\s*\\(`, 'g');
// The adapter itself (its own 409 re-find) and the downstream step run by the executor for an approved request
// (downstream.ts, and its orphan-account removal, which only downstream.ts imports: checked below).
const STEP_PARTS = ['src/connectors/downstream-remove-account.ts'];
const ALLOWED = new Set(['src/connectors/scim/scim-client.ts', 'src/connectors/downstream.ts', ...STEP_PARTS]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.(ts|tsx|mts|js|mjs)$/.test(e.name) ? [p] : [];
  });
}
const files = () => sources('src').map((p) => relative('.', p).split(sep).join('/'));

describe('no connector writes outside the executor', () => {
  it('only the downstream step calls connector write methods', () => {
    const offenders = files()
      .filter((f) => !ALLOWED.has(f))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(CALL)].map((m) => `${f}: .${m[1]}(`));
    expect(offenders).toEqual([]);
  });

  it("the downstream step's parts are imported by the downstream step alone", () => {
    for (const part of STEP_PARTS) {
      const name = part.split('/').pop()!.replace(/\.ts$/, '.js');
      const importers = files().filter((f) => f !== part && readFileSync(f, 'utf8').includes(`/${name}'`));
      expect(importers, part).toEqual(['src/connectors/downstream.ts']);
    }
  });

  it('the scan finds the calls it forbids (the downstream step makes every kind of write)', () => {
    const found = new Set([...readFileSync('src/connectors/downstream.ts', 'utf8').matchAll(CALL)].map((m) => m[1]));
    for (const w of WRITES) expect(found).toContain(w);
  });

  it('tools, the MCP layer, the web app and the assistant never import the connectors (they see only the reader port from core)', () => {
    const layers = ['src/tools/', 'src/mcp/', 'src/web/', 'src/assistant/', 'src/governance/'];
    const offenders = files()
      .filter((f) => layers.some((l) => f.startsWith(l)))
      .filter(
        (f) =>
          /from ['"][./]*\/connectors\//.test(readFileSync(f, 'utf8')) ||
          /from ['"]\.\.\/connectors\//.test(readFileSync(f, 'utf8')),
      );
    expect(offenders).toEqual([]);
  });
});
