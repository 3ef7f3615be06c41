// Which requests a signed-in person sees in the pages and which they may decide.
import type { AccessRequestRow, RequestStatus } from '../../core/store.js';
import type { AccessRequests } from '../../governance/requests/index.js';
import { decisionOf } from '../../governance/requests/request-view.js';
import type { Viewer } from '../session/roles.js';

const lower = (s?: string) => s?.toLowerCase();

/** The requester or the subject. */
export const isMine = (r: AccessRequestRow, v: Viewer): boolean => {
  const me = v.person.login.toLowerCase();
  return lower(r.requesterPerson) === me || lower(r.subject) === me;
};

/** Named as eligible for a step, or already decided it: the request was routed to this person. */
export const routedTo = (r: AccessRequestRow, v: Viewer): boolean => {
  const me = v.person.login.toLowerCase();
  const d = decisionOf(r);
  const named = [...Object.values(d.eligible ?? {}).flat(), ...Object.values(d.progress ?? {}).flat()];
  return named.some((l) => l.toLowerCase() === me);
};

/** Who may read a request's page: the people it involves, anyone who may decide it, and the security team. */
export async function mayView(r: AccessRequestRow, v: Viewer, access: AccessRequests): Promise<boolean> {
  return v.roles.security || isMine(r, v) || routedTo(r, v) || (await access.approvals.canDecide(r, v.principal));
}

/** Requests for the inbox: decidable now (pending), or routed to this person (other statuses). */
export async function inboxRows(
  rows: AccessRequestRow[],
  v: Viewer,
  access: AccessRequests,
): Promise<Array<{ row: AccessRequestRow; canDecide: boolean }>> {
  const decidable = await access.approvals.canDecideEach(rows, v.principal);
  return rows.flatMap((row, i) =>
    decidable[i] || (row.status !== ('pending' satisfies RequestStatus) && routedTo(row, v))
      ? [{ row, canDecide: decidable[i]! }]
      : [],
  );
}
