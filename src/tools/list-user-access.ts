// list_user_access: a person's groups, apps (direct or through which group) and admin roles.
import { z } from 'zod';
import { defineTool } from '../core/tool.js';
import { appTarget, groupTarget, userTarget } from './shared/audit-targets.js';
import { explainAccess } from './shared/app-access.js';
import { DownstreamAccountOut, downstreamAccountsOf } from './shared/downstream.js';
import { cursorInput, pageOf, pageOutput, pageStart } from './shared/paging.js';
import { requireUser } from './shared/resolve-user.js';
import { GroupRefOut, UserBriefOut, userQuery } from './shared/schemas.js';
import { groupRef, userBrief } from './shared/to-output.js';

export const listUserAccess = defineTool({
  name: 'list_user_access',
  title: "List a person's access",
  description:
    'Everything one person can reach: their groups (with policy tags such as privileged), their apps and whether each comes ' +
    'directly or through which group, their admin roles, and their accounts in connected apps (SCIM) as of the last reconcile. Use check_access for a yes/no about one app or group. ' +
    'Returns at most `limit` groups and `limit` apps (default 100, max 200) per call; when `complete` is false call again with the same ' +
    'inputs and `cursor` set to `nextCursor` for the next groups and apps. Read-only.',
  toolset: 'identity',
  mutating: false,
  input: z
    .object({
      user: userQuery,
      limit: z.number().int().min(1).max(200).default(100).describe('Most groups, and most apps, to return'),
      cursor: cursorInput,
    })
    .strict(),
  output: z.object({
    user: UserBriefOut,
    groups: z.array(GroupRefOut),
    apps: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        label: z.string(),
        via: z.enum(['direct', 'group', 'direct_and_group']),
        groups: z.array(z.string()).describe('Names of the groups that grant it'),
        tags: z.array(z.string()),
      }),
    ),
    adminRoles: z.array(z.object({ type: z.string(), label: z.string() })),
    downstreamAccounts: z
      .array(DownstreamAccountOut)
      .optional()
      .describe('Accounts in connected apps at the last reconcile (absent when none)'),
    ...pageOutput,
  }),
  auditTargets: (_input, out) => [
    ...userTarget(out.user),
    ...out.groups.flatMap(groupTarget),
    ...out.apps.flatMap(appTarget),
  ],
  async handler({ user, limit, cursor }, ctx) {
    const u = await requireUser(ctx, user);
    const start = pageStart(cursor, { user: u.id });
    const [groups, assigned, roles, downstream] = await Promise.all([
      ctx.directory.listUserGroups(u.id),
      ctx.directory.listUserAppAssignments(u.id),
      ctx.directory.listUserRoles(u.id),
      downstreamAccountsOf(ctx, u),
    ]);
    // Inactive apps give no access (Okta leaves them off the user's dashboard).
    const active = assigned.filter((x) => x.app.status === 'ACTIVE');
    // One offset pages both lists: the page holds the next `limit` groups and the next `limit` apps.
    const groupPage = pageOf(groups, start, limit, { user: u.id });
    const appPage = pageOf(active, start, limit, { user: u.id });
    const apps = await Promise.all(
      appPage.items.map(async ({ app, assignment }) => {
        const access = await explainAccess(ctx, assignment, groups);
        const via = access.direct ? (access.viaGroups.length ? 'direct_and_group' : 'direct') : 'group';
        return {
          id: app.id,
          name: app.name,
          label: app.label,
          via: via as 'direct' | 'group' | 'direct_and_group',
          groups: access.viaGroups.map((g) => g.name),
          tags: ctx.policy.tagsFor('app', app.name),
        };
      }),
    );
    return {
      user: userBrief(u),
      groups: groupPage.items.map((g) => groupRef(ctx, g)),
      apps,
      adminRoles: roles.map((r) => ({ type: r.type, label: r.label })),
      ...(downstream.length ? { downstreamAccounts: downstream } : {}),
      complete: groupPage.complete && appPage.complete,
      nextCursor: groupPage.nextCursor ?? appPage.nextCursor,
    };
  },
});
