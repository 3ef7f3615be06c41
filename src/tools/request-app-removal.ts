// request_app_removal: removing an app — filed as an access request that people approve, never a direct change.
import { z } from 'zod';
import { defineTool } from '../core/tool.js';
import { userQuery } from './shared/schemas.js';
import { MUTATION_NOTE, RequestOut, reasonInput } from './shared/request-schemas.js';
import { fileRequest } from './shared/request-target.js';

export const requestAppRemoval = defineTool({
  name: 'request_app_removal',
  title: 'Request removing an app',
  description: 'Ask for the direct app assignment of a person to be removed. Access that comes through a group is removed with request_group_remove. ' + MUTATION_NOTE,
  toolset: 'access-requests',
  mutating: true,
  // Filing a request changes nothing in the directory; the approved change removes access.
  annotations: { destructiveHint: true, idempotentHint: false, openWorldHint: false },
  input: z.object({
    user: userQuery,
    app: z.string().trim().min(1).max(200).describe('App name or label, e.g. Salesforce'),
    reason: reasonInput,
  }).strict(),
  output: RequestOut,
  handler: (input, ctx) => fileRequest(ctx, 'request_app_removal', 'app_unassign', input),
});
