// The directory as one caller may see it: people outside the caller's departments are invisible, and nothing can be changed.
import type { DirectoryReader, DirectoryUser, Page } from '../core/directory.js';
import { ForbiddenError } from '../core/errors.js';
import type { ClientScope } from '../core/policy.js';

/** True when the scope lets the caller see this person. */
export function canSeeUser(scope: ClientScope, u: Pick<DirectoryUser, 'department'>): boolean {
  if (scope.departments === '*') return true;
  const d = (u.department ?? '').toLowerCase();
  return scope.departments.some((x) => x.toLowerCase() === d);
}

/**
 * Wraps a directory for tool handlers. Reads of people are filtered by the scope's departments. It is a reader:
 * it has no mutation methods at all (tools never change the directory; only the executor does, for an approved
 * request, with the writer), and the returned object carries none even at run time.
 */
export function scopedDirectory(inner: DirectoryReader, scope: ClientScope): DirectoryReader {
  const see = (u: DirectoryUser | null) => (u && canSeeUser(scope, u) ? u : null);
  const page = (p: Page<DirectoryUser>): Page<DirectoryUser> => ({
    ...p,
    items: p.items.filter((u) => canSeeUser(scope, u)),
  });
  const all = scope.departments === '*';
  /** Whether a person (by id) is visible; only department-scoped callers pay for the lookups. */
  const visibleId = async (id: string, cache: Map<string, boolean>) => {
    if (all) return true;
    if (!cache.has(id)) cache.set(id, !!see(await inner.getUser(id)));
    return cache.get(id)!;
  };
  const reads: DirectoryReader = {
    kind: inner.kind,
    getUser: async (k) => see(await inner.getUser(k)),
    findUsers: async (q) => page(await inner.findUsers(q)),
    listUserGroups: (id) => inner.listUserGroups(id),
    listUserAppLinks: (id) => inner.listUserAppLinks(id),
    listUserRoles: (id) => inner.listUserRoles(id),
    getGroup: (k) => inner.getGroup(k),
    findGroups: (o) => inner.findGroups(o),
    listGroupMembers: async (id, o) => page(await inner.listGroupMembers(id, o)),
    countGroupMembers: (id) => inner.countGroupMembers(id),
    listGroupOwners: async (id, o) => {
      const owners = await inner.listGroupOwners(id, o);
      const cache = new Map<string, boolean>();
      const keep = await Promise.all(owners.map((o) => visibleId(o.id, cache)));
      return owners.filter((_, i) => keep[i]);
    },
    getApp: (k) => inner.getApp(k),
    listApps: () => inner.listApps(),
    listAppGroups: (id, o) => inner.listAppGroups(id, o),
    listAppsForGroup: (id) => inner.listAppsForGroup(id),
    // The caller already resolved (and was allowed to see) this person; like listUserGroups, it passes through.
    listUserAppAssignments: (id) => inner.listUserAppAssignments(id),
    getAppAssignment: (a, u) => inner.getAppAssignment(a, u),
    // Events naming people outside the caller's departments (as actor or target) are left out.
    listEvents: async (o) => {
      const events = await inner.listEvents(o);
      if (all) return events;
      const cache = new Map<string, boolean>();
      const out = [];
      for (const e of events) {
        const people = [e.actor, ...e.target].filter((t) => t.type === 'User').map((t) => t.id);
        if ((await Promise.all(people.map((id) => visibleId(id, cache)))).every(Boolean)) out.push(e);
      }
      return out;
    },
    listAppUsers: (id) => inner.listAppUsers(id),
    readEventLog: async () => {
      throw new ForbiddenError('Tools cannot read the raw event log; use recent_access_changes.');
    },
  };
  return reads;
}
