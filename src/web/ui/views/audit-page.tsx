// The audit view (security only): chain status (last full pass and the records since), filters, and one page of records, newest first.
import type { AuditRecord } from '../../../core/audit.js';
import { actorSummary, type ChainStatus, type VerifyResult } from '../../../audit/index.js';
import { When } from './request-card.js';

export interface AuditFilters {
  target?: string;
  actor?: string;
  client?: string;
  action?: string;
  tool?: string;
  outcome?: string;
  since?: string;
  until?: string;
  /** '1' shows web sign-ins and sign-outs. */
  signIns?: string;
}

/** Actions offered in the filter's suggestions (any action can be typed). */
const ACTIONS = [
  'tool.call',
  'request.created',
  'request.approved',
  'request.denied',
  'request.cancelled',
  'request.executed',
  'request.failed',
  'request.expired',
  'request.refused',
  'grant.revoked',
  'policy.reloaded',
];

export const OUTCOMES = ['ok', 'pending', 'denied', 'error'] as const;

const ago = (iso: string, now: number): string => {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  return s < 90 ? `${s} s ago` : s < 5400 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
};

function ChainStatusView(p: { status: ChainStatus; head: { seq: number; hash: string }; now: number }) {
  const { full, since, running } = p.status;
  const broken = !full ? undefined : !full.result.ok ? full.result : since && !since.ok ? since : undefined;
  if (!full)
    return (
      <section class="chain" aria-labelledby="chain-h">
        <h2 id="chain-h">Chain not verified yet</h2>
        <p>A full verification is running.</p>
      </section>
    );
  if (broken && !broken.ok) {
    return (
      <section class="chain chain-broken" aria-labelledby="chain-h" role="alert">
        <h2 id="chain-h">Chain broken at record {broken.brokenAtSeq}</h2>
        <p>
          {broken.reason}. {broken.count} records verified before it. Investigate before trusting anything after it.
        </p>
      </section>
    );
  }
  const f = full.result as Extract<VerifyResult, { ok: true }>;
  const added = since?.ok ? since.count - f.count : 0;
  return (
    <section class="chain chain-ok" aria-labelledby="chain-h">
      <h2 id="chain-h">Chain verified</h2>
      <p>
        All {f.count} records verified in full {ago(full.at, p.now)} ({Math.round(full.ms)} ms)
        {added > 0 ? <>; the {added} records added since were verified now</> : null}. Head: record {p.head.seq},{' '}
        <code>{p.head.hash.slice(0, 16)}…</code>
        {running ? <> A new full verification is running.</> : null}
      </p>
    </section>
  );
}

const Field = (p: { id: keyof AuditFilters; label: string; value?: string; placeholder?: string; list?: string }) => (
  <div class="field">
    <label for={`f-${p.id}`}>{p.label}</label>
    <input id={`f-${p.id}`} name={p.id} type="text" value={p.value ?? ''} placeholder={p.placeholder} list={p.list} />
  </div>
);

/** What a record touched, in a cell: its target, then the names of the people, groups and apps (the first few). */
function Touched(p: { r: AuditRecord }) {
  const ts = p.r.targets ?? [];
  const shown = ts.slice(0, 3);
  if (!ts.length) return p.r.target ? <code>{p.r.target}</code> : <span class="muted">—</span>;
  return (
    <>
      {shown.map((t, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <span title={[t.type, t.login, t.id].filter(Boolean).join(' · ')}>{t.name ?? t.login ?? t.id}</span>
        </>
      ))}
      {ts.length > shown.length && <span class="muted"> +{ts.length - shown.length}</span>}
    </>
  );
}

