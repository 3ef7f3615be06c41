// One request's whole story: the card, the decision form when the viewer may decide, and its audit history.
import type { AuditRecord } from '../../../core/audit.js';
import type { ApprovalRow } from '../../../core/store.js';
import type { RequestView } from '../../../governance/requests/request-view.js';
import { DecisionForm } from './inbox-page.js';
import { RequestCard, When } from './request-card.js';

export const actorName = (r: AuditRecord): string =>
  r.actor.person ? `${r.actor.person.login} (${r.actor.clientId})` : r.actor.clientId;

export function AuditRows(p: { records: AuditRecord[]; showRequest?: boolean }) {
  return (
    <div class="table-wrap" role="region" aria-label="Audit records" tabindex={0}>
      <table class="table audit">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">When</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Tool</th>
            <th scope="col">Target</th>
            <th scope="col">Outcome</th>
            {p.showRequest && <th scope="col">Request</th>}
          </tr>
        </thead>
        <tbody>
          {p.records.map((r) => (
            <tr>
              <td>{r.seq}</td>
              <td>
                <When at={r.at} />
              </td>
              <td>{actorName(r)}</td>
              <td>
                <code>{r.action}</code>
              </td>
              <td>{r.tool ?? '—'}</td>
              <td>{r.target ?? '—'}</td>
              <td>
                <span class={`outcome outcome-${r.outcome}`}>{r.outcome}</span>
                {r.decision && <span class="muted"> · {r.decision.rule}</span>}
              </td>
              {p.showRequest && (
                <td>
                  {r.requestId?.startsWith('req_') ? (
                    <a href={`/requests/${r.requestId}`}>{r.requestId.slice(0, 12)}…</a>
                  ) : (
                    '—'
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RequestPage(p: {
  view: RequestView;
  decisions: ApprovalRow[];
  history: AuditRecord[];
  canDecide: boolean;
  csrf: string;
}) {
  return (
    <>
      <p class="crumbs">
        <a href="/inbox">Inbox</a> › <span>{p.view.id}</span>
      </p>
      <h1>Access request</h1>
      <RequestCard view={p.view} decisions={p.decisions} heading="h2">
        {p.canDecide && <DecisionForm id={p.view.id} csrf={p.csrf} next={`/requests/${p.view.id}`} />}
      </RequestCard>
      <section aria-labelledby="history-h" class="history">
        <h2 id="history-h">History</h2>
        <p class="muted">
          Every step below is a record in Warden's hash-chained audit log
          {p.view.policyHash ? `; decided under policy ${p.view.policyHash}` : ''}.
        </p>
        {p.history.length ? <AuditRows records={p.history} /> : <p class="empty">No audit records yet.</p>}
      </section>
    </>
  );
}
