// SQLite's failure modes give clear `unavailable` answers, not internal errors: locked past the busy timeout, a read-only
// database file (file permissions, which the child cannot override) and a full disk (a file-size limit on the process).
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { governanceOver } from '../support/governance-over.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CHILD = join(ROOT, 'test/support/sqlite-fault-child.ts');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'warden-sqlite-fault-'));
  dirs.push(d);
  return d;
};

async function migratedDb(dir: string): Promise<string> {
  const path = join(dir, 'warden.db');
  await (await createStore({ kind: 'sqlite', path })).close();
  return path;
}

/** Runs the child through `sh -c` (for `ulimit`, or `setpriv`), returning its JSON lines by step. */
function runChild(
  shell: string,
  args: string[],
): Promise<{
  steps: Record<string, { ok: boolean; code?: string; message?: string }>;
  stderr: string;
  code: number | null;
}> {
  return new Promise((res) => {
    const cmd = `${shell} ${[process.execPath, '--import', 'tsx', CHILD, ...args].map((a) => `'${a}'`).join(' ')}`;
    const p = spawn('sh', ['-c', cmd], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c) => (stdout += c));
    p.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => p.kill('SIGKILL'), 120_000);
    p.on('close', (code) => {
      clearTimeout(timer);
      const steps = Object.fromEntries(
        stdout
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => {
            const j = JSON.parse(l);
            return [j.step, j];
          }),
      );
      res({ steps, stderr, code });
    });
  });
}

describe('SQLite faults', () => {
  it('a database locked by another process past the busy timeout answers unavailable, then works once released', async () => {
    const path = await migratedDb(tempDir());
    const store = await createStore({ kind: 'sqlite', path, busyTimeoutMs: 300 });
    const g = governanceOver(store);
    const holder = new Database(path);
    try {
      holder.exec('BEGIN EXCLUSIVE');
      const r = await g.call('lookup_user', { query: 'ayesha.nwosu@acme.example' });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/locked/) });
      expect(r.error.details?.retryAfterSeconds).toBeGreaterThan(0);
      await expect(
        store.appendAudit({ actor: { kind: 'system', clientId: 'warden' }, action: 'policy.reloaded', outcome: 'ok' }),
      ).rejects.toMatchObject({ code: 'unavailable' });
      holder.exec('COMMIT');
      expect((await g.call('lookup_user', { query: 'ayesha.nwosu@acme.example' })).ok).toBe(true);
      expect(await g.audit.verify()).toMatchObject({ ok: true });
      expect(g.logLines.join('\n')).not.toMatch(/tool call failed unexpectedly/);
    } finally {
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
      g.close();
      await store.close();
    }
  });

  it('a read-only database file opens (nothing to migrate) and reads, but calls answer "read-only" unavailable', async () => {
    const dir = tempDir();
    const path = await migratedDb(dir);
    chmodSync(path, 0o444); // the directory stays writable (WAL needs its -shm file); only the database file is not
    // Root ignores file permissions; without CAP_DAC_OVERRIDE (dropped from the child's bounding set) it does not.
    const noOverride = process.getuid?.() === 0 ? 'setpriv --bounding-set=-dac_override,-dac_read_search --' : '';
    const { steps, stderr } = await runChild(noOverride, ['readonly', path]);
    expect(steps.open, stderr).toMatchObject({ ok: true });
    expect(steps.read, stderr).toMatchObject({ ok: true });
    expect(steps.call, stderr).toMatchObject({
      ok: false,
      code: 'unavailable',
      message: expect.stringMatching(/read-only/),
    });
  }, 120_000);

  it('a full disk (file-size limit) gives an unavailable error naming the cause', async () => {
    const path = await migratedDb(tempDir());
    const { steps, stderr } = await runChild('ulimit -f 2048;', ['full', path]); // 2 MiB per file
    expect(steps.call, stderr).toMatchObject({
      ok: false,
      code: 'unavailable',
      message: expect.stringMatching(/disk .*full|I\/O error/),
    });
  }, 120_000);
});
