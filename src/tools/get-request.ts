// get_request: the status and approval progress of one access request.
import { z } from 'zod';
import { ForbiddenError } from '../core/errors.js';
import { defineTool } from '../core/tool.js';
import { RequestOut, requestOut, requestsOf } from './shared/request-schemas.js';
import { visibleTo } from './shared/request-visibility.js';

export const getRequest = defineTool({
  name: 'get_request',
  title: 'Get an access request',
  description:
    'The current state of an access request you filed: status (pending, approved, applied, denied, expired, failed, revoked…), ' +
    'who has approved so far and who still must, expiry, and for applied requests when time-bound access will be removed. Read-only.',
  toolset: 'access-requests',
  mutating: false,
  input: z
    .object({ id: z.string().trim().min(1).max(100).describe('Request id from a request_* tool, e.g. req_…') })
    .strict(),
  output: RequestOut,
  async handler({ id }, ctx) {
    const view = await requestsOf(ctx).get(id);
    if (!visibleTo(view, ctx.principal))
      throw new ForbiddenError(`Request ${id} was filed by another client; you can only see your own.`);
    return requestOut(view);
  },
});
