// Transient Okta failures during execution are retried across executor cycles (backoff, Okta's reset respected) until
// the upstream recovers or the deadline passes; permanent errors fail at once. One audit record per retry episode.
import { afterEach, expect, it } from 'vitest';
import { isolateOktaSdk } from '../support/okta-env.js';
import { openOktaRequestWorld, type OktaRequestWorld } from '../support/okta-request-world.js';
import { isTransient, type RetryPolicy } from '../../src/governance/requests/retry-policy.js';
import { toAppError } from '../../src/directory/okta/errors.js';
import { loadConfig } from '../../src/config.js';

isolateOktaSdk();

const SUBJECT = 'zara.hayashi@acme.example';
const MANAGER = 'ayesha.nwosu@acme.example';
const HELPDESK = 'gabriel.reddy@acme.example';
const GROUP = 'Proj-Atlas';
let w: OktaRequestWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

/** Files and approves one Proj-Atlas request (execution left to the test's executor cycles). */
async function approvedRequest(retry: Partial<RetryPolicy>) {
  w = await openOktaRequestWorld({ executor: { retry } });
  const id = (await w.fileGroupAdd(await w.person(HELPDESK), SUBJECT, GROUP)).id;
  await w.approvals.decide(id, await w.person(MANAGER), 'approve', 'ok');
  const ids = {
    request: id,
    user: (await w.directory.getUser(SUBJECT))!.id,
    group: (await w.directory.getGroup(GROUP))!.id,
  };
  w.okta.resetCalls();
  return ids;
}

/** Runs executor cycles until the request leaves `approved`/`executing` (generous deadline; never a fixed sleep). */
async function cyclesUntilSettled(id: string, seen: Array<{ status: string; failureReason?: string }> = []) {
  const until = Date.now() + 60_000;
  for (;;) {
    await w!.executor.resume();
    const r = await w!.requests.get(id);
    seen.push({ status: r.status, failureReason: r.failureReason });
    if (r.status !== 'approved' && r.status !== 'executing') return r;
    if (Date.now() > until) throw new Error(`request still ${r.status} at the deadline: ${r.failureReason}`);
    await new Promise((res) => setTimeout(res, 20));
  }
}

const actions = async (id: string) => (await w!.audit.query({ requestId: id })).map((r) => r.action);
const membershipPuts = (groupId: string, userId: string) =>
  w!.okta.calls.filter((c) => c.method === 'PUT' && c.path === `/api/v1/groups/${groupId}/users/${userId}`);

it.each([[429], [503]] as const)(
  'Okta answering %i a few times: the request waits in line, then is applied exactly once',
  async (status) => {
    const ids = await approvedRequest({ baseMs: 50, maxMs: 200 });
    w!.okta.failNext(status, 3);
    const seen: Array<{ status: string; failureReason?: string }> = [];
    const done = await cyclesUntilSettled(ids.request, seen);
    expect(done.status).toBe('applied');
    expect(done.failureReason).toBeUndefined();
    // While it waited, people saw why and until when.
    expect(seen.find((s) => s.status === 'approved')?.failureReason).toMatch(
      /^Waiting to retry: Okta .*Attempt 1 failed; next attempt after \S+; Warden gives up at \S+\.$/,
    );
    expect(await actions(ids.request)).toEqual([
      'request.created',
      'request.approved',
      'request.retrying',
      'request.executed',
    ]);
    const [retrying] = await w!.audit.query({ requestId: ids.request, action: 'request.retrying' });
    expect(retrying!.args).toMatchObject({ code: status === 429 ? 'rate_limited' : 'upstream_unavailable' });
    const [executed] = await w!.audit.query({ requestId: ids.request, action: 'request.executed' });
    expect(executed!.args).toMatchObject({ attempts: 4 });
    expect(membershipPuts(ids.group, ids.user).filter((c) => c.status === 204)).toHaveLength(1);
    expect(w!.okta.state.groups.get(ids.group)!.members.filter((m) => m.userId === ids.user)).toHaveLength(1);
    expect((await w!.audit.verify()).ok).toBe(true);
  },
  90_000,
);

it('a 429 announcing its reset: the next attempt is not scheduled before the reset', async () => {
  const ids = await approvedRequest({ baseMs: 1, maxMs: 1 });
  w!.okta.failNext(429, 1);
  const before = Date.now();
  await w!.executor.resume();
  const waiting = (await w!.store.getRequest(ids.request))!;
  expect(waiting.status).toBe('approved');
  expect(w!.okta.calls.filter((c) => c.status === 429)).toHaveLength(1);
  // The 429 says "reset in about a second" (X-Rate-Limit-Reset); the backoff alone would be 1 ms.
  expect(Date.parse(waiting.retryAt!)).toBeGreaterThanOrEqual(before + 1000);
  expect(await w!.store.claimRequestForExecution(ids.request, 'too-early', new Date(before).toISOString())).toBeNull();
  expect((await cyclesUntilSettled(ids.request)).status).toBe('applied');
}, 90_000);

