// list_group_members: a group's members, one bounded page at a time.
import { z } from 'zod';
import { defineTool } from '../core/tool.js';
import { groupTarget, userTarget } from './shared/audit-targets.js';
import { requireGroup } from './shared/resolve-resource.js';
import { UserBriefOut } from './shared/schemas.js';
import { userBrief } from './shared/to-output.js';

export const listGroupMembers = defineTool({
  name: 'list_group_members',
  title: 'List group members',
  description:
    "List a group's members (at most `limit` per call, default 50, max 100) with the group's owners, total count and tags. " +
    'When `complete` is false call again with `cursor` = `nextCursor`. People outside your allowed departments are not shown. Read-only.',
  toolset: 'identity',
  mutating: false,
  input: z
    .object({
      group: z.string().trim().min(1).max(200).describe('Exact group name or id'),
      limit: z.number().int().min(1).max(100).default(50),
      cursor: z.string().max(500).optional(),
    })
    .strict(),
  output: z.object({
    group: z.object({ id: z.string(), name: z.string(), tags: z.array(z.string()), memberCount: z.number().int() }),
    owners: z.array(UserBriefOut.pick({ id: true, login: true, displayName: true })),
    members: z.array(UserBriefOut),
    returned: z.number().int(),
    complete: z.boolean(),
    nextCursor: z.string().optional(),
  }),
  auditTargets: (_input, out) => [...groupTarget(out.group), ...out.members.flatMap(userTarget)],
  async handler({ group, limit, cursor }, ctx) {
    const g = await requireGroup(ctx, group);
    const [page, owners, memberCount] = await Promise.all([
      ctx.directory.listGroupMembers(g.id, { limit, cursor }),
      ctx.directory.listGroupOwners(g.id, { catalogue: true }),
      g.memberCount ?? ctx.directory.countGroupMembers(g.id),
    ]);
    return {
      group: { id: g.id, name: g.name, tags: ctx.policy.tagsFor('group', g.name), memberCount },
      owners: owners.map((o) => ({ id: o.id, login: o.login, displayName: o.displayName })),
      members: page.items.map(userBrief),
      returned: page.items.length,
      complete: !page.nextCursor,
      nextCursor: page.nextCursor,
    };
  },
});
