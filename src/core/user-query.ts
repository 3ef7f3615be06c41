// Matching a structured UserQuery against a user, the way the Okta adapter's search expression does.
import type { DirectoryUser, UserQuery } from './directory.js';

const eqi = (a: string | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();

/** True when the user satisfies every field of the query (AND). Name is a prefix match on first, last, full name or email. */
export function matchesUserQuery(u: DirectoryUser, q: UserQuery): boolean {
  if (q.name) {
    const n = q.name.toLowerCase().trim();
    const hit = [u.firstName, u.lastName, u.displayName, u.email, `${u.firstName} ${u.lastName}`].some((s) =>
      s.toLowerCase().startsWith(n),
    );
    if (!hit) return false;
  }
  if (q.employeeNumber && !eqi(u.employeeNumber, q.employeeNumber)) return false;
  if (q.department && !eqi(u.department, q.department)) return false;
  if (q.title && !(u.title ?? '').toLowerCase().includes(q.title.toLowerCase())) return false;
  if (q.managerId && u.managerId !== q.managerId) return false;
  if (q.status && u.status !== q.status) return false;
  return true;
}
