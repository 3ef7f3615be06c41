// query_audit: the tamper-evident audit log, filtered, newest first, for security clients.
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import type { AuditFilter, AuditRecord, AuditTarget } from '../core/audit.js';
import { parseWhen, toAuditFilter } from '../core/audit-query.js';
import { defineTool } from '../core/tool.js';

const isWhen = (s: string): boolean => {
  try {
    parseWhen(s, 'time');
    return true;
  } catch {
    return false;
  }
};
const when = z
  .string()
  .trim()
  .max(40)
  .refine(isWhen, 'a duration back from now like 30d, 12h or 45m, or an ISO time like 2026-11-01T00:00:00Z');

/** A target in a few words: `user:zara.hayashi@acme.example (Zara Hayashi)`. */
const targetText = (t: AuditTarget): string => {
  const handle = t.login ?? t.id ?? t.name ?? '';
  return `${t.type}:${handle}${t.name && t.name !== handle ? ` (${t.name})` : ''}`;
};

export const queryAudit = defineTool({
  name: 'query_audit',
  title: 'Query the audit log',
  description:
    "Search Warden's hash-chained audit log: every tool call, access request, approval, denial, execution, revocation and policy " +
    'reload, with who (person and client), what, the people/groups/apps it touched, outcome and the policy rule. Use `target` to ask ' +
    '"who looked up or changed X" (a login, id, name, group or app). Filters combine with AND; newest first; web sign-ins are left out ' +
    'unless includeSignIns is true; at most `limit` records (max 100) per call, continue with `beforeSeq` = the smallest seq you got. Read-only.',
  toolset: 'audit',
  mutating: false,
  input: z
    .object({
      target: z
        .string()
        .trim()
        .min(1)
        .max(200)
        .optional()
        .describe(
          'A person, group or app the records touched: login, id, name or a word of it, e.g. zara.hayashi@acme.example, Zara, Proj-Atlas',
        ),
      actor: z.string().trim().min(1).max(200).optional().describe('The person who acted: login or directory id'),
      client: z
        .string()
        .trim()
        .min(1)
        .max(200)
        .optional()
        .describe('The client that acted, e.g. claude-desktop, warden-web'),
      tool: z.string().trim().min(1).max(100).optional().describe('Tool name, e.g. request_group_add'),
      action: z
        .string()
        .trim()
        .min(1)
        .max(100)
        .optional()
        .describe('e.g. tool.call, request.created, request.approved, grant.revoked'),
      outcome: z.enum(['ok', 'error', 'denied', 'pending']).optional(),
      requestId: z.string().trim().min(1).max(100).optional().describe('Only records about this access request'),
      since: when.optional().describe('Records at or after this time: 30d, 12h, or an ISO time'),
      until: when.optional().describe('Records before this time: 30d, 12h, or an ISO time'),
      includeSignIns: z.boolean().default(false).describe('Include web sign-in and sign-out records'),
      limit: z.number().int().min(1).max(100).default(25),
      beforeSeq: z.number().int().min(1).optional().describe('Page: records older than this seq'),
    })
    .strict(),
  output: z.object({
    records: z.array(
      z.object({
        seq: z.number().int(),
        at: z.string(),
        action: z.string(),
        outcome: z.string(),
        actor: z.object({ kind: z.string(), clientId: z.string(), person: z.string().optional() }),
        tool: z.string().optional(),
        target: z.string().optional(),
        targets: z.array(z.string()).optional().describe('People, groups and apps the step touched'),
        rule: z.string().optional(),
        requestId: z.string().optional(),
        errorCode: z.string().optional(),
        hash: z.string(),
      }),
    ),
    returned: z.number().int(),
    nextBeforeSeq: z.number().int().optional(),
  }),
  async handler(input, ctx) {
    const audit = ctx.auditQuery;
    if (!audit) throw new AppError('upstream_unavailable', 'The audit log is not available on this Warden.');
    const recs = await audit.query(toAuditFilter(input, { limit: input.limit, beforeSeq: input.beforeSeq }));
    const records = recs.map((r) =>
      JSON.parse(
        JSON.stringify({
          seq: r.seq,
          at: r.at,
          action: r.action,
          outcome: r.outcome,
          actor: { kind: r.actor.kind, clientId: r.actor.clientId, person: r.actor.person?.login },
          tool: r.tool,
          target: r.target,
          targets: r.targets?.map(targetText),
          rule: r.decision?.rule,
          requestId: r.requestId,
          errorCode: r.errorCode,
          hash: r.hash,
        }),
      ),
    );
    const last = recs.at(-1);
    return {
      records,
      returned: records.length,
      ...(recs.length === input.limit && last ? { nextBeforeSeq: last.seq } : {}),
    };
  },
});
