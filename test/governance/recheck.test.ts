// Approvals are re-checked against today's world: at each approval and again just before execution, a stopped subject,
// a deleted group or a tightened policy ends the request with a reason, on the record, and the directory is left alone.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Principal } from '../../src/core/principal.js';
import { isolateOktaSdk } from '../support/okta-env.js';
import { openOktaRequestWorld, type OktaRequestWorld } from '../support/okta-request-world.js';

isolateOktaSdk();

const SUBJECT = 'zara.hayashi@acme.example'; // reports to the manager below
const MANAGER = 'ayesha.nwosu@acme.example';
const HELPDESK = 'gabriel.reddy@acme.example';
const GROUP = 'Proj-Atlas';
let w: OktaRequestWorld;
let subjectId: string;
let groupId: string;

beforeEach(async () => {
  w = await openOktaRequestWorld();
  subjectId = (await w.directory.getUser(SUBJECT))!.id;
  groupId = (await w.directory.getGroup(GROUP))!.id;
}, 60_000);
afterEach(async () => {
  await w?.close();
});

const file = async (): Promise<string> => (await w.fileGroupAdd(await w.person(HELPDESK), SUBJECT, GROUP)).id;
const actions = async (id: string) => (await w.audit.query({ requestId: id })).map((r) => r.action);
const approve = async (id: string, login = MANAGER) => w.approvals.decide(id, await w.person(login), 'approve', 'ok');
const deactivateSubject = async () => {
  await w.directory.deactivateUser(subjectId);
};
const unchanged = () => expect(w.members(groupId)).not.toContain(subjectId);

it('a subject deactivated while the request was pending: the approval is refused with the reason, the request is cancelled and audited', async () => {
  const id = await file();
  await deactivateSubject();
  const err = await approve(id).then(
    () => ({ code: 'none', message: 'approved' }),
    (e: unknown) => e as { code: string; message: string; details?: { rule: string } },
  );
  expect(err).toMatchObject({ code: 'conflict', details: { rule: 'recheck.subject-inactive' } });
  expect(err.message).toMatch(
    /can no longer be approved and has been cancelled: .*zara\.hayashi.* is now DEPROVISIONED/,
  );
  const row = await w.requests.get(id);
  expect(row.status).toBe('cancelled');
  expect(row.failureReason).toMatch(/ayesha\.nwosu.*DEPROVISIONED/);
  expect(await actions(id)).toEqual(['request.created', 'request.cancelled']);
  const [cancelled] = await w.audit.query({ requestId: id, action: 'request.cancelled' });
  expect(cancelled!.args).toMatchObject({ rule: 'recheck.subject-inactive' });
  expect(await w.executor.resume()).toBe(0);
  unchanged();
  expect((await w.audit.verify()).ok).toBe(true);
}, 60_000);

it('a subject deactivated between approval and execution: the request fails and nothing is granted', async () => {
  const id = await file();
  expect((await approve(id)).status).toBe('approved');
  await deactivateSubject();
  await w.executor.resume();
  const row = await w.requests.get(id);
  expect(row.status).toBe('failed');
  expect(row.failureReason).toMatch(/^Not applied: .*DEPROVISIONED/);
  expect(await actions(id)).toEqual(['request.created', 'request.approved', 'request.failed']);
  const [failed] = await w.audit.query({ requestId: id, action: 'request.failed' });
  expect(failed!.args).toMatchObject({ rule: 'recheck.subject-inactive' });
  unchanged();
  expect(
    w.okta.calls.filter((c) => c.method === 'PUT' && c.path.startsWith(`/api/v1/groups/${groupId}/users/`)),
  ).toHaveLength(0);
}, 60_000);

