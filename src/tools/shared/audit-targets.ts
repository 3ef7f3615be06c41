// How read tools name what they disclosed, for the audit record's `targets` (who looked up whom is answerable).
import type { AuditTarget } from '../../core/audit.js';

/** A person: id, login and display name (each searchable). */
export const userTarget = (u: { id?: string; login?: string; displayName?: string } | undefined): AuditTarget[] =>
  u && (u.id || u.login) ? [{ type: 'user', id: u.id, login: u.login, name: u.displayName }] : [];

export const groupTarget = (g: { id?: string; name?: string } | undefined): AuditTarget[] =>
  g && (g.id || g.name) ? [{ type: 'group', id: g.id, name: g.name }] : [];

/** An app: id, technical name (as `login`) and label. */
export const appTarget = (a: { id?: string; name?: string; label?: string } | undefined): AuditTarget[] =>
  a && (a.id || a.name) ? [{ type: 'app', id: a.id, login: a.name, name: a.label ?? a.name }] : [];

/** A `{ kind, id, name }` reference to an app or a group. */
export const resourceTarget = (r: { kind: string; id?: string; name?: string } | undefined): AuditTarget[] =>
  !r
    ? []
    : r.kind === 'app'
      ? appTarget({ id: r.id, name: r.name })
      : r.kind === 'group'
        ? groupTarget(r)
        : [{ type: r.kind, id: r.id, name: r.name }];
