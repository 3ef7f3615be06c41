// list_user_access: a person's groups, apps (direct or through which group) and admin roles.
import { z } from 'zod';
import { defineTool } from '../core/tool.js';
import { appTarget, groupTarget, userTarget } from './shared/audit-targets.js';
import { explainAccess } from './shared/app-access.js';
import { DownstreamAccountOut, downstreamAccountsOf } from './shared/downstream.js';
import { requireUser } from './shared/resolve-user.js';
import { GroupRefOut, UserBriefOut, userQuery } from './shared/schemas.js';
import { groupRef, userBrief } from './shared/to-output.js';

export const listUserAccess = defineTool({
  name: 'list_user_access',
  title: "List a person's access",
  description:
    "Everything one person can reach: their groups (with policy tags such as privileged), their apps and whether each comes " +
    'directly or through which group, their admin roles, and their accounts in connected apps (SCIM) as of the last reconcile. Use check_access for a yes/no about one app or group. Read-only.',
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
    downstreamAccounts: z.array(DownstreamAccountOut).optional().describe('Accounts in connected apps at the last reconcile (absent when none)'),
  }),
  auditTargets: (_input, out) => [...userTarget(out.user), ...out.groups.flatMap(groupTarget), ...out.apps.flatMap(appTarget)],
  async handler({ user }, ctx) {
    const u = await requireUser(ctx, user);
    const [groups, assigned, roles, downstream] = await Promise.all([
      ctx.directory.listUserGroups(u.id), ctx.directory.listUserAppAssignments(u.id), ctx.directory.listUserRoles(u.id), downstreamAccountsOf(ctx, u),
    ]);
    // Inactive apps give no access (Okta leaves them off the user's dashboard).
    const apps = await Promise.all(assigned.filter((x) => x.app.status === 'ACTIVE').map(async ({ app, assignment }) => {
      const access = await explainAccess(ctx, assignment, groups);
      const via = access.direct ? (access.viaGroups.length ? 'direct_and_group' : 'direct') : 'group';
      return { id: app.id, name: app.name, label: app.label, via: via as 'direct' | 'group' | 'direct_and_group', groups: access.viaGroups.map((g) => g.name), tags: ctx.policy.tagsFor('app', app.name) };
    }));
    return {
      user: userBrief(u),
      groups: groups.map((g) => groupRef(ctx, g)),
      apps,
      adminRoles: roles.map((r) => ({ type: r.type, label: r.label })),
      ...(downstream.length ? { downstreamAccounts: downstream } : {}),
    };
  },
});
