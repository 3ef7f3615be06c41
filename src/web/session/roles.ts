// Who the signed-in person is to Warden's pages: roles read from the directory (groups, department, admin roles), cached briefly.
import type { DirectoryPort } from '../../core/directory.js';
import type { PersonRef, Principal } from '../../core/principal.js';

export interface Roles {
  /** Member of Security-Team: audit and policy pages. */
  security: boolean;
  /** IT department or the HELP_DESK_ADMIN role: the helpdesk chat. */
  helpdesk: boolean;
}

/** A signed-in, active person with their roles and the principal the pages act as. */
export interface Viewer {
  person: PersonRef;
  roles: Roles;
  principal: Principal;
}

export const SECURITY_GROUP = 'Security-Team';
export const HELPDESK_DEPARTMENT = 'IT';
export const HELPDESK_ROLE = 'HELP_DESK_ADMIN';
/** The policy client the pages act as when a person decides or reads. */
export const WEB_CLIENT_ID = 'warden-web';

export interface RoleResolverOptions {
  directory: Pick<DirectoryPort, 'getUser' | 'listUserGroups' | 'listUserRoles'>;
  /** How long a person's roles are reused (default 30 s): group changes apply within that time. */
  ttlMs?: number;
  now?: () => number;
}

/** Resolves a login to a Viewer, or null when the person is unknown or not ACTIVE (their session then ends). */
export function createRoleResolver(opts: RoleResolverOptions): (login: string) => Promise<Viewer | null> {
  const ttl = opts.ttlMs ?? 30_000;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { at: number; viewer: Viewer | null }>();

  async function load(login: string): Promise<Viewer | null> {
    const u = await opts.directory.getUser(login);
    if (!u || u.status !== 'ACTIVE') return null;
    const [groups, adminRoles] = await Promise.all([
      opts.directory.listUserGroups(u.id),
      opts.directory.listUserRoles(u.id),
    ]);
    const person: PersonRef = { id: u.id, login: u.login, displayName: u.displayName };
    const roles: Roles = {
      security: groups.some((g) => g.name === SECURITY_GROUP),
      helpdesk: u.department === HELPDESK_DEPARTMENT || adminRoles.some((r) => r.type === HELPDESK_ROLE),
    };
    return { person, roles, principal: { kind: 'person', clientId: WEB_CLIENT_ID, auth: 'session', person } };
  }

  return async (login) => {
    const key = login.toLowerCase();
    const hit = cache.get(key);
    if (hit && now() - hit.at < ttl) return hit.viewer;
    const viewer = await load(login);
    if (cache.size >= 1000) cache.delete(cache.keys().next().value!);
    cache.set(key, { at: now(), viewer });
    return viewer;
  };
}
