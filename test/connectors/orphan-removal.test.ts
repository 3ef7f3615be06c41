// Orphan accounts (no person in the directory) removed through the governed path: filed by an agent from the reconcile row,
// approved by a person, applied once in the scimmy SCIM app only; refusals, re-checks before approval, and app faults;
// on SQLite and on PostgreSQL (the one-open-request-per-account rule is the database's).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/core/principal.js';
import { RequestCard } from '../../src/web/ui/views/request-card.js';
import { personas } from '../support/harness.js';
import { connectedWarden } from './support.js';

type World = Awaited<ReturnType<typeof connectedWarden>>;
const TOOL = 'request_downstream_account_removal';
const REASON = 'Reconcile: this Jira account matches no person';

/** Everything the directory has recorded since `cursor` (the local directory logs every change as an event). */
const directoryEventsSince = async (t: World, cursor: string) =>
  (await t.w.directory.readEventLog({ cursor, limit: 1000 })).events;

const person = async (t: World, login: string): Promise<Principal> => {
  const u = (await t.w.directory.getUser(login))!;
  return { kind: 'person', clientId: 'warden-web', auth: 'session', person: { id: u.id, login: u.login } };
};

/** A tool call as the helpdesk agent; the result as governance returns it (ok or a structured error). */
const call = async (t: World, tool: string, input: Record<string, unknown>) => {
  const u = (await t.w.directory.getUser(personas.helpdesk as string))!;
  return t.w.governance.call({
    principal: { kind: 'agent', clientId: 'claude-desktop', auth: 'api_key', person: { id: u.id, login: u.login } },
    tool,
    input,
  });
};

const anyActive = async (t: World) =>
  (await t.w.directory.findUsers({ status: 'ACTIVE', department: 'Finance', limit: 1 })).items[0]!;

const accountById = (t: World, id: string) => t.scim.app.users.get(id);

