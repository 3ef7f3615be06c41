// Lifecycle operations of the local directory: create (STAGED), activate, app seats and the event log read forward.
import { randomBytes } from 'node:crypto';
import type { AppAssignment, EventLogPage, NewDirectoryUser } from '../../core/directory.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import type { SeedUser } from '../seed.js';
import type { LocalState } from './local-state.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const newUserId = (): string => `00u${[...randomBytes(17)].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`;

/** Adds a STAGED user to the state (the caller persists and records the event). */
export function stageUser(state: LocalState, input: NewDirectoryUser): SeedUser {
  const at = state.now().toISOString();
  const user: SeedUser = {
    id: newUserId(), status: 'STAGED', created: at, activated: null, statusChanged: null, lastLogin: null, lastUpdated: at,
    profile: {
      login: input.login, email: input.email, firstName: input.firstName, lastName: input.lastName, displayName: `${input.firstName} ${input.lastName}`,
      ...(input.title ? { title: input.title } : {}), ...(input.department ? { department: input.department } : {}),
      ...(input.employeeNumber ? { employeeNumber: input.employeeNumber } : {}), ...(input.managerId ? { managerId: input.managerId } : {}),
      ...(input.location ? { city: input.location } : {}), ...(input.costCenter ? { costCenter: input.costCenter } : {}),
    },
  };
  state.data.users.push(user);
  return user;
}

/** STAGED/DEPROVISIONED → PROVISIONED; false when already live. */
export function provision(state: LocalState, u: SeedUser): boolean {
  if (u.status !== 'STAGED' && u.status !== 'DEPROVISIONED') {
    if (u.status === 'SUSPENDED') throw new ConflictError(`${u.profile.login} is SUSPENDED; unsuspend instead of activating.`);
    return false;
  }
  const at = state.now().toISOString();
  u.status = 'PROVISIONED';
  u.activated = at;
  u.statusChanged = at;
  u.lastUpdated = at;
  return true;
}

/** Everyone with access to the app, direct assignments first. */
export function appUsers(state: LocalState, appId: string): AppAssignment[] {
  const app = state.data.apps.find((a) => a.id === appId);
  if (!app) throw new NotFoundError(`No app with id ${appId}.`);
  const out = new Map<string, AppAssignment>();
  for (const x of app.userAssignments) out.set(x.userId, { appId, userId: x.userId, scope: 'USER', status: 'ACTIVE', created: x.created });
  for (const ga of app.groupAssignments) {
    for (const m of state.data.groups.find((g) => g.id === ga.groupId)?.members ?? []) {
      if (!out.has(m.userId)) out.set(m.userId, { appId, userId: m.userId, scope: 'GROUP', status: 'ACTIVE', created: m.added });
    }
  }
  const live = new Set(state.data.users.filter((u) => u.status !== 'DEPROVISIONED').map((u) => u.id));
  return [...out.values()].filter((a) => live.has(a.userId));
}

/** Events after the cursor (an index into the append-only event list). */
export function eventPage(state: LocalState, opts: { cursor?: string; limit?: number }): EventLogPage {
  const events = state.data.events;
  const from = opts.cursor === undefined ? events.length : Math.max(0, Math.min(events.length, Number.parseInt(opts.cursor, 10) || 0));
  const page = events.slice(from, from + Math.min(Math.max(opts.limit ?? 100, 1), 1000));
  return { events: page, cursor: String(from + page.length) };
}
