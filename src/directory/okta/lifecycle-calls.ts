// Okta lifecycle calls: create a STAGED user, activate, list an app's users, and read the System Log forward from a cursor.
import type { Client } from '@okta/okta-sdk-nodejs';
import type {
  AppAssignment,
  DirectoryUser,
  EventLogPage,
  MutationReceipt,
  NewDirectoryUser,
} from '../../core/directory.js';
import { ConflictError } from '../../core/errors.js';
import { assertOktaId, type OktaCalls } from './calls.js';
import { toAppAssignment, toEvent, toUser, type OktaObject } from './mappers.js';
import { decodeCursor, everyPage, onePage } from './paging.js';
import { newUserProfile } from '../new-user-profile.js';

export class OktaLifecycle {
  constructor(
    private readonly client: Client,
    private readonly calls: OktaCalls,
  ) {}

  /** Looks the login up (1 call); when absent, POST /users?activate=false (1 call). */
  async createUser(input: NewDirectoryUser): Promise<MutationReceipt & { user: DirectoryUser }> {
    const verb = `create user ${input.login}`;
    const found = await this.calls.find(verb, () => this.client.userApi.getUser({ userId: input.login }));
    if (found) return { directoryRequestId: 'noop', changed: false, user: toUser(found as unknown as OktaObject) };
    const profile = newUserProfile(input);
    const r = await this.calls.step(verb, () =>
      this.client.userApi.createUser({ body: { profile } as never, activate: false }),
    );
    return { directoryRequestId: r.requestId, changed: true, user: toUser(r.value as unknown as OktaObject) };
  }

  /** Reads the user (1 call); when STAGED or DEPROVISIONED, POST /users/{id}/lifecycle/activate?sendEmail=false (1 call). */
  async activateUser(userId: string): Promise<MutationReceipt> {
    assertOktaId(userId, 'userId');
    const verb = `activate user ${userId}`;
    const before = await this.calls.step(
      verb,
      async () => (await this.client.userApi.getUser({ userId })) as unknown as OktaObject,
      `No user with id ${userId}.`,
    );
    const status = String(before.value.status);
    if (status === 'SUSPENDED')
      throw new ConflictError(`User ${userId} is SUSPENDED; unsuspend instead of activating.`);
    if (status !== 'STAGED' && status !== 'DEPROVISIONED')
      return { directoryRequestId: before.requestId, changed: false };
    const r = await this.calls.step(verb, () => this.client.userApi.activateUser({ userId, sendEmail: false }));
    return { directoryRequestId: r.requestId, changed: true };
  }

  /** GET /apps/{id}/users, every page. */
  async listAppUsers(appId: string): Promise<AppAssignment[]> {
    assertOktaId(appId, 'appId');
    const users = await this.calls.read(
      `list the users of app ${appId}`,
      async () => everyPage(await this.client.applicationApi.listApplicationUsers({ appId, limit: 500 })),
      `No app with id ${appId}.`,
    );
    return users.map((u) => toAppAssignment(appId, u));
  }

  /**
   * One page of GET /logs in polling mode (ascending, no until). The cursor is Okta's `after`, or
   * `since:<instant>` until the first event is seen, so nothing published between polls is skipped.
   */
  async readEventLog(opts: { cursor?: string; limit?: number }): Promise<EventLogPage> {
    const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 100), 1), 1000);
    const since = !opts.cursor
      ? new Date().toISOString()
      : opts.cursor.startsWith('since:')
        ? opts.cursor.slice(6)
        : undefined;
    const after = since === undefined ? opts.cursor : undefined;
    const page = await this.calls.read('read the System Log', async () =>
      onePage(
        await this.client.systemLogApi.listLogEvents({
          ...(after ? { after } : { since }),
          limit,
          sortOrder: 'ASCENDING',
        }),
      ),
    );
    const next = decodeCursor(page.nextCursor);
    return { events: page.items.map(toEvent), cursor: next ?? opts.cursor ?? `since:${since}` };
  }
}