it('a permanent error (Okta answers 403: the group became app-imported) fails at once, without retrying', async () => {
  const ids = await approvedRequest({ baseMs: 50, maxMs: 200 });
  w!.okta.state.groups.get(ids.group)!.type = 'APP_GROUP';
  await w!.executor.resume();
  const r = await w!.requests.get(ids.request);
  expect(r.status).toBe('failed');
  expect(r.failureReason).toMatch(/managed outside Okta/);
  expect(await actions(ids.request)).toEqual(['request.created', 'request.approved', 'request.failed']);
  expect(membershipPuts(ids.group, ids.user).map((c) => c.status)).toEqual([403]);
}, 90_000);

it.each([
  [400, false],
  [401, false],
  [403, false],
  [404, false],
  [409, false],
  [429, true],
  [500, true],
  [501, false],
  [502, true],
  [503, true],
])('Okta HTTP %i during execution is transient: %s', (status, transient) => {
  const err = toAppError({ status, errorCode: 'E0000001', headers: {} }, 'change something');
  expect(isTransient(err)).toBe(transient);
});

it("network failures are transient; Warden's own errors are not", () => {
  expect(
    isTransient(toAppError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'change something')),
  ).toBe(true);
  expect(isTransient(new Error('the directory does not show the change after applying it'))).toBe(false);
});

it('an upstream that stays down: the request fails after the deadline with a clear reason, one retry record', async () => {
  const ids = await approvedRequest({ baseMs: 50, maxMs: 200, deadlineMs: 1_500 });
  w!.okta.failNext(503, 100_000);
  const r = await cyclesUntilSettled(ids.request);
  expect(r.status).toBe('failed');
  expect(r.failureReason).toMatch(/^Gave up after \d+ attempts since \S+: Okta is unavailable \(HTTP 503\)/);
  expect(await actions(ids.request)).toEqual([
    'request.created',
    'request.approved',
    'request.retrying',
    'request.failed',
  ]);
  expect(w!.okta.state.groups.get(ids.group)!.members.some((m) => m.userId === ids.user)).toBe(false);
}, 90_000);

it('revoking an expired grant while Okta fails: retried with backoff on later sweeps, one audit record for the episode', async () => {
  let clock = Date.now();
  w = await openOktaRequestWorld({
    now: () => new Date(clock),
    executor: { retry: { baseMs: 60_000, maxMs: 60_000 } },
  });
  const id = (await w.fileGroupAdd(await w.person(HELPDESK), SUBJECT, GROUP, { duration: '8h' })).id;
  await w.approvals.decide(id, await w.person(MANAGER), 'approve', 'ok');
  await w.executor.resume();
  expect((await w.requests.get(id)).status).toBe('applied');
  const groupId = (await w.directory.getGroup(GROUP))!.id;
  const userId = (await w.directory.getUser(SUBJECT))!.id;

  clock += 9 * 3_600_000;
  w.okta.failNext(503, 3);
  const calls = () => w!.okta.calls.length;
  for (let failures = 0; failures < 3; failures++) {
    expect(await w.executor.sweep()).toEqual({ expired: 0, revoked: 0 });
    const waiting = (await w.store.getRequest(id))!;
    expect(waiting.status).toBe('applied');
    expect(waiting.failureReason).toMatch(/^Revoking the expired grant failed \(Okta is unavailable \(HTTP 503\)/);
    const before = calls();
    await w.executor.sweep(); // within the backoff: nothing is tried
    expect(calls()).toBe(before);
    clock = Date.parse(waiting.retryAt!) + 1;
  }
  expect(await w.executor.sweep()).toEqual({ expired: 0, revoked: 1 });
  const done = await w.requests.get(id);
  expect(done.status).toBe('revoked');
  expect(done.failureReason).toBeUndefined();
  expect(w.okta.state.groups.get(groupId)!.members.some((m) => m.userId === userId)).toBe(false);
  expect(await actions(id)).toEqual([
    'request.created',
    'request.approved',
    'request.executed',
    'grant.revoke-retrying',
    'grant.revoked',
  ]);
}, 90_000);

it('WARDEN_EXECUTOR_RETRY_DEADLINE_SECONDS sets the retry deadline (default one hour)', () => {
  expect(loadConfig({}).executorRetryDeadlineMs).toBe(3_600_000);
  expect(loadConfig({ WARDEN_EXECUTOR_RETRY_DEADLINE_SECONDS: '120' }).executorRetryDeadlineMs).toBe(120_000);
  expect(() => loadConfig({ WARDEN_EXECUTOR_RETRY_DEADLINE_SECONDS: '-1' })).toThrow();
});
