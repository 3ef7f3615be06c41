// access_history: which access requests changed a person's access, who asked, who approved, and what happened.
import { z } from 'zod';
import { REQUEST_STATUSES } from '../core/store.js';
import { defineTool } from '../core/tool.js';
import { userTarget } from './shared/audit-targets.js';
import { requireUser } from './shared/resolve-user.js';
import { cursorInput, pageOf, pageOutput, pageStart, readUpTo } from './shared/paging.js';
import { requestsOf } from './shared/request-schemas.js';
import { UserRefOut, userQuery } from './shared/schemas.js';
import { userRef } from './shared/to-output.js';

export const accessHistory = defineTool({
  name: 'access_history',
  title: "A person's access history",
  description:
    'The access requests about one person, newest first: what was asked (the change), by whom and why, who approved or denied ' +
    'it and when, and whether it was applied, revoked at expiry, expired or failed. Use it to answer "why does X have Y?" or ' +
    '"who approved this?". Returns at most `limit` (default 20, max 50) per call. ' +
    'When `complete` is false there are more: call again with the same inputs and `cursor` set to `nextCursor`. Changes made directly in the directory, outside Warden, appear in recent_access_changes instead. Read-only.',
  toolset: 'identity',
  mutating: false,
  input: z
    .object({ user: userQuery, limit: z.number().int().min(1).max(50).default(20), cursor: cursorInput })
    .strict(),
  output: z.object({
    user: UserRefOut,
    requests: z.array(
      z.object({
        id: z.string(),
        status: z.enum(REQUEST_STATUSES),
        summary: z.string(),
        createdAt: z.string(),
        requestedBy: z.string().describe('Person (or client) who asked'),
        reason: z.string().optional(),
        decisions: z.array(
          z.object({
            by: z.string(),
            decision: z.enum(['approve', 'deny']),
            at: z.string(),
            comment: z.string().optional(),
          }),
        ),
        grantExpiresAt: z.string().optional(),
        failureReason: z.string().optional(),
      }),
    ),
    returned: z.number().int(),
    ...pageOutput,
  }),
  auditTargets: (_input, out) => userTarget(out.user),
  async handler({ user, limit, cursor }, ctx) {
    const u = await requireUser(ctx, user);
    const start = pageStart(cursor, { user: u.id });
    const requests = requestsOf(ctx);
    const page = pageOf(
      await requests.list({ subject: u.login.toLowerCase(), limit: readUpTo(start, limit) }),
      start,
      limit,
      { user: u.id },
    );
    const rows = await Promise.all(
      page.items.map(async (v) => ({
        id: v.id,
        status: v.status,
        summary: v.summary,
        createdAt: v.createdAt,
        requestedBy: v.requester.person ?? v.requester.client,
        ...(v.reason ? { reason: v.reason } : {}),
        decisions: (await requests.approvalsOf(v.id)).map((a) => ({
          by: a.approverLogin,
          decision: a.decision,
          at: a.at,
          ...(a.comment ? { comment: a.comment } : {}),
        })),
        ...(v.grantExpiresAt ? { grantExpiresAt: v.grantExpiresAt } : {}),
        ...(v.failureReason ? { failureReason: v.failureReason } : {}),
      })),
    );
    return {
      user: userRef(u),
      requests: rows,
      returned: rows.length,
      complete: page.complete,
      nextCursor: page.nextCursor,
    };
  },
});
