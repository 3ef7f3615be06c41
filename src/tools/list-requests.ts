// list_requests: the access requests this caller filed, newest first, optionally by status.
import { z } from 'zod';
import { REQUEST_STATUSES } from '../core/store.js';
import { defineTool } from '../core/tool.js';
import { RequestOut, requestOut, requestsOf } from './shared/request-schemas.js';

export const listRequests = defineTool({
  name: 'list_requests',
  title: 'List my access requests',
  description:
    'Access requests filed by the person you act for, newest first, optionally only one status. Use it to ' +
    'check on requests before filing a new one. Returns at most `limit` (default 20, max 50). Read-only.',
  toolset: 'access-requests',
  mutating: false,
  input: z.object({
    status: z.enum(REQUEST_STATUSES).optional().describe('Only requests in this status'),
    user: z.string().trim().min(1).max(200).optional().describe('Only requests about this person (login)'),
    limit: z.number().int().min(1).max(50).default(20),
  }).strict(),
  output: z.object({ requests: z.array(RequestOut), returned: z.number().int() }),
  async handler({ status, user, limit }, ctx) {
    const views = await requestsOf(ctx).list({
      status, subject: user?.toLowerCase(), limit,
      // Requests of the person behind the call; a shared client id alone is not a person.
      ...(ctx.principal.person ? { requesterPerson: ctx.principal.person.login } : { requesterClient: ctx.principal.clientId }),
    });
    return { requests: views.map(requestOut), returned: views.length };
  },
});
