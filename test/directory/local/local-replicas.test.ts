// Replicas of the local (demo) directory over one store agree: a change made through one shows through the other on its next read.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../../src/core/store.js';
import { createLocalDirectory, type LocalDirectory } from '../../../src/directory/local/local-directory.js';
import { loadLocalState } from '../../../src/directory/local/local-state.js';
import { loadSeed } from '../../../src/directory/seed.js';
import { ConflictError } from '../../../src/core/errors.js';
import { postgresHarness, sqliteHarness, type Harness } from '../../store/harness.js';
import { ACME } from '../../support/harness.js';

const SEED = `${ACME}/directory.json`;
const seed = loadSeed(SEED);
const user = (login: string) => seed.users.find((u) => u.profile.login === login)!;
const group = (name: string) => seed.groups.find((g) => g.profile.name === name)!;
const ZARA = user('zara.hayashi@acme.example');
const ATLAS = group('Proj-Atlas');
const okta = (name: string) => seed.groups.find((g) => g.type === 'OKTA_GROUP' && g.profile.name === name)!;

describe.each([
  ['sqlite', sqliteHarness],
  ['postgres', postgresHarness],
] as const)('local directory replicas on %s', (_name, factory) => {
  let h: Harness;
  let other: Store;
  let a: LocalDirectory;
  let b: LocalDirectory;
  beforeEach(async () => {
    h = await factory();
    other = await h.openAnother();
    a = createLocalDirectory({ seedPath: SEED, store: h.store });
    b = createLocalDirectory({ seedPath: SEED, store: other });
  });
  afterEach(async () => h.dispose());

  const inGroup = async (d: LocalDirectory, userId: string, groupId: string) =>
    (await d.listUserGroups(userId)).some((g) => g.id === groupId);

  it('shows a change made through one replica on the next read through the other, both ways', async () => {
    expect(okta('Proj-Atlas')).toBeDefined();
    expect(await inGroup(b, ZARA.id, ATLAS.id)).toBe(false);
    const added = await a.addGroupMember(ATLAS.id, ZARA.id);
    expect(added.changed).toBe(true);
    expect(await inGroup(b, ZARA.id, ATLAS.id)).toBe(true);
    expect(await b.countGroupMembers(ATLAS.id)).toBe(ATLAS.members.length + 1);
    // The other replica sees it as done already, and undoes it for both.
    expect((await b.addGroupMember(ATLAS.id, ZARA.id)).changed).toBe(false);
    expect((await b.removeGroupMember(ATLAS.id, ZARA.id)).changed).toBe(true);
    expect(await inGroup(a, ZARA.id, ATLAS.id)).toBe(false);
    // Lifecycle changes and the event log, read forward from the same cursor, agree too.
    await b.suspendUser(ZARA.id);
    expect((await a.getUser(ZARA.id))!.status).toBe('SUSPENDED');
    await expect(a.suspendUser(ZARA.id)).resolves.toMatchObject({ changed: false });
    const created = await a.createUser({
      login: 'new.hire@acme.example',
      email: 'new.hire@acme.example',
      firstName: 'New',
      lastName: 'Hire',
    });
    expect((await b.getUser('new.hire@acme.example'))!.id).toBe(created.user.id);
    expect((await b.activateUser(created.user.id)).changed).toBe(true);
    expect((await a.getUser(created.user.id))!.status).toBe('PROVISIONED');
    const cursor = String(seed.events.length);
    const [ea, eb] = [await a.readEventLog({ cursor }), await b.readEventLog({ cursor })];
    expect(ea.events.map((e) => e.eventType)).toEqual([
      'group.user_membership.add',
      'group.user_membership.remove',
      'user.lifecycle.suspend',
      'user.lifecycle.create',
      'user.lifecycle.activate',
    ]);
    expect(eb).toEqual(ea);
    expect(ea.events[0]!.uuid).toBe(added.directoryRequestId);
  });

  it('applies one change once when both replicas race to make it', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).addGroupMember(ATLAS.id, ZARA.id)),
    );
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    const members = (await b.listGroupMembers(ATLAS.id, { limit: 1000 })).items.filter((u) => u.id === ZARA.id);
    expect(members).toHaveLength(1);
    const adds = (await a.listEvents({ targetId: ZARA.id })).filter((e) => e.eventType === 'group.user_membership.add');
    expect(adds).toHaveLength(1);
    expect(await h.store.directoryHead()).toBe(1);
  });

  it('ends with the same state on every replica, and a restarted one replays it all, after concurrent distinct changes', async () => {
    const people = seed.users
      .filter((u) => u.status === 'ACTIVE' && !ATLAS.members.some((m) => m.userId === u.id))
      .slice(0, 12);
    await Promise.all(people.map((u, i) => (i % 2 ? a : b).addGroupMember(ATLAS.id, u.id)));
    await Promise.all(people.slice(0, 4).map((u, i) => (i % 2 ? b : a).removeGroupMember(ATLAS.id, u.id)));
    const restarted = await loadLocalState({ seedPath: SEED, store: await h.openAnother() });
    const [sa, sb] = [
      await loadLocalState({ seedPath: SEED, store: h.store }),
      await loadLocalState({ seedPath: SEED, store: other }),
    ];
    expect(JSON.stringify(sb)).toBe(JSON.stringify(sa));
    expect(JSON.stringify(restarted)).toBe(JSON.stringify(sa));
    expect(await a.countGroupMembers(ATLAS.id)).toBe(ATLAS.members.length + 8);
    expect(await h.store.directoryHead()).toBe(16);
  });

  it('logs nothing for a refused change', async () => {
    const managed = seed.groups.find((g) => g.type !== 'OKTA_GROUP')!;
    await expect(a.addGroupMember(managed.id, ZARA.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(b.addGroupMember(ATLAS.id, '00uNOBODYNOBODYNOBO')).rejects.toThrow(/No user/);
    expect(await h.store.directoryHead()).toBe(0);
  });

  it('imports a state file from before the store kept changes, once, and renames it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-legacy-'));
    try {
      const legacy = structuredClone(seed);
      legacy.groups
        .find((g) => g.id === ATLAS.id)!
        .members.push({ userId: ZARA.id, added: '2025-01-01T00:00:00.000Z' });
      const path = join(dir, 'local-directory.json');
      writeFileSync(path, JSON.stringify(legacy));
      const upgraded = createLocalDirectory({ seedPath: SEED, store: h.store, legacyStatePath: path });
      expect(await inGroup(upgraded, ZARA.id, ATLAS.id)).toBe(true);
      expect([existsSync(path), existsSync(`${path}.imported`)]).toEqual([false, true]);
      expect(await inGroup(b, ZARA.id, ATLAS.id)).toBe(true); // the other replica sees the imported state
      await upgraded.removeGroupMember(ATLAS.id, ZARA.id);
      expect(await inGroup(b, ZARA.id, ATLAS.id)).toBe(false);
      expect(await h.store.directoryHead()).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
