// Finding a user, group or app in the local directory's seed by id, login, email or name; the `require…` forms throw instead of missing.
import { ConflictError, NotFoundError } from '../../core/errors.js';
import type { Seed, SeedApp, SeedGroup, SeedUser } from '../seed.js';

/** The user with exactly this id. */
export const userById = (d: Seed, id: string): SeedUser | undefined => d.users.find((u) => u.id === id);
/** A user by id, login or email (case-insensitive). */
export function seedUser(d: Seed, idOrLogin: string): SeedUser | undefined {
  const k = idOrLogin.toLowerCase();
  return d.users.find(
    (u) => u.id === idOrLogin || u.profile.login.toLowerCase() === k || u.profile.email.toLowerCase() === k,
  );
}
/** A group by id or name (case-insensitive). */
export function seedGroup(d: Seed, idOrName: string): SeedGroup | undefined {
  const k = idOrName.toLowerCase();
  return d.groups.find((g) => g.id === idOrName || g.profile.name.toLowerCase() === k);
}
/** An app by id, name or label (case-insensitive). */
export function seedApp(d: Seed, idOrName: string): SeedApp | undefined {
  const k = idOrName.toLowerCase();
  return d.apps.find((a) => a.id === idOrName || a.name.toLowerCase() === k || a.label.toLowerCase() === k);
}
/** The user with this id, or not_found. */
export function requireUser(d: Seed, id: string): SeedUser {
  const u = userById(d, id);
  if (!u) throw new NotFoundError(`No user with id ${id}.`);
  return u;
}
/** The group by id or name, or not_found. */
export function requireGroup(d: Seed, id: string): SeedGroup {
  const g = seedGroup(d, id);
  if (!g) throw new NotFoundError(`No group with id ${id}.`);
  return g;
}
/** The app by id, name or label, or not_found. */
export function requireApp(d: Seed, id: string): SeedApp {
  const a = seedApp(d, id);
  if (!a) throw new NotFoundError(`No app with id ${id}.`);
  return a;
}
/** A group whose membership the directory manages (OKTA_GROUP); conflict for one imported from elsewhere. */
export function requireManagedGroup(d: Seed, groupId: string): SeedGroup {
  const g = requireGroup(d, groupId);
  if (g.type !== 'OKTA_GROUP')
    throw new ConflictError(
      `Group ${g.profile.name} is managed outside the directory (${g.type}); its membership cannot be changed here.`,
    );
  return g;
}
