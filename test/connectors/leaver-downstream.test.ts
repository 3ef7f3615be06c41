// Leavers everywhere: the HR leaver workflow deactivates the person in the connected app even without a directory assignment, and the offboarding report lists the app.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DownstreamPort } from '../../src/core/connectors.js';
import { createDownstream } from '../../src/connectors/downstream.js';
import { createConnectorRegistry } from '../../src/connectors/registry.js';
import { lifecycleWarden, today } from '../lifecycle/support.js';
import { memoryLogger } from '../support/harness.js';
import { startScimApp, type TestScimApp } from '../support/scim-app/index.js';

describe('leaver in connected apps', () => {
  let w: Awaited<ReturnType<typeof lifecycleWarden>> | undefined;
  let scim: TestScimApp | undefined;
  afterEach(async () => {
    await w?.close();
    await scim?.close();
  });

  it("deactivates the leaver's Jira account after the people approve, and reports it", async () => {
    scim = await startScimApp({ token: 't0ken-for-leaver-test' });
    let ds: DownstreamPort | undefined;
    // The downstream step needs the store the lifecycle harness opens; bind it once that exists.
    const late: DownstreamPort = {
      plan: (c) => ds!.plan(c),
      apply: (r, c) => ds!.apply(r, c),
      pendingRemoval: (c) => ds!.pendingRemoval!(c),
    };
    w = await lifecycleWarden({ requests: { downstream: late } });
    const registry = createConnectorRegistry({
      token: () => undefined,
      log: memoryLogger().log,
      builtIn: [
        {
          def: { app: 'Jira', type: 'scim', url: scim.url, groups: {}, deprovision: 'deactivate' },
          fetch: (req) =>
            fetch(
              new Request(req, {
                headers: { ...Object.fromEntries(req.headers), authorization: 'Bearer t0ken-for-leaver-test' },
              }),
            ),
        },
      ],
    });
    ds = createDownstream({ registry, directory: w.directory, store: w.store, log: memoryLogger().log });

    const jira = (await w.directory.getApp('jira'))!;
    let leaver: { employeeId: string; login: string; id: string } | undefined;
    for (const rec of await w.hr.listEmployees()) {
      const u = rec.status === 'Active' && !rec.terminationDate ? await w.directory.getUser(rec.workEmail) : null;
      if (u?.status === 'ACTIVE' && u.managerId && !(await w.directory.getAppAssignment(jira.id, u.id))) {
        leaver = { employeeId: rec.employeeId, login: u.login, id: u.id };
        break;
      }
    }
    const L = leaver!;
    // Jira knows them though the directory does not assign it (Okta does not provision this app).
    scim.app.seedUser({ userName: L.login, externalId: L.id, displayName: 'Leaver' });
    await w.lifecycle.syncHr();
    w.editHr(L.employeeId, { status: 'Inactive', terminationDate: today() });
    await w.lifecycle.syncHr();
    await w.lifecycle.runner.drain();
    expect([...scim.app.users.values()].find((u) => u.userName === L.login)?.active).toBe(true); // nothing before approval
    await w.approveAll(L.login);
    expect([...scim.app.users.values()].find((u) => u.userName === L.login)?.active).toBe(false);

    const file = join(w.dir, 'offboarding', `${L.employeeId}-${today()}.json`);
    let report: { apps: Array<{ app: string; status: string; detail?: string }> } | undefined;
    for (const until = Date.now() + 30_000; !report && Date.now() < until; ) {
      await w.lifecycle.runner.drain();
      try {
        report = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    expect(report!.apps).toContainEqual(
      expect.objectContaining({ app: 'Jira', status: 'applied', detail: expect.stringMatching(/deactivated account/) }),
    );
    expect(readFileSync(file.replace(/\.json$/, '.md'), 'utf8')).toMatch(/## Connected apps\n\n- Jira: applied/);
    registry.close();
  }, 90_000);
});
