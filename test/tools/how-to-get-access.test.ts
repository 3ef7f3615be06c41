// how_to_get_access: plain words → the app or group, owners, policy requirements and passages, over the demo company.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acmeKnowledge, agent, createTestWarden, personas } from '../support/harness.js';

let w: Awaited<ReturnType<typeof createTestWarden>>;
let kb: Awaited<ReturnType<typeof acmeKnowledge>>;
beforeAll(async () => {
  kb = await acmeKnowledge();
  w = await createTestWarden({ knowledge: kb });
}, 120_000);
afterAll(async () => {
  await w.close();
  await kb.close();
});

const ask = async (
  input: Record<string, unknown>,
  principal = agent('helpdesk-assistant', { id: 'x', login: personas.helpdesk as string }),
) => {
  const r = await w.call('how_to_get_access', input, principal);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.output as any;
};

describe('how_to_get_access', () => {
  it('finds Salesforce from plain words and routes through the granting group with its owner', async () => {
    const out = await ask({ resource: 'sales force', user: personas.manager });
    expect(out.match).toMatchObject({ kind: 'app', name: 'Salesforce' });
    expect(out.alreadyHasAccess).toBe(false);
    const viaGroup = out.routes.find((r: any) => r.group === 'App-Salesforce-Users');
    expect(viaGroup.tool).toBe('request_group_add');
    expect(viaGroup.owners.map((o: any) => o.login)).toContain(personas.groupOwner);
    expect(viaGroup.policy).toMatchObject({ effect: 'approval', rule: 'rules.group-add' });
    expect(viaGroup.policy.maxDuration).toBe('90d');
    expect(out.answer).toMatch(/App-Salesforce-Users/);
  });

  it('says that agents may not request privileged access, and cites the access policy', async () => {
    const out = await ask({ resource: 'Okta super admins', user: personas.manager });
    expect(out.match).toMatchObject({ kind: 'group', name: 'Okta-Super-Admins' });
    expect(out.routes[0].tags).toContain('privileged');
    expect(out.routes[0].policy).toMatchObject({ effect: 'deny', rule: 'rules.privileged-via-agent-deny' });
    expect(out.passages.length).toBeGreaterThan(0);
    expect(out.passages[0].passage).toMatch(/^<<<BEGIN QUOTED DOCUMENT TEXT/);
  });

  it('knows when the person already has it', async () => {
    const out = await ask({ resource: 'GitHub', user: 'zara.hayashi@acme.example' });
    expect(out.alreadyHasAccess).toBe(true);
    expect(out.answer).toMatch(/already has GitHub/);
  });

  it('reports nothing found clearly', async () => {
    const r = await w.call('how_to_get_access', { resource: 'qqqq zzzz' }, agent());
    expect(!r.ok && r.error.code).toBe('not_found');
  });
});

describe('search_knowledge through governance', () => {
  it('returns quoted passages with sources, scoped to the client audiences', async () => {
    const r = await w.call(
      'search_knowledge',
      { query: 'incident response runbook escalation' },
      agent('claude-desktop'),
    );
    expect(r.ok).toBe(true);
    const paths = (r as any).output.results.map((x: any) => x.path);
    expect(paths.some((p: string) => p.startsWith('security/'))).toBe(false);
    const sec = await w.call(
      'search_knowledge',
      { query: 'incident response runbook escalation' },
      {
        kind: 'person',
        clientId: 'security-console',
        auth: 'session',
        person: { id: 'x', login: personas.security as string },
      },
    );
    expect((sec as any).output.results.map((x: any) => x.path).some((p: string) => p.startsWith('security/'))).toBe(
      true,
    );
  });
});
