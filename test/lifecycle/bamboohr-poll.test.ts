// The BambooHR "changed since" poll end to end: the BambooHR emulator holds the demo company's HR records; a termination
// entered there reaches Warden through the poll (no webhook) and becomes leaver requests; an unchanged poll files nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBambooHr } from '../../src/hr/bamboohr/index.js';
import { createFileHr } from '../../src/hr/index.js';
import { startBambooEmulator, type BambooEmulator } from '../support/bamboohr-emulator.js';
import { ACME } from '../support/harness.js';
import { lifecycleWarden, today } from './support.js';

const bambooId = (employeeId: string) => employeeId.replace(/^E/, '');

describe('BambooHR changed-since poll', () => {
  let emu: BambooEmulator;
  let w: Awaited<ReturnType<typeof lifecycleWarden>>;

  beforeAll(async () => {
    const records = await createFileHr({ path: `${ACME}/hr.csv` }).listEmployees();
    emu = await startBambooEmulator({
      employees: records.map((r) => ({
        id: bambooId(r.employeeId),
        firstName: r.firstName,
        lastName: r.lastName,
        workEmail: r.workEmail,
        department: r.department ?? '',
        jobTitle: r.jobTitle ?? '',
        location: r.location ?? '',
        supervisorEId: r.supervisorEmployeeId ? bambooId(r.supervisorEmployeeId) : '',
        status: r.status,
        hireDate: r.hireDate ?? '',
        terminationDate: r.terminationDate ?? '',
      })),
    });
    const hr = createBambooHr({ baseUrl: emu.baseUrl, apiKey: emu.apiKey, baseDelayMs: 1 });
    w = await lifecycleWarden({ lifecycle: { hr } });
  }, 30_000);
  afterAll(async () => {
    await w?.close();
    await emu?.close();
  });

  it('turns a termination entered in BambooHR into leaver requests on the next poll, once', async () => {
    expect(await w.lifecycle.syncHr()).toEqual({ mode: 'baseline', jobs: 0 });
    const records = await createFileHr({ path: `${ACME}/hr.csv` }).listEmployees();
    let leaver: { id: string; login: string } | undefined;
    for (const r of records) {
      if (r.status !== 'Active' || r.terminationDate) continue;
      const u = await w.directory.getUser(r.workEmail);
      if (u?.status === 'ACTIVE' && u.managerId && (await w.directory.listUserGroups(u.id)).length > 1) {
        leaver = { id: bambooId(r.employeeId), login: u.login };
        break;
      }
    }
    expect(leaver).toBeDefined();

    // Nothing changed yet: the poll asks, and files nothing.
    emu.calls.length = 0;
    await w.lifecycle.syncHr();
    await w.lifecycle.runner.drain();
    expect(emu.calls.some((c) => c.path === '/employees/changed')).toBe(true);
    expect(await w.store.countRequests({ subject: leaver!.login })).toBe(0);

    emu.update(leaver!.id, { status: 'Inactive', terminationDate: today() });
    expect(await w.lifecycle.syncHr()).toMatchObject({ mode: 'changed-since', jobs: 1 });
    await w.lifecycle.runner.drain();
    const filed = await w.store.countRequests({ subject: leaver!.login });
    expect(filed).toBeGreaterThan(1); // group removals and the deactivation
    const story = await w.audit.query({ action: 'lifecycle.leaver', limit: 10 });
    expect(story.map((r) => r.target)).toContain(`user:${leaver!.login}`);

    // Polling again (the feed may repeat a change from the same second) files nothing new.
    await w.lifecycle.syncHr();
    await w.lifecycle.runner.drain();
    expect(await w.store.countRequests({ subject: leaver!.login })).toBe(filed);
  });
});
