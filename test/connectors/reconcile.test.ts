// Reconcile against the scimmy app: orphans, leavers' and suspended people's live accounts, group drift, alerts, and a governed removal per row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personas } from '../support/harness.js';
import { connectedWarden } from './support.js';

let t: Awaited<ReturnType<typeof connectedWarden>>;
beforeAll(async () => {
  t = await connectedWarden();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('reconcile', () => {
  it("finds an orphan, a leaver's active account and group drift; alerts; the leaver row files as a governed removal that deactivates the account", async () => {
    const leaver = (await t.w.directory.getUser((personas.deprovisioned as string[])[0]!))!;
    expect(leaver.status).toBe('DEPROVISIONED');
    const active = await t.personWithoutJira('Sales');
    t.scim.app.seedUser({ userName: 'old.contractor@elsewhere.example', displayName: 'Old Contractor' });
    t.scim.app.seedUser({ userName: leaver.login, externalId: leaver.id, displayName: leaver.displayName });
    const mine = t.scim.app.seedUser({
      userName: active.login,
      externalId: active.id,
      displayName: active.displayName,
    });
    // In the app group without being in the mapped directory group.
    const g = [...t.scim.app.groups.values()].find((x) => x.displayName === 'jira-software-users')!;
    g.members = [{ value: mine.id }];

    const [report] = await t.w.connectors.reconcile({ app: 'Jira' });
    expect(report).toMatchObject({ app: 'Jira', ok: true, accounts: 3, active: 3 });
    const byFinding = (f: string) => report!.rows.filter((r) => r.finding === f).map((r) => r.userName);
    expect(byFinding('orphan')).toEqual(['old.contractor@elsewhere.example']);
    expect(byFinding('leaver-active')).toEqual([leaver.login]);
    expect(byFinding('extra-in-group')).toEqual([active.login]);
    const alerts = (await t.w.audit.query({ limit: 1000 })).filter((r) =>
      r.action.startsWith('alert.drift.downstream'),
    );
    expect(alerts.map((a) => a.action).sort()).toEqual([
      'alert.drift.downstream-leaver-active',
      'alert.drift.downstream-orphan',
    ]);

    // Tools see the accounts from the last reconcile, with when it was read.
    expect(await t.w.connectors.reader.accountsOf({ id: active.id, login: active.login })).toEqual([
      { app: 'Jira', userName: active.login, active: true, groups: ['jira-software-users'], seenAt: report!.at },
    ]);
    const call = async (tool: string, input: Record<string, unknown>) => {
      const u = (await t.w.directory.getUser(personas.helpdesk as string))!;
      const r = await t.w.governance.call({
        principal: {
          kind: 'agent',
          clientId: 'claude-desktop',
          auth: 'api_key',
          person: { id: u.id, login: u.login, displayName: u.displayName },
        },
        tool,
        input,
      });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.output as Record<string, any>;
    };
    expect((await call('list_user_access', { user: active.login })).downstreamAccounts).toEqual([
      { app: 'Jira', userName: active.login, active: true, groups: ['jira-software-users'], seenAt: report!.at },
    ]);
    const check = await call('check_access', { user: active.login, target: 'Jira' });
    expect(check).toMatchObject({ hasAccess: false, downstream: { app: 'Jira', active: true } });
    expect(check.answer).toMatch(/In Jira itself \(reconciled .+ UTC\) the account .+ is active\./);
    const licences = await call('licence_report', { app: 'Jira' });
    expect(licences.apps[0]).toMatchObject({
      label: 'Jira',
      inApp: { activeAccounts: 3, totalAccounts: 3, reconciledAt: report!.at },
    });
    expect(await t.w.connectors.reader.seats()).toEqual([
      { app: 'Jira', active: 3, total: 3, reconciledAt: report!.at },
    ]);

    // The leaver row's suggestion is a governed request: filed, approved by people, then the account is deactivated.
    const row = report!.rows.find((r) => r.finding === 'leaver-active')!;
    expect(row.suggestion.tool).toBe('request_app_removal');
    const req = await t.ask(row.suggestion.tool!, row.suggestion.input!);
    expect(t.accountsOf(leaver.login)[0]?.active).toBe(true);
    const done = await t.approve(req.id, leaver.login);
    expect(done.systems?.[1]).toMatchObject({
      system: 'Jira',
      status: 'applied',
      detail: expect.stringMatching(/deactivated account/),
    });
    expect(t.accountsOf(leaver.login)[0]?.active).toBe(false);
    const [again] = await t.w.connectors.reconcile({ app: 'Jira', alert: false });
    expect(again!.rows.filter((r) => r.finding === 'leaver-active')).toEqual([]);
  });
});
