// request_user_suspend: suspending a person — filed as an access request that people approve, never a direct change.
import { z } from 'zod';
import { defineTool } from '../core/tool.js';
import { userQuery } from './shared/schemas.js';
import { MUTATION_NOTE, RequestOut, reasonInput } from './shared/request-schemas.js';
import { fileRequest } from './shared/request-target.js';

export const requestUserSuspend = defineTool({
  name: 'request_user_suspend',
  title: 'Request suspending a person',
  description: 'Ask for the account of a person to be suspended (they keep their groups and apps but cannot sign in). Policy usually requires a ticket id in the reason. ' + MUTATION_NOTE,
  toolset: 'access-requests',
  mutating: true,
  // Filing a request changes nothing in the directory; the approved change removes access.
  annotations: { destructiveHint: true, idempotentHint: false, openWorldHint: false },
  input: z.object({
    user: userQuery,
    reason: reasonInput,
  }).strict(),
  output: RequestOut,
  handler: (input, ctx) => fileRequest(ctx, 'request_user_suspend', 'user_suspend', input),
});
