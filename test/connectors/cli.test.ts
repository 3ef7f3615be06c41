// `warden connectors check|reconcile` as a real child process: positioned errors for a bad file, and the demo's Jira reconcile with its orphan.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ORPHAN } from '../../src/connectors/demo/demo-jira.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function warden(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/warden.mjs', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c;
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('warden connectors', () => {
  it('check names the line of a mistake and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-cli-connectors-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'c.yaml'), 'connectors:\n  - app: Jira\n    type: scim\n    url: not-a-url\n');
    const r = await warden(['connectors', 'check', join(dir, 'c.yaml')], { WARDEN_DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/c\.yaml:4:10: connectors\[0\]\.url: must be an http\(s\) URL/);
  }, 60_000);

  it('reconcile on the demo company reports the seeded orphan in Jira', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-cli-connectors-'));
    dirs.push(dir);
    const r = await warden(['connectors', 'reconcile', '--app', 'Jira', '--json'], {
      WARDEN_DATA_DIR: dir,
      WARDEN_LOG_LEVEL: 'silent',
    });
    expect(r.code, r.stderr).toBe(0);
    const [report] = JSON.parse(r.stdout) as Array<{
      app: string;
      ok: boolean;
      rows: Array<{ finding: string; userName: string; suggestion: { tool?: string } }>;
    }>;
    expect(report).toMatchObject({ app: 'Jira', ok: true });
    expect(report!.rows).toContainEqual(
      expect.objectContaining({
        finding: 'orphan',
        userName: DEMO_ORPHAN,
        suggestion: expect.objectContaining({
          tool: 'request_downstream_account_removal',
          input: expect.objectContaining({ app: 'Jira', account: DEMO_ORPHAN }),
        }),
      }),
    );
    // The text report offers the same governed request on the orphan's line.
    const text = await warden(['connectors', 'reconcile', '--app', 'Jira'], {
      WARDEN_DATA_DIR: dir,
      WARDEN_LOG_LEVEL: 'silent',
    });
    expect(text.stdout.split('\n').find((l) => l.includes(DEMO_ORPHAN))).toMatch(
      /^\s+orphan\s.*→ request_downstream_account_removal \{"app":"Jira","account":"sam\.okafor\.contractor@acme\.example"/,
    );
    expect(report!.rows.some((x) => x.finding === 'leaver-active')).toBe(true);
    const check = await warden(['connectors', 'check'], { WARDEN_DATA_DIR: dir, WARDEN_LOG_LEVEL: 'silent' });
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/Jira\s+OK/);
  }, 120_000);
});
