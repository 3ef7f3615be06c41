// Identity tools on the okta adapter (acme seed): Okta calls per tool call with a warm app catalogue, same answers as local.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSeed } from '../../../src/directory/seed.js';
import { createOktaDirectory, type OktaDirectory } from '../../../src/directory/okta/index.js';
import { isolateOktaSdk } from '../../support/okta-env.js';
import { startOktaEmulator, type OktaEmulator } from '../../support/okta-emulator/index.js';
import { ACME, createTestWarden, personas } from '../../support/harness.js';

isolateOktaSdk();
const seed = loadSeed(`${ACME}/directory.json`);
const manager = personas.manager as string;
const mgrId = seed.users.find((u) => u.profile.login === manager)!.id;
const mgrGroups = seed.groups.filter((g) => g.members.some((m) => m.userId === mgrId));
const viaGroup = seed.apps.find(
  (a) =>
    !a.userAssignments.some((u) => u.userId === mgrId) &&
    a.groupAssignments.some((g) => mgrGroups.some((m) => m.id === g.groupId)),
)!;
const notGranted = seed.apps.find(
  (a) =>
    !a.userAssignments.some((u) => u.userId === mgrId) &&
    !a.groupAssignments.some((g) => mgrGroups.some((m) => m.id === g.groupId)),
)!;
const directApp = seed.apps.find((a) => a.userAssignments.length > 0)!;
const directLogin = seed.users.find((u) => u.id === directApp.userAssignments[0]!.userId)!.profile.login;

let emu: OktaEmulator;
let dir: OktaDirectory;
let okta: Awaited<ReturnType<typeof createTestWarden>>;
let local: Awaited<ReturnType<typeof createTestWarden>>;
beforeAll(async () => {
  emu = await startOktaEmulator({ seed });
  dir = createOktaDirectory({ orgUrl: emu.url, token: emu.token, retryBaseMs: 20 });
  okta = await createTestWarden({ directory: dir });
  local = await createTestWarden();
});
afterAll(async () => {
  await okta.close();
  await local.close();
  await emu.close();
});
beforeEach(() => dir.clearCatalogue());

/** Runs the tool on both adapters (okta twice: cold, then warm); returns the warm call count and both outputs. */
async function run(tool: string, input: Record<string, unknown>) {
  const cold = await okta.call(tool, input);
  emu.resetCalls();
  const warm = await okta.call(tool, input);
  const calls = emu.calls.length;
  const expected = await local.call(tool, input);
  if (!cold.ok || !warm.ok || !expected.ok) throw new Error(`${tool} failed`);
  expect(warm.output).toEqual(cold.output);
  return { calls, out: warm.output as Record<string, any>, expected: expected.output as Record<string, any> };
}

describe('identity tools on okta with a warm app catalogue', () => {
  it('check_access: 2 calls for a direct grant', async () => {
    const r = await run('check_access', { user: directLogin, target: directApp.name });
    expect(r.out).toEqual(r.expected);
    expect(r.out.hasAccess).toBe(true);
    expect(r.calls).toBe(2);
  });

  it('check_access: 2 calls for a grant through a group (the AppUser links the group)', async () => {
    const r = await run('check_access', { user: manager, target: viaGroup.name });
    // `since` differs by design: local reports when the user joined the group, Okta when the group got the app.
    const sinceless = (x: Record<string, unknown>) => ({
      ...x,
      since: undefined,
      answer: String(x.answer).replace(/ since .*$/, ''),
    });
    expect(sinceless(r.out)).toEqual(sinceless(r.expected));
    expect(r.out.paths[0]).toMatchObject({ via: 'group' });
    expect(r.calls).toBe(2);
  });

  it('check_access: 2 calls for "no" (granting groups and their owners are configuration, from the catalogue)', async () => {
    const r = await run('check_access', { user: manager, target: notGranted.name });
    expect(r.out).toEqual(r.expected);
    expect(r.out.hasAccess).toBe(false);
    expect(r.out.grantedBy.length).toBe(notGranted.groupAssignments.length);
    expect(r.calls).toBe(2);
  });

  it("check_access: 2 calls for a group member (the person's groups answer it)", async () => {
    const group = mgrGroups[0]!.profile.name;
    const r = await run('check_access', { user: manager, target: group });
    expect(r.out).toEqual(r.expected);
    expect(r.out.hasAccess).toBe(true);
    expect(r.calls).toBe(2);
  });

  it('list_user_access: 4 calls (user, groups, apps with assignments, roles), same access as local', async () => {
    const r = await run('list_user_access', { user: manager });
    const byId = (x: { apps: { id: string }[] }) => ({
      ...x,
      apps: [...x.apps].sort((a, b) => a.id.localeCompare(b.id)),
    });
    expect(byId(r.out as any)).toEqual(byId(r.expected as any));
    expect(r.calls).toBe(4);
  });

  it('get_group: 1 call (the group with its member count), same answer as local', async () => {
    const r = await run('get_group', { group: 'App-Salesforce-Users' });
    expect(r.out).toEqual(r.expected);
    expect(r.calls).toBe(1);
  });

  it('list_group_members: 2 calls (group with count, members page), same answer as local', async () => {
    const r = await run('list_group_members', { group: 'Dept-Finance', limit: 5 });
    // Member order is each directory's own (Okta pages by id); the group, its owners and the count agree.
    expect({ ...r.out, members: undefined, nextCursor: undefined }).toEqual({
      ...r.expected,
      members: undefined,
      nextCursor: undefined,
    });
    expect(r.out.members).toHaveLength(5);
    expect(r.calls).toBe(2);
  });

  it('owners cached for explanations are never what approvals read: a live read sees an owner removed in Okta', async () => {
    const group = seed.groups.find((g) => g.owners.length > 0)!;
    await okta.call('get_group', { group: group.profile.name }); // warms the owners cache
    const state = emu.state.groups.get(group.id)!;
    const before = [...state.owners];
    state.owners.splice(0, state.owners.length);
    try {
      expect(await dir.listGroupOwners(group.id)).toEqual([]);
      expect((await dir.listGroupOwners(group.id, { catalogue: true })).length).toBe(before.length);
    } finally {
      state.owners.push(...before);
    }
  });

  it("re-reads an app's groups when the catalogue cannot explain a live group grant", async () => {
    const app = emu.state.apps.get(notGranted.id)!;
    const group = mgrGroups.find((g) => !app.groupAssignments.some((a) => a.groupId === g.id))!;
    await okta.call('check_access', { user: manager, target: notGranted.name }); // warms the catalogue: no access
    app.groupAssignments.push({ groupId: group.id, priority: 9, created: '2024-05-01T10:00:00.000Z' });
    try {
      const r = await okta.call('check_access', { user: manager, target: notGranted.name });
      expect(r.ok && r.output).toMatchObject({ hasAccess: true, paths: [{ via: 'group', group: group.profile.name }] });
    } finally {
      app.groupAssignments.pop();
    }
  });
});
