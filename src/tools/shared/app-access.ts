// How a user reaches an app: directly, or through which of their groups.
import type { DirectoryApp, DirectoryGroup } from '../../core/directory.js';
import type { ToolContext } from '../../core/tool.js';

export interface AppAccess {
  hasAccess: boolean;
  direct: boolean;
  viaGroups: DirectoryGroup[];
  since?: string;
}

/**
 * One assignment read answers yes/no and direct/group; only a group-based grant needs the app's
 * groups, intersected with the user's groups (passed in when the caller already has them).
 */
export async function appAccess(ctx: ToolContext, app: DirectoryApp, userId: string, userGroups?: DirectoryGroup[]): Promise<AppAccess> {
  const a = await ctx.directory.getAppAssignment(app.id, userId);
  if (!a) return { hasAccess: false, direct: false, viaGroups: [] };
  // A direct grant answers the question; look for group paths too only when the caller has the user's groups at hand.
  if (a.scope === 'USER' && !userGroups) return { hasAccess: true, direct: true, viaGroups: [], since: a.created };
  const [appGroups, groups] = await Promise.all([ctx.directory.listAppGroups(app.id), userGroups ?? ctx.directory.listUserGroups(userId)]);
  const ids = new Set(appGroups.map((g) => g.groupId));
  return { hasAccess: true, direct: a.scope === 'USER', viaGroups: groups.filter((g) => ids.has(g.id)), since: a.created };
}
