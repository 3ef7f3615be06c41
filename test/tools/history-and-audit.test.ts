// access_history and query_audit: the story of a person's access, and the audit log for security clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agent, createTestWarden, personas } from '../support/harness.js';
import type { Principal } from '../../src/core/principal.js';

let w: Awaited<ReturnType<typeof createTestWarden>>;
let requestId: string;
const security: Principal = {
  kind: 'person',
  clientId: 'security-console',
  auth: 'session',
  person: { id: 'x', login: personas.security as string },
};

beforeAll(async () => {
  w = await createTestWarden();
  const helpdesk = (await w.directory.getUser(personas.helpdesk as string))!;
  const r = await w.call(
    'request_group_add',
    { user: 'zara.hayashi@acme.example', group: 'Proj-Atlas', reason: 'Joining the Atlas launch team for Q1' },
    agent('claude-desktop', { id: helpdesk.id, login: helpdesk.login }),
  );
  requestId = (r as any).output.id;
  const m = (await w.directory.getUser(personas.manager as string))!;
  await w.approvals.decide(
    requestId,
    { kind: 'person', clientId: 'warden-web', auth: 'session', person: { id: m.id, login: m.login } },
    'approve',
    'welcome',
  );
  await w.executor.idle();
});
afterAll(async () => {
  await w.close();
});

describe('access_history', () => {
  it('tells who asked, who approved, and that it was applied', async () => {
    const r = await w.call('access_history', { user: 'zara.hayashi@acme.example' });
    expect(r.ok).toBe(true);
    const [req] = (r as any).output.requests;
    expect(req).toMatchObject({
      id: requestId,
      status: 'applied',
      requestedBy: personas.helpdesk,
      decisions: [{ by: personas.manager, decision: 'approve', comment: 'welcome' }],
    });
    expect(req.grantExpiresAt).toBeTruthy();
  });
});

describe('query_audit', () => {
  it('is only offered to clients with the audit toolset', async () => {
    expect(w.governance.listTools(agent()).map((t) => t.name)).not.toContain('query_audit');
    const r = await w.call('query_audit', {}, agent());
    expect(!r.ok && r.error.code).toBe('forbidden');
  });

  it('filters by request id and pages newest first', async () => {
    const r = await w.call('query_audit', { requestId }, security);
    expect(r.ok).toBe(true);
    const actions = (r as any).output.records.map((x: any) => x.action);
    expect(actions).toEqual(['request.executed', 'request.approved', 'request.created']);
    const page1 = ((await w.call('query_audit', { limit: 2 }, security)) as any).output;
    expect(page1.returned).toBe(2);
    const page2 = ((await w.call('query_audit', { limit: 2, beforeSeq: page1.nextBeforeSeq }, security)) as any).output;
    expect(page2.records[0].seq).toBeLessThan(page1.records[1].seq);
  });

  it('rejects a bad time filter clearly', async () => {
    const r = await w.call('query_audit', { since: 'yesterday' }, security);
    expect(!r.ok && r.error.message).toMatch(/since: a duration back from now like 30d, 12h or 45m, or an ISO time/);
  });

  it('answers "who looked up Zara in the last 30 days" by name, login or id', async () => {
    const helpdesk = (await w.directory.getUser(personas.helpdesk as string))!;
    const zara = (await w.directory.getUser('zara.hayashi@acme.example'))!;
    expect(
      (
        await w.call(
          'lookup_user',
          { query: 'Zara Hayashi' },
          agent('claude-desktop', { id: helpdesk.id, login: helpdesk.login }),
        )
      ).ok,
    ).toBe(true);
    expect(
      (
        await w.call(
          'list_group_members',
          { group: 'Proj-Atlas' },
          agent('claude-desktop', { id: helpdesk.id, login: helpdesk.login }),
        )
      ).ok,
    ).toBe(true);
    for (const target of ['Zara', 'zara.hayashi@acme.example', zara.id, 'ZARA HAYASHI']) {
      const r = await w.call('query_audit', { target, since: '30d', action: 'tool.call' }, security);
      expect(r.ok).toBe(true);
      const records = (r as any).output.records;
      expect(records.map((x: any) => x.tool)).toContain('lookup_user');
      const lookup = records.find((x: any) => x.tool === 'lookup_user');
      expect(lookup).toMatchObject({
        actor: { person: helpdesk.login },
        targets: [`user:zara.hayashi@acme.example (${zara.displayName})`],
      });
    }
    const byGroup = ((await w.call('query_audit', { target: 'proj-atlas' }, security)) as any).output.records;
    expect(byGroup.map((x: any) => x.action)).toEqual(expect.arrayContaining(['tool.call', 'request.created']));
    const old = ((await w.call('query_audit', { target: 'Zara', until: '30d' }, security)) as any).output.records;
    expect(old).toEqual([]);
  });
});
