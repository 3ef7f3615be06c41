// Joiner and mover workflows from HR export diffs, the terminated-but-active scan, the licence view and `warden jobs`.
import { appendFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { licenceReport } from '../../src/lifecycle/index.js';
import { jobsCommand } from '../../src/cli/jobs.js';
import { licenceReportTool } from '../../src/tools/licence-report.js';
import { licenceReportPort } from '../../src/lifecycle/licence-report-port.js';
import { personas } from '../support/harness.js';
import { lifecycleWarden } from './support.js';

describe('lifecycle workflows', () => {
  let w: Awaited<ReturnType<typeof lifecycleWarden>>;
  afterEach(async () => w?.close());

  it('joiner: the account, birthright and activation are all access requests; nothing changes in the directory until IT approves', async () => {
    w = await lifecycleWarden({ lifecycle: { joinerCheckMs: 20 } });
    const login = 'nia.okafor@acme.example';
    await w.lifecycle.syncHr();
    appendFileSync(
      w.hrPath,
      'E19999,Nia,Okafor,nia.okafor@acme.example,Engineering,Software Engineer,Berlin,E10006,Active,2099-01-05,,CC-1100\n',
    );
    expect(await w.lifecycle.syncHr()).toEqual({ mode: 'diff', jobs: 1 });
    await w.lifecycle.runner.drain();

    // 1. The joiner files an account request and waits; the directory has no new user.
    expect(await w.directory.getUser(login)).toBeNull();
    const [create, ...others] = await w.access.requests.list({ subject: login, status: 'pending', limit: 50 });
    expect(others).toEqual([]);
    expect(create).toMatchObject({
      tool: 'lifecycle_user_create',
      rule: 'rules.account-create-and-activate',
      requester: { client: 'warden-lifecycle' },
    });
    expect(create!.reason).toMatch(/^HR-19999 new account/);
    expect(create!.diff).toEqual(
      expect.arrayContaining([
        { op: 'add', field: 'user', value: login },
        { op: 'set', field: 'manager', value: 'mara.chandra@acme.example' },
      ]),
    );
    expect(create!.approvals.map((a) => a.step)).toEqual(['it-approver']);
    expect((await w.store.listJobs({ kind: 'lifecycle.joiner' }))[0]?.status).toBe('queued'); // deferred, re-checking
    await new Promise((r) => setTimeout(r, 50));
    await w.lifecycle.runner.drain(); // re-runs find the open request: nothing new is filed
    expect(await w.store.countRequests({ subject: login })).toBe(1);

    // The manager is not an approver of account requests (the subject does not exist yet; IT-Access-Approvers decides).
    const manager = (await w.directory.getUser('mara.chandra@acme.example'))!;
    expect(create!.approvals[0]!.eligible).not.toContain(manager.login);
    const asManager = {
      kind: 'person' as const,
      clientId: 'warden-web',
      auth: 'session' as const,
      person: { id: manager.id, login: manager.login, displayName: manager.displayName },
    };
    await expect(w.access.approvals.decide(create!.id, asManager, 'approve')).rejects.toThrow(/not eligible/);
    expect(await w.directory.getUser(login)).toBeNull();

    // 2. An IT-Access-Approvers member approves: the executor creates the user STAGED.
    expect((await w.approveAll(login)).map((a) => a.tool)).toEqual(['lifecycle_user_create']);
    const u = (await w.directory.getUser(login))!;
    expect(u).toMatchObject({
      status: 'STAGED',
      department: 'Engineering',
      employeeNumber: 'E19999',
      managerId: manager.id,
    });

    // 3. The joiner's next run files birthright and schedules activation on the start date.
    await new Promise((r) => setTimeout(r, 50));
    await w.lifecycle.runner.drain();
    const pending = await w.access.requests.list({ subject: u.login, status: 'pending', limit: 50 });
    expect(pending.map((p) => p.summary.replace(/^Add .* to group /, '')).sort()).toEqual([
      'App-AWS-Staging-Users',
      'App-GitHub-Users',
      'Dept-Engineering',
      'Loc-Berlin',
    ]);
    expect(pending.every((p) => p.rule === 'rules.lifecycle-birthright' && p.grantDurationSeconds === undefined)).toBe(
      true,
    );
    expect((await w.store.listJobs({ kind: 'lifecycle.joiner' }))[0]?.status).toBe('done');
    const activate = (await w.store.listJobs({ kind: 'lifecycle.activate' }))[0]!;
    expect(activate).toMatchObject({ status: 'queued', runAfter: '2099-01-05T00:00:00.000Z' });
    await w.approveAll(u.login);
    expect((await w.directory.listUserGroups(u.id)).map((g) => g.name)).toContain('Dept-Engineering');
    expect((await w.directory.getUser(u.id))?.status).toBe('STAGED');

    // 4. On the start date the activation job files a request; the account is activated only once it is approved.
    await w.lifecycle.handlers['lifecycle.activate']!(activate);
    const [act] = await w.access.requests.list({ subject: u.login, status: 'pending', limit: 50 });
    expect(act).toMatchObject({
      tool: 'lifecycle_user_activate',
      rule: 'rules.account-create-and-activate',
      diff: [{ op: 'set', field: 'status', from: 'STAGED', value: 'PROVISIONED' }],
    });
    expect((await w.directory.getUser(u.id))?.status).toBe('STAGED');
    await w.approveAll(u.login);
    expect((await w.directory.getUser(u.id))?.status).toBe('PROVISIONED'); // activated without email (Okta's state until the first sign-in)

    const actions = (await w.audit.query({ limit: 1000 }))
      .filter((r) => r.target === `user:${login}`)
      .map((r) => `${r.action} ${r.tool ?? ''}`.trim());
    for (const a of [
      'lifecycle.joiner-account-requested',
      'request.executed lifecycle_user_create',
      'lifecycle.joiner',
      'lifecycle.activation-requested',
      'request.executed lifecycle_user_activate',
    ])
      expect(actions).toContain(a);
    expect((await w.audit.verify()).ok).toBe(true);
  }, 60_000);

  it('joiner: a denied account request stops the joiner; nothing is re-filed and no account is created', async () => {
    w = await lifecycleWarden({ lifecycle: { joinerCheckMs: 20 } });
    const login = 'nia.okafor@acme.example';
    await w.lifecycle.syncHr();
    appendFileSync(
      w.hrPath,
      'E19999,Nia,Okafor,nia.okafor@acme.example,Engineering,Software Engineer,Berlin,E10006,Active,2099-01-05,,CC-1100\n',
    );
    await w.lifecycle.syncHr();
    await w.lifecycle.runner.drain();
    const [create] = await w.access.requests.list({ subject: login, status: 'pending', limit: 5 });
    const approver = (await w.directory.getUser(create!.approvals[0]!.eligible[0]!))!;
    await w.access.approvals.decide(
      create!.id,
      {
        kind: 'person',
        clientId: 'warden-web',
        auth: 'session',
        person: { id: approver.id, login: approver.login, displayName: approver.displayName },
      },
      'deny',
      'not hired',
    );
    await new Promise((r) => setTimeout(r, 50));
    await w.lifecycle.runner.drain();
    expect((await w.store.listJobs({ kind: 'lifecycle.joiner' }))[0]?.status).toBe('done');
    expect(await w.store.countRequests({ subject: login })).toBe(1);
    expect(await w.directory.getUser(login)).toBeNull();
  });

  it('mover: requests the new birthright, requests removal of what only the old role justified, and notifies the new manager', async () => {
    w = await lifecycleWarden();
    await w.lifecycle.syncHr();
    let mover: { employeeId: string; login: string } | undefined;
    for (const r of await w.hr.listEmployees()) {
      if (r.department !== 'Sales' || r.status !== 'Active' || r.terminationDate) continue;
      const u = await w.directory.getUser(r.workEmail);
      if (
        u?.status === 'ACTIVE' &&
        (await w.directory.listUserGroups(u.id)).some((g) => g.name === 'App-Salesforce-Users')
      ) {
        mover = { employeeId: r.employeeId, login: u.login };
        break;
      }
    }
    w.editHr(mover!.employeeId, { department: 'Marketing', jobTitle: 'Marketing Manager', supervisorEId: 'E10003' });
    await w.lifecycle.syncHr();
    await w.lifecycle.runner.drain();
    const summaries = (await w.access.requests.list({ subject: mover!.login, status: 'pending', limit: 50 })).map(
      (p) => p.summary,
    );
    expect(summaries.some((s) => /^Add .* to group Dept-Marketing$/.test(s))).toBe(true);
    expect(summaries.some((s) => /^Remove .* from group Dept-Sales$/.test(s))).toBe(true);
    expect(summaries.some((s) => /^Remove .* from group App-Salesforce-Users$/.test(s))).toBe(true);
    const notice = (await w.audit.query({ limit: 500 })).find((r) => r.action === 'alert.lifecycle.mover');
    expect(notice?.args).toMatchObject({ recipients: ['yara.diaz@acme.example'] });
  });

  it('raises terminated-but-active once a day per person', async () => {
    w = await lifecycleWarden();
    const n = await w.lifecycle.scanDrift();
    expect(n).toBeGreaterThanOrEqual(1);
    const subjects = (await w.audit.query({ limit: 500 }))
      .filter((r) => r.action === 'alert.drift.terminated-but-active')
      .map((r) => r.target);
    expect(subjects.some((t) => (personas.hrDrift as string[]).some((l) => t === `user:${l}`))).toBe(true);
    expect(await w.lifecycle.scanDrift()).toBe(0);
  });

  it('licence view: seats of leavers and long-inactive people with a one-step removal', async () => {
    w = await lifecycleWarden();
    const r = await licenceReport({ directory: w.directory, hr: w.hr, inactiveDays: 90, now: new Date() });
    expect(r.apps.length).toBeGreaterThan(5);
    const left = r.rows.filter((x) => x.reason === 'left');
    expect(left.length).toBeGreaterThan(0);
    for (const row of r.rows)
      expect(row.suggestion.tool).toBe(row.via === 'direct' ? 'request_app_removal' : 'request_group_remove');
    const viaTool = await licenceReportTool.handler({ inactiveDays: 90, limit: 5 }, {
      directory: w.directory,
      hr: w.hr,
      licences: licenceReportPort(),
    } as never);
    expect(viaTool.rows.length).toBeLessThanOrEqual(5);
    expect(viaTool.complete).toBe(r.rows.length <= 5);
    expect(licenceReportTool.annotations.readOnlyHint).toBe(true);
  });

  it('`warden jobs list|retry` shows dead jobs and puts them back in line', async () => {
    w = await lifecycleWarden();
    const { job } = await w.store.enqueueJob({ kind: 'lifecycle.joiner', payload: {}, maxAttempts: 1 });
    await w.lifecycle.runner.drain(); // the payload has no record: the handler throws, and with one attempt the job is dead
    const out = new PassThrough();
    let text = '';
    out.on('data', (c) => (text += c));
    const io = { stdout: out, stderr: out };
    expect(await jobsCommand(['list', '--status', 'dead'], { store: w.store }, io)).toBe(0);
    expect(text).toMatch(new RegExp(`${job.id}\\s+dead`));
    expect(await jobsCommand(['retry', job.id], { store: w.store }, io)).toBe(0);
    expect((await w.store.getJob(job.id))?.status).toBe('queued');
  });
});
