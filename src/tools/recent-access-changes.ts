// recent_access_changes: the directory's recent events (Okta System Log) for a person or a group.
import { z } from 'zod';
import { InvalidInputError } from '../core/errors.js';
import { defineTool } from '../core/tool.js';
import { groupTarget } from './shared/audit-targets.js';
import { cursorInput, pageOf, pageOutput, pageStart, readUpTo } from './shared/paging.js';
import { requireGroup } from './shared/resolve-resource.js';
import { requireUser } from './shared/resolve-user.js';

/** The directory log reads at most 1,000 events at once (Okta's page size): pages start no deeper than that allows. */
const MAX_START = 1_000 - 100 - 1;

export const recentAccessChanges = defineTool({
  name: 'recent_access_changes',
  title: 'Recent access changes',
  description:
    "Recent directory events for one person or one group from the directory's system log: group membership adds/removes, app " +
    'assignments, suspensions, admin role grants — who did it and when, newest first. Give exactly one of `user` or `group`. ' +
    'Returns at most `limit` events (default 25, max 100) per call. When `complete` is false there are more: call again with the same inputs and `cursor` set to `nextCursor`. Read-only.',
  toolset: 'identity',
  mutating: false,
  input: z
    .object({
      user: z.string().trim().min(1).max(200).optional().describe('Login, email, id or name'),
      group: z.string().trim().min(1).max(200).optional().describe('Exact group name or id'),
      days: z.number().int().min(1).max(90).default(30).describe('How far back to look (max 90, the log retention)'),
      limit: z.number().int().min(1).max(100).default(25),
      cursor: cursorInput,
    })
    .strict(),
  output: z.object({
    target: z.object({ kind: z.enum(['user', 'group']), id: z.string(), name: z.string() }),
    events: z.array(
      z.object({
        published: z.string(),
        eventType: z.string(),
        message: z.string(),
        outcome: z.string(),
        actor: z.string().describe('Who did it'),
        targets: z.array(z.string()),
      }),
    ),
    returned: z.number().int(),
    ...pageOutput,
  }),
  auditTargets: (_input, out) =>
    out.target.kind === 'user' ? [{ type: 'user', id: out.target.id, name: out.target.name }] : groupTarget(out.target),
  async handler({ user, group, days, limit, cursor }, ctx) {
    if (!!user === !!group)
      throw new InvalidInputError('Give exactly one of user or group.', {
        hint: 'Call again with either user or group set.',
      });
    const target = user
      ? await requireUser(ctx, user).then((u) => ({ kind: 'user' as const, id: u.id, name: u.displayName }))
      : await requireGroup(ctx, group!).then((g) => ({ kind: 'group' as const, id: g.id, name: g.name }));
    const query = { target: target.id, days };
    const start = pageStart(cursor, query);
    const since = new Date(Date.now() - days * 86_400_000).toISOString();
    const page = pageOf(
      await ctx.directory.listEvents({ targetId: target.id, since, limit: readUpTo(start, limit) }),
      start,
      limit,
      query,
      MAX_START,
    );
    const events = page.items;
    return {
      target,
      events: events.map((e) => ({
        published: e.published,
        eventType: e.eventType,
        message: e.displayMessage,
        outcome: e.outcome.result,
        actor: e.actor.displayName || e.actor.alternateId,
        targets: e.target.map((t) => t.displayName || t.alternateId),
      })),
      returned: events.length,
      complete: page.complete,
      nextCursor: page.nextCursor,
    };
  },
});
