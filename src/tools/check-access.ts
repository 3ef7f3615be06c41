// check_access: does this person have this app or group — how, since when, and if not, how to get it.
import { z } from 'zod';
import type { DirectoryApp, DirectoryUser, UserRef } from '../core/directory.js';
import { NotFoundError } from '../core/errors.js';
import { defineTool, type ToolContext } from '../core/tool.js';
import { resourceTarget, userTarget } from './shared/audit-targets.js';
import { appAccess } from './shared/app-access.js';
import { catalogueApp, requireResource } from './shared/resolve-resource.js';
import { DownstreamAccountOut, downstreamAccountsOf } from './shared/downstream.js';
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
  input: z
    .object({
      user: userQuery,
      target: z.string().trim().min(1).max(200).describe('App name or label (e.g. Salesforce) or exact group name'),
      kind: z.enum(['app', 'group']).optional().describe('Say which when a name could be both'),
    })
    .strict(),
  output: z.object({
    user: UserRefOut,
    target: z.object({ kind: z.enum(['app', 'group']), id: z.string(), name: z.string(), tags: z.array(z.string()) }),
    hasAccess: z.boolean(),
    paths: z.array(Path).describe('How the access is granted; empty when hasAccess is false'),
    since: z.string().optional().describe('When the access was granted, if known'),
    grantedBy: z.array(Granting).describe('When hasAccess is false: groups that would grant it, with owners'),
    answer: z.string(),
    downstream: DownstreamAccountOut.optional().describe(
      "For an app connected over SCIM: the person's account in the app itself at the last reconcile",
    ),
  }),
  auditTargets: (_input, out) => [...userTarget(out.user), ...resourceTarget(out.target)],
  async handler({ user, target, kind }, ctx) {
    const u = await requireUser(ctx, user);
    // Not a catalogued app: the person's own groups (one live read) answer a membership question without looking the
    // group up; only a name that is neither is looked up live (a new app, a group they are not in, or nothing).
    const app = kind === 'group' ? null : await catalogueApp(ctx, target);
    if (!app) {
      const groups = await ctx.directory.listUserGroups(u.id);
      const key = target.trim().toLowerCase();
      const mine = groups.find((g) => g.id === target.trim() || g.name.toLowerCase() === key);
      if (mine) return memberOf(ctx, u, mine.id, mine.name);
      const r = await requireResource(ctx, target, kind);
      if (r.kind === 'group') return notMemberOf(ctx, u, r.group.id, r.group.name);
      return checkApp(ctx, u, r.app);
    }
    return checkApp(ctx, u, app);
  },
});

async function checkApp(ctx: ToolContext, u: DirectoryUser, app: DirectoryApp) {
  const access = await appAccess(ctx, app, u.id);
  const tags = ctx.policy.tagsFor('app', app.name);
  // The account in the app itself, from the last reconcile (never a live call to the app).
  const acct = (await downstreamAccountsOf(ctx, u)).find((a) =>
    [app.label.toLowerCase(), app.name.toLowerCase()].includes(a.app.toLowerCase()),
  );
  const inApp = acct
    ? ` In ${acct.app} itself (reconciled ${acct.seenAt.slice(0, 16).replace('T', ' ')} UTC) the account ${acct.userName} is ${acct.active ? 'active' : 'inactive'}.`
    : '';
  const base = {
    user: userRef(u),
    target: { kind: 'app' as const, id: app.id, name: app.label, tags },
    ...(acct ? { downstream: acct } : {}),
  };
  if (access.hasAccess) {
    const paths = [
      ...(access.direct ? [{ via: 'direct' as const }] : []),
      ...access.viaGroups.map((g) => ({ via: 'group' as const, group: g.name })),
    ];
    const how = access.direct ? 'directly' : `through ${access.viaGroups.map((g) => g.name).join(', ') || 'a group'}`;
    return {
      ...base,
      hasAccess: true,
      paths,
      since: access.since,
      grantedBy: [],
      answer: `Yes: ${u.displayName} has ${app.label} ${how}${access.since ? ` since ${access.since.slice(0, 10)}` : ''}.${inApp}`,
    };
  }
  const appGroups = await ctx.directory.listAppGroups(app.id);
  const grantedBy = await Promise.all(
    appGroups.map(async (ag) => {
      // The assignment usually carries the group's name; owners here only explain who to ask (see ownersOf).
      const name = ag.groupName ?? (await ctx.directory.getGroup(ag.groupId))?.name;
      const owners = name !== undefined ? await ownersOf(ctx, ag.groupId) : [];
      return {
        group: name ?? ag.groupId,
        owners: owners.map(userRef),
        tags: name !== undefined ? ctx.policy.tagsFor('group', name) : [],
      };
    }),
  );
  const hint = grantedBy.length
    ? ` ${grantedBy.map((g) => `${g.group} (owner: ${g.owners.map((o) => o.displayName).join(', ') || 'none'})`).join('; ')} grants it.`
    : ' No group grants it; it is assigned directly.';
  return {
    ...base,
    hasAccess: false,
    paths: [],
    grantedBy,
    answer: `No: ${u.displayName} does not have ${app.label}.${hint}${inApp}`,
  };
}

/** The group's owners (an explanation: may come from the configuration cache); none when the group has gone since. */
async function ownersOf(ctx: ToolContext, groupId: string): Promise<UserRef[]> {
  try {
    return await ctx.directory.listGroupOwners(groupId, { catalogue: true });
  } catch (err) {
    if (err instanceof NotFoundError) return [];
    throw err;
  }
}

const groupTarget = (ctx: ToolContext, u: DirectoryUser, id: string, name: string) => ({
  user: userRef(u),
  target: { kind: 'group' as const, id, name, tags: ctx.policy.tagsFor('group', name) },
});

function memberOf(ctx: ToolContext, u: DirectoryUser, groupId: string, name: string) {
  return {
    ...groupTarget(ctx, u, groupId, name),
    hasAccess: true,
    paths: [{ via: 'direct' as const }],
    grantedBy: [],
    answer: `Yes: ${u.displayName} is a member of ${name}.`,
  };
}

async function notMemberOf(ctx: ToolContext, u: DirectoryUser, groupId: string, name: string) {
  const owners = await ownersOf(ctx, groupId);
  const base = groupTarget(ctx, u, groupId, name);
  const tags = base.target.tags;
  return {
    ...base,
    hasAccess: false,
    paths: [],
    grantedBy: [{ group: name, owners: owners.map(userRef), tags }],
    answer: `No: ${u.displayName} is not a member of ${name} (owner: ${owners.map((o) => o.displayName).join(', ') || 'none'}).`,
  };
}
