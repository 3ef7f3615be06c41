// how_to_get_access: from plain words to the app or group, who owns it, what policy requires, and the policy passages.
import { z } from 'zod';
import type { DirectoryApp, DirectoryGroup } from '../core/directory.js';
import { NotFoundError } from '../core/errors.js';
import { defineTool, type ToolContext } from '../core/tool.js';
import { resourceTarget, userTarget } from './shared/audit-targets.js';
import { appAccess } from './shared/app-access.js';
import { rankResources } from './shared/match-resource.js';
import { requireUser } from './shared/resolve-user.js';
import { UserRefOut, userQuery } from './shared/schemas.js';
import { userRef } from './shared/to-output.js';
import { UNTRUSTED_NOTICE, quoteUntrusted } from './shared/untrusted.js';

const Route = z.object({
  tool: z.enum(['request_group_add', 'request_app_assignment']).describe('The tool to call to ask for it'),
  group: z.string().optional().describe('The group to request (for request_group_add)'),
  app: z.string().optional().describe('The app to request (for request_app_assignment)'),
  owners: z.array(UserRefOut),
  tags: z.array(z.string()),
  policy: z.object({
    effect: z.enum(['allow', 'deny', 'approval']),
    rule: z.string(),
    why: z.string(),
    approvals: z.string().describe('Who must approve, in words'),
    reason: z
      .object({
        required: z.boolean(),
        minLength: z.number(),
        pattern: z.string().optional(),
        patternHint: z.string().optional(),
      })
      .optional(),
    maxDuration: z.string().optional().describe('Longest grant policy allows, e.g. 8h or 90d'),
  }),
});

export const howToGetAccess = defineTool({
  name: 'how_to_get_access',
  title: 'How to get access',
  description:
    'Before asking for access, find out how: give an app, group or resource in plain words ("AWS production", "Salesforce", ' +
    '"GitHub admin") and optionally the person. Returns the matching app or group, whether the person already has it, the group(s) ' +
    'that grant it with their owners and tags, what policy requires to request each (approvers, reason rules, maximum duration, or ' +
    'that agents may not request it), and the best policy passages to cite. Then call the named request tool. Read-only.',
  toolset: 'knowledge',
  mutating: false,
  input: z
    .object({
      resource: z.string().trim().min(2).max(200).describe('What the person wants access to, in plain words'),
      user: userQuery.optional().describe('Who needs it; defaults to the person you act for'),
    })
    .strict(),
  output: z.object({
    match: z.object({ kind: z.enum(['app', 'group']), id: z.string(), name: z.string() }),
    alternatives: z
      .array(z.object({ kind: z.enum(['app', 'group']), name: z.string() }))
      .describe('Other close matches; ask if unsure'),
    user: UserRefOut.optional(),
    alreadyHasAccess: z.boolean().optional(),
    routes: z.array(Route).describe('Ways to get it, recommended first'),
    passages: z.array(
      z.object({
        path: z.string(),
        title: z.string(),
        heading: z.string(),
        url: z.string().optional(),
        passage: z.string(),
      }),
    ),
    notice: z.string(),
    answer: z.string(),
  }),
  auditTargets: (_input, out) => [...resourceTarget(out.match), ...userTarget(out.user)],
  async handler({ resource, user }, ctx) {
    const [apps, groups] = await Promise.all([
      ctx.directory.listApps(),
      ctx.directory.findGroups({ limit: 500 }).then((p) => p.items),
    ]);
    const ranked = rankResources(resource, apps, groups);
    const best = ranked[0];
    if (!best)
      throw new NotFoundError(`Nothing in the directory matches "${resource}".`, {
        hint: `Apps are: ${apps.map((a) => a.label).join(', ')}.`,
      });
    const subject = user
      ? await requireUser(ctx, user)
      : ctx.principal.person
        ? await ctx.directory.getUser(ctx.principal.person.login)
        : null;
    const name = best.kind === 'app' ? best.app.label : best.group.name;
    const [granting, has] = await Promise.all([
      best.kind === 'app' ? grantingGroups(ctx, best.app) : Promise.resolve([best.group]),
      subject
        ? best.kind === 'app'
          ? appAccess(ctx, best.app, subject.id).then((a) => a.hasAccess)
          : ctx.directory.listUserGroups(subject.id).then((gs) => gs.some((g) => g.id === best.group.id))
        : Promise.resolve(undefined),
    ]);
    const routes = await Promise.all(
      granting.map((g) => route(ctx, 'request_group_add', { kind: 'group', id: g.id, name: g.name }, subject)),
    );
    if (best.kind === 'app')
      routes.push(
        await route(ctx, 'request_app_assignment', { kind: 'app', id: best.app.id, name: best.app.name }, subject),
      );
    routes.sort((a, b) => rank(a.policy.effect) - rank(b.policy.effect));
    const hits = ctx.knowledge
      ? await ctx.knowledge.search(`${name} access request approval`, {
          limit: 3,
          audiences: ctx.scope.knowledgeAudiences,
        })
      : [];
    const first = routes[0];
    const answer = has
      ? `${subject!.displayName} already has ${name}.`
      : first && first.policy.effect !== 'deny'
        ? `Request ${'group' in first ? first.group : first.app} with ${first.tool}; it needs ${first.policy.approvals || 'approval'}.`
        : `Policy does not let you request ${name} here: ${first?.policy.why ?? 'no route'}`;
    return {
      match: { kind: best.kind, id: best.kind === 'app' ? best.app.id : best.group.id, name },
      alternatives: ranked
        .slice(1, 4)
        .map((c) => ({ kind: c.kind, name: c.kind === 'app' ? c.app.label : c.group.name })),
      ...(subject ? { user: userRef(subject), alreadyHasAccess: !!has } : {}),
      routes,
      passages: hits.map((h) => ({
        path: h.path,
        title: h.title,
        heading: h.heading,
        ...(h.url ? { url: h.url } : {}),
        passage: quoteUntrusted(h.snippet, h),
      })),
      notice: UNTRUSTED_NOTICE,
      answer,
    };
  },
});

