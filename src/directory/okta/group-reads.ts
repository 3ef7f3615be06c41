// DirectoryPort group reads over the Okta SDK: get by id or name, prefix search, members, member count, owners.
import type { Client } from '@okta/okta-sdk-nodejs';
import type { DirectoryGroup, DirectoryUser, Page, UserRef } from '../../core/directory.js';
import { NotFoundError } from '../../core/errors.js';
import type { AppCatalogue } from './app-catalogue.js';
import { assertOktaId, type OktaCalls } from './calls.js';
import { toGroup, toUser, toUserRef, type OktaObject } from './mappers.js';
import { decodeCursor, everyPage, onePage } from './paging.js';
import { anyOf, assertSafeText, compare } from './search-expression.js';

const GROUP_ID = /^00g[A-Za-z0-9]{17}$/;
const clampLimit = (limit: number | undefined, def: number, max: number): number =>
  Math.min(Math.max(Math.trunc(limit ?? def), 1), max);

export class OktaGroupReads {
  constructor(
    private readonly client: Client,
    private readonly calls: OktaCalls,
    private readonly catalogue?: AppCatalogue,
  ) {}

  /**
   * By id: GET /groups/{id}. By name: one escaped `profile.name eq` search (case-insensitive in Okta) with `expand=stats`,
   * so the member count comes with it. 1 call.
   */
  async getGroup(idOrName: string): Promise<DirectoryGroup | null> {
    const key = assertSafeText(typeof idOrName === 'string' ? idOrName.trim() : idOrName, 'group');
    if (GROUP_ID.test(key)) {
      const g = await this.calls.find(`look up group ${key}`, () => this.client.groupApi.getGroup({ groupId: key }));
      return g ? toGroup(g as unknown as OktaObject) : null;
    }
    const { items } = await this.calls.read(`look up group "${key}"`, async () =>
      onePage(
        await this.client.groupApi.listGroups({
          search: compare('profile.name', 'eq', key, 'group'),
          expand: 'stats',
          limit: 20,
        }),
      ),
    );
    const lower = key.toLowerCase();
    const exact = items.map(toGroup).filter((g) => g.name.toLowerCase() === lower);
    return exact.find((g) => g.name === key) ?? exact[0] ?? null;
  }

  /** Name prefix via an escaped `profile.name sw` search (Okta's `q` cannot page); no q lists all. 1 call a page. */
  async findGroups(opts: { q?: string; limit?: number; cursor?: string }): Promise<Page<DirectoryGroup>> {
    const after = decodeCursor(opts.cursor);
    const q = opts.q?.trim();
    const page = await this.calls.read('search groups', async () =>
      onePage(
        await this.client.groupApi.listGroups({
          ...(q ? { search: compare('profile.name', 'sw', q, 'q') } : {}),
          limit: clampLimit(opts.limit, 200, 200),
          ...(after ? { after } : {}),
        }),
      ),
    );
    return { items: page.items.map(toGroup), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  async listGroupMembers(groupId: string, opts: { limit?: number; cursor?: string }): Promise<Page<DirectoryUser>> {
    assertOktaId(groupId, 'groupId');
    const after = decodeCursor(opts.cursor);
    const page = await this.calls.read(
      `list the members of group ${groupId}`,
      async () =>
        onePage(
          await this.client.groupApi.listGroupUsers({
            groupId,
            limit: clampLimit(opts.limit, 200, 1000),
            ...(after ? { after } : {}),
          }),
        ),
      `No group with id ${groupId}.`,
    );
    return { items: page.items.map(toUser), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  /** One call: `filter=id eq "…"&expand=stats` returns the group with `_embedded.stats.usersCount`. */
  async countGroupMembers(groupId: string): Promise<number> {
    assertOktaId(groupId, 'groupId');
    const { items } = await this.calls.read(`count the members of group ${groupId}`, async () =>
      onePage(
        await this.client.groupApi.listGroups({
          filter: compare('id', 'eq', groupId),
          expand: 'stats',
          limit: 1,
        }),
      ),
    );
    const group = items[0];
    if (!group) throw new NotFoundError(`No group with id ${groupId}.`);
    const stats = (group._embedded as { stats?: { usersCount?: unknown } } | undefined)?.stats;
    if (typeof stats?.usersCount === 'number') return stats.usersCount;
    // Okta left the stats out: count the members page by page instead.
    const members = await this.calls.read(
      `count the members of group ${groupId}`,
      async () => everyPage(await this.client.groupApi.listGroupUsers({ groupId, limit: 1000 })),
      `No group with id ${groupId}.`,
    );
    return members.length;
  }

  /**
   * GET /groups/{id}/owners (the SDK's listGroupOwners), then one escaped `id eq … or …` user search for the
   * owners' logins: 2 calls. Owners that are groups are left out (UserRef names people). With `catalogue`, the
   * answer may come from the configuration cache (0 calls when warm): for explanations, never for approvals.
   */
  async listGroupOwners(groupId: string, opts: { catalogue?: boolean } = {}): Promise<UserRef[]> {
    assertOktaId(groupId, 'groupId');
    if (opts.catalogue && this.catalogue)
      return this.catalogue.get(`group-owners:${groupId}`, () => this.readOwners(groupId));
    return this.readOwners(groupId);
  }

  private async readOwners(groupId: string): Promise<UserRef[]> {
    const owners = await this.calls.read(
      `list the owners of group ${groupId}`,
      async () => everyPage(await this.client.groupApi.listGroupOwners({ groupId })),
      `No group with id ${groupId}.`,
    );
    const userOwners = owners.filter((o) => String(o.type ?? 'USER') === 'USER' && typeof o.id === 'string');
    const byId = new Map<string, UserRef>();
    for (let i = 0; i < userOwners.length; i += 50) {
      const chunk = userOwners.slice(i, i + 50).map((o) => compare('id', 'eq', assertOktaId(o.id, 'owner id')));
      const users = await this.calls.read(`look up the owners of group ${groupId}`, async () =>
        everyPage(await this.client.userApi.listUsers({ search: anyOf(...chunk), limit: 200 })),
      );
      for (const u of users) byId.set(String(u.id), toUserRef(u));
    }
    return userOwners.map(
      (o) => byId.get(String(o.id)) ?? { id: String(o.id), login: '', displayName: String(o.displayName ?? '') },
    );
  }
}
