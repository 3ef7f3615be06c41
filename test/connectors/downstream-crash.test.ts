// Exactly once across a real crash: the executor process is SIGKILLed after the app created the account but before the
// outcome was recorded; a fresh worker re-finds the account instead of creating a second one, and records the request applied.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/index.js';
import { createStore } from '../../src/store/index.js';
import { toView } from '../../src/governance/requests/request-view.js';
import { startScimApp } from '../support/scim-app/index.js';
import { killAllChildren, runTsChild } from '../support/ts-child.js';

const CHILD = 'test/support/downstream-crash-child.ts';
const dirs: string[] = [];
afterAll(() => {
  killAllChildren();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('kill -9 between creating the app account and recording it', () => {
  it('creates the account once, and the resumed request shows Jira applied', async () => {
    const scim = await startScimApp();
    const dir = mkdtempSync(join(tmpdir(), 'warden-downstream-crash-'));
    dirs.push(dir);
    try {
      // The account exists in the app, then the executor dies before it hears back.
      scim.faults.afterHandle = (line) => {
        if (line.startsWith('POST /scim/v2/Users'))
          process.kill(Number(readFileSync(join(dir, 'crash.pid'), 'utf8')), 'SIGKILL');
      };
      const crashed = await runTsChild(CHILD, ['crash', dir, scim.url], { timeoutMs: 60_000 });
      expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
      scim.faults.afterHandle = undefined;
      expect([...scim.app.users.values()]).toHaveLength(1);

      const resumed = await runTsChild(CHILD, ['resume', dir, scim.url], { timeoutMs: 60_000 });
      expect(resumed.code, resumed.stderr).toBe(0);
      expect([...scim.app.users.values()].map((u) => u.userName)).toEqual(['zara.hayashi@acme.example']);
      expect(scim.log.filter((l) => l.startsWith('POST /scim/v2/Users'))).toHaveLength(1);

      const store = await createStore({ kind: 'sqlite', path: join(dir, 'warden.db') });
      try {
        const row = (await store.getRequest(readFileSync(join(dir, 'request-id'), 'utf8')))!;
        expect(row.status).toBe('applied');
        expect(toView(row).systems).toEqual([
          { system: 'Directory', status: 'applied' },
          expect.objectContaining({
            system: 'Jira',
            status: 'applied',
            detail: expect.stringMatching(
              /^completed after a restart: account zara\.hayashi@acme\.example already active/,
            ),
          }),
        ]);
        const audit = createAuditLog(store);
        expect(
          (await audit.query({ requestId: row.id })).filter((r) => r.action === 'downstream.applied'),
        ).toHaveLength(1);
        expect((await audit.verify()).ok).toBe(true);
      } finally {
        await store.close();
      }
    } finally {
      await scim.close();
    }
  }, 180_000);
});
