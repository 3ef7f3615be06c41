// The demo-company seed format (examples/acme/directory.json), shared by the local adapter and the Okta emulator.
// Shapes follow Okta's REST objects so the emulator can serve them nearly as stored.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { USER_STATUSES } from '../core/directory.js';

const iso = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/, 'ISO timestamp like 2024-05-01T10:00:00.000Z');

export const SeedUser = z.object({
  id: z.string().regex(/^00u[A-Za-z0-9]{17}$/),
  status: z.enum(USER_STATUSES),
  created: iso,
  activated: iso.nullable(),
  statusChanged: iso.nullable(),
  lastLogin: iso.nullable(),
  lastUpdated: iso,
  profile: z.object({
    login: z.string(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    displayName: z.string(),
    title: z.string().optional(),
    department: z.string().optional(),
    employeeNumber: z.string().optional(),
    /** Okta id of the manager. */
    managerId: z.string().optional(),
    /** Login of the manager (Okta's `manager` attribute). */
    manager: z.string().optional(),
    city: z.string().optional(),
    costCenter: z.string().optional(),
  }),
});

export const SeedGroup = z.object({
  id: z.string().regex(/^00g[A-Za-z0-9]{17}$/),
  type: z.enum(['OKTA_GROUP', 'APP_GROUP', 'BUILT_IN']),
  created: iso,
  lastUpdated: iso,
  lastMembershipUpdated: iso,
  profile: z.object({ name: z.string(), description: z.string().optional() }),
  /** Okta ids of the owners. */
  owners: z.array(z.string()),
  members: z.array(z.object({ userId: z.string(), added: iso })),
});

export const SeedApp = z.object({
  id: z.string().regex(/^0oa[A-Za-z0-9]{17}$/),
  name: z.string(),
  label: z.string(),
  status: z.enum(['ACTIVE', 'INACTIVE']),
  signOnMode: z.string(),
  created: iso,
  lastUpdated: iso,
  groupAssignments: z.array(z.object({ groupId: z.string(), priority: z.number().int(), created: iso })),
  userAssignments: z.array(z.object({ userId: z.string(), created: iso })),
});

export const SeedRole = z.object({
  id: z.string(),
  userId: z.string(),
  type: z.string(),
  label: z.string(),
  status: z.string(),
  created: iso,
});

export const SeedEvent = z.object({
  uuid: z.string(),
  published: iso,
  eventType: z.string(),
  displayMessage: z.string(),
  severity: z.string(),
  actor: z.object({ id: z.string(), type: z.string(), alternateId: z.string(), displayName: z.string() }),
  target: z.array(z.object({ id: z.string(), type: z.string(), alternateId: z.string(), displayName: z.string() })),
  outcome: z.object({ result: z.string(), reason: z.string().nullable().optional() }),
});

export const Seed = z.object({
  org: z.object({ name: z.string(), domain: z.string() }),
  users: z.array(SeedUser),
  groups: z.array(SeedGroup),
  apps: z.array(SeedApp),
  roles: z.array(SeedRole),
  events: z.array(SeedEvent),
});
export type Seed = z.infer<typeof Seed>;
export type SeedUser = z.infer<typeof SeedUser>;
export type SeedGroup = z.infer<typeof SeedGroup>;
export type SeedApp = z.infer<typeof SeedApp>;
export type SeedRole = z.infer<typeof SeedRole>;
export type SeedEvent = z.infer<typeof SeedEvent>;

/** Reads and validates a seed file; throws with the first problem's path. */
export function loadSeed(path: string): Seed {
  const parsed = Seed.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