/** The records table: fixed column widths and wrapping cells, so every column shows at laptop width; cards on phones. */
function AuditTable(p: { records: AuditRecord[] }) {
  return (
    <table class="table audit audit-log">
      <colgroup>
        <col class="c-seq" />
        <col class="c-when" />
        <col class="c-actor" />
        <col class="c-action" />
        <col class="c-target" />
        <col class="c-outcome" />
        <col class="c-request" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">When</th>
          <th scope="col">Actor</th>
          <th scope="col">Action</th>
          <th scope="col">Touched</th>
          <th scope="col">Outcome</th>
          <th scope="col">Request</th>
        </tr>
      </thead>
      <tbody>
        {p.records.map((r) => (
          <tr data-seq={r.seq}>
            <td data-label="#">
              <a href={`/audit/records/${r.seq}`} aria-label={`Record ${r.seq} in full`}>
                {r.seq}
              </a>
            </td>
            <td data-label="When">
              <When at={r.at} />
            </td>
            <td data-label="Actor">
              {actorSummary(r)}
              {r.actor.person && <span class="muted"> · {r.actor.clientId}</span>}
            </td>
            <td data-label="Action">
              <a href={`/audit/records/${r.seq}`}>
                <code>{r.action}</code>
              </a>
              {r.tool && <span class="muted"> · {r.tool}</span>}
            </td>
            <td data-label="Touched">
              <Touched r={r} />
            </td>
            <td data-label="Outcome">
              <span class={`outcome outcome-${r.outcome}`}>{r.outcome}</span>
              {r.decision && <span class="muted"> · {r.decision.rule}</span>}
            </td>
            <td data-label="Request">
              {r.requestId?.startsWith('req_') ? <a href={`/requests/${r.requestId}`}>{r.requestId}</a> : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AuditPage(p: {
  status: ChainStatus;
  now: number;
  head: { seq: number; hash: string };
  filters: AuditFilters;
  records: AuditRecord[];
  older?: string;
  newest?: string;
  exportHref: string;
  problem?: string;
}) {
  const f = p.filters;
  return (
    <>
      <h1>Audit log</h1>
      <ChainStatusView status={p.status} head={p.head} now={p.now} />
      <section aria-labelledby="records-h">
        <h2 id="records-h">Records</h2>
        {p.problem && (
          <p class="flash flash-error" role="alert">
            {p.problem}
          </p>
        )}
        <form method="get" action="/audit" class="filters grid">
          <Field id="target" label="Touched (person, group or app)" value={f.target} placeholder="login, id or name" />
          <Field id="actor" label="Actor (person)" value={f.actor} placeholder="login or id" />
          <Field id="client" label="Client" value={f.client} placeholder="claude-desktop" />
          <Field id="action" label="Action" value={f.action} placeholder="request.approved" list="audit-actions" />
          <Field id="tool" label="Tool" value={f.tool} placeholder="lookup_user" />
          <div class="field">
            <label for="f-outcome">Outcome</label>
            <select id="f-outcome" name="outcome">
              <option value="">any</option>
              {OUTCOMES.map((o) => (
                <option value={o} selected={f.outcome === o}>
                  {o}
                </option>
              ))}
            </select>
          </div>
          <Field id="since" label="From (UTC)" value={f.since} placeholder="30d or 2026-11-01" />
          <Field id="until" label="Until (UTC)" value={f.until} placeholder="7d or 2026-12-01T12:00" />
          <div class="field check">
            <label>
              <input type="checkbox" name="signIns" value="1" checked={f.signIns === '1'} /> Show sign-ins
            </label>
          </div>
          <div class="buttons">
            <button type="submit">Apply filters</button> <a href="/audit">Clear</a>
          </div>
          <datalist id="audit-actions">
            {ACTIONS.map((a) => (
              <option value={a} />
            ))}
          </datalist>
        </form>
        <p class="muted export">
          {f.signIns === '1' ? 'Sign-ins are shown.' : 'Sign-ins and sign-outs are hidden.'}{' '}
          <a href={p.exportHref} download>
            Export these records as JSON lines
          </a>
        </p>
        {p.records.length ? <AuditTable records={p.records} /> : <p class="empty">No records match.</p>}
        <nav aria-label="Pages" class="pager">
          {p.newest && <a href={p.newest}>Newest</a>}
          {p.older && (
            <a href={p.older} rel="next">
              Older records
            </a>
          )}
        </nav>
      </section>
    </>
  );
}
