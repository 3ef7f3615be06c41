// request_user_deactivate: deactivating a person (offboarding) — filed as an access request that people approve, never a direct change.
import { z } from 'zod';
import { defineTool } from '../core/tool.js';
import { userQuery } from './shared/schemas.js';
import { MUTATION_NOTE, RequestOut, reasonInput } from './shared/request-schemas.js';
import { fileRequest } from './shared/request-target.js';

export const requestUserDeactivate = defineTool({
  name: 'request_user_deactivate',
  title: 'Request deactivating a person (offboarding)',
  description: 'Ask for the account of a person to be deactivated when they leave: they can no longer sign in and direct app assignments are removed. Policy usually requires an HR or incident ticket in the reason. ' + MUTATION_NOTE,
  toolset: 'access-requests',
  mutating: true,
  // Filing a request changes nothing in the directory; the approved change removes access.
  annotations: { destructiveHint: true, idempotentHint: false, openWorldHint: false },
  input: z.object({
    user: userQuery,
    reason: reasonInput,
  }).strict(),
  output: RequestOut,
  handler: (input, ctx) => fileRequest(ctx, 'request_user_deactivate', 'user_deactivate', input),
});
