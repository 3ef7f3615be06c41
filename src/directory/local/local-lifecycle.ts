// Lifecycle parts of the local directory: a new STAGED user, whether activation changes anything, app seats and the event log read forward.
import { randomBytes } from 'node:crypto';
import type { AppAssignment, EventLogPage, NewDirectoryUser } from '../../core/directory.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import type { Seed, SeedUser } from '../seed.js';
import { newUserProfile } from '../new-user-profile.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const newUserId = (): string => `00u${[...randomBytes(17)].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`;

/** A new STAGED user created at `at` (the caller logs it as a change). */
export function stageUser(input: NewDirectoryUser, at: string): SeedUser {
  return {
    id: newUserId(),
    status: 'STAGED',
    created: at,
    activated: null,
    statusChanged: null,
    lastLogin: null,
    lastUpdated: at,
    profile: newUserProfile(input),
  };
}

/** Whether activating moves the user STAGED/DEPROVISIONED → PROVISIONED; false when already live. */
export function provisionChange(u: SeedUser): boolean {
  if (u.status !== 'STAGED' && u.status !== 'DEPROVISIONED') {
    if (u.status === 'SUSPENDED')
      throw new ConflictError(`${u.profile.login} is SUSPENDED; unsuspend instead of activating.`);
    return false;
  }
  return true;
}

/** Everyone with access to the app, direct assignments first. */
export function appUsers(d: Seed, appId: string): AppAssignment[] {
  const app = d.apps.find((a) => a.id === appId);
  if (!app) throw new NotFoundError(`No app with id ${appId}.`);
  const out = new Map<string, AppAssignment>();
  for (const x of app.userAssignments)
    out.set(x.userId, { appId, userId: x.userId, scope: 'USER', status: 'ACTIVE', created: x.created });
  for (const ga of app.groupAssignments) {
    for (const m of d.groups.find((g) => g.id === ga.groupId)?.members ?? []) {
      if (!out.has(m.userId))
        out.set(m.userId, { appId, userId: m.userId, scope: 'GROUP', status: 'ACTIVE', created: m.added });
    }
  }
  const live = new Set(d.users.filter((u) => u.status !== 'DEPROVISIONED').map((u) => u.id));
  return [...out.values()].filter((a) => live.has(a.userId));
}

/** Events after the cursor (an index into the append-only event list, the same on every replica). */
export function eventPage(d: Seed, opts: { cursor?: string; limit?: number }): EventLogPage {
  const events = d.events;
  const from =
    opts.cursor === undefined
      ? events.length
      : Math.max(0, Math.min(events.length, Number.parseInt(opts.cursor, 10) || 0));
  const page = events.slice(from, from + Math.min(Math.max(opts.limit ?? 100, 1), 1000));
  return { events: page, cursor: String(from + page.length) };
}
