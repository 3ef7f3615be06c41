// Exactly once across a real crash for a change made only in an app: the executor process is SIGKILLed after Jira
// deactivated the orphan account (the PATCH landed) but before the outcome was recorded; a fresh worker resumes the
// request, finds the account already inactive (its predecessor's work, not a reason to stop) and records it executed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/index.js';
import { payloadOf, toView } from '../../src/governance/requests/request-view.js';
import { createStore } from '../../src/store/index.js';
import { startScimApp } from '../support/scim-app/index.js';
import { killAllChildren, runTsChild } from '../support/ts-child.js';

const CHILD = 'test/support/orphan-crash-child.ts';
const GHOST = 'ghost.user@elsewhere.example';
const dirs: string[] = [];
afterAll(() => {
  killAllChildren();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The request as the SQLite file holds it, and its audit trail. */
async function inspect(dir: string) {
  const store = await createStore({ kind: 'sqlite', path: join(dir, 'warden.db') });
  try {
    const row = (await store.getRequest(readFileSync(join(dir, 'request-id'), 'utf8')))!;
    const audit = createAuditLog(store);
    return {
      row,
      actions: (await audit.query({ requestId: row.id })).map((r) => r.action),
      verify: await audit.verify(),
    };
  } finally {
    await store.close();
  }
}

it('kill -9 between the app PATCH and recording it: resumed, the account is deactivated once and the request executed', async () => {
  const scim = await startScimApp();
  const dir = mkdtempSync(join(tmpdir(), 'warden-orphan-crash-'));
  dirs.push(dir);
  try {
    const ghost = scim.app.seedUser({ userName: GHOST });
    const patch = `PATCH /scim/v2/Users/${ghost.id}`;
    const landed: string[] = [];
    // The app has deactivated the account; the executor dies before it hears back.
    scim.faults.afterHandle = (line) => {
      if (line !== patch) return;
      landed.push(line);
      process.kill(Number(readFileSync(join(dir, 'crash.pid'), 'utf8')), 'SIGKILL');
    };
    const crashed = await runTsChild(CHILD, ['crash', dir, scim.url, GHOST], { timeoutMs: 60_000 });
    expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
    expect(scim.app.users.get(ghost.id)?.active).toBe(false);
    const dead = await inspect(dir);
    expect(dead.row).toMatchObject({ status: 'executing', claimedBy: 'crashing-worker' });
    expect(payloadOf(dead.row).downstream?.outcomes.Jira?.status).toBe('pending'); // the write was never recorded

    scim.faults.afterHandle = (line) => {
      if (line === patch) landed.push(line);
    };
    // A fresh worker finishes it; a second restart finds nothing left to do.
    for (let i = 0; i < 2; i++) {
      const resumed = await runTsChild(CHILD, ['resume', dir, scim.url], { timeoutMs: 60_000 });
      expect(resumed.code, resumed.stderr).toBe(0);
    }

    expect(landed).toEqual([patch]); // one write, ever
    expect(scim.log.filter((l) => l.startsWith('PATCH'))).toEqual([patch]);
    const end = await inspect(dir);
    expect(end.row.status).toBe('applied');
    expect([end.row.failureReason, end.row.claimedBy]).toEqual([undefined, undefined]);
    expect(toView(end.row).systems).toEqual([
      expect.objectContaining({
        system: 'Jira',
        status: 'applied',
        detail: `completed after a restart: account ${GHOST} already inactive`,
      }),
    ]);
    expect(end.actions).toEqual([
      'request.created',
      'request.approved',
      'request.resumed',
      'downstream.applied',
      'request.executed',
    ]);
    expect(end.verify.ok).toBe(true);
  } finally {
    await scim.close();
  }
}, 180_000);
