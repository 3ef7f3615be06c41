// Crash recovery with real processes: a child SIGKILLs itself at one point of executing (or of revoking) a request, and fresh
// children recover over the same SQLite file (which holds the directory's changes too). Each change lands exactly once and nothing is lost.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuditLog } from '../../src/audit/index.js';
import { loadLocalState } from '../../src/directory/local/local-state.js';
import { loadSeed } from '../../src/directory/seed.js';
import { createStore } from '../../src/store/index.js';
import { ACME_DIR } from '../support/request-world.js';
import { killAllChildren, runTsChild } from '../support/ts-child.js';

const CHILD = 'test/support/executor-crash-child.ts';
const SUBJECT = 'zara.hayashi@acme.example';
const GROUP = 'Proj-Atlas';
const seed = loadSeed(`${ACME_DIR}/directory.json`);
const userId = seed.users.find((u) => u.profile.login === SUBJECT)!.id;
const groupId = seed.groups.find((g) => g.profile.name === GROUP)!.id;
const dirs: string[] = [];

afterAll(() => {
  killAllChildren();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Everything the files on disk say about the request: its row, the directory's membership and System Log, the audit trail. */
async function inspect(dir: string) {
  const id = readFileSync(join(dir, 'request-id'), 'utf8');
  const store = await createStore({ kind: 'sqlite', path: join(dir, 'warden.db') });
  try {
    const state = await loadLocalState({ seedPath: `${ACME_DIR}/directory.json`, store });
    const group = state.groups.find((g) => g.id === groupId)!;
    const events = (type: string) =>
      state.events.filter(
        (e) => e.eventType === type && e.target.some((t) => t.id === userId) && e.target.some((t) => t.id === groupId),
      ).length;
    const audit = createAuditLog(store);
    const trail = await audit.query({ requestId: id });
    return {
      row: (await store.getRequest(id))!,
      memberships: group.members.filter((m) => m.userId === userId).length,
      addEvents: events('group.user_membership.add'),
      removeEvents: events('group.user_membership.remove'),
      actions: trail.map((r) => r.action),
      chain: (await audit.query({ limit: 1000 })).map((r) => r.action),
      executed: trail.filter((r) => r.action === 'request.executed'),
      revoked: trail.filter((r) => r.action === 'grant.revoked'),
      verify: await audit.verify(),
    };
  } finally {
    await store.close();
  }
}

/** A fresh worker process: `resume` (executions) or `sweep` (revocations, 9h later). */
const recover = async (mode: 'resume' | 'sweep', dir: string, staleAfterMs: number) => {
  const r = await runTsChild(CHILD, [mode, dir, String(staleAfterMs)], { timeoutMs: 60_000 });
  expect(r.code, r.stderr).toBe(0);
};
const resume = (dir: string, staleAfterMs: number) => recover('resume', dir, staleAfterMs);

/** Runs the crashing child and checks it died by SIGKILL. */
async function crash(mode: 'crash' | 'revoke-crash', point: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `warden-${mode}-${point}-`));
  dirs.push(dir);
  const r = await runTsChild(CHILD, [mode, dir, point], { timeoutMs: 60_000 });
  expect(r.signal, `the child should have died at ${point}: ${r.stderr}`).toBe('SIGKILL');
  return dir;
}

/** Where each crash leaves things: the request's status and whether the directory already shows the change. */
const AT_CRASH = {
  approved: { status: 'approved', memberships: 0 }, // approval recorded, the executor never ran
  claimed: { status: 'executing', memberships: 0 }, // claimed, the directory not yet called
  applied: { status: 'executing', memberships: 1 }, // the directory changed, the request not yet recorded
  recorded: { status: 'applied', memberships: 1 }, // recorded applied (and audited) just before dying
} as const;