describe.each(['sqlite', 'postgres'] as const)('orphan account removal (deactivate, %s)', (store) => {
  let t: World;
  beforeAll(async () => {
    t = await connectedWarden({ store });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('the reconcile row files it; a person approves; the account is deactivated in Jira only, once, with the audit trail', async () => {
    const ghost = t.scim.app.seedUser({ userName: 'ghost.user@elsewhere.example', displayName: 'Ghost User' });
    const [report] = await t.w.connectors.reconcile({ app: 'Jira', alert: false });
    const row = report!.rows.find((r) => r.finding === 'orphan' && r.userName === 'ghost.user@elsewhere.example')!;
    expect(row.suggestion).toMatchObject({
      tool: TOOL,
      input: { app: 'Jira', account: 'ghost.user@elsewhere.example', reason: expect.any(String) },
    });
    const { cursor } = await t.w.directory.readEventLog({ limit: 1000 });

    const req = await t.ask(row.suggestion.tool!, row.suggestion.input!);
    expect(req.status).toBe('pending');
    expect(req.summary).toBe(
      `Deactivate the Jira account ghost.user@elsewhere.example (id ${ghost.id}); no directory change (the account matches no person)`,
    );
    expect(req.diff).toEqual([
      {
        op: 'set',
        field: `Jira account ghost.user@elsewhere.example (id ${ghost.id})`,
        from: 'active',
        value: 'inactive',
      },
    ]);
    expect(req.systems?.map((s) => [s.system, s.status])).toEqual([['Jira', 'not started']]);
    expect(req.rule).toBe('rules.orphan-account-removal');
    expect(accountById(t, ghost.id)?.active).toBe(true); // nothing before approval

    const from = t.scim.log.length;
    const done = await t.approve(req.id, 'ghost.user@elsewhere.example');
    expect(done.status).toBe('applied');
    expect(done.systems).toEqual([
      expect.objectContaining({
        system: 'Jira',
        status: 'applied',
        detail: 'deactivated account ghost.user@elsewhere.example',
      }),
    ]);
    expect(accountById(t, ghost.id)?.active).toBe(false);
    expect(t.scim.log.slice(from).filter((l) => l.startsWith('PATCH'))).toEqual([`PATCH /scim/v2/Users/${ghost.id}`]);
    expect(done.directoryRequestId).toBeUndefined();
    // The directory is untouched: no event since filing.
    expect(await directoryEventsSince(t, cursor)).toEqual([]);

    const actions = (await t.w.audit.query({ limit: 1000 })).filter((r) => r.requestId === req.id).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['request.created', 'request.approved', 'downstream.applied', 'request.executed']),
    );
    expect(actions.indexOf('request.created')).toBeLessThan(actions.indexOf('request.executed'));
    expect((await t.w.audit.verify()).ok).toBe(true);

    // The request page shows the app's outcome and no directory row.
    const html = String(await RequestCard({ view: done, decisions: [] }).toString());
    expect(html).toContain('data-system="Jira" data-outcome="applied"');
    expect(html).not.toContain('data-system="Directory"');

    // Running it again changes nothing (already applied; the executor claims only approved requests).
    await t.w.access.executor.execute(req.id);
    expect(t.scim.log.slice(from).filter((l) => l.startsWith('PATCH'))).toHaveLength(1);
    const [again] = await t.w.connectors.reconcile({ app: 'Jira', alert: false });
    expect(again!.rows.filter((r) => r.userName === 'ghost.user@elsewhere.example')).toEqual([]);
  });

  it('refuses: unknown app, app without a connector, unknown account, an account that belongs to a person', async () => {
    const code = async (input: Record<string, unknown>) => {
      const r = await call(t, TOOL, { reason: REASON, ...input });
      if (r.ok) throw new Error('expected a refusal');
      return r.error as { code: string; message: string; hint?: string };
    };
    expect(await code({ app: 'NoSuchApp', account: 'x' })).toMatchObject({ code: 'not_found' });
    expect(await code({ app: 'Salesforce', account: 'x' })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/not a connected app/),
    });
    expect(await code({ app: 'Jira', account: 'nobody.here@elsewhere.example' })).toMatchObject({ code: 'not_found' });
    const u = await t.personWithoutJira('Finance');
    t.scim.app.seedUser({ userName: u.login, displayName: u.displayName });
    expect(await code({ app: 'Jira', account: u.login })).toMatchObject({
      code: 'conflict',
      hint: expect.stringContaining(`request_app_removal with user=${u.login}`),
    });
    // Matched by email too: an account named otherwise whose email is a person's is that person's, not an orphan.
    const v = await t.personWithoutJira('Finance', [u.login]);
    t.scim.app.seedUser({ userName: 'jira-local-7', displayName: v.displayName, email: v.email });
    expect(await code({ app: 'Jira', account: 'jira-local-7' })).toMatchObject({ code: 'conflict' });
    const [report] = await t.w.connectors.reconcile({ app: 'Jira', alert: false });
    expect(report!.rows.filter((r) => r.userName === 'jira-local-7').map((r) => r.finding)).not.toContain('orphan');
    // An account that is already inactive has nothing to remove.
    t.scim.app.seedUser({ userName: 'sleeper@elsewhere.example', active: false });
    expect(await code({ app: 'Jira', account: 'sleeper@elsewhere.example' })).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already inactive/),
    });
    // Refused before the app is read: an agent that names no person, and a reason carrying a credential.
    const seen = t.scim.log.length;
    const anonymous = await t.w.governance.call({
      principal: { kind: 'agent', clientId: 'claude-desktop', auth: 'api_key' },
      tool: TOOL,
      input: { app: 'Jira', account: u.login, reason: REASON },
    });
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      await code({ app: 'Jira', account: u.login, reason: 'token AKIAIOSFODNN7EXAMPLE for the cleanup' }),
    ).toMatchObject({ code: 'invalid_input' });
    expect(t.scim.log.slice(seen)).toEqual([]);
    // Bad input is refused by the schema.
    expect(await code({ app: 'Jira', account: '' })).toMatchObject({ code: 'invalid_input' });
  });

  it('one open request per account; the requester and agents cannot approve it', async () => {
    t.scim.app.seedUser({ userName: 'twice@elsewhere.example' });
    const first = await t.ask(TOOL, { app: 'Jira', account: 'twice@elsewhere.example', reason: REASON });
    const dup = await call(t, TOOL, { app: 'Jira', account: 'twice@elsewhere.example', reason: REASON });
    expect(dup).toMatchObject({ ok: false, error: { code: 'conflict', details: { requestId: first.id } } });

    await expect(
      t.w.access.approvals.decide(first.id, await person(t, personas.helpdesk as string), 'approve'),
    ).rejects.toMatchObject({ code: 'forbidden', details: { rule: 'sod.requester' } });
    const approver = first.approvals[0]!.eligible[0]!;
    const u = (await t.w.directory.getUser(approver))!;
    await expect(
      t.w.access.approvals.decide(
        first.id,
        { kind: 'agent', clientId: 'claude-desktop', auth: 'api_key', person: { id: u.id, login: u.login } },
        'approve',
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect((await t.w.access.requests.get(first.id)).status).toBe('pending');
    expect([...t.scim.app.users.values()].find((a) => a.userName === 'twice@elsewhere.example')?.active).toBe(true);
  });

  it.each([
    ['now matches a person', 'matched'],
    ['was removed in the app', 'gone'],
  ] as const)(
    'an account that %s before approval: the request is cancelled with a reason, nothing changes',
    async (_, what) => {
      const acct = t.scim.app.seedUser({ userName: `changing-${what}@elsewhere.example` });
      const req = await t.ask(TOOL, { app: 'Jira', account: acct.userName, reason: REASON });
      const owner = await anyActive(t);
      if (what === 'matched') acct.externalId = owner.id;
      else t.scim.app.users.delete(acct.id);
      const from = t.scim.log.length;
      const approver = req.approvals[0]!.eligible.find((l) => l !== personas.helpdesk)!;
      await expect(t.w.access.approvals.decide(req.id, await person(t, approver), 'approve')).rejects.toMatchObject({
        code: 'conflict',
        details: { rule: what === 'matched' ? 'recheck.account-matched' : 'recheck.account-gone' },
      });
      const after = await t.w.access.requests.get(req.id);
      expect(after.status).toBe('cancelled');
      expect(after.failureReason).toMatch(what === 'matched' ? /now matches a person/ : /no longer exists in Jira/);
      expect(t.scim.log.slice(from).filter((l) => !l.startsWith('GET'))).toEqual([]);
      if (what === 'matched') expect(t.scim.app.users.get(acct.id)?.active).toBe(true);
    },
  );

  it('an account matched to a person between approval and execution: the request fails with the reason, nothing changes', async () => {
    const acct = t.scim.app.seedUser({ userName: 'late-match@elsewhere.example' });
    const req = await t.ask(TOOL, { app: 'Jira', account: acct.userName, reason: REASON });
    const owner = await anyActive(t);
    // The approval's re-check reads the account (still an orphan); right after that read it becomes someone's, so the
    // executor's own re-check, just before acting, finds the match.
    t.scim.faults.afterHandle = (line) => {
      if (line !== `GET /scim/v2/Users/${acct.id}`) return;
      acct.externalId = owner.id;
      t.scim.faults.afterHandle = undefined;
    };
    const from = t.scim.log.length;
    const done = await t.approve(req.id, String(acct.userName));
    expect(done.status).toBe('failed');
    expect(done.failureReason).toMatch(
      /^Not applied: The Jira account late-match@elsewhere.example .* now matches a person/,
    );
    expect(t.scim.app.users.get(acct.id)?.active).toBe(true);
    expect(t.scim.log.slice(from).filter((l) => !l.startsWith('GET'))).toEqual([]);
    const actions = (await t.w.audit.query({ limit: 1000 })).filter((r) => r.requestId === req.id).map((r) => r.action);
    expect(actions).toContain('request.failed');
    expect(actions).not.toContain('downstream.applied');
  });

  it('retries a 503 and a 429 with Retry-After, and deactivates the account exactly once', async () => {
    for (const fault of ['503', '429'] as const) {
      const acct = t.scim.app.seedUser({ userName: `flaky-${fault}@elsewhere.example` });
      const req = await t.ask(TOOL, { app: 'Jira', account: acct.userName, reason: REASON });
      const from = t.scim.log.length;
      const patch = new RegExp(`^PATCH /scim/v2/Users/${acct.id}`);
      if (fault === '503') t.scim.faults.serverError = { times: 1, status: 503, match: patch };
      else t.scim.faults.rateLimit = { times: 1, retryAfterSeconds: 1, match: patch };
      const done = await t.approve(req.id, String(acct.userName));
      expect(done.status).toBe('applied');
      expect(done.systems?.[0]).toMatchObject({ system: 'Jira', status: 'applied' });
      expect(t.scim.app.users.get(acct.id)?.active).toBe(false);
      // One refused attempt, then the one that landed.
      expect(t.scim.log.slice(from).filter((l) => patch.test(l))).toHaveLength(2);
      const audit = (await t.w.audit.query({ limit: 1000 })).filter((r) => r.requestId === req.id);
      expect(audit.filter((r) => r.action === 'downstream.applied')).toHaveLength(1);
    }
  }, 30_000);
});

describe('orphan account removal (delete)', () => {
  let t: World;
  beforeAll(async () => {
    t = await connectedWarden({ deprovision: 'delete' });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('deletes the account when the connector says delete, as the diff promised', async () => {
    const acct = t.scim.app.seedUser({ userName: 'to-delete@elsewhere.example' });
    const req = await t.ask(TOOL, { app: 'Jira', account: acct.id, reason: REASON });
    expect(req.summary).toMatch(/^Delete the Jira account to-delete@elsewhere.example/);
    expect(req.diff).toEqual([
      { op: 'remove', field: 'Jira accounts', value: `to-delete@elsewhere.example (id ${acct.id})` },
    ]);
    const done = await t.approve(req.id, String(acct.userName));
    expect(done.systems).toEqual([
      expect.objectContaining({
        system: 'Jira',
        status: 'applied',
        detail: 'deleted account to-delete@elsewhere.example',
      }),
    ]);
    expect(t.scim.app.users.has(acct.id)).toBe(false);
  });
});
