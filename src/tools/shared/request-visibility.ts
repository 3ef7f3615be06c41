// Which requests a caller may see through the tools: those its person asked for or is the subject of; a client
// without a person sees only requests its client filed without a person (a shared client id is not a person).
import type { Principal } from '../../core/principal.js';
import type { RequestView } from '../../core/requests.js';

export function visibleTo(v: RequestView, p: Principal): boolean {
  const me = p.person?.login.toLowerCase();
  if (!me) return v.requester.client === p.clientId && !v.requester.person;
  return v.requester.person?.toLowerCase() === me || v.subject?.toLowerCase() === me;
}
