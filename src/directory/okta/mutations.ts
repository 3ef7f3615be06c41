// Idempotent DirectoryPort mutations over the Okta SDK: read state, change only when needed, return Okta's request id.
import { randomUUID } from 'node:crypto';
import type { Client } from '@okta/okta-sdk-nodejs';
import type { MutationReceipt, UserStatus } from '../../core/directory.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { assertOktaId, type OktaCalls } from './calls.js';
import { codeOf, statusOf } from './errors.js';
import type { OktaObject } from './mappers.js';
import { everyPage } from './paging.js';

type Lifecycle = { op: 'suspend' | 'unsuspend' | 'deactivate'; target: UserStatus; from: UserStatus[] | 'any' };
const LIFECYCLE: Record<Lifecycle['op'], Lifecycle> = {
  suspend: { op: 'suspend', target: 'SUSPENDED', from: ['ACTIVE'] },
  unsuspend: { op: 'unsuspend', target: 'ACTIVE', from: ['SUSPENDED'] },
  deactivate: { op: 'deactivate', target: 'DEPROVISIONED', from: 'any' },
};

export class OktaMutations {
  constructor(
    private readonly client: Client,
    private readonly calls: OktaCalls,
  ) {}

  /** Reads the user's groups (1 call); when not yet a member, PUT /groups/{g}/users/{u} (1 call). */
  async addGroupMember(groupId: string, userId: string): Promise<MutationReceipt> {
    return this.membership(groupId, userId, true);
  }

  /** Reads the user's groups (1 call); when a member, DELETE /groups/{g}/users/{u} (1 call). */
  async removeGroupMember(groupId: string, userId: string): Promise<MutationReceipt> {
    return this.membership(groupId, userId, false);
  }

  private async membership(groupId: string, userId: string, add: boolean): Promise<MutationReceipt> {
    assertOktaId(groupId, 'groupId');
    assertOktaId(userId, 'userId');
    const verb = add ? `add user ${userId} to group ${groupId}` : `remove user ${userId} from group ${groupId}`;
    const before = await this.calls.step(
      verb,
      async () => everyPage(await this.client.userApi.listUserGroups({ userId })),
      `No user with id ${userId}.`,
    );
    if (before.value.some((g) => g.id === groupId) === add)
      return { directoryRequestId: before.requestId, changed: false };
    const r = await this.calls.attempt(() =>
      add
        ? this.client.groupApi.assignUserToGroup({ groupId, userId })
        : this.client.groupApi.unassignUserFromGroup({ groupId, userId }),
    );
    if (r.ok) return { directoryRequestId: r.requestId, changed: true };
    if (statusOf(r.error) === 404) throw new NotFoundError(`No group with id ${groupId}.`);
    if ((statusOf(r.error) === 403 && codeOf(r.error) === 'E0000006') || statusOf(r.error) === 501) {
      // Okta says the same thing for an app-imported group and for a missing admin permission: tell them apart.
      const g = (await this.calls.find(verb, () => this.client.groupApi.getGroup({ groupId }))) as OktaObject | null;
      if (g && g.type !== 'OKTA_GROUP') {
        const name = String((g.profile as OktaObject | undefined)?.name ?? groupId);
        throw new ConflictError(
          `Group ${name} is managed outside Okta (${String(g.type)}); its membership cannot be changed here.`,
        );
      }
    }
    throw this.calls.map(r.error, verb);
  }

  /** Reads the assignment (1 call); unless it is already direct, POST /apps/{a}/users (1 call). */
  async assignApp(appId: string, userId: string): Promise<MutationReceipt> {
    assertOktaId(appId, 'appId');
    assertOktaId(userId, 'userId');
    const verb = `assign app ${appId} to user ${userId}`;
    const before = await this.appUser(appId, userId, verb);
    if (before.appUser?.scope === 'USER') return { directoryRequestId: before.requestId, changed: false };
    const r = await this.calls.attempt(() =>
      this.client.applicationApi.assignUserToApplication({ appId, appUser: { id: userId, scope: 'USER' } }),
    );
    if (r.ok) return { directoryRequestId: r.requestId, changed: true };
    // Assigned meanwhile (by someone else, or by our own attempt whose answer was lost).
    if (codeOf(r.error) === 'E0000062') return { directoryRequestId: before.requestId, changed: false };
    if (statusOf(r.error) === 404) throw new NotFoundError(`No app with id ${appId}, or no user with id ${userId}.`);
    throw this.calls.map(r.error, verb);
  }

