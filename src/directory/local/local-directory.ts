// The `local` DirectoryPort: the embedded demo company; its changes live in the store so every replica shows the same directory.
import type {
  DirectoryEvent,
  DirectoryPort,
  DirectoryUser,
  MutationReceipt,
  NewDirectoryUser,
} from '../../core/directory.js';
import { ConflictError } from '../../core/errors.js';
import type { Seed, SeedApp, SeedGroup, SeedUser } from '../seed.js';
import type { DirectoryChange } from './local-changes.js';
import { provisionChange, stageUser } from './local-lifecycle.js';
import { LocalDirectoryReader } from './local-reader.js';
import { LocalState, type Decision, type LocalStateOptions } from './local-state.js';
import { toUser } from './mappers.js';
import { requireApp, requireManagedGroup, requireUser, seedUser } from './seed-lookup.js';

/**
 * Creates the local directory over the demo seed. With `store`, changes are logged there and every
 * read first catches up with changes other processes logged. Do not call it inside a store transaction
 * (on SQLite its freshness check would wait for that transaction).
 */
export function createLocalDirectory(opts: LocalStateOptions): LocalDirectory {
  return new LocalDirectory(new LocalState(opts));
}

const NOOP: MutationReceipt = { directoryRequestId: 'noop', changed: false };
type Target = DirectoryEvent['target'][number];

const userTarget = (u: SeedUser): Target => ({
  id: u.id,
  type: 'User',
  alternateId: u.profile.login,
  displayName: u.profile.displayName,
});
const groupTarget = (g: SeedGroup): Target => ({
  id: g.id,
  type: 'UserGroup',
  alternateId: 'unknown',
  displayName: g.profile.name,
});
const appTarget = (a: SeedApp): Target => ({
  id: a.id,
  type: 'AppInstance',
  alternateId: a.label,
  displayName: a.label,
});

/** The local directory: its reads (LocalDirectoryReader) and the idempotent writes the executor's change list makes. */
export class LocalDirectory extends LocalDirectoryReader implements DirectoryPort {
  async addGroupMember(groupId: string, userId: string): Promise<MutationReceipt> {
    return this.mutate((d, at) => {
      const g = requireManagedGroup(d, groupId);
      const u = requireUser(d, userId);
      if (g.members.some((m) => m.userId === userId)) return null;
      const event = this.state.event(
        {
          eventType: 'group.user_membership.add',
          displayMessage: 'Add user to group membership',
          target: [userTarget(u), groupTarget(g)],
        },
        at,
      );
      return { kind: 'member.add', groupId: g.id, userId, at, event };
    });
  }

  async removeGroupMember(groupId: string, userId: string): Promise<MutationReceipt> {
    return this.mutate((d, at) => {
      const g = requireManagedGroup(d, groupId);
      const u = requireUser(d, userId);
      if (!g.members.some((m) => m.userId === userId)) return null;
      const event = this.state.event(
        {
          eventType: 'group.user_membership.remove',
          displayMessage: 'Remove user from group membership',
          target: [userTarget(u), groupTarget(g)],
        },
        at,
      );
      return { kind: 'member.remove', groupId: g.id, userId, at, event };
    });
  }

  async assignApp(appId: string, userId: string): Promise<MutationReceipt> {
    return this.mutate((d, at) => {
      const a = requireApp(d, appId);
      const u = requireUser(d, userId);
      if (a.userAssignments.some((x) => x.userId === userId)) return null;
      const event = this.state.event(
        {
          eventType: 'application.user_membership.add',
          displayMessage: 'Add user to application membership',
          target: [userTarget(u), appTarget(a)],
        },
        at,
      );
      return { kind: 'app.assign', appId: a.id, userId, at, event };
    });
  }

  async unassignApp(appId: string, userId: string): Promise<MutationReceipt> {
    return this.mutate((d, at) => {
      const a = requireApp(d, appId);
      const u = requireUser(d, userId);
      if (!a.userAssignments.some((x) => x.userId === userId)) return null;
      const event = this.state.event(
        {
          eventType: 'application.user_membership.remove',
          displayMessage: 'Remove user from application membership',
          target: [userTarget(u), appTarget(a)],
        },
        at,
      );
      return { kind: 'app.unassign', appId: a.id, userId, at, event };
    });
  }

  async suspendUser(userId: string): Promise<MutationReceipt> {
    return this.transition(userId, 'SUSPENDED', ['ACTIVE'], 'user.lifecycle.suspend', 'Suspend Okta user');
  }
  async unsuspendUser(userId: string): Promise<MutationReceipt> {
    return this.transition(userId, 'ACTIVE', ['SUSPENDED'], 'user.lifecycle.unsuspend', 'Unsuspend Okta user');
  }
  async deactivateUser(userId: string): Promise<MutationReceipt> {
    return this.transition(userId, 'DEPROVISIONED', null, 'user.lifecycle.deactivate', 'Deactivate Okta user');
  }

  async createUser(input: NewDirectoryUser): Promise<MutationReceipt & { user: DirectoryUser }> {
    return this.state.change((d): Decision<MutationReceipt & { user: DirectoryUser }> => {
      const existing = seedUser(d, input.login);
      if (existing) return { result: { ...NOOP, user: toUser(existing) } };
      const at = this.state.now().toISOString();
      const user = stageUser(input, at);
      const event = this.state.event(
        { eventType: 'user.lifecycle.create', displayMessage: 'Create Okta user', target: [userTarget(user)] },
        at,
      );
      return {
        result: { directoryRequestId: event.uuid, changed: true, user: toUser(user) },
        change: { kind: 'user.create', user, event },
      };
    });
  }

  async activateUser(userId: string): Promise<MutationReceipt> {
    return this.mutate((d, at) => {
      const u = requireUser(d, userId);
      if (!provisionChange(u)) return null;
      const event = this.state.event(
        { eventType: 'user.lifecycle.activate', displayMessage: 'Activate Okta user', target: [userTarget(u)] },
        at,
      );
      return { kind: 'user.status', userId: u.id, to: 'PROVISIONED', at, event };
    });
  }

  private transition(
    userId: string,
    to: SeedUser['status'],
    from: SeedUser['status'][] | null,
    eventType: string,
    displayMessage: string,
  ): Promise<MutationReceipt> {
    return this.mutate((d, at) => {
      const u = requireUser(d, userId);
      if (u.status === to) return null;
      if (from && !from.includes(u.status))
        throw new ConflictError(
          `${u.profile.login} is ${u.status}; this change needs the user to be ${from.join(' or ')}.`,
        );
      return {
        kind: 'user.status',
        userId: u.id,
        to,
        at,
        event: this.state.event({ eventType, displayMessage, target: [userTarget(u)] }, at),
      };
    });
  }

  /** Decides one change (null: already so, a no-op) against the current state; its event's uuid is the receipt. */
  private mutate(
    decide: (d: Seed, at: string) => Exclude<DirectoryChange, { kind: 'snapshot' | 'user.create' }> | null,
  ): Promise<MutationReceipt> {
    return this.state.change((d): Decision<MutationReceipt> => {
      const change = decide(d, this.state.now().toISOString());
      return change ? { result: { directoryRequestId: change.event.uuid, changed: true }, change } : { result: NOOP };
    });
  }
}
