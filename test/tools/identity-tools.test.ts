// The identity toolset over the local demo company, through the one governance path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createTestWarden, personas, ACME, agent } from '../support/harness.js';
import type { Seed } from '../../src/directory/seed.js';

const seed = JSON.parse(readFileSync(`${ACME}/directory.json`, 'utf8')) as Seed;
const byLogin = (l: string) => seed.users.find((u) => u.profile.login === l)!;
const group = (name: string) => seed.groups.find((g) => g.profile.name === name)!;

let w: Awaited<ReturnType<typeof createTestWarden>>;
beforeAll(async () => {
  w = await createTestWarden();
});
afterAll(async () => {
  await w.close();
});

const ok = async (tool: string, input: unknown, principal = agent()) => {
  const r = await w.call(tool, input, principal);
  if (!r.ok) throw new Error(`${tool} failed: ${JSON.stringify(r.error)}`);
  return r.output as Record<string, any>;
};

describe('lookup_user', () => {
  it.each([
    ['login', () => personas.manager as string],
    ['email in upper case', () => (personas.manager as string).toUpperCase()],
    ['okta id', () => byLogin(personas.manager as string).id],
    ['full name', () => byLogin(personas.manager as string).profile.displayName],
  ])('finds a person by %s', async (_label, q) => {
    const out = await ok('lookup_user', { query: q() });
    expect(out.found).toBe(true);
    expect(out.user.login).toBe(personas.manager);
    expect(out.user.manager?.login).toBeTruthy();
  });

  it('finds a person by employee number only for clients that may see employee numbers', async () => {
    const no = byLogin(personas.manager as string).profile.employeeNumber!;
    const security = {
      kind: 'person' as const,
      clientId: 'security-console',
      auth: 'session' as const,
      person: { id: 'x', login: personas.security as string },
    };
    expect((await ok('lookup_user', { query: no }, security)).user.login).toBe(personas.manager);
    const refused = await w.call('lookup_user', { query: no }, agent('claude-desktop'));
    expect(!refused.ok && refused.error.message).toMatch(/may not look people up by employee number/);
  });

  it('returns candidates for an ambiguous name, never a guess', async () => {
    const out = await ok('lookup_user', { query: personas.ambiguousName });
    expect(out.found).toBe(false);
    expect(out.user).toBeUndefined();
    expect(out.candidates).toHaveLength(2);
    expect(new Set(out.candidates.map((c: any) => c.login)).size).toBe(2);
  });

  it('flags people terminated in HR but still active in the directory', async () => {
    const flagged = [];
    for (const login of personas.hrDrift as string[]) {
      const out = await ok('lookup_user', { query: login });
      flagged.push(...out.user.drift.map((d: any) => d.kind));
    }
    expect(flagged).toContain('terminated_in_hr_but_active');
  });

  it('hides fields the client may not see (employeeNumber for claude-desktop)', async () => {
    const out = await ok('lookup_user', { query: personas.manager });
    expect(out.user).not.toHaveProperty('employeeNumber');
    expect(out.user).not.toHaveProperty('costCenter');
    expect(out.user.department).toBeTruthy();
  });

  it('says clearly when nobody matches', async () => {
    const out = await ok('lookup_user', { query: 'nobody.here@acme.example' });
    expect(out).toMatchObject({ found: false });
    expect(out.message).toMatch(/No person matches/);
  });

  it('rejects bad input with a message naming the field', async () => {
    const r = await w.call('lookup_user', { query: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.message).toMatch(/query/);
    }
    const r2 = await w.call('lookup_user', { query: 'x', extra: 1 });
    expect(!r2.ok && r2.error.message).toMatch(/unknown field\(s\) extra/);
  });
});

