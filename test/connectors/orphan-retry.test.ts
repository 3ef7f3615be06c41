// An orphan account's removal is made only in the app, so an app failure that outlasts the in-call retries is handled as a
// directory failure is: transient ones (429, 5xx, network) wait and retry across executor runs until the deadline, with one
// request.retrying record per episode; permanent ones (other 4xx) fail the request at once with the app's message.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { scimRequest } from '../../src/connectors/scim/scim-http.js';
import type { AccessRequestRow } from '../../src/core/store.js';
import { payloadOf } from '../../src/governance/requests/request-view.js';
import { isTransient, type RetryPolicy } from '../../src/governance/requests/retry-policy.js';
import { openJiraWorld, type JiraWorld } from '../support/jira-world.js';
import { startScimApp, type TestScimApp } from '../support/scim-app/index.js';

let scim: TestScimApp;
let w: JiraWorld | undefined;
const dirs: string[] = [];
beforeEach(async () => {
  scim = await startScimApp();
});
afterEach(async () => {
  await w?.close();
  w = undefined;
  await scim.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A Jira world on a fresh SQLite file whose executor retries on the given schedule. */
async function open(retry: Partial<RetryPolicy>): Promise<JiraWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-orphan-retry-'));
  dirs.push(dir);
  w = await openJiraWorld({
    store: { kind: 'sqlite', path: join(dir, 'warden.db') },
    scimUrl: scim.url,
    requests: { executor: { retry } },
  });
  return w;
}

/** An orphan Jira account, its filed removal, and the PATCHes the app actually processed (a faulted call never reaches it). */
async function filedOrphan(userName: string) {
  const acct = scim.app.seedUser({ userName });
  const req = await w!.fileOrphanRemoval(userName);
  const patch = new RegExp(`^PATCH /scim/v2/Users/${acct.id}`);
  const landed: string[] = [];
  scim.faults.afterHandle = (line) => {
    if (patch.test(line)) landed.push(line);
  };
  return { acct, req, patch, landed };
}

/** Runs executor cycles until the row satisfies `done` (polls; generous deadline; never a fixed sleep). */
async function cyclesUntil(id: string, done: (r: AccessRequestRow) => boolean): Promise<AccessRequestRow> {
  const until = Date.now() + 60_000;
  for (;;) {
    await w!.executor.resume();
    const r = (await w!.store.getRequest(id))!;
    if (done(r)) return r;
    if (Date.now() > until) throw new Error(`request still ${r.status} at the deadline: ${r.failureReason}`);
    await new Promise((res) => setTimeout(res, 20));
  }
}
const settled = (r: AccessRequestRow) => r.status !== 'approved' && r.status !== 'executing';
const actions = async (id: string) => (await w!.audit.query({ requestId: id })).map((r) => r.action);

it('the app answering 503 past the in-call retries: the request waits in line, then is applied exactly once when the app recovers', async () => {
  await open({ baseMs: 20, maxMs: 50 });
  const { acct, req, patch, landed } = await filedOrphan('flaky@elsewhere.example');
  scim.faults.serverError = { times: Number.POSITIVE_INFINITY, status: 503, match: patch };
  await w!.approve(req.id);
  await w!.executor.idle();

  const waiting = await w!.requests.get(req.id);
  expect(waiting.status).toBe('approved');
  expect(waiting.failureReason).toMatch(
    /^Waiting to retry: Jira \(SCIM\) failed \(HTTP 503\): Service temporarily unavailable\. Attempt 1 failed; next attempt after \S+; Warden gives up at \S+\.$/,
  );
  expect(waiting.systems).toEqual([
    expect.objectContaining({
      system: 'Jira',
      status: 'retrying',
      detail: 'Jira (SCIM) failed (HTTP 503): Service temporarily unavailable.',
    }),
  ]);
  // More runs while the app stays down: more attempts, one record for the whole episode.
  await cyclesUntil(req.id, (r) => (payloadOf(r).retry?.attempts ?? 0) >= 3);
  expect(await actions(req.id)).toEqual(['request.created', 'request.approved', 'request.retrying']);
  expect(acct.active).toBe(true);

  scim.faults.serverError = undefined;
  const done = await cyclesUntil(req.id, settled);
  expect(done.status).toBe('applied');
  expect(done.failureReason).toBeUndefined();
  const view = await w!.requests.get(req.id);
  expect(view.systems).toEqual([
    expect.objectContaining({
      system: 'Jira',
      status: 'applied',
      detail: 'deactivated account flaky@elsewhere.example',
    }),
  ]);
  expect(scim.app.users.get(acct.id)?.active).toBe(false);
  expect(landed).toHaveLength(1);
  expect(await actions(req.id)).toEqual([
    'request.created',
    'request.approved',
    'request.retrying',
    'downstream.applied',
    'request.executed',
  ]);
  const [retrying] = await w!.audit.query({ requestId: req.id, action: 'request.retrying' });
  expect(retrying!.args).toMatchObject({ code: 'upstream_unavailable' });
  const [executed] = await w!.audit.query({ requestId: req.id, action: 'request.executed' });
  expect((executed!.args as { attempts: number }).attempts).toBeGreaterThanOrEqual(4);
  expect((await w!.audit.verify()).ok).toBe(true);

  // Nothing is left to run: another cycle writes nothing.
  await w!.executor.resume();
  expect(landed).toHaveLength(1);
}, 60_000);

it.each([
  [400, 'active is read-only for this account'],
  [403, 'the token may not change users'],
])(
  "the app refusing with %i: the request fails at once with the app's message, nothing is retried",
  async (status, detail) => {
    await open({ baseMs: 20, maxMs: 50 });
    const { acct, req, patch, landed } = await filedOrphan(`refused-${status}@elsewhere.example`);
    scim.faults.refuse = { times: Number.POSITIVE_INFINITY, status, detail, match: patch };
    await w!.approve(req.id);
    await w!.executor.idle();

    const r = await w!.requests.get(req.id);
    expect(r.status).toBe('failed');
    expect(r.failureReason).toBe(`Not applied in Jira: Jira (SCIM) refused the call (HTTP ${status}): ${detail}.`);
    expect(r.systems).toEqual([expect.objectContaining({ system: 'Jira', status: 'failed' })]);
    expect(await actions(req.id)).toEqual([
      'request.created',
      'request.approved',
      'downstream.failed',
      'request.failed',
    ]);
    expect(scim.log.filter((l) => patch.test(l))).toHaveLength(1); // not even retried within the call
    expect(landed).toEqual([]);
    expect(scim.app.users.get(acct.id)?.active).toBe(true);
  },
  60_000,
);

it('an app that stays down: the request fails once the deadline has passed, with one retry record', async () => {
  await open({ baseMs: 20, maxMs: 50, deadlineMs: 300 });
  const { acct, req, patch, landed } = await filedOrphan('down@elsewhere.example');
  scim.faults.serverError = { times: Number.POSITIVE_INFINITY, status: 503, match: patch };
  await w!.approve(req.id);
  const done = await cyclesUntil(req.id, settled);

  expect(done.status).toBe('failed');
  expect(done.failureReason).toMatch(
    /^Gave up after \d+ attempts since \S+: Jira \(SCIM\) failed \(HTTP 503\): Service temporarily unavailable\.$/,
  );
  expect(await actions(req.id)).toEqual(['request.created', 'request.approved', 'request.retrying', 'request.failed']);
  // The app's last state was "retrying"; on a failed request it shows as failed, with the reason.
  expect((await w!.requests.get(req.id)).systems).toEqual([
    expect.objectContaining({ system: 'Jira', status: 'failed', detail: done.failureReason }),
  ]);
  expect(landed).toEqual([]);
  expect(scim.app.users.get(acct.id)?.active).toBe(true);
}, 60_000);

it.each([
  [429, true],
  [500, true],
  [501, false],
  [502, true],
  [503, true],
  [400, false],
  [401, false],
  [403, false],
  [404, false],
  [409, false],
])('a SCIM app answering %i is transient for the executor: %s', async (status, transient) => {
  const err = await scimRequest(
    {
      app: 'Jira',
      baseUrl: 'http://jira.invalid/scim/v2',
      maxAttempts: 1,
      fetch: async () => new Response(JSON.stringify({ detail: 'no' }), { status }),
    },
    { requests: 0 },
    'PATCH',
    '/Users/1',
    {},
  ).catch((e: unknown) => e);
  expect(isTransient(err)).toBe(transient);
});

it('a SCIM app that cannot be reached is transient for the executor', async () => {
  const err = await scimRequest(
    {
      app: 'Jira',
      baseUrl: 'http://jira.invalid/scim/v2',
      maxAttempts: 1,
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    },
    { requests: 0 },
    'GET',
    '/Users',
  ).catch((e: unknown) => e);
  expect(isTransient(err)).toBe(true);
});
