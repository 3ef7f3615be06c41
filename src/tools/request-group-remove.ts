// request_group_remove: removing a person from a group — filed as an access request that people approve, never a direct change.
import { z } from 'zod';
import { defineTool } from '../core/tool.js';
import { userQuery } from './shared/schemas.js';
import { MUTATION_NOTE, RequestOut, reasonInput } from './shared/request-schemas.js';
import { fileRequest } from './shared/request-target.js';

export const requestGroupRemove = defineTool({
  name: 'request_group_remove',
  title: 'Request removing a person from a group',
  description: 'Ask for a person to be removed from a group. ' + MUTATION_NOTE,
  toolset: 'access-requests',
  mutating: true,
  // Filing a request changes nothing in the directory; the approved change removes access.
  annotations: { destructiveHint: true, idempotentHint: false, openWorldHint: false },
  input: z.object({
    user: userQuery,
    group: z.string().trim().min(1).max(200).describe('Exact group name, e.g. App-Salesforce-Users'),
    reason: reasonInput,
  }).strict(),
  output: RequestOut,
  handler: (input, ctx) => fileRequest(ctx, 'request_group_remove', 'group_remove', input),
});
