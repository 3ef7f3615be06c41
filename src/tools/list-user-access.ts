// list_user_access: a person's groups, apps (direct or through which group) and admin roles.
import { z } from 'zod';
import { defineTool } from '../core/tool.js';
import { appAccess } from './shared/app-access.js';
import { requireUser } from './shared/resolve-user.js';
import { GroupRefOut, UserBriefOut, userQuery } from './shared/schemas.js';
import { groupRef, userBrief } from './shared/to-output.js';

export const listUserAccess = defineTool({
  name: 'list_user_access',
  title: "List a person's access",
  description:
    "Everything one person can reach: their groups (with policy tags such as privileged), their apps and whether each comes " +
    'directly or through which group, and their admin roles. Use check_access for a yes/no about one app or group. Read-only.',
  toolset: 'identity',
  mutating: false,
  input: z.object({ user: userQuery }).strict(),
  output: z.object({
    user: UserBriefOut,
    groups: z.array(GroupRefOut),
    apps: z.array(z.object({
      id: z.string(), name: z.string(), label: z.string(),
      via: z.enum(['direct', 'group', 'direct_and_group']),
      groups: z.array(z.string()).describe('Names of the groups that grant it'),
      tags: z.array(z.string()),
    })),
    adminRoles: z.array(z.object({ type: z.string(), label: z.string() })),
  }),
  async handler({ user }, ctx) {
    const u = await requireUser(ctx, user);
    const [groups, links, roles] = await Promise.all([
      ctx.directory.listUserGroups(u.id), ctx.directory.listUserAppLinks(u.id), ctx.directory.listUserRoles(u.id),
    ]);
    const apps = await Promise.all(links.map(async (l) => {
      const app = { id: l.appId, name: l.appName, label: l.label, status: 'ACTIVE' as const, signOnMode: '', created: '' };
      const access = await appAccess(ctx, app, u.id, groups);
      const via = access.direct ? (access.viaGroups.length ? 'direct_and_group' : 'direct') : 'group';
      return { id: l.appId, name: l.appName, label: l.label, via: via as 'direct' | 'group' | 'direct_and_group', groups: access.viaGroups.map((g) => g.name), tags: ctx.policy.tagsFor('app', l.appName) };
    }));
    return {
      user: userBrief(u),
      groups: groups.map((g) => groupRef(ctx, g)),
      apps,
      adminRoles: roles.map((r) => ({ type: r.type, label: r.label })),
    };
  },
});