  /** Reads the assignment (1 call); when there is a direct one, DELETE /apps/{a}/users/{u} (1 call). */
  async unassignApp(appId: string, userId: string): Promise<MutationReceipt> {
    assertOktaId(appId, 'appId');
    assertOktaId(userId, 'userId');
    const verb = `unassign app ${appId} from user ${userId}`;
    const before = await this.appUser(appId, userId, verb);
    // No direct assignment to remove (group-based access is changed through group membership).
    if (!before.appUser || before.appUser.scope === 'GROUP')
      return { directoryRequestId: before.requestId, changed: false };
    const r = await this.calls.attempt(() => this.client.applicationApi.unassignUserFromApplication({ appId, userId }));
    if (r.ok) return { directoryRequestId: r.requestId, changed: true };
    if (statusOf(r.error) === 404) return { directoryRequestId: before.requestId, changed: false };
    if (codeOf(r.error) === 'E0000046') {
      throw new ConflictError(`User ${userId} also gets app ${appId} through a group, so Okta keeps the assignment.`, {
        hint: 'Remove the user from the group that grants the app instead.',
      });
    }
    throw this.calls.map(r.error, verb);
  }

  private async appUser(
    appId: string,
    userId: string,
    verb: string,
  ): Promise<{ appUser?: OktaObject; requestId: string }> {
    const r = await this.calls.attempt(() => this.client.applicationApi.getApplicationUser({ appId, userId }));
    if (r.ok) return { appUser: r.value as unknown as OktaObject, requestId: r.requestId };
    if (statusOf(r.error) === 404) {
      const id = (r.error as { headers?: { get?(n: string): string | null } }).headers?.get?.('x-okta-request-id');
      return { requestId: id ?? `warden-${randomUUID()}` };
    }
    throw this.calls.map(r.error, verb);
  }

  suspendUser(userId: string): Promise<MutationReceipt> {
    return this.lifecycle(userId, LIFECYCLE.suspend);
  }
  unsuspendUser(userId: string): Promise<MutationReceipt> {
    return this.lifecycle(userId, LIFECYCLE.unsuspend);
  }
  deactivateUser(userId: string): Promise<MutationReceipt> {
    return this.lifecycle(userId, LIFECYCLE.deactivate);
  }

  /** Reads the user (1 call); when not yet in the target status, POST /users/{id}/lifecycle/{op} (1 call). */
  private async lifecycle(userId: string, t: Lifecycle): Promise<MutationReceipt> {
    assertOktaId(userId, 'userId');
    const verb = `${t.op} user ${userId}`;
    const before = await this.calls.step(
      verb,
      async () => (await this.client.userApi.getUser({ userId })) as unknown as OktaObject,
      `No user with id ${userId}.`,
    );
    const status = String(before.value.status) as UserStatus;
    const login = String((before.value.profile as OktaObject | undefined)?.login ?? userId);
    if (status === t.target) return { directoryRequestId: before.requestId, changed: false };
    if (t.from !== 'any' && !t.from.includes(status)) {
      throw new ConflictError(`${login} is ${status}; this change needs the user to be ${t.from.join(' or ')}.`);
    }
    const r = await this.calls.attempt(() =>
      t.op === 'suspend'
        ? this.client.userApi.suspendUser({ userId })
        : t.op === 'unsuspend'
          ? this.client.userApi.unsuspendUser({ userId })
          : this.client.userApi.deactivateUser({ userId }),
    );
    if (r.ok) return { directoryRequestId: r.requestId, changed: true };
    if (statusOf(r.error) === 400 || statusOf(r.error) === 404 || codeOf(r.error) === 'E0000038') {
      // A retried call whose first attempt landed is refused the second time: check where the user ended up.
      const now = (await this.calls.find(verb, () => this.client.userApi.getUser({ userId }))) as OktaObject | null;
      if (now && String(now.status) === t.target) return { directoryRequestId: before.requestId, changed: true };
      throw new ConflictError(`Okta would not ${t.op} ${login} in its current status.`);
    }
    throw this.calls.map(r.error, verb);
  }
}
