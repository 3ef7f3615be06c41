// query_audit: the tamper-evident audit log, filtered, newest first, for security clients.
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import { defineTool } from '../core/tool.js';

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO time like 2026-11-01T00:00:00Z');

export const queryAudit = defineTool({
  name: 'query_audit',
  title: 'Query the audit log',
  description:
    "Search Warden's hash-chained audit log: every tool call, access request, approval, denial, execution, revocation and policy " +
    'reload, with who (client and person), what, target, outcome and the policy rule. Filters combine with AND; newest first; ' +
    'at most `limit` records (max 100) per call, continue with `beforeSeq` = the smallest seq you got. Read-only.',
  toolset: 'audit',
  mutating: false,
  input: z.object({
    actor: z.string().trim().min(1).max(200).optional().describe('Client id (e.g. claude-desktop) or person login'),
    target: z.string().trim().min(1).max(200).optional().describe('e.g. user:dana.lee@acme.example'),
    tool: z.string().trim().min(1).max(100).optional().describe('Tool name, e.g. request_group_add'),
    action: z.string().trim().min(1).max(100).optional().describe('e.g. tool.call, request.created, request.approved, grant.revoked'),
    outcome: z.enum(['ok', 'error', 'denied', 'pending']).optional(),
    requestId: z.string().trim().min(1).max(100).optional().describe('Only records about this access request'),
    since: iso.optional().describe('Records at or after this time'),
    until: iso.optional().describe('Records before this time'),
    limit: z.number().int().min(1).max(100).default(25),
    beforeSeq: z.number().int().min(1).optional().describe('Page: records older than this seq'),
  }).strict(),
  output: z.object({
    records: z.array(z.object({
      seq: z.number().int(), at: z.string(), action: z.string(), outcome: z.string(),
      actor: z.object({ kind: z.string(), clientId: z.string(), person: z.string().optional() }),
      tool: z.string().optional(), target: z.string().optional(), rule: z.string().optional(), requestId: z.string().optional(),
      errorCode: z.string().optional(), hash: z.string(),
    })),
    returned: z.number().int(),
    nextBeforeSeq: z.number().int().optional(),
  }),
  async handler(input, ctx) {
    const audit = ctx.auditQuery;
    if (!audit) throw new AppError('upstream_unavailable', 'The audit log is not available on this Warden.');
    const isPerson = input.actor?.includes('@');
    const recs = await audit.query({
      ...(input.actor ? (isPerson ? { actorPerson: input.actor } : { actorClient: input.actor }) : {}),
      target: input.target, tool: input.tool, action: input.action, outcome: input.outcome, requestId: input.requestId,
      since: input.since ? new Date(input.since).toISOString() : undefined, until: input.until ? new Date(input.until).toISOString() : undefined,
      limit: input.limit, beforeSeq: input.beforeSeq, order: 'desc',
    });
    const records = recs.map((r) => JSON.parse(JSON.stringify({
      seq: r.seq, at: r.at, action: r.action, outcome: r.outcome,
      actor: { kind: r.actor.kind, clientId: r.actor.clientId, person: r.actor.person?.login },
      tool: r.tool, target: r.target, rule: r.decision?.rule, requestId: r.requestId, errorCode: r.errorCode, hash: r.hash,
    })));
    const last = recs.at(-1);
    return { records, returned: records.length, ...(recs.length === input.limit && last ? { nextBeforeSeq: last.seq } : {}) };
  },
});
