// search_users: people by department, title, manager, status or group, one bounded page at a time.
import { z } from 'zod';
import { USER_STATUSES, type DirectoryUser, type Page } from '../core/directory.js';
import { defineTool } from '../core/tool.js';
import { userTarget } from './shared/audit-targets.js';
import { requireGroup } from './shared/resolve-resource.js';
import { requireUser } from './shared/resolve-user.js';
import { UserBriefOut } from './shared/schemas.js';
import { userBrief } from './shared/to-output.js';
import { matchesUserQuery } from '../core/user-query.js';

export const searchUsers = defineTool({
  name: 'search_users',
  title: 'Search people',
  description:
    'List people matching all the given filters: department, title (contains), manager (login or name), status, group membership, ' +
    'or name prefix. Returns at most `limit` people per call (default 25, max 50). When `complete` is false there are more: call ' +
    'again with `cursor` set to `nextCursor`. Use lookup_user for one known person. Read-only.',
  toolset: 'identity',
  mutating: false,
  input: z
    .object({
      name: z.string().trim().min(1).max(100).optional().describe('Prefix of first name, last name or email'),
      department: z.string().trim().min(1).max(100).optional().describe('Exact department, e.g. Engineering'),
      title: z.string().trim().min(1).max(100).optional().describe('Words the job title contains, e.g. Manager'),
      manager: z
        .string()
        .trim()
        .min(1)
        .max(200)
        .optional()
        .describe("The manager's login or name; lists their direct reports"),
      status: z.enum(USER_STATUSES).optional(),
      group: z.string().trim().min(1).max(200).optional().describe('Only members of this group (exact name)'),
      limit: z.number().int().min(1).max(50).default(25),
      cursor: z.string().max(500).optional().describe('nextCursor from the previous page'),
    })
    .strict()
    .refine((v) => v.name || v.department || v.title || v.manager || v.status || v.group, {
      message: 'give at least one filter (name, department, title, manager, status or group)',
    }),
  output: z.object({
    users: z.array(UserBriefOut),
    returned: z.number().int(),
    complete: z.boolean().describe('True when this page is the last one'),
    nextCursor: z.string().optional(),
    message: z.string(),
  }),
  auditTargets: (_input, out) => out.users.flatMap(userTarget),
  async handler(input, ctx) {
    const managerId = input.manager ? (await requireUser(ctx, input.manager)).id : undefined;
    const query = {
      name: input.name,
      department: input.department,
      title: input.title,
      status: input.status,
      managerId,
    };
    let page: Page<DirectoryUser>;
    if (input.group) {
      const g = await requireGroup(ctx, input.group);
      page = await scanGroup(
        ctx.directory.listGroupMembers.bind(ctx.directory),
        g.id,
        query,
        input.limit,
        input.cursor,
      );
    } else {
      page = await ctx.directory.findUsers({ ...query, limit: input.limit, cursor: input.cursor });
    }
    const complete = !page.nextCursor;
    return {
      users: page.items.map(userBrief),
      returned: page.items.length,
      complete,
      nextCursor: page.nextCursor,
      message: complete
        ? `${page.items.length} people match.`
        : `Showing ${page.items.length}; more match. Call again with cursor to continue.`,
    };
  },
});

/** Walks a group's members page by page, keeping those matching the query, until `limit` are found. */
async function scanGroup(
  list: (id: string, o: { limit?: number; cursor?: string }) => Promise<Page<DirectoryUser>>,
  groupId: string,
  query: Parameters<typeof matchesUserQuery>[1],
  limit: number,
  cursor?: string,
): Promise<Page<DirectoryUser>> {
  const items: DirectoryUser[] = [];
  let next = cursor;
  do {
    const p = await list(groupId, { limit, cursor: next });
    items.push(...p.items.filter((u) => matchesUserQuery(u, query)));
    next = p.nextCursor;
  } while (next && items.length < limit);
  return { items, nextCursor: next };
}
