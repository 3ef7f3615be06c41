// The request tools share one shape: who, what (a group, an app, or the account itself), why, and for grants how long.
import { z } from 'zod';
import { defineTool } from '../../core/tool.js';
import { userQuery } from './schemas.js';
import { MUTATION_NOTE, RequestOut, durationInput, reasonInput } from './request-schemas.js';
import { fileRequest, type RequestKind } from './request-target.js';

const GROUP = z.string().trim().min(1).max(200).describe('Exact group name, e.g. App-Salesforce-Users');
const APP = z.string().trim().min(1).max(200).describe('App name or label, e.g. Salesforce');
/** Changes that only add access: they may be time-bound and are not destructive. */
const GRANTS: readonly RequestKind[] = ['group_add', 'app_assign'];

/** Defines a request tool for one change kind; the input (target, duration) and annotations follow from the kind. */
export function defineRequestTool(spec: { name: string; title: string; kind: RequestKind; lead: string }) {
  const grant = GRANTS.includes(spec.kind);
  const target = spec.kind.startsWith('group_') ? { group: GROUP } : spec.kind.startsWith('app_') ? { app: APP } : {};
  return defineTool({
    name: spec.name,
    title: spec.title,
    description: `${spec.lead} ${MUTATION_NOTE}`,
    toolset: 'access-requests',
    mutating: true,
    // Filing a request changes nothing in the directory; the approved change adds access (grants) or removes it.
    annotations: { destructiveHint: !grant, idempotentHint: false, openWorldHint: false },
    input: z
      .object({ user: userQuery, ...target, reason: reasonInput, ...(grant ? { duration: durationInput } : {}) })
      .strict(),
    output: RequestOut,
    handler: (input, ctx) => fileRequest(ctx, spec.name, spec.kind, input as Parameters<typeof fileRequest>[3]),
  });
}
