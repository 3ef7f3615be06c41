// App access reads of the local directory: one user's assignment to an app, all of a user's apps, a group's apps, an app's groups.
import type { AppAssignment, AppGroupAssignment, DirectoryApp, UserAppAssignment } from '../../core/directory.js';
import type { Seed, SeedApp } from '../seed.js';
import { toApp } from './mappers.js';

/** The user's assignment to the app, as Okta reports it: USER when direct (even if a group grants it too), else GROUP. */
export function assignmentOf(d: Seed, a: SeedApp, userId: string): AppAssignment | null {
  const u = d.users.find((x) => x.id === userId);
  if (!u || u.status === 'DEPROVISIONED') return null;
  const direct = a.userAssignments.find((x) => x.userId === userId);
  if (direct) return { appId: a.id, userId, scope: 'USER', status: 'ACTIVE', created: direct.created };
  const viaGroup = a.groupAssignments.find((x) =>
    d.groups.some((g) => g.id === x.groupId && g.members.some((m) => m.userId === userId)),
  );
  if (!viaGroup) return null;
  const added = d.groups.find((g) => g.id === viaGroup.groupId)?.members.find((m) => m.userId === userId)?.added;
  return { appId: a.id, userId, scope: 'GROUP', status: 'ACTIVE', created: added, viaGroupId: viaGroup.groupId };
}

/** Every app the user can reach, in catalogue order, with the user's assignment. */
export function userAppAssignments(d: Seed, userId: string): UserAppAssignment[] {
  return d.apps.flatMap((a) => {
    const assignment = assignmentOf(d, a, userId);
    return assignment ? [{ app: toApp(a), assignment }] : [];
  });
}

/** The apps the group is assigned to, in catalogue order. */
export function appsForGroup(d: Seed, groupId: string): DirectoryApp[] {
  return d.apps.filter((a) => a.groupAssignments.some((x) => x.groupId === groupId)).map(toApp);
}

/** The groups assigned to the app, with their names. */
export function appGroups(d: Seed, a: SeedApp): AppGroupAssignment[] {
  return a.groupAssignments.map((x) => ({
    appId: a.id,
    groupId: x.groupId,
    groupName: d.groups.find((g) => g.id === x.groupId)?.profile.name,
    priority: x.priority,
    created: x.created,
  }));
}
