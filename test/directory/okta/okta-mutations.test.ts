// Idempotent mutations through the real SDK: state checks, changed flags, Okta request ids and System Log events.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../src/core/errors.js';
import { isolateOktaSdk } from '../../support/okta-env.js';
import { appId, groupId, userId } from '../../support/okta-fixture.js';
import { startHarness, type Harness } from './helpers.js';

isolateOktaSdk();
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.dir.resetStats();
  h.emu.resetCalls();
});

/** The request id recorded on the last System Log event of the given type. */
const lastEventRequestId = (eventType: string) => {
  const e = h.emu.state.events.filter((x) => x.eventType === eventType).at(-1);
  return (e?.extra.transaction as { id?: string } | undefined)?.id;
};

describe('okta adapter: mutations', () => {
  it('adds a group member once; the second add is changed:false; the event carries the receipt id', async () => {
    const first = await h.dir.addGroupMember(groupId(2), userId(4));
    expect(first.changed).toBe(true);
    expect(first.directoryRequestId).toMatch(/^X/); // Okta's X-Okta-Request-Id, not a generated one
    expect(first.directoryRequestId).toBe(lastEventRequestId('group.user_membership.add'));
    expect(h.dir.stats().calls).toBe(2);
    h.dir.resetStats();
    const second = await h.dir.addGroupMember(groupId(2), userId(4));
    expect(second).toMatchObject({ changed: false });
    expect(h.dir.stats().calls).toBe(1);
    expect(
      h.emu.state.events.filter((e) => e.eventType === 'group.user_membership.add' && e.target[0]!.id === userId(4)),
    ).toHaveLength(1);
    const events = await h.dir.listEvents({ targetId: userId(4) });
    expect(events[0]).toMatchObject({
      eventType: 'group.user_membership.add',
      target: [{ id: userId(4) }, { id: groupId(2), displayName: 'Finance' }],
    });
  });

  it('removes a group member idempotently', async () => {
    expect((await h.dir.removeGroupMember(groupId(2), userId(4))).changed).toBe(true);
    expect((await h.dir.removeGroupMember(groupId(2), userId(4))).changed).toBe(false);
    expect(h.emu.state.groups.get(groupId(2))!.members.some((m) => m.userId === userId(4))).toBe(false);
  });

  it('refuses membership changes on an app-imported group with a conflict that says why', async () => {
    const err = await h.dir.addGroupMember(groupId(4), userId(1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toBe(
      'Group AD Sales is managed outside Okta (APP_GROUP); its membership cannot be changed here.',
    );
  });

  it('assigns and unassigns an app idempotently, and leaves group-based access alone', async () => {
    const a = await h.dir.assignApp(appId(3), userId(1));
    expect(a.changed).toBe(true);
    expect(a.directoryRequestId).toBe(lastEventRequestId('application.user_membership.add'));
    expect((await h.dir.assignApp(appId(3), userId(1))).changed).toBe(false);
    expect(await h.dir.getAppAssignment(appId(3), userId(1))).toMatchObject({ scope: 'USER' });
    const u = await h.dir.unassignApp(appId(3), userId(1));
    expect(u.changed).toBe(true);
    expect(u.directoryRequestId).toBe(lastEventRequestId('application.user_membership.remove'));
    expect((await h.dir.unassignApp(appId(3), userId(1))).changed).toBe(false);
    // Dana reaches NetSuite through Finance: nothing direct to remove.
    expect((await h.dir.unassignApp(appId(1), userId(1))).changed).toBe(false);
    expect(await h.dir.getAppAssignment(appId(1), userId(1))).toMatchObject({ scope: 'GROUP' });
  });

  it('explains when Okta keeps a direct assignment because a group also grants the app', async () => {
    expect((await h.dir.assignApp(appId(1), userId(1))).changed).toBe(true); // GROUP → USER scope
    await expect(h.dir.unassignApp(appId(1), userId(1))).rejects.toThrow(/also gets app .* through a group/);
  });

  it('suspends, unsuspends and deactivates with state checks', async () => {
    const s = await h.dir.suspendUser(userId(2));
    expect(s.changed).toBe(true);
    expect(s.directoryRequestId).toBe(lastEventRequestId('user.lifecycle.suspend'));
    expect((await h.dir.suspendUser(userId(2))).changed).toBe(false);
    expect((await h.dir.getUser(userId(2)))?.status).toBe('SUSPENDED');
    expect((await h.dir.unsuspendUser(userId(2))).changed).toBe(true);
    expect((await h.dir.unsuspendUser(userId(2))).changed).toBe(false);
    await expect(h.dir.suspendUser(userId(7))).rejects.toThrow(
      'eve.gone@example.com is DEPROVISIONED; this change needs the user to be ACTIVE.',
    );
    expect((await h.dir.deactivateUser(userId(8))).changed).toBe(true);
    expect((await h.dir.deactivateUser(userId(8))).changed).toBe(false);
    expect((await h.dir.getUser(userId(8)))?.status).toBe('DEPROVISIONED');
  });

  it('sees changes made directly in Okta at once (no SDK cache)', async () => {
    expect((await h.dir.getUser(userId(5)))?.status).toBe('ACTIVE');
    h.emu.state.users.get(userId(5))!.status = 'SUSPENDED';
    expect((await h.dir.getUser(userId(5)))?.status).toBe('SUSPENDED');
    expect((await h.dir.unsuspendUser(userId(5))).changed).toBe(true);
  });
});
