// Which requests a caller may see through the tools: those its client filed, or that its person asked for or is the subject of.
import type { Principal } from '../../core/principal.js';
import type { RequestView } from '../../governance/requests/request-view.js';

export function visibleTo(v: RequestView, p: Principal): boolean {
  if (v.requester.client === p.clientId) return true;
  const me = p.person?.login.toLowerCase();
  return !!me && (v.requester.person?.toLowerCase() === me || v.subject?.toLowerCase() === me);
}
