// The audit view (security only): chain status (last full pass and the records since), filters, and one page of records, newest first.
import type { AuditRecord } from '../../../core/audit.js';
import type { ChainStatus, VerifyResult } from '../../../audit/index.js';
import { AuditRows } from './request-page.js';

export interface AuditFilters { actor?: string; target?: string; tool?: string; outcome?: string; since?: string; until?: string }

export const OUTCOMES = ['ok', 'pending', 'denied', 'error'] as const;

const ago = (iso: string, now: number): string => {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  return s < 90 ? `${s} s ago` : s < 5400 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
};

function ChainStatusView(p: { status: ChainStatus; head: { seq: number; hash: string }; now: number }) {
  const { full, since, running } = p.status;
  const broken = !full ? undefined : !full.result.ok ? full.result : since && !since.ok ? since : undefined;
  if (!full) return <section class="chain" aria-labelledby="chain-h"><h2 id="chain-h">Chain not verified yet</h2><p>A full verification is running.</p></section>;
  if (broken && !broken.ok) {
    return (
      <section class="chain chain-broken" aria-labelledby="chain-h" role="alert">
        <h2 id="chain-h">Chain broken at record {broken.brokenAtSeq}</h2>
        <p>{broken.reason}. {broken.count} records verified before it. Investigate before trusting anything after it.</p>
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
        {added > 0 ? <>; the {added} records added since were verified now</> : null}.
        {' '}Head: record {p.head.seq}, <code>{p.head.hash.slice(0, 16)}…</code>
        {running ? <> A new full verification is running.</> : null}
      </p>
    </section>
  );
}

const Field = (p: { id: keyof AuditFilters; label: string; value?: string; type?: string; placeholder?: string }) => (
  <div class="field">
    <label for={`f-${p.id}`}>{p.label}</label>
    <input id={`f-${p.id}`} name={p.id} type={p.type ?? 'text'} value={p.value ?? ''} placeholder={p.placeholder} />
  </div>
);

export function AuditPage(p: { status: ChainStatus; now: number; head: { seq: number; hash: string }; filters: AuditFilters; records: AuditRecord[]; older?: string; newest?: string }) {
  const f = p.filters;
  return (
    <>
      <h1>Audit log</h1>
      <ChainStatusView status={p.status} head={p.head} now={p.now} />
      <section aria-labelledby="records-h">
        <h2 id="records-h">Records</h2>
        <form method="get" action="/audit" class="filters grid">
          <Field id="actor" label="Actor" value={f.actor} placeholder="person login or client id" />
          <Field id="target" label="Target" value={f.target} placeholder="user:someone@acme.example" />
          <Field id="tool" label="Tool" value={f.tool} placeholder="request_group_add" />
          <div class="field">
            <label for="f-outcome">Outcome</label>
            <select id="f-outcome" name="outcome">
              <option value="">any</option>
              {OUTCOMES.map((o) => <option value={o} selected={f.outcome === o}>{o}</option>)}
            </select>
          </div>
          <Field id="since" label="From (UTC)" type="datetime-local" value={f.since} />
          <Field id="until" label="Until (UTC)" type="datetime-local" value={f.until} />
          <div class="buttons"><button type="submit">Apply filters</button> <a href="/audit">Clear</a></div>
        </form>
        {p.records.length ? <AuditRows records={p.records} showRequest /> : <p class="empty">No records match.</p>}
        <nav aria-label="Pages" class="pager">
          {p.newest && <a href={p.newest}>Newest</a>}
          {p.older && <a href={p.older} rel="next">Older records</a>}
        </nav>
      </section>
    </>
  );
}
