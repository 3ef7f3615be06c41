// get_group: a group's owners, size, policy tags and the apps it grants.
import { z } from 'zod';
import { defineTool } from '../core/tool.js';
import { groupTarget, userTarget } from './shared/audit-targets.js';
import { requireGroup } from './shared/resolve-resource.js';
import { UserRefOut } from './shared/schemas.js';
import { userRef } from './shared/to-output.js';

export const getGroup = defineTool({
  name: 'get_group',
  title: 'Get a group',
  description:
    'Describe one group: description, type, owners (who approves membership), member count, tags from policy (privileged, ' +
    'sensitive, …) and the apps membership grants. Use list_group_members for the members themselves. Read-only.',
  toolset: 'identity',
  mutating: false,
  input: z
    .object({ group: z.string().trim().min(1).max(200).describe('Exact group name (e.g. App-Salesforce-Users) or id') })
    .strict(),
  output: z.object({
    id: z.string(),
    name: z.string(),
    description: z.string().optional(),
    type: z.enum(['OKTA_GROUP', 'APP_GROUP', 'BUILT_IN']),
    owners: z.array(UserRefOut),
    memberCount: z.number().int(),
    tags: z.array(z.string()),
    grantsApps: z.array(z.object({ id: z.string(), name: z.string(), label: z.string() })),
    lastMembershipUpdated: z.string().optional(),
  }),
  auditTargets: (_input, out) => [...groupTarget(out), ...out.owners.flatMap(userTarget)],
  async handler({ group }, ctx) {
    const g = await requireGroup(ctx, group);
    // Owners here explain who to ask (configuration, may be cached briefly); approvals always read them live.
    const [owners, memberCount, grants] = await Promise.all([
      ctx.directory.listGroupOwners(g.id, { catalogue: true }),
      g.memberCount ?? ctx.directory.countGroupMembers(g.id),
      ctx.directory.listAppsForGroup(g.id),
    ]);
    return {
      id: g.id,
      name: g.name,
      description: g.description,
      type: g.type,
      owners: owners.map(userRef),
      memberCount,
      tags: ctx.policy.tagsFor('group', g.name),
      grantsApps: grants.map((a) => ({ id: a.id, name: a.name, label: a.label })),
      lastMembershipUpdated: g.lastMembershipUpdated,
    };
  },
});
