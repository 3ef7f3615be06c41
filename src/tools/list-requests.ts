// list_requests: the access requests this caller filed, newest first, optionally by status.
import { z } from 'zod';
import { REQUEST_STATUSES } from '../core/store.js';
import { defineTool } from '../core/tool.js';
import { cursorInput, pageOf, pageOutput, pageStart, readUpTo } from './shared/paging.js';
import { RequestOut, requestOut, requestsOf } from './shared/request-schemas.js';

export const listRequests = defineTool({
  name: 'list_requests',
  title: 'List my access requests',
  description:
    'Access requests filed by the person you act for, newest first, optionally only one status. Use it to ' +
    'check on requests before filing a new one. Returns at most `limit` (default 20, max 50) per call. ' +
    'When `complete` is false there are more: call again with the same inputs and `cursor` set to `nextCursor`. Read-only.',
  toolset: 'access-requests',
  mutating: false,
  input: z
    .object({
      status: z.enum(REQUEST_STATUSES).optional().describe('Only requests in this status'),
      user: z.string().trim().min(1).max(200).optional().describe('Only requests about this person (login)'),
      limit: z.number().int().min(1).max(50).default(20),
      cursor: cursorInput,
    })
    .strict(),
  output: z.object({ requests: z.array(RequestOut), returned: z.number().int(), ...pageOutput }),
  async handler({ status, user, limit, cursor }, ctx) {
    const query = { status, user };
    const start = pageStart(cursor, query);
    const views = await requestsOf(ctx).list({
      status,
      subject: user?.toLowerCase(),
      limit: readUpTo(start, limit),
      // Requests of the person behind the call; a shared client id alone is not a person.
      ...(ctx.principal.person
        ? { requesterPerson: ctx.principal.person.login }
        : { requesterClient: ctx.principal.clientId }),
    });
    const page = pageOf(views, start, limit, query);
    return {
      requests: page.items.map(requestOut),
      returned: page.items.length,
      complete: page.complete,
      nextCursor: page.nextCursor,
    };
  },
});
