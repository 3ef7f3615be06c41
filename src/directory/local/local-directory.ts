// The `local` DirectoryPort: the embedded demo company, persisted so mutations survive restarts.
import type {
  AppAssignment, AppGroupAssignment, AppLink, DirectoryApp, DirectoryEvent, DirectoryGroup, DirectoryPort,
  DirectoryUser, MutationReceipt, Page, UserQuery, UserRef, AdminRole, EventLogPage, NewDirectoryUser, UserAppAssignment,
} from '../../core/directory.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import type { SeedApp, SeedGroup, SeedUser } from '../seed.js';
import { LocalState, type LocalStateOptions } from './local-state.js';
import { toApp, toGroup, toRole, toUser, toUserRef } from './mappers.js';
import { matchesUserQuery } from '../../core/user-query.js';
import { paginate } from './paginate.js';
import { appUsers, eventPage, provision, stageUser } from './local-lifecycle.js';
import { appGroups, appsForGroup, assignmentOf, userAppAssignments } from './local-app-reads.js';

/** Creates the local directory over the demo seed (and its persisted state, when `statePath` is set). */
export function createLocalDirectory(opts: LocalStateOptions): LocalDirectory {
  return new LocalDirectory(new LocalState(opts));
}

export class LocalDirectory implements DirectoryPort {
  readonly kind = 'local' as const;
  constructor(private readonly state: LocalState) {}

  private get d() { return this.state.data; }
  private userById(id: string): SeedUser | undefined { return this.d.users.find((u) => u.id === id); }
  private seedUser(idOrLogin: string): SeedUser | undefined {
    const k = idOrLogin.toLowerCase();
    return this.d.users.find((u) => u.id === idOrLogin || u.profile.login.toLowerCase() === k || u.profile.email.toLowerCase() === k);
  }
  private seedGroup(idOrName: string): SeedGroup | undefined {
    const k = idOrName.toLowerCase();
    return this.d.groups.find((g) => g.id === idOrName || g.profile.name.toLowerCase() === k);
  }
  private seedApp(idOrName: string): SeedApp | undefined {
    const k = idOrName.toLowerCase();
    return this.d.apps.find((a) => a.id === idOrName || a.name.toLowerCase() === k || a.label.toLowerCase() === k);
  }
  private requireUser(id: string): SeedUser {
    const u = this.userById(id);
    if (!u) throw new NotFoundError(`No user with id ${id}.`);
    return u;
  }
  private requireGroup(id: string): SeedGroup {
    const g = this.seedGroup(id);
    if (!g) throw new NotFoundError(`No group with id ${id}.`);
    return g;
  }
  private requireApp(id: string): SeedApp {
    const a = this.seedApp(id);
    if (!a) throw new NotFoundError(`No app with id ${id}.`);
    return a;
  }

  async getUser(idOrLogin: string): Promise<DirectoryUser | null> {
    const u = this.seedUser(idOrLogin);
    return u ? toUser(u) : null;
  }

  async findUsers(q: UserQuery): Promise<Page<DirectoryUser>> {
    const all = this.d.users.map(toUser).filter((u) => matchesUserQuery(u, q));
    all.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
    return paginate(all, q.limit ?? 50, q.cursor);
  }

  async listUserGroups(userId: string): Promise<DirectoryGroup[]> {
    return this.d.groups.filter((g) => g.members.some((m) => m.userId === userId)).map(toGroup);
  }

  async listUserAppLinks(userId: string): Promise<AppLink[]> {
    const u = this.userById(userId);
    if (!u || u.status === 'DEPROVISIONED') return [];
    const groups = new Set(this.d.groups.filter((g) => g.members.some((m) => m.userId === userId)).map((g) => g.id));
    return this.d.apps
      .filter((a) => a.userAssignments.some((x) => x.userId === userId) || a.groupAssignments.some((x) => groups.has(x.groupId)))
      .map((a) => ({ appId: a.id, appName: a.name, label: a.label }));
  }

