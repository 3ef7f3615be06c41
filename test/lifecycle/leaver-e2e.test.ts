// End to end: an HR termination in the file export → leaver workflow → requests → approval by the people policy names → deactivated, apps removed → report → audit verifies.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lifecycleWarden, today } from './support.js';

describe('leaver workflow from the HR file export', () => {
  let w: Awaited<ReturnType<typeof lifecycleWarden>>;
  afterEach(async () => w?.close());

  it('deactivates the leaver and removes their apps only after the right people approve; writes the offboarding report', async () => {
    w = await lifecycleWarden();
    // Someone active in HR and the directory, with a manager and a direct app assignment.
    const seed = JSON.parse(readFileSync('examples/acme/directory.json', 'utf8')) as {
      apps: Array<{ name: string; userAssignments: Array<{ userId: string }> }>;
    };
    let leaver: { employeeId: string; login: string; id: string } | undefined;
    for (const rec of await w.hr.listEmployees()) {
      const u = rec.status === 'Active' && !rec.terminationDate ? await w.directory.getUser(rec.workEmail) : null;
      if (
        u?.status === 'ACTIVE' &&
        u.managerId &&
        seed.apps.some((a) => a.userAssignments.some((x) => x.userId === u.id))
      ) {
        leaver = { employeeId: rec.employeeId, login: u.login, id: u.id };
        break;
      }
    }
    expect(leaver).toBeDefined();
    const L = leaver!;
    expect(await w.lifecycle.syncHr()).toEqual({ mode: 'baseline', jobs: 0 });

    w.editHr(L.employeeId, { status: 'Inactive', terminationDate: today() });
    expect(await w.lifecycle.syncHr()).toEqual({ mode: 'diff', jobs: 1 });
    await w.lifecycle.runner.drain();

    const pending = await w.access.requests.list({ status: 'pending', subject: L.login, limit: 100 });
    const tools = pending.map((p) => p.tool);
    expect(tools).toContain('request_user_deactivate');
    expect(tools).toContain('request_app_removal');
    expect(pending.every((p) => p.requester.client === 'warden-lifecycle' && !p.requester.person)).toBe(true);
    const deactivate = pending.find((p) => p.tool === 'request_user_deactivate')!;
    expect(deactivate.rule).toBe('rules.suspend-or-deactivate');
    expect(deactivate.approvals.map((a) => a.step)).toEqual(['it-approver', 'manager']);
    expect(deactivate.reason).toMatch(/^HR-\d+ leaver: HR termination date/);
    // Nothing changed yet: every directory change waits for people.
    expect((await w.directory.getUser(L.id))?.status).toBe('ACTIVE');
    await w.lifecycle.runner.drain();
    expect(existsSync(join(w.dir, 'offboarding', `${L.employeeId}-${today()}.json`))).toBe(false);

    // An agent never approves, whatever it claims.
    await expect(
      w.access.approvals.decide(
        deactivate.id,
        { kind: 'agent', clientId: 'claude-desktop', auth: 'api_key' },
        'approve',
      ),
    ).rejects.toThrow(/Agents may ask/);
    const approved = await w.approveAll(L.login);
    expect(approved.find((a) => a.tool === 'request_user_deactivate')?.approvers).toHaveLength(2);
    expect((await w.directory.getUser(L.id))?.status).toBe('DEPROVISIONED');
    for (const app of await w.directory.listApps())
      expect((await w.directory.getAppAssignment(app.id, L.id))?.scope).not.toBe('USER');
    const applied = await w.access.requests.list({ subject: L.login, status: 'applied', limit: 100 });
    expect(applied).toHaveLength(pending.length);

    await new Promise((r) => setTimeout(r, 50)); // the report job re-checks every 20 ms in tests
    await w.lifecycle.runner.drain();
    const report = JSON.parse(readFileSync(join(w.dir, 'offboarding', `${L.employeeId}-${today()}.json`), 'utf8')) as {
      directoryStatus: string;
      removed: Array<{ what: string }>;
      notRemoved: unknown[];
    };
    expect(report.directoryStatus).toBe('DEPROVISIONED');
    expect(report.removed.map((r) => r.what)).toContain(`user deactivate ${L.login}`);
    expect(report.notRemoved).toEqual([]);
    expect(readFileSync(join(w.dir, 'offboarding', `${L.employeeId}-${today()}.md`), 'utf8')).toMatch(/## Removed/);

    const actions = (await w.audit.query({ limit: 1000 })).map((r) => r.action);
    for (const a of [
      'lifecycle.leaver',
      'request.created',
      'request.approved',
      'request.executed',
      'lifecycle.offboarding-report',
    ])
      expect(actions).toContain(a);
    expect((await w.audit.verify()).ok).toBe(true);

    // Nothing happens twice: a re-poll of the same export and a replayed leaver job file nothing new.
    expect(await w.lifecycle.syncHr()).toEqual({ mode: 'diff', jobs: 0 });
    await w.lifecycle.runner.drain();
    expect(await w.store.countRequests({ subject: L.login })).toBe(pending.length);
  }, 60_000);

  it('a future termination date waits for that date before anything is requested', async () => {
    w = await lifecycleWarden();
    await w.lifecycle.syncHr();
    const rec = (await w.hr.listEmployees()).find(
      (r) => r.status === 'Active' && !r.terminationDate && r.department === 'Sales',
    )!;
    w.editHr(rec.employeeId, { terminationDate: '2099-12-31' });
    await w.lifecycle.syncHr();
    await w.lifecycle.runner.drain();
    const leaverJob = (await w.store.listJobs({ kind: 'lifecycle.leaver' }))[0]!;
    expect(leaverJob).toMatchObject({ status: 'queued', runAfter: '2099-12-31T00:00:00.000Z' });
    expect(await w.store.countRequests({ subject: rec.workEmail })).toBe(0);
  });
});
