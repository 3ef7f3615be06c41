// An access request as a card: what changes (the dry-run diff), who asked, for whom, why, the routing rule and approvals so far.
import type { ApprovalRow } from '../../../core/store.js';
import type { RequestView } from '../../../governance/requests/request-view.js';

const LABELS: Record<string, string> = {
  pending: 'Pending approval',
  approved: 'Approved, applying',
  executing: 'Applying',
  applied: 'Applied',
  denied: 'Denied',
  cancelled: 'Cancelled',
  expired: 'Expired',
  failed: 'Failed',
  revoked: 'Revoked',
};
export const statusLabel = (s: string): string => LABELS[s] ?? s;
/** Statuses that never change again: cards stop polling. */
export const FINAL_STATUSES = ['applied', 'denied', 'cancelled', 'expired', 'failed', 'revoked'];

/** `live` announces later changes (the chat's polled cards). */
export const StatusBadge = (p: { status: string; live?: boolean }) => (
  <span class={`status status-${p.status}`} data-role="status" aria-live={p.live ? 'polite' : undefined}>
    {statusLabel(p.status)}
  </span>
);

export const When = (p: { at?: string }) =>
  p.at ? <time datetime={p.at}>{p.at.replace('T', ' ').slice(0, 16)} UTC</time> : <span>—</span>;

export function Diff(p: { diff: RequestView['diff'] }) {
  return (
    <ul class="diff" aria-label="What will change">
      {p.diff.map((d) => (
        <li class={`diff-${d.op}`}>
          <span class="op">{d.op === 'add' ? '+ add' : d.op === 'remove' ? '− remove' : '~ set'}</span> {d.field}:{' '}
          <code>{d.value}</code>
          {d.from !== undefined && (
            <>
              {' '}
              (was <code>{d.from}</code>)
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Every system the request touches (the directory, then connected apps) and what happened in each. */
export function Systems(p: { systems?: RequestView['systems'] }) {
  if (!p.systems?.length) return null;
  return (
    <ul class="systems" aria-label="Systems">
      {p.systems.map((s) => (
        <li data-system={s.system} data-outcome={s.status}>
          <strong>{s.system}</strong>: {s.status}
          {s.detail && (
            <>
              {' '}
              — <span class="muted">{s.detail}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

export function Approvals(p: { view: RequestView; decisions: ApprovalRow[] }) {
  return (
    <div class="approvals">
      <h4>Approvals</h4>
      <ul>
        {p.view.approvals.map((s) => (
          <li>
            Step <strong>{s.step}</strong>: {s.approvedBy.length} of {s.needs}
            {s.distinct && s.needs > 1 ? ' (distinct people)' : ''}
            {s.eligible.length > 0 && (
              <>
                {' '}
                · may approve: {s.eligible.slice(0, 5).join(', ')}
                {s.eligible.length > 5 ? ` and ${s.eligible.length - 5} more` : ''}
              </>
            )}
          </li>
        ))}
      </ul>
      {p.decisions.length > 0 ? (
        <ol class="decisions" aria-label="Decisions so far">
          {p.decisions.map((d) => (
            <li>
              <strong>{d.approverLogin}</strong> {d.decision === 'approve' ? 'approved' : 'denied'} <When at={d.at} />
              {d.comment && <blockquote>{d.comment}</blockquote>}
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted">No decisions yet.</p>
      )}
    </div>
  );
}

/** The full card (inbox, request page). `children` holds the decision form when the viewer may decide. */
export function RequestCard(p: {
  view: RequestView;
  decisions: ApprovalRow[];
  heading?: 'h2' | 'h3';
  children?: unknown;
}) {
  const v = p.view;
  const H = p.heading ?? 'h3';
  return (
    <article class="card request" data-request-id={v.id} data-status={v.status} aria-labelledby={`t-${v.id}`}>
      <header class="card-head">
        <H id={`t-${v.id}`}>
          <a href={`/requests/${v.id}`}>{v.summary}</a>
        </H>
        <StatusBadge status={v.status} />
      </header>
      <dl class="facts">
        <dt>Asked by</dt>
        <dd>
          {v.requester.person ?? 'an agent'} <span class="muted">via {v.requester.client}</span>
        </dd>
        <dt>For</dt>
        <dd>{v.subject ?? '—'}</dd>
        <dt>Why</dt>
        <dd>{v.reason ?? '—'}</dd>
        <dt>Routed by</dt>
        <dd>
          <code>{v.rule}</code> — {v.why}
        </dd>
        <dt>Asked</dt>
        <dd>
          <When at={v.createdAt} />
          {v.status === 'pending' && v.expiresAt && (
            <>
              {' '}
              · expires <When at={v.expiresAt} />
            </>
          )}
        </dd>
        {v.grantExpiresAt && (
          <>
            <dt>Access ends</dt>
            <dd>
              <When at={v.grantExpiresAt} />
            </dd>
          </>
        )}
        {v.failureReason && (
          <>
            <dt>Note</dt>
            <dd>{v.failureReason}</dd>
          </>
        )}
      </dl>
      <Diff diff={v.diff} />
      <Systems systems={v.systems} />
      <Approvals view={v} decisions={p.decisions} />
      {p.children as never}
    </article>
  );
}

/** The small card the chat shows for a request the assistant filed; its status is polled. */
export function RequestChip(p: { id: string; status: string; summary: string }) {
  return (
    <article
      class="card chip"
      data-request-id={p.id}
      data-status={p.status}
      aria-label={`Access request: ${p.summary}`}
    >
      <a href={`/requests/${p.id}`}>{p.summary}</a> <StatusBadge status={p.status} live />
      <span class="muted id">{p.id}</span>
    </article>
  );
}
