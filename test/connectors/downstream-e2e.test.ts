// Governed provisioning end to end: approved requests reach the scimmy SCIM app once (create, group sync, deprovision),
// faults are retried, failures are outcomes on the request, and nothing changes downstream before approval.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestCard } from '../../src/web/ui/views/request-card.js';
import { connectedWarden, TOKEN } from './support.js';

describe.each(['sqlite', 'postgres'] as const)('downstream provisioning through approved requests (%s)', (store) => {
  let t: Awaited<ReturnType<typeof connectedWarden>>;
  beforeAll(async () => {
    t = await connectedWarden({ store });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('assigning Jira creates the account once approved, and removing it deactivates it', async () => {
    const u = await t.personWithoutJira('Sales');
    const req = await t.ask('request_app_assignment', { user: u.login, app: 'Jira' });
    // The dry-run diff names every system it will touch.
    expect(req.diff).toContainEqual(expect.objectContaining({ field: 'Jira account' }));
    expect(req.systems?.map((s) => [s.system, s.status])).toEqual([
      ['Directory', 'not started'],
      ['Jira', 'not started'],
    ]);
    expect(t.accountsOf(u.login)).toEqual([]); // nothing downstream before approval

    const done = await t.approve(req.id, u.login);
    expect(done.status).toBe('applied');
    expect(done.systems?.map((s) => [s.system, s.status])).toEqual([
      ['Directory', 'applied'],
      ['Jira', 'applied'],
    ]);
    expect(done.systems?.[1]?.detail).toMatch(/created account/);
    // The request page shows each system's outcome.
    const html = String(await RequestCard({ view: done, decisions: [] }).toString());
    expect(html).toContain('data-system="Jira" data-outcome="applied"');
    expect(html).toContain('data-system="Directory" data-outcome="applied"');
    const [acct] = t.accountsOf(u.login);
    expect(acct).toMatchObject({
      externalId: u.id,
      active: true,
      name: { givenName: u.firstName, familyName: u.lastName },
    });
    expect(t.accountsOf(u.login)).toHaveLength(1);

    const removal = await t.approve((await t.ask('request_app_removal', { user: u.login, app: 'Jira' })).id, u.login);
    expect(removal.systems?.map((s) => [s.system, s.status])).toEqual([
      ['Directory', 'applied'],
      ['Jira', 'applied'],
    ]);
    expect(t.accountsOf(u.login)[0]?.active).toBe(false);

    const actions = (await t.w.audit.query({ limit: 1000 }))
      .filter((r) => r.requestId === req.id || r.requestId === removal.id)
      .map((r) => r.action);
    expect(actions.filter((a) => a === 'downstream.applied')).toHaveLength(2);
    // The token never reaches logs or the audit log.
    expect(t.logLines.join('\n')).not.toContain(TOKEN);
    expect(JSON.stringify(await t.w.audit.query({ limit: 1000 }))).not.toContain(TOKEN);
  });

  it('adding someone to a mapped group creates the account and PATCHes the app group; removing them takes both back', async () => {
    const u = await t.personWithoutJira('Sales', []);
    const add = await t.approve(
      (await t.ask('request_group_add', { user: u.login, group: 'Dept-Engineering' })).id,
      u.login,
    );
    expect(add.status).toBe('applied');
    expect(add.systems?.[1]).toMatchObject({ system: 'Jira', status: 'applied' });
    const [acct] = t.accountsOf(u.login);
    const group = [...t.scim.app.groups.values()].find((g) => g.displayName === 'jira-software-users')!;
    expect((group.members as Array<{ value: string }>).map((m) => m.value)).toContain(acct!.id);

    const rm = await t.approve(
      (await t.ask('request_group_remove', { user: u.login, group: 'Dept-Engineering' })).id,
      u.login,
    );
    expect(rm.systems?.[1]).toMatchObject({
      system: 'Jira',
      status: 'applied',
      detail: expect.stringMatching(/removed from jira-software-users; deactivated/),
    });
    const after = [...t.scim.app.groups.values()].find((g) => g.displayName === 'jira-software-users')!;
    expect(((after.members as Array<{ value: string }> | undefined) ?? []).map((m) => m.value)).not.toContain(acct!.id);
    expect(t.accountsOf(u.login)[0]?.active).toBe(false);
  });

  it('waits out a 429 and a lost response without creating a second account', async () => {
    const u = await t.personWithoutJira('Marketing');
    const req = await t.ask('request_app_assignment', { user: u.login, app: 'Jira' });
    const from = t.scim.log.length;
    t.scim.faults.rateLimit = { times: 1, retryAfterSeconds: 1, match: /^POST \/scim\/v2\/Users/ };
    // The app creates the account but the answer never arrives: the retry gets 409 and re-finds it.
    t.scim.faults.loseResponse = { times: 1, match: /^POST \/scim\/v2\/Users/ };
    const done = await t.approve(req.id, u.login);
    expect(done.systems?.[1]).toMatchObject({ system: 'Jira', status: 'applied' });
    expect(t.accountsOf(u.login)).toHaveLength(1);
    // 429, then created with the answer lost, then 409 (already there) and a find by externalId.
    expect(t.scim.log.slice(from).filter((l) => l.startsWith('POST /scim/v2/Users')).length).toBe(3);
  });

  it('records an app that keeps failing as that system failing, with its error, while the directory change stands', async () => {
    const u = await t.personWithoutJira('Marketing', [(await t.personWithoutJira('Marketing')).login]);
    const req = await t.ask('request_app_assignment', { user: u.login, app: 'Jira' });
    t.scim.faults.serverError = { times: 100, status: 503 };
    const done = await t.approve(req.id, u.login);
    t.scim.faults.serverError = undefined;
    expect(done.status).toBe('applied');
    expect(done.systems?.[0]).toMatchObject({ system: 'Directory', status: 'applied' });
    expect(done.systems?.[1]).toMatchObject({
      system: 'Jira',
      status: 'failed',
      detail: expect.stringMatching(/Jira \(SCIM\) failed \(HTTP 503\): Service temporarily unavailable/),
    });
    expect(
      (await t.w.audit.query({ limit: 1000 })).some((r) => r.requestId === req.id && r.action === 'downstream.failed'),
    ).toBe(true);
    expect(t.accountsOf(u.login)).toEqual([]);
    // The operator finishes it once the app is back: `warden connectors retry <id>`.
    const row = await t.w.connectors.retryFailed(req.id);
    expect((row.payload.downstream as { outcomes: Record<string, { status: string }> }).outcomes.Jira?.status).toBe(
      'applied',
    );
    expect(t.accountsOf(u.login)).toHaveLength(1);
    await expect(t.w.connectors.retryFailed(req.id)).rejects.toMatchObject({ code: 'conflict' });
  }, 60_000);

  it('deactivating a person deactivates their app account even where the directory had no Jira for them', async () => {
    const u = await t.personWithoutJira('Customer Success');
    t.scim.app.seedUser({ userName: u.login, externalId: u.id, displayName: u.displayName, email: u.email });
    const done = await t.approve((await t.ask('request_user_deactivate', { user: u.login })).id, u.login);
    expect(done.status).toBe('applied');
    expect(done.systems?.[1]).toMatchObject({
      system: 'Jira',
      status: 'applied',
      detail: expect.stringMatching(/deactivated account/),
    });
    expect(t.accountsOf(u.login)[0]?.active).toBe(false);
  });

  it('shows "retrying" while the app asks Warden to wait', async () => {
    const u = await t.personWithoutJira('People');
    const req = await t.ask('request_app_assignment', { user: u.login, app: 'Jira' });
    t.scim.faults.rateLimit = { times: 1, retryAfterSeconds: 3, match: /^POST \/scim\/v2\/Users/ };
    let seen: string | undefined;
    const watching = (async () => {
      for (
        const until = Date.now() + 60_000;
        !seen && Date.now() < until;
        await new Promise((r) => setTimeout(r, 20))
      ) {
        const s = (await t.w.access.requests.get(req.id)).systems?.[1];
        if (s?.status === 'retrying') seen = s.detail;
      }
    })();
    const done = await t.approve(req.id, u.login);
    await watching;
    expect(seen).toMatch(/rate limiting Warden \(HTTP 429\).*attempt 1, next in 3 s/);
    expect(done.systems?.[1]?.status).toBe('applied');
  }, 90_000);

  it('a time-bound Jira grant is taken back downstream when it expires', async () => {
    const u = await t.personWithoutJira('Legal');
    const done = await t.approve(
      (await t.ask('request_app_assignment', { user: u.login, app: 'Jira', duration: '8h' })).id,
      u.login,
    );
    expect(done.grantExpiresAt).toBeDefined();
    expect(t.accountsOf(u.login)[0]?.active).toBe(true);
    const row = (await t.w.store.getRequest(done.id))!;
    await t.w.store.updateRequest(row.id, row.version, { grantExpiresAt: new Date(Date.now() - 1000).toISOString() });
    expect((await t.w.access.executor.sweep()).revoked).toBe(1);
    expect(t.accountsOf(u.login)[0]?.active).toBe(false);
    const after = (await t.w.store.getRequest(done.id))!;
    expect(after.status).toBe('revoked');
    expect(
      (after.payload.downstreamRevocation as { outcomes: Record<string, { status: string }> }).outcomes.Jira?.status,
    ).toBe('applied');
  });

  it('changes nothing downstream for a denied request', async () => {
    const u = await t.personWithoutJira('Finance');
    const req = await t.ask('request_app_assignment', { user: u.login, app: 'Jira' });
    const view = await t.w.access.requests.get(req.id);
    const open = view.approvals[0]!;
    const login = open.eligible.find((l) => l !== u.login)!;
    const p = (await t.w.directory.getUser(login))!;
    await t.w.access.approvals.decide(
      req.id,
      {
        kind: 'person',
        clientId: 'warden-web',
        auth: 'session',
        person: { id: p.id, login: p.login, displayName: p.displayName },
      },
      'deny',
      'no',
    );
    await t.w.access.executor.idle();
    expect(t.accountsOf(u.login)).toEqual([]);
  });
});
