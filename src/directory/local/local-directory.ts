// The `local` DirectoryPort: the embedded demo company; its changes live in the store so every replica shows the same directory.
import type {
  AppAssignment,
  AppGroupAssignment,
  AppLink,
  DirectoryApp,
  DirectoryEvent,
  DirectoryGroup,
  DirectoryPort,
  DirectoryUser,
  MutationReceipt,
  Page,
  UserQuery,
  UserRef,
  AdminRole,
  EventLogPage,
  NewDirectoryUser,
  UserAppAssignment,
} from '../../core/directory.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import type { Seed, SeedApp, SeedGroup, SeedUser } from '../seed.js';
import { LocalState, type Decision, type LocalStateOptions } from './local-state.js';
import type { DirectoryChange } from './local-changes.js';
import { toApp, toGroup, toRole, toUser, toUserRef } from './mappers.js';
import { matchesUserQuery } from '../../core/user-query.js';
import { paginate } from './paginate.js';
import { appUsers, eventPage, provisionChange, stageUser } from './local-lifecycle.js';
import { appGroups, appsForGroup, assignmentOf, userAppAssignments } from './local-app-reads.js';

/**
 * Creates the local directory over the demo seed. With `store`, changes are logged there and every
 * read first catches up with changes other processes logged. Do not call it inside a store transaction
 * (on SQLite its freshness check would wait for that transaction).
 */
export function createLocalDirectory(opts: LocalStateOptions): LocalDirectory {
  return new LocalDirectory(new LocalState(opts));
}

const NOOP: MutationReceipt = { directoryRequestId: 'noop', changed: false };
type Target = DirectoryEvent['target'][number];

const userById = (d: Seed, id: string): SeedUser | undefined => d.users.find((u) => u.id === id);
function seedUser(d: Seed, idOrLogin: string): SeedUser | undefined {
  const k = idOrLogin.toLowerCase();
  return d.users.find(
    (u) => u.id === idOrLogin || u.profile.login.toLowerCase() === k || u.profile.email.toLowerCase() === k,
  );
}
function seedGroup(d: Seed, idOrName: string): SeedGroup | undefined {
  const k = idOrName.toLowerCase();
  return d.groups.find((g) => g.id === idOrName || g.profile.name.toLowerCase() === k);
}
function seedApp(d: Seed, idOrName: string): SeedApp | undefined {
  const k = idOrName.toLowerCase();
  return d.apps.find((a) => a.id === idOrName || a.name.toLowerCase() === k || a.label.toLowerCase() === k);
}
function requireUser(d: Seed, id: string): SeedUser {
  const u = userById(d, id);
  if (!u) throw new NotFoundError(`No user with id ${id}.`);
  return u;
}
function requireGroup(d: Seed, id: string): SeedGroup {
  const g = seedGroup(d, id);
  if (!g) throw new NotFoundError(`No group with id ${id}.`);
  return g;
}
function requireApp(d: Seed, id: string): SeedApp {
  const a = seedApp(d, id);
  if (!a) throw new NotFoundError(`No app with id ${id}.`);
  return a;
}
function requireManagedGroup(d: Seed, groupId: string): SeedGroup {
  const g = requireGroup(d, groupId);
  if (g.type !== 'OKTA_GROUP')
    throw new ConflictError(
      `Group ${g.profile.name} is managed outside the directory (${g.type}); its membership cannot be changed here.`,
    );
  return g;
}
const userTarget = (u: SeedUser): Target => ({
  id: u.id,
  type: 'User',
  alternateId: u.profile.login,
  displayName: u.profile.displayName,
});
const groupTarget = (g: SeedGroup): Target => ({
  id: g.id,
  type: 'UserGroup',
  alternateId: 'unknown',
  displayName: g.profile.name,
});
const appTarget = (a: SeedApp): Target => ({
  id: a.id,
  type: 'AppInstance',
  alternateId: a.label,
  displayName: a.label,
});

export class LocalDirectory implements DirectoryPort {
  readonly kind = 'local' as const;
  constructor(private readonly state: LocalState) {}

  private read(): Promise<Seed> {
    return this.state.read();
  }

  async getUser(idOrLogin: string): Promise<DirectoryUser | null> {
    const u = seedUser(await this.read(), idOrLogin);
    return u ? toUser(u) : null;
  }

  async findUsers(q: UserQuery): Promise<Page<DirectoryUser>> {
    const all = (await this.read()).users.map(toUser).filter((u) => matchesUserQuery(u, q));
    all.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
    return paginate(all, q.limit ?? 50, q.cursor);
  }

