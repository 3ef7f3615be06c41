// DirectoryPort app and log reads over the Okta SDK: get/list apps, app groups, one user's assignment, events.
import type { Client } from '@okta/okta-sdk-nodejs';
import type { AppAssignment, AppGroupAssignment, DirectoryApp, DirectoryEvent } from '../../core/directory.js';
import { InvalidInputError } from '../../core/errors.js';
import { assertOktaId, type OktaCalls } from './calls.js';
import { toApp, toAppAssignment, toAppGroupAssignment, toEvent, type OktaObject } from './mappers.js';
import { everyPage, onePage } from './paging.js';
import { assertSafeText, compare } from './search-expression.js';

const APP_ID = /^0oa[A-Za-z0-9]{17}$/;
const DAY_MS = 86_400_000;

export class OktaAppReads {
  constructor(private readonly client: Client, private readonly calls: OktaCalls) {}

  /** By id: GET /apps/{id}. By name or label: one `q` (prefix) listing, then an exact case-insensitive pick. 1 call. */
  async getApp(idOrName: string): Promise<DirectoryApp | null> {
    const key = assertSafeText(typeof idOrName === 'string' ? idOrName.trim() : idOrName, 'app');
    if (APP_ID.test(key)) {
      const a = await this.calls.find(`look up app ${key}`, () => this.client.applicationApi.getApplication({ appId: key }));
      return a ? toApp(a as unknown as OktaObject) : null;
    }
    const { items } = await this.calls.read(`look up app "${key}"`, async () => onePage(await this.client.applicationApi.listApplications({ q: key, limit: 200 })));
    const lower = key.toLowerCase();
    const apps = items.map(toApp);
    return apps.find((a) => a.name.toLowerCase() === lower) ?? apps.find((a) => a.label.toLowerCase() === lower) ?? null;
  }

  /** Every app, 200 a page. */
  async listApps(): Promise<DirectoryApp[]> {
    return (await this.calls.read('list apps', async () => everyPage(await this.client.applicationApi.listApplications({ limit: 200 })))).map(toApp);
  }

  async listAppGroups(appId: string): Promise<AppGroupAssignment[]> {
    assertOktaId(appId, 'appId');
    const groups = await this.calls.read(`list the groups assigned to app ${appId}`, async () => everyPage(await this.client.applicationApi.listApplicationGroupAssignments({ appId, limit: 200 })), `No app with id ${appId}.`);
    return groups.map((g) => toAppGroupAssignment(appId, g));
  }

  /** One call: GET /apps/{appId}/users/{userId}; 404 means no access. */
  async getAppAssignment(appId: string, userId: string): Promise<AppAssignment | null> {
    assertOktaId(appId, 'appId');
    assertOktaId(userId, 'userId');
    const au = await this.calls.find(`check the assignment of user ${userId} to app ${appId}`, () => this.client.applicationApi.getApplicationUser({ appId, userId }));
    return au ? toAppAssignment(appId, au as unknown as OktaObject) : null;
  }

  /** One page of the System Log, newest first: `filter=target.id eq "…"`, `since` (default and floor: 90 days back). */
  async listEvents(opts: { targetId?: string; since?: string; limit?: number }): Promise<DirectoryEvent[]> {
    // Okta keeps 90 days and answers 400 for `since` more than 180 days back.
    const floor = Date.now() - 90 * DAY_MS;
    let since = floor;
    if (opts.since !== undefined) {
      const t = Date.parse(opts.since);
      if (Number.isNaN(t)) throw new InvalidInputError('since must be an ISO 8601 timestamp, like 2024-05-01T00:00:00Z.');
      since = Math.max(t, floor);
    }
    const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 50), 1), 1000);
    const filter = opts.targetId !== undefined ? compare('target.id', 'eq', assertOktaId(opts.targetId, 'targetId')) : undefined;
    const { items } = await this.calls.read('read the directory event log', async () => onePage(await this.client.systemLogApi.listLogEvents({
      since: new Date(since).toISOString(), sortOrder: 'DESCENDING', limit, ...(filter ? { filter } : {}),
    })));
    return items.slice(0, limit).map(toEvent);
  }
}
