// cancel_request: withdraw a pending access request you filed.
import { z } from 'zod';
import { defineTool } from '../core/tool.js';
import { RequestOut, requestOut, requestsOf } from './shared/request-schemas.js';

export const cancelRequest = defineTool({
  name: 'cancel_request',
  title: 'Cancel an access request',
  description:
    'Withdraw a pending access request you filed (for example when the person no longer needs the access or it was filed by ' +
    'mistake). Only pending requests can be cancelled; approved or applied changes need a removal request instead.',
  toolset: 'access-requests',
  mutating: false,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  input: z
    .object({
      id: z.string().trim().min(1).max(100).describe('Request id'),
      comment: z.string().trim().max(500).optional().describe('Why it is withdrawn'),
    })
    .strict(),
  output: RequestOut,
  async handler({ id, comment }, ctx) {
    return requestOut(await requestsOf(ctx).cancel(id, ctx.principal, comment));
  },
});
