// DirectoryPort app and log reads over the Okta SDK: the app catalogue (cached), a user's live app assignments, events.
import type { Client } from '@okta/okta-sdk-nodejs';
import type {
  AppAssignment,
  AppGroupAssignment,
  DirectoryApp,
  DirectoryEvent,
  UserAppAssignment,
} from '../../core/directory.js';
import { InvalidInputError } from '../../core/errors.js';
import type { AppCatalogue } from './app-catalogue.js';
import { assertOktaId, type OktaCalls } from './calls.js';
import { toApp, toAppAssignment, toAppGroupAssignment, toEvent, type OktaObject } from './mappers.js';
import { everyPage, onePage } from './paging.js';
import { assertSafeText, compare } from './search-expression.js';

const APP_ID = /^0oa[A-Za-z0-9]{17}$/;
const DAY_MS = 86_400_000;

/** By id, or by name then label, case-insensitively. */
function pick(apps: DirectoryApp[], key: string, byId: boolean): DirectoryApp | null {
  if (byId) return apps.find((a) => a.id === key) ?? null;
  const lower = key.toLowerCase();
  return apps.find((a) => a.name.toLowerCase() === lower) ?? apps.find((a) => a.label.toLowerCase() === lower) ?? null;
}

export class OktaAppReads {
  constructor(
    private readonly client: Client,
    private readonly calls: OktaCalls,
    private readonly catalogue: AppCatalogue,
  ) {}

  /**
   * By id, name or label, from the app catalogue (0 calls when warm). A miss asks Okta (a new app may not be
   * catalogued yet): by id GET /apps/{id}; by name or label one `q` (prefix) listing and an exact case-insensitive pick.
   */
  async getApp(idOrName: string): Promise<DirectoryApp | null> {
    const key = assertSafeText(typeof idOrName === 'string' ? idOrName.trim() : idOrName, 'app');
    const byId = APP_ID.test(key);
    const cached = this.catalogue.enabled ? pick(await this.listApps(), key, byId) : null;
    if (cached) return cached;
    if (byId) {
      const a = await this.calls.find(`look up app ${key}`, () =>
        this.client.applicationApi.getApplication({ appId: key }),
      );
      return a ? toApp(a as unknown as OktaObject) : null;
    }
    const { items } = await this.calls.read(`look up app "${key}"`, async () =>
      onePage(await this.client.applicationApi.listApplications({ q: key, limit: 200 })),
    );
    return pick(items.map(toApp), key, false);
  }

  /** Every app, 200 a page (catalogue). */
  async listApps(): Promise<DirectoryApp[]> {
    return this.catalogue.get('apps', async () =>
      (
        await this.calls.read('list apps', async () =>
          everyPage(await this.client.applicationApi.listApplications({ limit: 200 })),
        )
      ).map(toApp),
    );
  }

  /** GET /apps/{id}/groups?expand=group: the assigned groups with their names (catalogue; `fresh` re-reads). */
  async listAppGroups(appId: string, opts: { fresh?: boolean } = {}): Promise<AppGroupAssignment[]> {
    assertOktaId(appId, 'appId');
    return this.catalogue.get(
      `app-groups:${appId}`,
      async () => {
        const groups = await this.calls.read(
          `list the groups assigned to app ${appId}`,
          async () =>
            everyPage(
              await this.client.applicationApi.listApplicationGroupAssignments({ appId, limit: 200, expand: 'group' }),
            ),
          `No app with id ${appId}.`,
        );
        return groups.map((g) => toAppGroupAssignment(appId, g));
      },
      opts,
    );
  }

  /** One listing instead of one call per app: GET /apps?filter=group.id eq "…" (catalogue). */
  async listAppsForGroup(groupId: string): Promise<DirectoryApp[]> {
    const filter = compare('group.id', 'eq', assertOktaId(groupId, 'groupId'));
    return this.catalogue.get(`group-apps:${groupId}`, async () =>
      (
        await this.calls.read(`list the apps assigned to group ${groupId}`, async () =>
          everyPage(await this.client.applicationApi.listApplications({ filter, limit: 200 })),
        )
      ).map(toApp),
    );
  }

  /**
   * Always live: GET /apps?filter=user.id eq "…"&expand=user/{id} lists the user's apps (direct and through groups),
   * each with the user's AppUser embedded (`_embedded.user`, whose scope says USER or GROUP). 1 call per 200 apps.
   */
  async listUserAppAssignments(userId: string): Promise<UserAppAssignment[]> {
    const filter = compare('user.id', 'eq', assertOktaId(userId, 'userId'));
    const apps = await this.calls.read(`list the apps of user ${userId}`, async () =>
      everyPage(await this.client.applicationApi.listApplications({ filter, expand: `user/${userId}`, limit: 200 })),
    );
    return Promise.all(
      apps.map(async (a) => {
        const app = toApp(a);
        const embedded = (a._embedded as { user?: OktaObject } | undefined)?.user;
        // Okta left the AppUser out: read it on its own (1 call), so the answer is still live.
        const assignment =
          embedded && embedded.scope
            ? toAppAssignment(app.id, { ...embedded, id: embedded.id ?? userId })
            : await this.getAppAssignment(app.id, userId);
        return assignment ? [{ app, assignment }] : [];
      }),
    ).then((x) => x.flat());
  }

  /** Always live, 1 call: GET /apps/{appId}/users/{userId}; 404 means no access. */
  async getAppAssignment(appId: string, userId: string): Promise<AppAssignment | null> {
    assertOktaId(appId, 'appId');
    assertOktaId(userId, 'userId');
    const au = await this.calls.find(`check the assignment of user ${userId} to app ${appId}`, () =>
      this.client.applicationApi.getApplicationUser({ appId, userId }),
    );
    return au ? toAppAssignment(appId, au as unknown as OktaObject) : null;
  }

  /** One page of the System Log, newest first: `filter=target.id eq "…"`, `since` (default and floor: 90 days back). */
  async listEvents(opts: { targetId?: string; since?: string; limit?: number }): Promise<DirectoryEvent[]> {
    // Okta keeps 90 days and answers 400 for `since` more than 180 days back.
    const floor = Date.now() - 90 * DAY_MS;
    let since = floor;
    if (opts.since !== undefined) {
      const t = Date.parse(opts.since);
      if (Number.isNaN(t))
        throw new InvalidInputError('since must be an ISO 8601 timestamp, like 2024-05-01T00:00:00Z.');
      since = Math.max(t, floor);
    }
    const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 50), 1), 1000);
    const filter =
      opts.targetId !== undefined ? compare('target.id', 'eq', assertOktaId(opts.targetId, 'targetId')) : undefined;
    const { items } = await this.calls.read('read the directory event log', async () =>
      onePage(
        await this.client.systemLogApi.listLogEvents({
          since: new Date(since).toISOString(),
          sortOrder: 'DESCENDING',
          limit,
          ...(filter ? { filter } : {}),
        }),
      ),
    );
    return items.slice(0, limit).map(toEvent);
  }
}
