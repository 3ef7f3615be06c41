// The approvals inbox: requests this person may decide (with the decision form), a status filter, and their own requests.
import type { ApprovalRow } from '../../../core/store.js';
import type { RequestView } from '../../../governance/requests/request-view.js';
import { CsrfField } from './layout.js';
import { RequestCard, StatusBadge, When } from './request-card.js';

export interface InboxItem {
  view: RequestView;
  decisions: ApprovalRow[];
  canDecide: boolean;
}

export const INBOX_FILTERS = ['pending', 'applied', 'denied', 'expired', 'failed', 'all'] as const;

export function DecisionForm(p: { id: string; csrf: string; next: string }) {
  return (
    <form method="post" action={`/inbox/${p.id}/decide`} class="decide">
      <CsrfField csrf={p.csrf} />
      <input type="hidden" name="next" value={p.next} />
      <label for={`comment-${p.id}`}>Comment for the requester and the audit log</label>
      <textarea id={`comment-${p.id}`} name="comment" maxlength={2000} rows={2}></textarea>
      <div class="buttons">
        <button type="submit" name="verdict" value="approve" class="approve" aria-describedby={`t-${p.id}`}>
          Approve
        </button>
        <button type="submit" name="verdict" value="deny" class="deny" aria-describedby={`t-${p.id}`}>
          Deny
        </button>
      </div>
    </form>
  );
}

export function InboxPage(p: {
  status: string;
  items: InboxItem[];
  mine: RequestView[];
  csrf: string;
  flash?: string;
}) {
  return (
    <>
      <h1>Approvals inbox</h1>
      <div role="status" class={p.flash ? 'flash' : 'visually-hidden'}>
        {p.flash ?? ''}
      </div>
      <section aria-labelledby="decide-h">
        <h2 id="decide-h">Requests for you to decide</h2>
        <form method="get" action="/inbox" class="filters">
          <label for="status">Status</label>
          <select id="status" name="status">
            {INBOX_FILTERS.map((s) => (
              <option value={s} selected={s === p.status}>
                {s}
              </option>
            ))}
          </select>
          <button type="submit">Filter</button>
        </form>
        {p.items.length === 0 ? (
          <p class="empty">
            {p.status === 'pending'
              ? 'Nothing is waiting for your decision.'
              : `No ${p.status === 'all' ? '' : `${p.status} `}requests routed to you.`}
          </p>
        ) : (
          p.items.map((i) => (
            <RequestCard view={i.view} decisions={i.decisions}>
              {i.canDecide && <DecisionForm id={i.view.id} csrf={p.csrf} next="/inbox" />}
            </RequestCard>
          ))
        )}
      </section>
      <section aria-labelledby="mine-h">
        <h2 id="mine-h">My requests</h2>
        {p.mine.length === 0 ? (
          <p class="empty">You have not asked for anything, and nobody asked for anything for you.</p>
        ) : (
          <table class="table stack">
            <caption class="visually-hidden">Requests you asked for or that are about you</caption>
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">For</th>
                <th scope="col">Status</th>
                <th scope="col">Asked</th>
              </tr>
            </thead>
            <tbody>
              {p.mine.map((v) => (
                <tr data-request-id={v.id} data-status={v.status}>
                  <td>
                    <a href={`/requests/${v.id}`}>{v.summary}</a>
                  </td>
                  <td data-label="For">{v.subject}</td>
                  <td data-label="Status">
                    <StatusBadge status={v.status} />
                  </td>
                  <td data-label="Asked">
                    <When at={v.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
