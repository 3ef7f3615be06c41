// DirectoryPort user reads over the Okta SDK: getUser (id, login or email), findUsers (escaped search), groups, app links, roles.
import type { Client } from '@okta/okta-sdk-nodejs';
import {
  USER_STATUSES,
  type AdminRole,
  type AppLink,
  type DirectoryGroup,
  type DirectoryUser,
  type Page,
  type UserQuery,
} from '../../core/directory.js';
import { InvalidInputError } from '../../core/errors.js';
import { assertOktaId, type OktaCalls } from './calls.js';
import { toAppLink, toGroup, toRole, toUser } from './mappers.js';
import { decodeCursor, everyPage, onePage } from './paging.js';
import { allOf, anyOf, assertSafeText, compare } from './search-expression.js';

const clampLimit = (limit: number | undefined, def: number, max: number): number =>
  Math.min(Math.max(Math.trunc(limit ?? def), 1), max);

/** The Okta `search` expression for a structured query; every input value goes through `literal` escaping. */
export function userSearchExpression(q: UserQuery): string {
  const parts: string[] = [];
  if (q.name !== undefined && q.name.trim() !== '') {
    const name = q.name.trim();
    const options = ['profile.firstName', 'profile.lastName', 'profile.displayName', 'profile.email'].map((a) =>
      compare(a, 'sw', name, 'name'),
    );
    const words = name.split(/\s+/);
    if (words.length > 1)
      options.push(
        allOf(
          compare('profile.firstName', 'sw', words[0]!, 'name'),
          compare('profile.lastName', 'sw', words.slice(1).join(' '), 'name'),
        ),
      );
    parts.push(anyOf(...options));
  }
  if (q.employeeNumber) parts.push(compare('profile.employeeNumber', 'eq', q.employeeNumber, 'employeeNumber'));
  if (q.department) parts.push(compare('profile.department', 'eq', q.department, 'department'));
  // Okta's search has no `co` on custom attributes such as title, so title is a prefix match here.
  if (q.title) parts.push(compare('profile.title', 'sw', q.title, 'title'));
  if (q.managerId) parts.push(compare('profile.managerId', 'eq', q.managerId, 'managerId'));
  if (q.status) {
    if (!USER_STATUSES.includes(q.status))
      throw new InvalidInputError(`status must be one of ${USER_STATUSES.join(', ')}.`);
    parts.push(compare('status', 'eq', q.status));
  }
  return parts.length ? allOf(...parts) : 'status pr';
}

export class OktaUserReads {
  constructor(
    private readonly client: Client,
    private readonly calls: OktaCalls,
  ) {}

  /** GET /users/{idOrLogin} (1 call); for an email that is not a login, one escaped `profile.email eq` search more. */
  async getUser(idOrLogin: string): Promise<DirectoryUser | null> {
    const key = assertSafeText(typeof idOrLogin === 'string' ? idOrLogin.trim() : idOrLogin, 'user');
    // "." and ".." would be normalised out of the URL path; logins with "/" cannot be fetched by path.
    const byPath = key !== '.' && key !== '..' && !key.includes('/');
    if (byPath) {
      const u = await this.calls.find(`look up user "${key}"`, () => this.client.userApi.getUser({ userId: key }));
      if (u) return toUser(u as unknown as Record<string, unknown>);
    }
    if (!key.includes('@') && byPath) return null;
    const search = byPath
      ? compare('profile.email', 'eq', key, 'user')
      : anyOf(compare('profile.login', 'eq', key, 'user'), compare('profile.email', 'eq', key, 'user'));
    const { items } = await this.calls.read(`search users by email "${key}"`, async () =>
      onePage(await this.client.userApi.listUsers({ search, limit: 2 })),
    );
    if (items.length > 1)
      throw new InvalidInputError(`Several users have the email ${key}.`, {
        hint: 'Look the user up by login or id instead.',
      });
    return items[0] ? toUser(items[0]) : null;
  }

  /** One page of an escaped `search` (1 call), ordered by display name. */
  async findUsers(q: UserQuery): Promise<Page<DirectoryUser>> {
    const search = userSearchExpression(q);
    const after = decodeCursor(q.cursor);
    const limit = clampLimit(q.limit, 50, 200);
    const page = await this.calls.read('search users', async () =>
      onePage(
        await this.client.userApi.listUsers({
          search,
          limit,
          sortBy: 'profile.displayName',
          sortOrder: 'asc',
          ...(after ? { after } : {}),
        }),
      ),
    );
    return { items: page.items.map(toUser), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  async listUserGroups(userId: string): Promise<DirectoryGroup[]> {
    assertOktaId(userId, 'userId');
    const groups = await this.calls.read(
      `list the groups of user ${userId}`,
      async () => everyPage(await this.client.userApi.listUserGroups({ userId })),
      `No user with id ${userId}.`,
    );
    return groups.map(toGroup);
  }

  async listUserAppLinks(userId: string): Promise<AppLink[]> {
    assertOktaId(userId, 'userId');
    const links = await this.calls.read(
      `list the apps of user ${userId}`,
      async () => everyPage(await this.client.userApi.listAppLinks({ userId })),
      `No user with id ${userId}.`,
    );
    return links.map(toAppLink);
  }

  async listUserRoles(userId: string): Promise<AdminRole[]> {
    assertOktaId(userId, 'userId');
    const roles = await this.calls.read(
      `list the admin roles of user ${userId}`,
      async () => everyPage(await this.client.roleAssignmentApi.listAssignedRolesForUser({ userId })),
      `No user with id ${userId}.`,
    );
    return roles.map(toRole);
  }
}
