// /audit (security only): the chain's verification status, filters on actor, target, tool, outcome and time, paged by sequence number.
import { Hono } from 'hono';
import type { AuditLog, ChainMonitor } from '../../../audit/index.js';
import type { AuditFilter } from '../../../core/audit.js';
import type { WebUiEnv } from '../env.js';
import type { Renderer } from '../render.js';
import { AuditPage, OUTCOMES, type AuditFilters } from '../views/audit-page.js';

export interface AuditRoutesDeps { audit: AuditLog; chain: ChainMonitor; render: Renderer; pageSize?: number }

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const text = (v: string | undefined, max = 200) => (v && v.trim() ? v.trim().slice(0, max) : undefined);

export function auditRoutes(deps: AuditRoutesDeps): Hono<WebUiEnv> {
  const app = new Hono<WebUiEnv>();
  const { render } = deps;
  const pageSize = deps.pageSize ?? 50;

  app.use('/audit', render.signedIn, render.role('security', 'audit'));
  app.get('/audit', async (c) => {
    const q = c.req.query();
    const filters: AuditFilters = {
      actor: text(q.actor), target: text(q.target), tool: text(q.tool),
      outcome: (OUTCOMES as readonly string[]).includes(q.outcome ?? '') ? q.outcome : undefined,
      since: q.since && LOCAL_TIME.test(q.since) ? q.since : undefined,
      until: q.until && LOCAL_TIME.test(q.until) ? q.until : undefined,
    };
    const before = Number(q.before);
    const filter: AuditFilter = {
      ...(filters.actor ? (filters.actor.includes('@') ? { actorPerson: filters.actor } : { actorClient: filters.actor }) : {}),
      ...(filters.target ? { target: filters.target } : {}),
      ...(filters.tool ? { tool: filters.tool } : {}),
      ...(filters.outcome ? { outcome: filters.outcome } : {}),
      ...(filters.since ? { since: new Date(`${filters.since}Z`).toISOString() } : {}),
      ...(filters.until ? { until: new Date(`${filters.until}Z`).toISOString() } : {}),
      ...(Number.isInteger(before) && before > 0 ? { beforeSeq: before } : {}),
      order: 'desc', limit: pageSize + 1,
    };
    // Small chains are verified in full on every view; large ones show the last full pass plus a check of everything since.
    const [head, status, rows] = await Promise.all([deps.audit.head(), deps.chain.status(), deps.audit.query(filter)]);
    const records = rows.slice(0, pageSize);
    const link = (extra: Record<string, string>) => {
      const params = new URLSearchParams(Object.entries({ ...filters, ...extra }).filter(([, v]) => v) as [string, string][]);
      const s = params.toString();
      return s ? `/audit?${s}` : '/audit';
    };
    const older = rows.length > pageSize ? link({ before: String(records.at(-1)!.seq) }) : undefined;
    const newest = filter.beforeSeq ? link({}) : undefined;
    return render.page(c, 'Audit', <AuditPage status={status} now={Date.now()} head={head} filters={filters} records={records} older={older} newest={newest} />);
  });
  return app;
}
