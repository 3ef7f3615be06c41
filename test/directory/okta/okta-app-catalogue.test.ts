// The okta adapter's app reads over the real SDK: a group's apps, a user's live assignments, and the app catalogue cache.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isolateOktaSdk } from '../../support/okta-env.js';
import { appId, groupId, userId } from '../../support/okta-fixture.js';
import { decodedQuery, startHarness, type Harness } from './helpers.js';

isolateOktaSdk();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const T0 = '2024-05-01T10:00:00.000Z';

describe('okta adapter: listAppsForGroup and listUserAppAssignments', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.dir.clearCatalogue();
    h.dir.resetStats();
    h.emu.resetCalls();
  });

  it('lists the apps a group is assigned to with one filtered listing', async () => {
    expect((await h.dir.listAppsForGroup(groupId(2))).map((a) => a.name)).toEqual(['netsuite']);
    expect(h.emu.calls).toHaveLength(1);
    expect(h.emu.calls[0]!.path).toBe('/api/v1/apps');
    expect(decodedQuery(h.emu.calls[0]!.query).get('filter')).toBe(`group.id eq "${groupId(2)}"`);
    expect((await h.dir.listAppsForGroup(groupId(1))).map((a) => a.name)).toEqual(['bookmark_wiki']);
    expect(await h.dir.listAppsForGroup(groupId(5))).toEqual([]);
    await expect(h.dir.listAppsForGroup('00g" or x')).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it("lists a user's apps with the AppUser embedded (scope USER or GROUP) in one call", async () => {
    const mine = await h.dir.listUserAppAssignments(userId(3));
    expect(mine.map((x) => [x.app.name, x.assignment.scope])).toEqual([
      ['netsuite', 'USER'],
      ['bookmark_wiki', 'GROUP'],
    ]);
    expect(mine[0]).toEqual({
      app: { id: appId(1), name: 'netsuite', label: 'NetSuite', status: 'ACTIVE', signOnMode: 'SAML_2_0', created: T0 },
      assignment: { appId: appId(1), userId: userId(3), scope: 'USER', status: 'PROVISIONED', created: T0 },
    });
    expect(h.dir.stats().calls).toBe(1);
    const q = decodedQuery(h.emu.calls[0]!.query);
    expect([q.get('filter'), q.get('expand')]).toEqual([`user.id eq "${userId(3)}"`, `user/${userId(3)}`]);
    // The same answers as one getAppAssignment per app.
    for (const x of mine) expect(await h.dir.getAppAssignment(x.app.id, userId(3))).toEqual(x.assignment);
    expect((await h.dir.listUserAppAssignments(userId(1))).map((x) => [x.app.name, x.assignment.scope])).toEqual([
      ['netsuite', 'GROUP'],
      ['bookmark_wiki', 'GROUP'],
    ]);
    expect((await h.dir.listUserAppAssignments(userId(4))).map((x) => [x.app.name, x.assignment.scope])).toEqual([
      ['salesforce', 'USER'],
      ['bookmark_wiki', 'GROUP'],
    ]);
    expect(await h.dir.listUserAppAssignments('00uNobodyNobody12345')).toEqual([]);
  });

  it("follows every page of a user's apps", async () => {
    const small = await startHarness({ emulator: { pageSizeMax: 1 } });
    try {
      expect((await small.dir.listUserAppAssignments(userId(3))).map((x) => x.app.name)).toEqual([
        'netsuite',
        'bookmark_wiki',
      ]);
      expect(small.dir.stats().calls).toBe(2);
    } finally {
      await small.close();
    }
  });
});