  async listUserGroups(userId: string): Promise<DirectoryGroup[]> {
    return (await this.read()).groups.filter((g) => g.members.some((m) => m.userId === userId)).map(toGroup);
  }

  async listUserAppLinks(userId: string): Promise<AppLink[]> {
    const d = await this.read();
    const u = userById(d, userId);
    if (!u || u.status === 'DEPROVISIONED') return [];
    const groups = new Set(d.groups.filter((g) => g.members.some((m) => m.userId === userId)).map((g) => g.id));
    return d.apps
      .filter(
        (a) =>
          a.userAssignments.some((x) => x.userId === userId) || a.groupAssignments.some((x) => groups.has(x.groupId)),
      )
      .map((a) => ({ appId: a.id, appName: a.name, label: a.label }));
  }

  async listUserRoles(userId: string): Promise<AdminRole[]> {
    return (await this.read()).roles.filter((r) => r.userId === userId).map(toRole);
  }

  async getGroup(idOrName: string): Promise<DirectoryGroup | null> {
    const g = seedGroup(await this.read(), idOrName);
    return g ? toGroup(g) : null;
  }

  async findGroups(opts: { q?: string; limit?: number; cursor?: string }): Promise<Page<DirectoryGroup>> {
    const q = opts.q?.toLowerCase();
    const all = (await this.read()).groups.filter((g) => !q || g.profile.name.toLowerCase().startsWith(q)).map(toGroup);
    return paginate(all, opts.limit ?? 200, opts.cursor);
  }

  async listGroupMembers(groupId: string, opts: { limit?: number; cursor?: string }): Promise<Page<DirectoryUser>> {
    const d = await this.read();
    const users = requireGroup(d, groupId)
      .members.map((m) => userById(d, m.userId))
      .filter((u): u is SeedUser => !!u)
      .map(toUser);
    return paginate(users, opts.limit ?? 200, opts.cursor);
  }

  async countGroupMembers(groupId: string): Promise<number> {
    return requireGroup(await this.read(), groupId).members.length;
  }

  async listGroupOwners(groupId: string): Promise<UserRef[]> {
    const d = await this.read();
    return requireGroup(d, groupId)
      .owners.map((id) => userById(d, id))
      .filter((u): u is SeedUser => !!u)
      .map(toUserRef);
  }

  async getApp(idOrName: string): Promise<DirectoryApp | null> {
    const a = seedApp(await this.read(), idOrName);
    return a ? toApp(a) : null;
  }

  async listApps(): Promise<DirectoryApp[]> {
    return (await this.read()).apps.map(toApp);
  }

  async listAppGroups(appId: string): Promise<AppGroupAssignment[]> {
    const d = await this.read();
    return appGroups(d, requireApp(d, appId));
  }

  async getAppAssignment(appId: string, userId: string): Promise<AppAssignment | null> {
    const d = await this.read();
    return assignmentOf(d, requireApp(d, appId), userId);
  }

  async listAppsForGroup(groupId: string): Promise<DirectoryApp[]> {
    return appsForGroup(await this.read(), groupId);
  }

  async listUserAppAssignments(userId: string): Promise<UserAppAssignment[]> {
    return userAppAssignments(await this.read(), userId);
  }

  async listEvents(opts: { targetId?: string; since?: string; limit?: number }): Promise<DirectoryEvent[]> {
    return (await this.read()).events
      .filter(
        (e) =>
          (!opts.targetId || e.target.some((t) => t.id === opts.targetId)) &&
          (!opts.since || e.published >= opts.since),
      )
      .sort((a, b) => b.published.localeCompare(a.published))
      .slice(0, opts.limit ?? 50);
  }

  async addGroupMember(groupId: string, userId: string): Promise<MutationReceipt> {
    return this.mutate((d, at) => {
      const g = requireManagedGroup(d, groupId);
      const u = requireUser(d, userId);
      if (g.members.some((m) => m.userId === userId)) return null;
      const event = this.state.event(
        {
          eventType: 'group.user_membership.add',
          displayMessage: 'Add user to group membership',
          target: [userTarget(u), groupTarget(g)],
        },
        at,
      );
      return { kind: 'member.add', groupId: g.id, userId, at, event };
    });
  }

  async removeGroupMember(groupId: string, userId: string): Promise<MutationReceipt> {
    return this.mutate((d, at) => {
      const g = requireManagedGroup(d, groupId);
      const u = requireUser(d, userId);
      if (!g.members.some((m) => m.userId === userId)) return null;
      const event = this.state.event(
        {
          eventType: 'group.user_membership.remove',
          displayMessage: 'Remove user from group membership',
          target: [userTarget(u), groupTarget(g)],
        },
        at,
      );
      return { kind: 'member.remove', groupId: g.id, userId, at, event };
    });
  }

