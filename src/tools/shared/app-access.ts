// How a user reaches an app: directly, or through which of their groups.
import type { AppAssignment, DirectoryApp, DirectoryGroup } from '../../core/directory.js';
import type { ToolContext } from '../../core/tool.js';

export interface AppAccess {
  hasAccess: boolean;
  direct: boolean;
  viaGroups: Array<Pick<DirectoryGroup, 'id' | 'name'>>;
  since?: string;
}

/**
 * One live assignment read answers yes/no and direct/group. A group-based grant names the group the directory
 * links it to (Okta's AppUser `_links.group`), named from the app's groups (catalogue); only when the directory
 * does not say, the app's groups are intersected with the user's groups (one more live read).
 * list_user_access, which has the user's groups anyway, names every granting group.
 */
export async function appAccess(ctx: ToolContext, app: DirectoryApp, userId: string): Promise<AppAccess> {
  const a = await ctx.directory.getAppAssignment(app.id, userId);
  if (!a) return { hasAccess: false, direct: false, viaGroups: [] };
  // A direct grant answers the question on its own.
  if (a.scope === 'USER') return { hasAccess: true, direct: true, viaGroups: [], since: a.created };
  if (a.viaGroupId) {
    const linked = (await ctx.directory.listAppGroups(app.id)).find((g) => g.groupId === a.viaGroupId);
    if (linked?.groupName)
      return {
        hasAccess: true,
        direct: false,
        viaGroups: [{ id: linked.groupId, name: linked.groupName }],
        since: a.created,
      };
  }
  return explainAccess(ctx, a, ctx.directory.listUserGroups(userId));
}

/**
 * Given a live assignment and the user's groups: which of those groups grant the app. The app's groups are
 * configuration and may come from a short-lived cache; when they cannot explain a group-based grant (the
 * cache predates the assignment), they are read again, fresh, once.
 */
export async function explainAccess(
  ctx: ToolContext,
  a: AppAssignment,
  userGroups: DirectoryGroup[] | Promise<DirectoryGroup[]>,
): Promise<AppAccess> {
  const granting = async (fresh: boolean) => {
    const [appGroups, groups] = await Promise.all([
      ctx.directory.listAppGroups(a.appId, fresh ? { fresh } : undefined),
      userGroups,
    ]);
    const ids = new Set(appGroups.map((g) => g.groupId));
    return groups.filter((g) => ids.has(g.id));
  };
  let viaGroups = await granting(false);
  if (a.scope === 'GROUP' && viaGroups.length === 0) viaGroups = await granting(true);
  return { hasAccess: true, direct: a.scope === 'USER', viaGroups, since: a.created };
}
