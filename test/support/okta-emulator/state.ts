// Mutable emulator state built from a seed, with the relationship queries every route needs.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Seed, SeedApp, SeedEvent, SeedGroup, SeedRole, SeedUser } from '../../../src/directory/seed.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An Okta-style id: prefix plus random base62 characters, 20 characters in all. */
export function oktaId(prefix: string, length = 20): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (let i = 0; out.length < length; i += 1) out += ALPHABET[bytes[i]! % ALPHABET.length];
  return out;
}

/** A full System Log event as served by /api/v1/logs; `seq` is the persistence order (cursor). */
export type StoredEvent = SeedEvent & { seq: number; extra: Record<string, unknown> };

export interface EmulatorState {
  users: Map<string, SeedUser>;
  groups: Map<string, SeedGroup>;
  apps: Map<string, SeedApp>;
  roles: SeedRole[];
  events: StoredEvent[];
  /** How many 429 responses were sent (rate limit or injected). */
  rateLimited: number;
  nextSeq: number;
  /** Called for every event appended (event-hook delivery listens here). */
  listeners: Array<(e: StoredEvent) => void>;
}

/** Deep-copies the seed so tests never share mutations. */
export function createState(seed: Seed): EmulatorState {
  const copy = structuredClone(seed);
  const events = [...copy.events]
    .sort((a, b) => a.published.localeCompare(b.published))
    .map((e, i) => ({ ...e, seq: i + 1, extra: {} }));
  return {
    users: new Map(copy.users.map((u) => [u.id, u])),
    groups: new Map(copy.groups.map((g) => [g.id, g])),
    apps: new Map(copy.apps.map((a) => [a.id, a])),
    roles: copy.roles,
    events,
    rateLimited: 0,
    nextSeq: events.length + 1,
    listeners: [],
  };
}

/** GET /users/{idOrLogin}: id, login (case-insensitive) or login short name. */
export function findUser(state: EmulatorState, key: string): SeedUser | undefined {
  const byId = state.users.get(key);
  if (byId) return byId;
  const lower = key.toLowerCase();
  for (const u of state.users.values()) if (u.profile.login.toLowerCase() === lower) return u;
  for (const u of state.users.values()) if (u.profile.login.toLowerCase().split('@')[0] === lower) return u;
  return undefined;
}

export function groupsOfUser(state: EmulatorState, userId: string): SeedGroup[] {
  return [...state.groups.values()].filter((g) => g.members.some((m) => m.userId === userId));
}

/** How a user reaches an app: a direct assignment and/or the assigned groups they belong to. */
export function appAccess(
  state: EmulatorState,
  app: SeedApp,
  userId: string,
): { direct?: { created: string }; viaGroups: SeedGroup[] } {
  const direct = app.userAssignments.find((a) => a.userId === userId);
  const viaGroups = app.groupAssignments
    .map((ga) => state.groups.get(ga.groupId))
    .filter((g): g is SeedGroup => !!g && g.members.some((m) => m.userId === userId));
  return { direct, viaGroups };
}

/** Every user with any access to the app, in id order. */
export function appUserIds(state: EmulatorState, app: SeedApp): string[] {
  const ids = new Set(app.userAssignments.map((a) => a.userId));
  for (const ga of app.groupAssignments) for (const m of state.groups.get(ga.groupId)?.members ?? []) ids.add(m.userId);
  return [...ids].filter((id) => state.users.has(id)).sort();
}

export const nowIso = (): string => new Date().toISOString();
export const newRequestId = (): string => `X${randomBytes(18).toString('base64url').slice(0, 23)}`;
export const newUuid = (): string => randomUUID();