const rank = (e: string) => ({ approval: 0, allow: 1, deny: 2 })[e] ?? 3;

async function grantingGroups(ctx: ToolContext, app: DirectoryApp): Promise<DirectoryGroup[]> {
  const assigned = await ctx.directory.listAppGroups(app.id);
  const groups = await Promise.all(assigned.map((a) => ctx.directory.getGroup(a.groupId)));
  // Only groups Warden can change: imported and built-in groups (Everyone) are not requestable.
  return groups.filter((g): g is DirectoryGroup => !!g && g.type === 'OKTA_GROUP');
}

async function route(
  ctx: ToolContext,
  tool: 'request_group_add' | 'request_app_assignment',
  res: { kind: 'group' | 'app'; id: string; name: string },
  subject: { id: string; login: string; department?: string; managerId?: string } | null,
) {
  const tags = ctx.policy.tagsFor(res.kind, res.name);
  const owners = res.kind === 'group' ? await ctx.directory.listGroupOwners(res.id) : [];
  const ownerLogins = [...owners.map((o) => o.login), ...(ctx.policy.ownersFor?.(res.kind, res.name) ?? [])];
  const manager = subject?.managerId ? await ctx.directory.getUser(subject.managerId) : null;
  const req = ctx.policy.requirements?.({
    principal: ctx.principal,
    tool,
    toolset: 'access-requests',
    mutating: true,
    input: {},
    subject: subject
      ? { id: subject.id, login: subject.login, department: subject.department, managerLogin: manager?.login }
      : undefined,
    resource: { ...res, tags, ownerLogins },
  });
  const appOwners = res.kind === 'app' ? await Promise.all(ownerLogins.map((l) => ctx.directory.getUser(l))) : [];
  return {
    tool,
    ...(res.kind === 'group' ? { group: res.name } : { app: res.name }),
    owners: res.kind === 'group' ? owners.map(userRef) : appOwners.filter((u) => !!u).map((u) => userRef(u!)),
    tags,
    policy: {
      effect: req?.effect ?? 'deny',
      rule: req?.rule ?? 'unknown',
      why: req?.why ?? 'The policy cannot describe this request.',
      approvals: req?.needs ?? '',
      ...(req?.reason ? { reason: req.reason } : {}),
      ...(req?.maxDurationSeconds ? { maxDuration: fmt(req.maxDurationSeconds) } : {}),
    },
  };
}

const fmt = (s: number) =>
  s % 86_400 === 0 ? `${s / 86_400}d` : s % 3600 === 0 ? `${s / 3600}h` : `${Math.round(s / 60)}m`;