it('a policy tightened after filing (two approvals now): the old request cannot be approved under the old rule', async () => {
  const id = await file();
  const rule =
    'effect: approval\n    approvals:\n      - { id: manager-or-owner, anyOf: [manager, owner], count: 1 }\n    maxDuration: 90d';
  w.editPolicy((y) => {
    expect(y.split(rule)).toHaveLength(2);
    return y.replace(rule, rule.replace('count: 1', 'count: 2, distinct: true'));
  });
  await expect(approve(id)).rejects.toMatchObject({ code: 'conflict', details: { rule: 'recheck.policy-stricter' } });
  expect((await w.requests.get(id)).status).toBe('cancelled');
  await w.executor.resume();
  unchanged();
}, 60_000);

it('a policy that now denies the change, loaded after approval: the executor does not apply the old request', async () => {
  const id = await file();
  await approve(id);
  w.editPolicy((y) =>
    y.replace(
      'rules:\n',
      `rules:\n  - id: atlas-freeze\n    description: Proj-Atlas is frozen during the audit.\n    tools: [request_group_add]\n    match: { resource: [${GROUP}] }\n    effect: deny\n`,
    ),
  );
  await w.executor.resume();
  const row = await w.requests.get(id);
  expect(row.status).toBe('failed');
  expect(row.failureReason).toMatch(/current policy refuses this change: Proj-Atlas is frozen/);
  const [failed] = await w.audit.query({ requestId: id, action: 'request.failed' });
  expect(failed!.args).toMatchObject({ rule: 'recheck.policy-denies' });
  unchanged();
}, 60_000);

it('an unrelated policy edit does not disturb open requests', async () => {
  const id = await file();
  w.editPolicy((y) => `${y}\n# an unrelated comment changes the hash only\n`);
  await approve(id);
  await w.executor.resume();
  expect((await w.requests.get(id)).status).toBe('applied');
  expect(w.members(groupId)).toContain(subjectId);
}, 60_000);

it('a group deleted after approval: the request fails with the reason and nothing is applied', async () => {
  const id = await file();
  await approve(id);
  const saved = w.okta.state.groups.get(groupId)!;
  w.okta.state.groups.delete(groupId);
  await w.executor.resume();
  const row = await w.requests.get(id);
  expect(row.status).toBe('failed');
  expect(row.failureReason).toBe('Not applied: The group Proj-Atlas no longer exists.');
  w.okta.state.groups.set(groupId, saved);
  unchanged();
}, 60_000);

it('a removal for a person deactivated meanwhile still goes ahead (taking access away is always safe)', async () => {
  const owner = 'lena.nguyen@acme.example';
  const member = w.okta.state.groups
    .get(groupId)!
    .members.map((m) => w.okta.state.users.get(m.userId)!)
    .find((u) => u.status === 'ACTIVE' && u.profile.login !== owner)!;
  const r = await w.governance.call({
    principal: (await w.person(HELPDESK)) as Principal,
    tool: 'request_group_remove',
    input: { user: member.profile.login, group: GROUP, reason: 'Left the Atlas project team' },
  });
  expect(r.ok, JSON.stringify(!r.ok && r.error)).toBe(true);
  const id = (r as unknown as { output: { id: string } }).output.id;
  await w.directory.deactivateUser(member.id);
  await approve(id, owner);
  await w.executor.resume();
  expect((await w.requests.get(id)).status).toBe('applied');
  expect(w.members(groupId)).not.toContain(member.id);
}, 60_000);

it('a suspended person gets no new access: filing is refused, and a grant filed before the suspension cannot be approved', async () => {
  const id = await file();
  await w.directory.suspendUser(subjectId);
  await expect(approve(id)).rejects.toMatchObject({ code: 'conflict', details: { rule: 'recheck.subject-inactive' } });
  const other = await w.governance.call({
    principal: await w.person(HELPDESK),
    tool: 'request_group_add',
    input: { user: SUBJECT, group: 'Proj-Orion', reason: 'Joining the Orion project team' },
  });
  expect(!other.ok && other.error.code).toBe('conflict');
  expect(!other.ok && other.error.message).toMatch(/is suspended/);
  unchanged();
}, 60_000);
