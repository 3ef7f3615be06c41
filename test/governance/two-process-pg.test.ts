// Two real Warden processes on one PostgreSQL schema and one Okta (emulator): both approve and execute concurrently,
// every request is applied exactly once (one PUT, one System Log event each), none is stuck, and one audit chain verifies.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOktaDirectory } from '../../src/directory/okta/index.js';
import { loadSeed } from '../../src/directory/seed.js';
import { isolateOktaSdk } from '../support/okta-env.js';
import { startOktaEmulator, type OktaEmulator } from '../support/okta-emulator/index.js';
import { ACME_DIR, openRequestWorld, type RequestWorld } from '../support/request-world.js';
import { killAllChildren, startTsChild } from '../support/ts-child.js';
import { freshSchemaName, PG_URL, pgRaw } from '../store/harness.js';

isolateOktaSdk();

const N = 30;
const GROUP = 'Proj-Atlas';
const OWNERS = ['lena.nguyen@acme.example', 'zara.verma@acme.example']; // each process approves as one of them
const HELPDESK = 'gabriel.reddy@acme.example';
const CHILD = 'test/support/two-process-child.ts';
const seed = loadSeed(`${ACME_DIR}/directory.json`);
const group = seed.groups.find((g) => g.profile.name === GROUP)!;
const subjects = seed.users
  .filter(
    (u) =>
      u.status === 'ACTIVE' &&
      !group.members.some((m) => m.userId === u.id) &&
      ![...OWNERS, HELPDESK].includes(u.profile.login),
  )
  .slice(0, N);
const schema = freshSchemaName();
let okta: OktaEmulator;
let world: RequestWorld;

beforeAll(async () => {
  okta = await startOktaEmulator({ seed });
  world = await openRequestWorld({
    store: { kind: 'postgres', url: PG_URL, schema },
    directory: createOktaDirectory({ orgUrl: okta.url, token: okta.token }),
  });
}, 60_000);
afterAll(async () => {
  killAllChildren();
  await world?.close();
  await okta?.close();
  await pgRaw(undefined, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
});

it('two processes approving and executing the same requests apply each exactly once and keep one audit chain', async () => {
  expect(subjects).toHaveLength(N);
  const helpdesk = await world.person(HELPDESK);
  const ids: string[] = [];
  for (const u of subjects) ids.push((await world.fileGroupAdd(helpdesk, u.profile.login, GROUP)).id);
  okta.resetCalls();

  const base = {
    TWO_PG_URL: PG_URL,
    TWO_PG_SCHEMA: schema,
    TWO_OKTA_URL: okta.url,
    TWO_OKTA_TOKEN: okta.token,
    TWO_DEADLINE_MS: '60000',
  };
  const children = OWNERS.map((approver, i) =>
    startTsChild(CHILD, [], {
      timeoutMs: 90_000,
      env: {
        ...base,
        TWO_WORKER: `worker-${i}`,
        TWO_APPROVER: approver,
        TWO_APPROVE: ids.filter((_, k) => k % 2 === i).join(','),
      },
    }),
  );
  await Promise.all(children.map((c) => c.line((l) => l === 'ready')));
  for (const c of children) c.send('go\n'); // start both at once
  const results = await Promise.all(children.map((c) => c.done));
  for (const r of results) expect(r.code, r.stderr).toBe(0);
  const reports = results.map(
    (r) => JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { worker: string; applied: number },
  );
  expect(reports.reduce((n, r) => n + r.applied, 0)).toBe(N); // each request finished by exactly one process

  // Every request applied, none stuck or failed.
  const rows = await Promise.all(ids.map((id) => world.store.getRequest(id)));
  expect(rows.map((r) => r!.status)).toEqual(ids.map(() => 'applied'));
  expect(await world.store.countRequests({ status: ['approved', 'executing', 'failed', 'pending'] })).toBe(0);

  // Exactly one PUT /groups/{gid}/users/{uid} per request, and one System Log event per membership.
  const puts = okta.calls.filter((c) => c.method === 'PUT' && c.path.startsWith(`/api/v1/groups/${group.id}/users/`));
  expect(puts.map((c) => c.path.split('/').at(-1)).sort()).toEqual(subjects.map((u) => u.id).sort());
  for (const u of subjects) {
    const adds = okta.state.events.filter(
      (e) =>
        e.eventType === 'group.user_membership.add' &&
        e.target.some((t) => t.id === u.id) &&
        e.target.some((t) => t.id === group.id),
    );
    expect(adds, u.profile.login).toHaveLength(1);
    expect(okta.state.groups.get(group.id)!.members.filter((m) => m.userId === u.id)).toHaveLength(1);
  }

  // One chain, contiguous, covering both processes: each request's story told once, approvals from both.
  const chain = await world.audit.query({ limit: 10_000 });
  expect(chain.map((r) => r.seq)).toEqual(chain.map((_, i) => i + 1));
  for (const id of ids) {
    expect(chain.filter((r) => r.requestId === id).map((r) => r.action)).toEqual([
      'request.created',
      'request.approved',
      'request.executed',
    ]);
  }
  expect(new Set(chain.filter((r) => r.action === 'request.approved').map((r) => r.actor.person?.login))).toEqual(
    new Set(OWNERS),
  );
  expect(await world.audit.verify()).toMatchObject({ ok: true, count: chain.length });
}, 120_000);