describe('okta adapter: the app catalogue', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ adapter: { catalogueTtlMs: 300 } });
  });
  afterEach(async () => {
    await h.close();
  });

  it("serves apps, app groups and a group's apps from the catalogue within the TTL", async () => {
    await h.dir.listApps();
    await h.dir.listAppGroups(appId(1));
    await h.dir.listAppsForGroup(groupId(2));
    h.dir.resetStats();
    expect((await h.dir.getApp('NetSuite'))?.id).toBe(appId(1));
    expect((await h.dir.getApp(appId(2)))?.name).toBe('github');
    expect(await h.dir.listAppGroups(appId(1))).toEqual([
      { appId: appId(1), groupId: groupId(2), groupName: 'Finance', priority: 0, created: T0 },
    ]);
    expect((await h.dir.listAppsForGroup(groupId(2))).map((a) => a.id)).toEqual([appId(1)]);
    expect(h.dir.stats().calls).toBe(0);
    // fresh: one read, and the catalogue is refreshed with it.
    await h.dir.listAppGroups(appId(1), { fresh: true });
    expect(h.dir.stats().calls).toBe(1);
  });

  it('never serves access state from the cache: memberships, assignments and status changed in Okta show at once', async () => {
    const finance = h.emu.state.groups.get(groupId(2))!;
    const netsuite = h.emu.state.apps.get(appId(1))!;
    // Warm everything the adapter may cache.
    await h.dir.listApps();
    await h.dir.listAppGroups(appId(1));
    await h.dir.listAppsForGroup(groupId(2));
    expect(await h.dir.getAppAssignment(appId(1), userId(4))).toBeNull();
    expect((await h.dir.listUserAppAssignments(userId(4))).map((x) => x.app.name)).toEqual([
      'salesforce',
      'bookmark_wiki',
    ]);

    // Someone adds Bob to Finance in the Okta console: Netsuite comes through the group, at once.
    finance.members.push({ userId: userId(4), added: T0 });
    expect((await h.dir.listUserGroups(userId(4))).map((g) => g.name)).toContain('Finance');
    expect(await h.dir.getAppAssignment(appId(1), userId(4))).toMatchObject({ scope: 'GROUP' });
    expect((await h.dir.listUserAppAssignments(userId(4))).map((x) => x.app.name)).toEqual([
      'netsuite',
      'salesforce',
      'bookmark_wiki',
    ]);

    // ...then removes him again, and removes Ada's direct Netsuite assignment: both gone at once.
    finance.members = finance.members.filter((m) => m.userId !== userId(4));
    netsuite.userAssignments = [];
    expect(await h.dir.getAppAssignment(appId(1), userId(4))).toBeNull();
    expect(await h.dir.getAppAssignment(appId(1), userId(3))).toBeNull();
    expect((await h.dir.listUserAppAssignments(userId(3))).map((x) => x.app.name)).toEqual(['bookmark_wiki']);

    // A suspension in the console is seen at once too.
    h.emu.state.users.get(userId(4))!.status = 'SUSPENDED';
    expect((await h.dir.getUser(userId(4)))?.status).toBe('SUSPENDED');
  });

  it('sees catalogue changes made in Okta after the TTL', async () => {
    const github = h.emu.state.apps.get(appId(2))!;
    expect((await h.dir.listAppGroups(appId(2))).map((g) => g.groupId)).toEqual([groupId(3)]);
    expect((await h.dir.listAppsForGroup(groupId(2))).map((a) => a.name)).toEqual(['netsuite']);
    expect((await h.dir.listApps()).map((a) => a.name)).not.toContain('zoom');

    // An admin assigns Finance to GitHub and adds a new app.
    github.groupAssignments.push({ groupId: groupId(2), priority: 1, created: T0 });
    const zoom = {
      ...structuredClone(github),
      id: '0oaFxNewZoomApp00001',
      name: 'zoom',
      label: 'Zoom',
      groupAssignments: [],
      userAssignments: [],
    };
    h.emu.state.apps.set(zoom.id, zoom);

    // Within the TTL the catalogue still has the old picture, with no calls...
    h.dir.resetStats();
    expect((await h.dir.listAppGroups(appId(2))).map((g) => g.groupId)).toEqual([groupId(3)]);
    expect((await h.dir.listAppsForGroup(groupId(2))).map((a) => a.name)).toEqual(['netsuite']);
    expect(h.dir.stats().calls).toBe(0);
    // ...but a name it does not know is looked up in Okta rather than answered "no such app".
    expect((await h.dir.getApp('Zoom'))?.id).toBe(zoom.id);
    expect((await h.dir.getApp(zoom.id))?.name).toBe('zoom');

    await sleep(350);
    expect((await h.dir.listAppGroups(appId(2))).map((g) => g.groupId)).toEqual([groupId(2), groupId(3)]);
    expect((await h.dir.listAppsForGroup(groupId(2))).map((a) => a.name)).toEqual(['netsuite', 'github']);
    expect((await h.dir.listApps()).map((a) => a.name)).toContain('zoom');
  });

  it("is dropped by Warden's own changes", async () => {
    await h.dir.listAppGroups(appId(1));
    await h.dir.addGroupMember(groupId(2), userId(4));
    h.dir.resetStats();
    await h.dir.listAppGroups(appId(1));
    expect(h.dir.stats().calls).toBe(1);
    await h.dir.removeGroupMember(groupId(2), userId(4));
    h.dir.resetStats();
    await h.dir.listAppGroups(appId(1));
    expect(h.dir.stats().calls).toBe(1);
  });

  it('is off with a TTL of 0: every read goes to Okta', async () => {
    const off = await startHarness({ adapter: { catalogueTtlMs: 0 } });
    try {
      await off.dir.listAppGroups(appId(1));
      await off.dir.listAppGroups(appId(1));
      expect((await off.dir.getApp('github'))?.id).toBe(appId(2));
      expect(off.dir.stats().calls).toBe(3);
      expect(off.emu.calls.map((c) => c.path)).toEqual([
        `/api/v1/apps/${appId(1)}/groups`,
        `/api/v1/apps/${appId(1)}/groups`,
        '/api/v1/apps',
      ]);
    } finally {
      await off.close();
    }
  });
});