  async listUserRoles(userId: string): Promise<AdminRole[]> {
    return this.d.roles.filter((r) => r.userId === userId).map(toRole);
  }

  async getGroup(idOrName: string): Promise<DirectoryGroup | null> {
    const g = this.seedGroup(idOrName);
    return g ? toGroup(g) : null;
  }

  async findGroups(opts: { q?: string; limit?: number; cursor?: string }): Promise<Page<DirectoryGroup>> {
    const q = opts.q?.toLowerCase();
    const all = this.d.groups.filter((g) => !q || g.profile.name.toLowerCase().startsWith(q)).map(toGroup);
    return paginate(all, opts.limit ?? 200, opts.cursor);
  }

  async listGroupMembers(groupId: string, opts: { limit?: number; cursor?: string }): Promise<Page<DirectoryUser>> {
    const g = this.requireGroup(groupId);
    const users = g.members.map((m) => this.userById(m.userId)).filter((u): u is SeedUser => !!u).map(toUser);
    return paginate(users, opts.limit ?? 200, opts.cursor);
  }

  async countGroupMembers(groupId: string): Promise<number> {
    return this.requireGroup(groupId).members.length;
  }

  async listGroupOwners(groupId: string): Promise<UserRef[]> {
    return this.requireGroup(groupId).owners.map((id) => this.userById(id)).filter((u): u is SeedUser => !!u).map(toUserRef);
  }

  async getApp(idOrName: string): Promise<DirectoryApp | null> {
    const a = this.seedApp(idOrName);
    return a ? toApp(a) : null;
  }

  async listApps(): Promise<DirectoryApp[]> { return this.d.apps.map(toApp); }

  async listAppGroups(appId: string): Promise<AppGroupAssignment[]> { return appGroups(this.d, this.requireApp(appId)); }

  async getAppAssignment(appId: string, userId: string): Promise<AppAssignment | null> {
    return assignmentOf(this.d, this.requireApp(appId), userId);
  }

  async listAppsForGroup(groupId: string): Promise<DirectoryApp[]> { return appsForGroup(this.d, groupId); }

  async listUserAppAssignments(userId: string): Promise<UserAppAssignment[]> { return userAppAssignments(this.d, userId); }

  async listEvents(opts: { targetId?: string; since?: string; limit?: number }): Promise<DirectoryEvent[]> {
    return this.d.events
      .filter((e) => (!opts.targetId || e.target.some((t) => t.id === opts.targetId)) && (!opts.since || e.published >= opts.since))
      .sort((a, b) => b.published.localeCompare(a.published))
      .slice(0, opts.limit ?? 50);
  }

  async addGroupMember(groupId: string, userId: string): Promise<MutationReceipt> {
    const g = this.requireGroup(groupId);
    const u = this.requireUser(userId);
    if (g.type !== 'OKTA_GROUP') throw new ConflictError(`Group ${g.profile.name} is managed outside the directory (${g.type}); its membership cannot be changed here.`);
    if (g.members.some((m) => m.userId === userId)) return { directoryRequestId: 'noop', changed: false };
    const at = this.state.now().toISOString();
    g.members.push({ userId, added: at });
    g.lastMembershipUpdated = at;
    return this.commit('group.user_membership.add', 'Add user to group membership', u, { id: g.id, type: 'UserGroup', alternateId: 'unknown', displayName: g.profile.name });
  }

  async removeGroupMember(groupId: string, userId: string): Promise<MutationReceipt> {
    const g = this.requireGroup(groupId);
    const u = this.requireUser(userId);
    if (g.type !== 'OKTA_GROUP') throw new ConflictError(`Group ${g.profile.name} is managed outside the directory (${g.type}); its membership cannot be changed here.`);
    const i = g.members.findIndex((m) => m.userId === userId);
    if (i < 0) return { directoryRequestId: 'noop', changed: false };
    g.members.splice(i, 1);
    g.lastMembershipUpdated = this.state.now().toISOString();
    return this.commit('group.user_membership.remove', 'Remove user from group membership', u, { id: g.id, type: 'UserGroup', alternateId: 'unknown', displayName: g.profile.name });
  }

