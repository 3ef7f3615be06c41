// What request tools return: the request as the requester sees it, and the helpers they share.
import { z } from 'zod';
import { REQUEST_STATUSES } from '../../core/store.js';
import { AppError } from '../../core/errors.js';
import type { ToolContext } from '../../core/tool.js';
import type { RequestPort, RequestView } from '../../core/requests.js';

export const RequestOut = z.object({
  id: z.string(),
  status: z.enum(REQUEST_STATUSES),
  tool: z.string(),
  summary: z.string().describe('The change in one line'),
  diff: z
    .array(
      z.object({
        op: z.enum(['add', 'remove', 'set']),
        field: z.string(),
        value: z.string(),
        from: z.string().optional(),
      }),
    )
    .describe('Exactly what will change when approved'),
  requester: z.object({ client: z.string(), person: z.string().optional() }),
  subject: z.string().optional(),
  reason: z.string().optional(),
  approvals: z.array(
    z.object({
      step: z.string(),
      needs: z.number().int(),
      distinct: z.boolean(),
      approvedBy: z.array(z.string()),
      eligible: z.array(z.string()).describe('People who may approve this step'),
    }),
  ),
  rule: z.string().describe('The policy rule that routed the request'),
  why: z.string(),
  policyHash: z.string().optional(),
  createdAt: z.string(),
  expiresAt: z.string().optional().describe('A pending request expires at this time'),
  grantDurationSeconds: z.number().optional().describe('Access is removed automatically this long after it is applied'),
  grantExpiresAt: z.string().optional(),
  directoryRequestId: z.string().optional(),
  failureReason: z.string().optional(),
  systems: z
    .array(
      z.object({
        system: z.string(),
        status: z.enum(['not started', 'pending', 'applied', 'unchanged', 'retrying', 'failed', 'skipped']),
        detail: z.string().optional().describe("What was done, or the app's error"),
        at: z.string().optional(),
      }),
    )
    .optional()
    .describe(
      'Every system this request touches (the directory, then connected apps such as Jira) and the outcome in each',
    ),
});

/** The request service, or a clear error when this Warden runs without one. */
export function requestsOf(ctx: ToolContext): RequestPort {
  const r = ctx.requests;
  if (!r)
    throw new AppError('upstream_unavailable', 'Access requests are not available on this Warden.', {
      hint: 'Ask the operators to enable the access-requests toolset.',
    });
  return r;
}

/** Drops undefined keys so the output matches its schema exactly. */
export const requestOut = (v: RequestView) => JSON.parse(JSON.stringify(v)) as z.infer<typeof RequestOut>;

export const reasonInput = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .describe(
    'Why the access is needed, in words an approver can judge. Policy may require a ticket id (e.g. "REQ-1234 …") and a minimum length.',
  );

export const durationInput = z
  .string()
  .trim()
  .regex(/^\d{1,4}[mhd]$/, 'a duration like 8h, 30d or 90m')
  .optional()
  .describe(
    'How long the access is needed (e.g. 8h, 30d); it is removed automatically afterwards. Policy sets the maximum.',
  );

/** "8h" → 28800. */
export function durationSeconds(d?: string): number | undefined {
  if (!d) return undefined;
  const n = Number.parseInt(d, 10);
  return n * { m: 60, h: 3600, d: 86_400 }[d.at(-1) as 'm' | 'h' | 'd'];
}

export const MUTATION_NOTE =
  'This never changes anything by itself: it files an access request that people named by policy must approve (you cannot approve it). ' +
  'It fails, with a reason, when the change is already in place, a request for it is already open, or policy refuses it. ' +
  'Returns the request id, a dry-run diff, who must approve and when the request expires; track it with get_request.';
