// request_app_assignment: an app assignment — filed as an access request that people approve, never a direct change.
import { z } from 'zod';
import { defineTool } from '../core/tool.js';
import { userQuery } from './shared/schemas.js';
import { MUTATION_NOTE, RequestOut, reasonInput, durationInput } from './shared/request-schemas.js';
import { fileRequest } from './shared/request-target.js';

export const requestAppAssignment = defineTool({
  name: 'request_app_assignment',
  title: 'Request an app assignment',
  description: 'Ask for an app to be assigned to a person directly. Prefer request_group_add with the group that grants the app when check_access names one. ' + MUTATION_NOTE,
  toolset: 'access-requests',
  mutating: true,
  // Filing a request changes nothing in the directory; the approved change only adds access.
  annotations: { destructiveHint: false, idempotentHint: false, openWorldHint: false },
  input: z.object({
    user: userQuery,
    app: z.string().trim().min(1).max(200).describe('App name or label, e.g. Salesforce'),
    reason: reasonInput,
    duration: durationInput,
  }).strict(),
  output: RequestOut,
  handler: (input, ctx) => fileRequest(ctx, 'request_app_assignment', 'app_assign', input),
});