describe('search_users', () => {
  it('pages through a department and says when the list is complete', async () => {
    const dept = seed.users.filter((u) => u.profile.department === 'Engineering').length;
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const out = await ok('search_users', { department: 'Engineering', limit: 20, cursor });
      out.users.forEach((u: any) => seen.add(u.login));
      expect(out.users.length).toBeLessThanOrEqual(20);
      cursor = out.nextCursor;
      expect(out.complete).toBe(!cursor);
      pages++;
    } while (cursor);
    expect(seen.size).toBe(dept);
    expect(pages).toBeGreaterThan(1);
  });

  it("lists a manager's direct reports", async () => {
    const m = byLogin(personas.manager as string);
    const reports = seed.users
      .filter((u) => u.profile.managerId === m.id)
      .map((u) => u.profile.login)
      .sort();
    const out = await ok('search_users', { manager: m.profile.login, limit: 50 });
    expect(out.users.map((u: any) => u.login).sort()).toEqual(reports);
  });

  it('filters by group and status', async () => {
    const g = group('App-Salesforce-Users');
    const active = g.members.filter((m) => seed.users.find((u) => u.id === m.userId)!.status === 'ACTIVE').length;
    const out = await ok('search_users', { group: 'App-Salesforce-Users', status: 'ACTIVE', limit: 50 });
    expect(out.returned).toBe(Math.min(active, out.users.length));
    expect(out.users.every((u: any) => u.status === 'ACTIVE')).toBe(true);
  });

  it('refuses a search without any filter and caps the page size', async () => {
    expect((await w.call('search_users', {})).ok).toBe(false);
    const r = await w.call('search_users', { department: 'Sales', limit: 5000 });
    expect(!r.ok && r.error.code).toBe('invalid_input');
  });
});