  async assignApp(appId: string, userId: string): Promise<MutationReceipt> {
    return this.mutate((d, at) => {
      const a = requireApp(d, appId);
      const u = requireUser(d, userId);
      if (a.userAssignments.some((x) => x.userId === userId)) return null;
      const event = this.state.event(
        {
          eventType: 'application.user_membership.add',
          displayMessage: 'Add user to application membership',
          target: [userTarget(u), appTarget(a)],
        },
        at,
      );
      return { kind: 'app.assign', appId: a.id, userId, at, event };
    });
  }

  async unassignApp(appId: string, userId: string): Promise<MutationReceipt> {
    return this.mutate((d, at) => {
      const a = requireApp(d, appId);
      const u = requireUser(d, userId);
      if (!a.userAssignments.some((x) => x.userId === userId)) return null;
      const event = this.state.event(
        {
          eventType: 'application.user_membership.remove',
          displayMessage: 'Remove user from application membership',
          target: [userTarget(u), appTarget(a)],
        },
        at,
      );
      return { kind: 'app.unassign', appId: a.id, userId, at, event };
    });
  }

  async suspendUser(userId: string): Promise<MutationReceipt> {
    return this.transition(userId, 'SUSPENDED', ['ACTIVE'], 'user.lifecycle.suspend', 'Suspend Okta user');
  }
  async unsuspendUser(userId: string): Promise<MutationReceipt> {
    return this.transition(userId, 'ACTIVE', ['SUSPENDED'], 'user.lifecycle.unsuspend', 'Unsuspend Okta user');
  }
  async deactivateUser(userId: string): Promise<MutationReceipt> {
    return this.transition(userId, 'DEPROVISIONED', null, 'user.lifecycle.deactivate', 'Deactivate Okta user');
  }

  async createUser(input: NewDirectoryUser): Promise<MutationReceipt & { user: DirectoryUser }> {
    return this.state.change((d): Decision<MutationReceipt & { user: DirectoryUser }> => {
      const existing = seedUser(d, input.login);
      if (existing) return { result: { ...NOOP, user: toUser(existing) } };
      const at = this.state.now().toISOString();
      const user = stageUser(input, at);
      const event = this.state.event(
        { eventType: 'user.lifecycle.create', displayMessage: 'Create Okta user', target: [userTarget(user)] },
        at,
      );
      return {
        result: { directoryRequestId: event.uuid, changed: true, user: toUser(user) },
        change: { kind: 'user.create', user, event },
      };
    });
  }

  async activateUser(userId: string): Promise<MutationReceipt> {
    return this.mutate((d, at) => {
      const u = requireUser(d, userId);
      if (!provisionChange(u)) return null;
      const event = this.state.event(
        { eventType: 'user.lifecycle.activate', displayMessage: 'Activate Okta user', target: [userTarget(u)] },
        at,
      );
      return { kind: 'user.status', userId: u.id, to: 'PROVISIONED', at, event };
    });
  }

  async listAppUsers(appId: string): Promise<AppAssignment[]> {
    const d = await this.read();
    return appUsers(d, requireApp(d, appId).id);
  }

  async readEventLog(opts: { cursor?: string; limit?: number }): Promise<EventLogPage> {
    return eventPage(await this.read(), opts);
  }

  private transition(
    userId: string,
    to: SeedUser['status'],
    from: SeedUser['status'][] | null,
    eventType: string,
    displayMessage: string,
  ): Promise<MutationReceipt> {
    return this.mutate((d, at) => {
      const u = requireUser(d, userId);
      if (u.status === to) return null;
      if (from && !from.includes(u.status))
        throw new ConflictError(
          `${u.profile.login} is ${u.status}; this change needs the user to be ${from.join(' or ')}.`,
        );
      return {
        kind: 'user.status',
        userId: u.id,
        to,
        at,
        event: this.state.event({ eventType, displayMessage, target: [userTarget(u)] }, at),
      };
    });
  }

  /** Decides one change (null: already so, a no-op) against the current state; its event's uuid is the receipt. */
  private mutate(
    decide: (d: Seed, at: string) => Exclude<DirectoryChange, { kind: 'snapshot' | 'user.create' }> | null,
  ): Promise<MutationReceipt> {
    return this.state.change((d): Decision<MutationReceipt> => {
      const change = decide(d, this.state.now().toISOString());
      return change ? { result: { directoryRequestId: change.event.uuid, changed: true }, change } : { result: NOOP };
    });
  }
}
