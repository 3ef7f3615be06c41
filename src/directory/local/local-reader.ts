// The local directory's reads (DirectoryReader) over the demo seed as the store last logged it; local-directory.ts adds the writes.
import type {
  AdminRole,
  AppAssignment,
  AppGroupAssignment,
  AppLink,
  DirectoryApp,
  DirectoryEvent,
  DirectoryGroup,
  DirectoryReader,
  DirectoryUser,
  EventLogPage,
  Page,
  UserAppAssignment,
  UserQuery,
  UserRef,
} from '../../core/directory.js';
import { matchesUserQuery } from '../../core/user-query.js';
import type { Seed, SeedUser } from '../seed.js';
import { appGroups, appsForGroup, assignmentOf, userAppAssignments } from './local-app-reads.js';
import { appUsers, eventPage } from './local-lifecycle.js';
import type { LocalState } from './local-state.js';
import { toApp, toGroup, toRole, toUser, toUserRef } from './mappers.js';
import { paginate } from './paginate.js';
import { requireApp, requireGroup, seedApp, seedGroup, seedUser, userById } from './seed-lookup.js';

/** Every read of the local directory, each first catching up with changes other processes logged in the store. */
export class LocalDirectoryReader implements DirectoryReader {
  readonly kind = 'local' as const;
  constructor(protected readonly state: LocalState) {}

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

  async listAppUsers(appId: string): Promise<AppAssignment[]> {
    const d = await this.read();
    return appUsers(d, requireApp(d, appId).id);
  }

  async readEventLog(opts: { cursor?: string; limit?: number }): Promise<EventLogPage> {
    return eventPage(await this.read(), opts);
  }
}