  async assignApp(appId: string, userId: string): Promise<MutationReceipt> {
    const a = this.requireApp(appId);
    const u = this.requireUser(userId);
    if (a.userAssignments.some((x) => x.userId === userId)) return { directoryRequestId: 'noop', changed: false };
    a.userAssignments.push({ userId, created: this.state.now().toISOString() });
    return this.commit('application.user_membership.add', 'Add user to application membership', u, { id: a.id, type: 'AppInstance', alternateId: a.label, displayName: a.label });
  }

  async unassignApp(appId: string, userId: string): Promise<MutationReceipt> {
    const a = this.requireApp(appId);
    const u = this.requireUser(userId);
    const i = a.userAssignments.findIndex((x) => x.userId === userId);
    if (i < 0) return { directoryRequestId: 'noop', changed: false };
    a.userAssignments.splice(i, 1);
    return this.commit('application.user_membership.remove', 'Remove user from application membership', u, { id: a.id, type: 'AppInstance', alternateId: a.label, displayName: a.label });
  }

  async suspendUser(userId: string): Promise<MutationReceipt> { return this.transition(userId, 'SUSPENDED', ['ACTIVE'], 'user.lifecycle.suspend', 'Suspend Okta user'); }
  async unsuspendUser(userId: string): Promise<MutationReceipt> { return this.transition(userId, 'ACTIVE', ['SUSPENDED'], 'user.lifecycle.unsuspend', 'Unsuspend Okta user'); }

  async deactivateUser(userId: string): Promise<MutationReceipt> {
    const u = this.requireUser(userId);
    if (u.status === 'DEPROVISIONED') return { directoryRequestId: 'noop', changed: false };
    for (const a of this.d.apps) a.userAssignments = a.userAssignments.filter((x) => x.userId !== userId);
    return this.transition(userId, 'DEPROVISIONED', null, 'user.lifecycle.deactivate', 'Deactivate Okta user');
  }

  async createUser(input: NewDirectoryUser): Promise<MutationReceipt & { user: DirectoryUser }> {
    const existing = this.seedUser(input.login);
    if (existing) return { directoryRequestId: 'noop', changed: false, user: toUser(existing) };
    const u = stageUser(this.state, input);
    return { ...this.commit('user.lifecycle.create', 'Create Okta user', u), user: toUser(u) };
  }

  async activateUser(userId: string): Promise<MutationReceipt> {
    const u = this.requireUser(userId);
    if (!provision(this.state, u)) return { directoryRequestId: 'noop', changed: false };
    return this.commit('user.lifecycle.activate', 'Activate Okta user', u);
  }

  async listAppUsers(appId: string): Promise<AppAssignment[]> { return appUsers(this.state, this.requireApp(appId).id); }

  async readEventLog(opts: { cursor?: string; limit?: number }): Promise<EventLogPage> { return eventPage(this.state, opts); }

  private transition(userId: string, to: SeedUser['status'], from: SeedUser['status'][] | null, eventType: string, message: string): MutationReceipt {
    const u = this.requireUser(userId);
    if (u.status === to) return { directoryRequestId: 'noop', changed: false };
    if (from && !from.includes(u.status)) throw new ConflictError(`${u.profile.login} is ${u.status}; this change needs the user to be ${from.join(' or ')}.`);
    const at = this.state.now().toISOString();
    u.status = to;
    u.statusChanged = at;
    u.lastUpdated = at;
    return this.commit(eventType, message, u);
  }

  private commit(eventType: string, displayMessage: string, u: SeedUser, extra?: DirectoryEvent['target'][number]): MutationReceipt {
    const target = [{ id: u.id, type: 'User', alternateId: u.profile.login, displayName: u.profile.displayName }, ...(extra ? [extra] : [])];
    const id = this.state.recordEvent({ eventType, displayMessage, target });
    this.state.persist();
    return { directoryRequestId: id, changed: true };
  }
}
