// Changes to the local directory as data: decided against the current state, logged in the store, applied the same way by every replica.
import type { Seed, SeedEvent, SeedUser } from '../seed.js';

/** One applied mutation with everything needed to replay it (times, ids and its System Log event are fixed when decided). */
export type DirectoryChange =
  | { kind: 'member.add' | 'member.remove'; groupId: string; userId: string; at: string; event: SeedEvent }
  | { kind: 'app.assign' | 'app.unassign'; appId: string; userId: string; at: string; event: SeedEvent }
  | { kind: 'user.status'; userId: string; to: SeedUser['status']; at: string; event: SeedEvent }
  | { kind: 'user.create'; user: SeedUser; event: SeedEvent }
  /** The whole state at once: a state file from before changes lived in the store, imported once. */
  | { kind: 'snapshot'; state: Seed };

/** Applies a change in place. Replays are exact: the change carries its own times and ids. */
export function applyChange(d: Seed, c: DirectoryChange): Seed {
  switch (c.kind) {
    case 'snapshot':
      return structuredClone(c.state);
    case 'member.add': {
      const g = d.groups.find((x) => x.id === c.groupId);
      if (g && !g.members.some((m) => m.userId === c.userId)) g.members.push({ userId: c.userId, added: c.at });
      if (g) g.lastMembershipUpdated = c.at;
      break;
    }
    case 'member.remove': {
      const g = d.groups.find((x) => x.id === c.groupId);
      if (g) {
        g.members = g.members.filter((m) => m.userId !== c.userId);
        g.lastMembershipUpdated = c.at;
      }
      break;
    }
    case 'app.assign': {
      const a = d.apps.find((x) => x.id === c.appId);
      if (a && !a.userAssignments.some((x) => x.userId === c.userId))
        a.userAssignments.push({ userId: c.userId, created: c.at });
      break;
    }
    case 'app.unassign': {
      const a = d.apps.find((x) => x.id === c.appId);
      if (a) a.userAssignments = a.userAssignments.filter((x) => x.userId !== c.userId);
      break;
    }
    case 'user.status': {
      const u = d.users.find((x) => x.id === c.userId);
      if (!u) break;
      // Deactivation removes direct app assignments, as Okta does.
      if (c.to === 'DEPROVISIONED')
        for (const a of d.apps) a.userAssignments = a.userAssignments.filter((x) => x.userId !== c.userId);
      if (c.to === 'PROVISIONED') u.activated = c.at;
      u.status = c.to;
      u.statusChanged = c.at;
      u.lastUpdated = c.at;
      break;
    }
    case 'user.create':
      if (!d.users.some((u) => u.id === c.user.id)) d.users.push(structuredClone(c.user));
      break;
  }
  d.events.push(structuredClone(c.event));
  return d;
}