describe('list_user_access and check_access', () => {
  const salesUser = () => {
    const g = group('App-Salesforce-Users');
    return seed.users.find((u) => u.status === 'ACTIVE' && g.members.some((m) => m.userId === u.id))!;
  };

  it("lists a person's groups, apps with how they get them, and roles", async () => {
    const u = salesUser();
    const out = await ok('list_user_access', { user: u.profile.login });
    expect(out.groups.map((g: any) => g.name)).toContain('App-Salesforce-Users');
    const sf = out.apps.find((a: any) => a.name === 'salesforce');
    expect(sf.groups).toContain('App-Salesforce-Users');
    expect(['group', 'direct_and_group']).toContain(sf.via);
  });

  it('says yes and how for an app granted through a group', async () => {
    const out = await ok('check_access', { user: salesUser().profile.login, target: 'Salesforce' });
    expect(out.hasAccess).toBe(true);
    expect(out.paths).toContainEqual({ via: 'group', group: 'App-Salesforce-Users' });
    expect(out.answer).toMatch(/^Yes/);
  });

  it('says no, and which group grants it and who owns it', async () => {
    const g = group('App-Salesforce-Users');
    const u = seed.users.find(
      (x) =>
        x.status === 'ACTIVE' &&
        x.profile.department === 'Engineering' &&
        !g.members.some((m) => m.userId === x.id) &&
        !seed.apps.find((a) => a.name === 'salesforce')!.userAssignments.some((d) => d.userId === x.id),
    )!;
    const out = await ok('check_access', { user: u.profile.login, target: 'salesforce' });
    expect(out.hasAccess).toBe(false);
    const granting = out.grantedBy.find((x: any) => x.group === 'App-Salesforce-Users');
    expect(granting.owners.map((o: any) => o.login)).toContain(personas.groupOwner);
  });

  it('answers for groups too, with tags from policy', async () => {
    const out = await ok('check_access', { user: personas.manager, target: 'Okta-Super-Admins', kind: 'group' });
    expect(out.hasAccess).toBe(false);
    expect(out.target.tags).toContain('privileged');
  });

  it('asks which person when a name is ambiguous', async () => {
    const r = await w.call('check_access', { user: personas.ambiguousName, target: 'Slack' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect((r.error.details as any).candidates).toHaveLength(2);
    }
  });

  it('reports an unknown app clearly', async () => {
    const r = await w.call('check_access', { user: personas.manager, target: 'Nonexistent App' });
    expect(!r.ok && r.error.code).toBe('not_found');
    expect(!r.ok && r.error.hint).toMatch(/Salesforce/);
  });
});

describe('groups and events', () => {
  it('describes a group with owners, count, tags and apps', async () => {
    const out = await ok('get_group', { group: 'App-Salesforce-Users' });
    expect(out.memberCount).toBe(group('App-Salesforce-Users').members.length);
    expect(out.owners.map((o: any) => o.login)).toContain(personas.groupOwner);
    expect(out.grantsApps.map((a: any) => a.name)).toContain('salesforce');
  });

  it('pages group members', async () => {
    const total = group('Everyone').members.length;
    const first = await ok('list_group_members', { group: 'Everyone', limit: 100 });
    expect(first.returned).toBe(100);
    expect(first.complete).toBe(false);
    expect(first.group.memberCount).toBe(total);
  });

  it('lists recent access changes for a user, newest first', async () => {
    const target = seed.events.at(-1)!.target[0]!;
    const out = await ok('recent_access_changes', { user: target.id, days: 90 });
    expect(out.returned).toBeGreaterThan(0);
    const times = out.events.map((e: any) => e.published);
    expect([...times].sort().reverse()).toEqual(times);
  });
});

describe('scope', () => {
  it('reporting-bot sees only Sales and Marketing people', async () => {
    const bot = agent('reporting-bot');
    const eng = await w.call('lookup_user', { query: personas.manager }, bot);
    expect(eng.ok && (eng.output as any).found).toBe(false);
    const out = await ok('search_users', { department: 'Engineering' }, bot);
    expect(out.users).toHaveLength(0);
    const sales = seed.users.find((u) => u.profile.department === 'Sales' && u.status === 'ACTIVE')!;
    const s = await ok('lookup_user', { query: sales.profile.login }, bot);
    expect(s.found).toBe(true);
    expect(s.user).not.toHaveProperty('location');
  });

  it('refuses tools outside the client scope and unknown clients, and audits the refusal', async () => {
    const r = await w.call('recent_access_changes', { user: personas.manager }, agent('reporting-bot'));
    expect(!r.ok && r.error.code).toBe('forbidden');
    const u = await w.call('lookup_user', { query: 'x' }, agent('who-is-this'));
    expect(!u.ok && u.error.code).toBe('forbidden');
    const denied = await w.audit.query({ actorClient: 'who-is-this' });
    expect(denied.at(-1)).toMatchObject({ tool: 'lookup_user', outcome: 'denied' });
  });

  it('audits every call with who, what and outcome', async () => {
    const before = await w.audit.count();
    await w.call('get_group', { group: 'Dept-Engineering' });
    const [rec] = await w.audit.query({ order: 'desc', limit: 1 });
    expect(await w.audit.count()).toBe(before + 1);
    expect(rec).toMatchObject({
      action: 'tool.call',
      tool: 'get_group',
      outcome: 'ok',
      actor: { clientId: 'claude-desktop' },
    });
    expect(rec!.decision?.policyHash).toBe(w.policy.hash);
    expect((await w.audit.verify()).ok).toBe(true);
  });
});

describe('scope reaches owners and events', () => {
  it('reporting-bot does not learn the names of owners outside Sales and Marketing', async () => {
    const out = await ok('get_group', { group: 'Dept-Engineering' }, agent('reporting-bot'));
    const owners = group('Dept-Engineering').owners.map((id) => seed.users.find((u) => u.id === id)!);
    expect(owners.every((o) => o.profile.department !== 'Sales' && o.profile.department !== 'Marketing')).toBe(true);
    expect(out.owners).toEqual([]);
    const mine = await ok('get_group', { group: 'Dept-Sales' }, agent('reporting-bot'));
    expect(mine.owners.length).toBeGreaterThan(0);
  });
});
