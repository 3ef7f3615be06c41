// The okta DirectoryPort reads, through the real SDK against the emulator: lookups, paging, and calls per method.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isolateOktaSdk } from '../../support/okta-env.js';
import { appId, buildFixtureSeed, groupId, userId } from '../../support/okta-fixture.js';
import { startHarness, type Harness } from './helpers.js';

isolateOktaSdk();
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: buildFixtureSeed({ extraUsers: 23 }) });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.dir.resetStats();
  h.emu.resetCalls();
});

describe('okta adapter: users', () => {
  it('gets a user by id, login and short name in one call each', async () => {
    for (const key of [userId(1), 'dana.lee@example.com', 'DANA.LEE@example.com']) {
      h.dir.resetStats();
      const u = await h.dir.getUser(key);
      expect(u).toMatchObject({
        id: userId(1),
        login: 'dana.lee@example.com',
        firstName: 'Dana',
        lastName: 'Lee',
        displayName: 'Dana Lee',
        department: 'Finance',
        managerId: userId(2),
        status: 'ACTIVE',
      });
      expect(u!.created).toBe('2024-05-01T10:00:00.000Z');
      expect(h.dir.stats().calls).toBe(1);
    }
  });

  it('falls back to an email search when the email is not the login (2 calls)', async () => {
    const u = await h.dir.getUser('sam.roe@mail.example.com');
    expect(u?.id).toBe(userId(2));
    expect(h.dir.stats().calls).toBe(2);
    expect(h.emu.calls[1]!.path).toBe('/api/v1/users');
  });

  it('returns null for an unknown user (404 E0000007)', async () => {
    expect(await h.dir.getUser('nobody')).toBeNull();
    expect(await h.dir.getUser('nobody@example.com')).toBeNull();
  });

  it('pages findUsers through several pages with opaque cursors, every user exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await h.dir.findUsers({ department: 'Engineering', limit: 5, cursor });
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
      if (cursor) expect(cursor).not.toMatch(/^00u/);
      pages += 1;
    } while (cursor);
    const honest = [...h.emu.state.users.values()].filter((u) => u.profile.department === 'Engineering').length;
    expect(honest).toBe(24);
    expect(seen).toHaveLength(honest);
    expect(new Set(seen).size).toBe(honest);
    expect(pages).toBe(5);
    expect(h.dir.stats().calls).toBe(5); // one call per page
  });

  it('maps a structured query to a search: name prefix, full name, status (DEPROVISIONED included)', async () => {
    expect((await h.dir.findUsers({ name: 'dan' })).items.map((u) => u.id)).toEqual([userId(1)]);
    expect((await h.dir.findUsers({ name: 'Dana Lee' })).items.map((u) => u.id)).toEqual([userId(1)]);
    expect((await h.dir.findUsers({ status: 'DEPROVISIONED' })).items.map((u) => u.id)).toEqual([userId(7)]);
    expect((await h.dir.findUsers({ department: 'finance', title: 'Analyst' })).items).toHaveLength(2);
  });

  it("lists a user's groups, app links and admin roles in one call each", async () => {
    expect((await h.dir.listUserGroups(userId(1))).map((g) => g.name).sort()).toEqual(['Everyone', 'Finance']);
    expect((await h.dir.listUserAppLinks(userId(1))).map((a) => a.appName).sort()).toEqual([
      'bookmark_wiki',
      'netsuite',
    ]);
    expect(await h.dir.listUserRoles(userId(3))).toEqual([
      {
        id: 'raFx00000000000001',
        type: 'SUPER_ADMIN',
        label: 'Super Administrator',
        status: 'ACTIVE',
        created: '2024-05-01T10:00:00.000Z',
        assignmentType: 'USER',
      },
    ]);
    expect(h.dir.stats().calls).toBe(3);
    await expect(h.dir.listUserGroups('00uNobodyNobody12345')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('okta adapter: groups', () => {
  it('gets a group by id or by exact name, case-insensitively, in one call', async () => {
    expect((await h.dir.getGroup(groupId(2)))?.name).toBe('Finance');
    expect(await h.dir.getGroup('finance')).toMatchObject({
      id: groupId(2),
      type: 'OKTA_GROUP',
      description: 'Finance team',
    });
    expect(await h.dir.getGroup('Fin')).toBeNull();
    expect(await h.dir.getGroup('00gNobodyNobody12345')).toBeNull();
    expect(h.dir.stats().calls).toBe(4);
  });

  it('pages group prefix searches and group members', async () => {
    const first = await h.dir.findGroups({ q: 'fin', limit: 1 });
    const second = await h.dir.findGroups({ q: 'fin', limit: 1, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((g) => g.name)).toEqual(['Finance', 'Finance Admins']);
    expect(second.nextCursor).toBeUndefined();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await h.dir.listGroupMembers(groupId(3), { limit: 7, cursor });
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(24);
    expect(new Set(seen).size).toBe(24);
  });

  it('counts members with one call and lists owners with two', async () => {
    expect(await h.dir.countGroupMembers(groupId(3))).toBe(24);
    expect(h.dir.stats().calls).toBe(1);
    h.dir.resetStats();
    expect(await h.dir.listGroupOwners(groupId(3))).toEqual([
      { id: userId(3), login: 'ada.admin@example.com', displayName: 'Ada Admin' },
      { id: userId(6), login: 'carla.backslash@example.com', displayName: 'Carla Back\\slash' },
    ]);
    expect(h.dir.stats().calls).toBe(2);
    await expect(h.dir.countGroupMembers('00gNobodyNobody12345')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('okta adapter: following every page', () => {
  it('collects whole listings across pages when Okta pages smaller than asked', async () => {
    const small = await startHarness({ emulator: { pageSizeMax: 2 } });
    try {
      expect((await small.dir.listApps()).map((a) => a.id).sort()).toEqual([appId(1), appId(2), appId(3), appId(4)]);
      expect(small.dir.stats().calls).toBe(2);
      expect(small.emu.calls[1]!.query).toMatch(/^limit=200&after=0oa/);
      small.dir.resetStats();
      const owners = await small.dir.listGroupOwners(groupId(3));
      expect(owners.map((o) => o.login)).toEqual(['ada.admin@example.com', 'carla.backslash@example.com']);
      const page = await small.dir.findUsers({ department: 'Engineering', limit: 200 });
      expect(page.items).toHaveLength(2);
      expect(page.nextCursor).toBeDefined();
    } finally {
      await small.close();
    }
  });
});

describe('okta adapter: apps and events', () => {
  it('gets apps by id, name or label and lists them all', async () => {
    expect((await h.dir.getApp(appId(3)))?.label).toBe('Salesforce');
    expect((await h.dir.getApp('github'))?.id).toBe(appId(2));
    expect((await h.dir.getApp('wiki'))?.name).toBe('bookmark_wiki');
    expect(await h.dir.getApp('nothing')).toBeNull();
    expect((await h.dir.listApps()).map((a) => a.signOnMode).sort()).toEqual([
      'BOOKMARK',
      'OPENID_CONNECT',
      'SAML_2_0',
      'SAML_2_0',
    ]);
    expect(await h.dir.listAppGroups(appId(1))).toEqual([
      { appId: appId(1), groupId: groupId(2), groupName: 'Finance', priority: 0, created: '2024-05-01T10:00:00.000Z' },
    ]);
  });

  it('reads one assignment with exactly one call: USER, GROUP or null', async () => {
    expect(await h.dir.getAppAssignment(appId(1), userId(3))).toMatchObject({
      scope: 'USER',
      userId: userId(3),
      appId: appId(1),
    });
    expect(await h.dir.getAppAssignment(appId(1), userId(1))).toMatchObject({ scope: 'GROUP' });
    expect(await h.dir.getAppAssignment(appId(1), userId(4))).toBeNull();
    expect(h.dir.stats().calls).toBe(3);
  });

  it('lists events for a target newest first in one call', async () => {
    const events = await h.dir.listEvents({ targetId: userId(1) });
    expect(events.map((e) => e.uuid)).toEqual(['evt-2', 'evt-1']);
    expect(events[0]).toMatchObject({
      eventType: 'group.user_membership.add',
      actor: { id: userId(3) },
      outcome: { result: 'SUCCESS' },
    });
    expect(await h.dir.listEvents({ limit: 1 })).toHaveLength(1);
    expect(h.dir.stats().calls).toBe(2);
  });
});
