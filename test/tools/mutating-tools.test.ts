// Every mutating tool only files a request: the directory is unchanged until a person approves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agent, createTestWarden, personas } from '../support/harness.js';
import { allTools } from '../../src/tools/index.js';
import { isInPlace } from '../../src/governance/requests/changes.js';

let w: Awaited<ReturnType<typeof createTestWarden>>;
beforeAll(async () => {
  w = await createTestWarden();
});
afterAll(async () => {
  await w.close();
});

const SUBJECT = 'zara.hayashi@acme.example';
const INPUTS: Record<string, Record<string, unknown>> = {
  request_group_add: { user: SUBJECT, group: 'Proj-Atlas', reason: 'Joining the Atlas launch team for Q1' },
  request_group_remove: { user: SUBJECT, group: 'App-GitHub-Users', reason: 'Moved off engineering work' },
  request_app_assignment: { user: SUBJECT, app: 'Figma', reason: 'Reviewing design specs for the launch' },
  request_app_removal: {
    user: 'maria.nakamura@acme.example',
    app: 'Salesforce',
    reason: 'Licence clean-up, no longer needed',
  },
  request_user_suspend: { user: SUBJECT, reason: 'INC-4521 suspicious sign-ins from two countries' },
  request_user_deactivate: {
    user: (personas.hrDrift as string[])[0],
    reason: 'HR-3321 leaver, last day was last Friday',
  },
};

/** Mutating tools that need a connected app, covered where one is (test/connectors/orphan-removal.test.ts). */
const ELSEWHERE = ['request_downstream_account_removal'];

describe('mutating tools', () => {
  it('every mutating tool has a case here', () => {
    expect(
      allTools
        .filter((t) => t.mutating && !ELSEWHERE.includes(t.name))
        .map((t) => t.name)
        .sort(),
    ).toEqual(Object.keys(INPUTS).sort());
  });

  it('without a connected app, the orphan removal tool refuses with a clear error and files nothing', async () => {
    const helpdesk = (await w.directory.getUser(personas.helpdesk as string))!;
    const r = await w.call(
      'request_downstream_account_removal',
      { app: 'Jira', account: 'ghost@elsewhere.example', reason: 'Reconcile: matches no person' },
      agent('claude-desktop', { id: helpdesk.id, login: helpdesk.login }),
    );
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/not a connected app/) },
    });
    expect(await w.store.listRequests({ tool: 'request_downstream_account_removal', limit: 10 })).toEqual([]);
  });

  it.each(Object.entries(INPUTS))('%s files a pending request and changes nothing', async (tool, input) => {
    const helpdesk = (await w.directory.getUser(personas.helpdesk as string))!;
    const r = await w.call(tool, input, agent('claude-desktop', { id: helpdesk.id, login: helpdesk.login }));
    if (!r.ok) throw new Error(`${tool}: ${JSON.stringify(r.error)}`);
    const out = r.output as any;
    expect(out.status).toBe('pending');
    expect(out.diff.length).toBeGreaterThan(0);
    expect(out.approvals.length).toBeGreaterThan(0);
    const row = (await w.store.getRequest(out.id))!;
    expect(await isInPlace(w.directory, (row.payload as any).change)).toBe(false);
  });
});
