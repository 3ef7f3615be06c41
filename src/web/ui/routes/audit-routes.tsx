// /audit (security only): chain status, filters (target, actor, client, action, outcome, time; sign-ins hidden), one record in full, JSON-lines export.
import { Hono } from 'hono';
import { hashRecord, toAuditFilter, type AuditLog, type AuditQuery, type ChainMonitor } from '../../../audit/index.js';
import type { AuditFilter } from '../../../core/audit.js';
import { isAppError } from '../../../core/errors.js';
import type { WebUiEnv } from '../env.js';
import type { Renderer } from '../render.js';
import { AuditPage, OUTCOMES, type AuditFilters } from '../views/audit-page.js';
import { AuditRecordPage } from '../views/audit-record-page.js';

export interface AuditRoutesDeps {
  audit: AuditLog;
  chain: ChainMonitor;
  render: Renderer;
  pageSize?: number;
}

const text = (v: string | undefined, max = 200) => (v && v.trim() ? v.trim().slice(0, max) : undefined);
const EXPORT_PAGE = 2_000;

/** The filters as the form shows them, from the query string. */
function filtersOf(q: Record<string, string>): AuditFilters {
  return {
    target: text(q.target),
    actor: text(q.actor),
    client: text(q.client),
    action: text(q.action, 100),
    tool: text(q.tool, 100),
    outcome: (OUTCOMES as readonly string[]).includes(q.outcome ?? '') ? q.outcome : undefined,
    since: text(q.since, 40),
    until: text(q.until, 40),
    signIns: q.signIns === '1' ? '1' : undefined,
  };
}

/** The store filter; a time the form cannot read is reported and left out. */
function filterOf(f: AuditFilters, limit: number): { filter: AuditFilter; problem?: string } {
  const query: AuditQuery = { ...f, includeSignIns: f.signIns === '1' };
  try {
    return { filter: toAuditFilter(query, { limit }) };
  } catch (err) {
    if (!isAppError(err)) throw err;
    return { filter: toAuditFilter({ ...query, since: undefined, until: undefined }, { limit }), problem: err.message };
  }
}

const linkFor = (base: string, f: AuditFilters, extra: Record<string, string> = {}) => {
  const s = new URLSearchParams(
    Object.entries({ ...f, ...extra }).filter(([, v]) => v) as [string, string][],
  ).toString();
  return s ? `${base}?${s}` : base;
};

export function auditRoutes(deps: AuditRoutesDeps): Hono<WebUiEnv> {
  const app = new Hono<WebUiEnv>();
  const { render } = deps;
  const pageSize = deps.pageSize ?? 50;

  app.use('/audit', render.signedIn, render.role('security', 'audit'));
  app.use('/audit/*', render.signedIn, render.role('security', 'audit'));
  app.get('/audit', async (c) => {
    const filters = filtersOf(c.req.query());
    const { filter, problem } = filterOf(filters, pageSize + 1);
    const before = Number(c.req.query('before'));
    if (Number.isInteger(before) && before > 0) filter.beforeSeq = before;
    // Small chains are verified in full on every view; large ones show the last full pass plus a check of everything since.
    const [head, status, rows] = await Promise.all([deps.audit.head(), deps.chain.status(), deps.audit.query(filter)]);
    const records = rows.slice(0, pageSize);
    const older =
      rows.length > pageSize ? linkFor('/audit', filters, { before: String(records.at(-1)!.seq) }) : undefined;
    const newest = filter.beforeSeq ? linkFor('/audit', filters) : undefined;
    return render.page(
      c,
      'Audit',
      <AuditPage
        status={status}
        now={Date.now()}
        head={head}
        filters={filters}
        records={records}
        older={older}
        newest={newest}
        exportHref={linkFor('/audit/export', filters)}
        problem={problem}
      />,
      { status: problem ? 400 : 200 },
    );
  });

  // Every record the filter matches, newest first, one JSON object per line: what a SIEM or a ticket attachment wants.
  app.get('/audit/export', (c) => {
    const filters = filtersOf(c.req.query());
    const { filter, problem } = filterOf(filters, EXPORT_PAGE);
    if (problem) return render.message(c, 400, 'Check your input', problem);
    const encoder = new TextEncoder();
    let beforeSeq: number | undefined;
    let done = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (done) return controller.close();
        const page = await deps.audit.query({ ...filter, ...(beforeSeq ? { beforeSeq } : {}) });
        if (page.length > 0) controller.enqueue(encoder.encode(page.map((r) => JSON.stringify(r)).join('\n') + '\n'));
        beforeSeq = page.at(-1)?.seq;
        if (page.length < EXPORT_PAGE) done = true;
      },
    });
    const stamp = new Date().toISOString().replace(/[:.]/g, '').slice(0, 15);
    return new Response(body, {
      headers: {
        'Content-Type': 'application/x-ndjson; charset=utf-8',
        'Content-Disposition': `attachment; filename="warden-audit-${stamp}.jsonl"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });

  app.get('/audit/records/:seq', async (c) => {
    const seq = Number(c.req.param('seq'));
    const [record] = Number.isInteger(seq) && seq > 0 ? await deps.audit.query({ afterSeq: seq - 1, limit: 1 }) : [];
    if (!record || record.seq !== seq)
      return render.message(
        c,
        404,
        'Not found',
        `There is no audit record ${c.req.param('seq')}.`,
        'Records are numbered from 1; the newest is on the audit page.',
      );
    const head = await deps.audit.head();
    return render.page(
      c,
      `Audit record ${seq}`,
      <AuditRecordPage record={record} hashMatches={hashRecord(record) === record.hash} last={head.seq} />,
    );
  });
  return app;
}
