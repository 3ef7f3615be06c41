// check_access: does this person have this app or group — how, since when, and if not, how to get it.
import { z } from 'zod';
import type { DirectoryUser, UserRef } from '../core/directory.js';
import { NotFoundError } from '../core/errors.js';
import { defineTool, type ToolContext } from '../core/tool.js';
import { resourceTarget, userTarget } from './shared/audit-targets.js';
import { appAccess } from './shared/app-access.js';
import { requireResource } from './shared/resolve-resource.js';
import { requireUser } from './shared/resolve-user.js';
import { UserRefOut, userQuery } from './shared/schemas.js';
import { userRef } from './shared/to-output.js';

const Path = z.object({ via: z.enum(['direct', 'group']), group: z.string().optional() });
const Granting = z.object({ group: z.string(), owners: z.array(UserRefOut), tags: z.array(z.string()) });

export const checkAccess = defineTool({
  name: 'check_access',
  title: 'Check access',
  description:
    'Answer "does this person have access to this app or group?" with yes/no, how (directly or through which group), and since ' +
    'when where the directory knows. When the answer is no, it names the group(s) that would grant the app and who owns them, ' +
    'so you can suggest request_group_add. `target` is an app (Salesforce, aws_prod) or a group name (App-GitHub-Users). Read-only.',
  toolset: 'identity',
  mutating: false,
  input: z.object({
    user: userQuery,
    target: z.string().trim().min(1).max(200).describe('App name or label (e.g. Salesforce) or exact group name'),
    kind: z.enum(['app', 'group']).optional().describe('Say which when a name could be both'),
  }).strict(),
  output: z.object({
    user: UserRefOut,
    target: z.object({ kind: z.enum(['app', 'group']), id: z.string(), name: z.string(), tags: z.array(z.string()) }),
    hasAccess: z.boolean(),
    paths: z.array(Path).describe('How the access is granted; empty when hasAccess is false'),
    since: z.string().optional().describe('When the access was granted, if known'),
    grantedBy: z.array(Granting).describe('When hasAccess is false: groups that would grant it, with owners'),
    answer: z.string(),
  }),
  auditTargets: (_input, out) => [...userTarget(out.user), ...resourceTarget(out.target)],
  async handler({ user, target, kind }, ctx) {
    const u = await requireUser(ctx, user);
    const r = await requireResource(ctx, target, kind);
    if (r.kind === 'group') return checkGroup(ctx, u, r.group.id, r.group.name);
    const app = r.app;
    const access = await appAccess(ctx, app, u.id);
    const tags = ctx.policy.tagsFor('app', app.name);
    const base = { user: userRef(u), target: { kind: 'app' as const, id: app.id, name: app.label, tags } };
    if (access.hasAccess) {
      const paths = [...(access.direct ? [{ via: 'direct' as const }] : []), ...access.viaGroups.map((g) => ({ via: 'group' as const, group: g.name }))];
      const how = access.direct ? 'directly' : `through ${access.viaGroups.map((g) => g.name).join(', ') || 'a group'}`;
      return { ...base, hasAccess: true, paths, since: access.since, grantedBy: [], answer: `Yes: ${u.displayName} has ${app.label} ${how}${access.since ? ` since ${access.since.slice(0, 10)}` : ''}.` };
    }
    const appGroups = await ctx.directory.listAppGroups(app.id);
    const grantedBy = await Promise.all(appGroups.map(async (ag) => {
      // The assignment usually carries the group's name; owners are always read live (they approve requests).
      const name = ag.groupName ?? (await ctx.directory.getGroup(ag.groupId))?.name;
      const owners = name !== undefined ? await ownersOf(ctx, ag.groupId) : [];
      return { group: name ?? ag.groupId, owners: owners.map(userRef), tags: name !== undefined ? ctx.policy.tagsFor('group', name) : [] };
    }));
    const hint = grantedBy.length ? ` ${grantedBy.map((g) => `${g.group} (owner: ${g.owners.map((o) => o.displayName).join(', ') || 'none'})`).join('; ')} grants it.` : ' No group grants it; it is assigned directly.';
    return { ...base, hasAccess: false, paths: [], grantedBy, answer: `No: ${u.displayName} does not have ${app.label}.${hint}` };
  },
});

/** The group's owners; none when the group has gone since the app's groups were read. */
async function ownersOf(ctx: ToolContext, groupId: string): Promise<UserRef[]> {
  try {
    return await ctx.directory.listGroupOwners(groupId);
  } catch (err) {
    if (err instanceof NotFoundError) return [];
    throw err;
  }
}

async function checkGroup(ctx: ToolContext, u: DirectoryUser, groupId: string, name: string) {
  const [groups, owners] = await Promise.all([ctx.directory.listUserGroups(u.id), ctx.directory.listGroupOwners(groupId)]);
  const tags = ctx.policy.tagsFor('group', name);
  const member = groups.some((g) => g.id === groupId);
  const base = { user: userRef(u), target: { kind: 'group' as const, id: groupId, name, tags } };
  if (member) return { ...base, hasAccess: true, paths: [{ via: 'direct' as const }], grantedBy: [], answer: `Yes: ${u.displayName} is a member of ${name}.` };
  return {
    ...base, hasAccess: false, paths: [], grantedBy: [{ group: name, owners: owners.map(userRef), tags }],
    answer: `No: ${u.displayName} is not a member of ${name} (owner: ${owners.map((o) => o.displayName).join(', ') || 'none'}).`,
  };
}
