// request_group_add: adding a person to a group — filed as an access request that people approve, never a direct change.
import { z } from 'zod';
import { defineTool } from '../core/tool.js';
import { userQuery } from './shared/schemas.js';
import { MUTATION_NOTE, RequestOut, reasonInput, durationInput } from './shared/request-schemas.js';
import { fileRequest } from './shared/request-target.js';

export const requestGroupAdd = defineTool({
  name: 'request_group_add',
  title: 'Request adding a person to a group',
  description: 'Ask for a person to be added to a group (which may grant apps). ' + MUTATION_NOTE,
  toolset: 'access-requests',
  mutating: true,
  // Filing a request changes nothing in the directory; the approved change only adds access.
  annotations: { destructiveHint: false, idempotentHint: false, openWorldHint: false },
  input: z.object({
    user: userQuery,
    group: z.string().trim().min(1).max(200).describe('Exact group name, e.g. App-Salesforce-Users'),
    reason: reasonInput,
    duration: durationInput,
  }).strict(),
  output: RequestOut,
  handler: (input, ctx) => fileRequest(ctx, 'request_group_add', 'group_add', input),
});