describe.each(Object.keys(AT_CRASH) as Array<keyof typeof AT_CRASH>)('kill -9 at "%s", then resume', (point) => {
  it('applies the change exactly once, loses nothing, and the audit chain verifies', async () => {
    expect(seed.groups.find((g) => g.id === groupId)!.members.some((m) => m.userId === userId)).toBe(false);
    const dir = await crash('crash', point);
    const dead = await inspect(dir);
    expect(dead.row.status).toBe(AT_CRASH[point].status);
    expect(dead.memberships).toBe(AT_CRASH[point].memberships);
    expect(dead.addEvents).toBe(AT_CRASH[point].memberships);

    if (dead.row.status === 'executing') {
      // A restart within staleAfterMs leaves a claim alone: its worker might still be running.
      await resume(dir, 600_000);
      expect((await inspect(dir)).row).toMatchObject({
        status: 'executing',
        claimedBy: 'crashing-worker',
        version: dead.row.version,
      });
    }
    await resume(dir, 0);
    await resume(dir, 0); // and a second restart finds nothing left to do

    const end = await inspect(dir);
    expect(end.row.status).toBe('applied');
    expect([end.row.failureReason, end.row.claimedBy]).toEqual([undefined, undefined]);
    expect(end.row.directoryRequestId).toBeTruthy();
    expect(end.row.grantExpiresAt).toBeTruthy();
    expect(end.memberships).toBe(1);
    expect(end.addEvents).toBe(1); // never applied twice
    // Nothing lost, nothing doubled; taking over a crashed worker's claim is itself on record.
    const resumed = dead.row.status === 'executing' ? ['request.resumed'] : [];
    expect(end.actions).toEqual(['request.created', 'request.approved', ...resumed, 'request.executed']);
    // After a crash between the directory call and recording, the resumed run finds the change already in place.
    expect(end.executed[0]!.args).toMatchObject({ changed: point !== 'applied' });
    expect(end.chain).toEqual(['request.created', 'tool.call', 'request.approved', ...resumed, 'request.executed']);
    expect(end.verify).toMatchObject({ ok: true, count: end.chain.length });
  }, 120_000);
});

/** Where each crash while revoking an expired 8h grant leaves things. */
const AT_REVOKE_CRASH = {
  claimed: { status: 'applied', memberships: 1 }, // revocation claimed, the directory not yet called
  applied: { status: 'applied', memberships: 0 }, // membership removed, the request not yet recorded revoked
  recorded: { status: 'revoked', memberships: 0 }, // recorded revoked (and audited) just before dying
} as const;

describe.each(Object.keys(AT_REVOKE_CRASH) as Array<keyof typeof AT_REVOKE_CRASH>)(
  'kill -9 at "%s" while revoking an expired grant, then sweep',
  (point) => {
    it('revokes exactly once and never marks a grant revoked while the access is still in place', async () => {
      const dir = await crash('revoke-crash', point);
      const dead = await inspect(dir);
      expect(dead.row.status).toBe(AT_REVOKE_CRASH[point].status);
      expect(dead.memberships).toBe(AT_REVOKE_CRASH[point].memberships);

      if (dead.row.status === 'applied') {
        expect(dead.row.claimedBy).toBe('crashing-worker');
        await recover('sweep', dir, 600_000); // a fresh claim is left to its worker
        expect((await inspect(dir)).row.version).toBe(dead.row.version);
      }
      await recover('sweep', dir, 0);
      await recover('sweep', dir, 0);

      const end = await inspect(dir);
      expect(end.row.status).toBe('revoked');
      expect(end.row.claimedBy).toBeUndefined();
      expect([end.memberships, end.addEvents, end.removeEvents]).toEqual([0, 1, 1]);
      expect(end.actions).toEqual(['request.created', 'request.approved', 'request.executed', 'grant.revoked']);
      expect(end.revoked[0]!.args).toMatchObject({ changed: point !== 'applied' });
      expect(end.verify).toMatchObject({ ok: true, count: end.chain.length });
    }, 120_000);
  },
);
