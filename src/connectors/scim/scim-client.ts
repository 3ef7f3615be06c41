// The SCIM 2.0 adapter: finds, lists, creates, (de)activates and deletes accounts and PATCHes group members (RFC 7644).
import type {
  ConnectorProbe,
  ConnectorWriter,
  DownstreamAccount,
  DownstreamGroup,
  DownstreamPage,
  NewDownstreamAccount,
  RetryNotice,
} from '../../core/connectors.js';
import { ConflictError, isAppError, NotFoundError } from '../../core/errors.js';
import { sameIgnoringCase } from '../../core/text.js';
import { scimRequest, type ScimCallCounter, type ScimHttpOptions } from './scim-http.js';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** A SCIM string literal for a filter: quotes and backslashes escaped. */
const lit = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export type ScimClient = ConnectorWriter & { readonly counter: ScimCallCounter };

/** Builds the adapter for one app. The token stays inside the HTTP options; nothing here logs. */
export function createScimClient(o: ScimHttpOptions): ScimClient {
  const counter: ScimCallCounter = { requests: 0 };
  const call = (method: string, path: string, body?: unknown, onRetry?: RetryNotice) =>
    scimRequest(o, counter, method, path, body, onRetry);

  async function list<T>(
    path: string,
    map: (r: Record<string, unknown>) => T,
    opts: { startIndex?: number; count?: number; filter?: string },
  ): Promise<DownstreamPage<T>> {
    const q = new URLSearchParams();
    if (opts.filter) q.set('filter', opts.filter);
    q.set('startIndex', String(opts.startIndex ?? 1));
    q.set('count', String(opts.count ?? 100));
    const { body } = await call('GET', `${path}?${q}`);
    const items = Array.isArray(body?.Resources) ? (body.Resources as Array<Record<string, unknown>>) : [];
    return {
      items: items.map(map),
      startIndex: Number(body?.startIndex ?? opts.startIndex ?? 1),
      totalResults: Number(body?.totalResults ?? items.length),
    };
  }
  /**
   * The first account the filter finds that really matches: a server that ignores or mis-reads a filter answers with
   * other accounts, and acting on one of those would change the wrong person's account.
   */
  const firstUser = async (filter: string, matches: (a: DownstreamAccount) => boolean) =>
    (await list('/Users', toAccount, { filter, count: 2 })).items.find(matches) ?? null;

  const client: ScimClient = {
    app: o.app,
    counter,
    async probe(): Promise<ConnectorProbe> {
      const checks: ConnectorProbe['checks'] = [];
      try {
        const { body } = await call('GET', '/ServiceProviderConfig');
        const patch = (body?.patch as { supported?: boolean } | undefined)?.supported === true;
        const filter = (body?.filter as { supported?: boolean } | undefined)?.supported === true;
        checks.push({
          check: 'ServiceProviderConfig',
          ok: patch && filter,
          detail: `patch ${patch ? 'supported' : 'NOT supported'}, filter ${filter ? 'supported' : 'NOT supported'}`,
        });
      } catch (err) {
        checks.push({ check: 'ServiceProviderConfig', ok: false, detail: describe(err) });
      }
      try {
        const page = await list('/Users', toAccount, { count: 1 });
        checks.push({ check: 'auth', ok: true, detail: 'token accepted' });
        checks.push({ check: 'read /Users', ok: true, detail: `${page.totalResults} account(s)` });
      } catch (err) {
        const auth = isAppError(err) && err.code === 'forbidden';
        checks.push({ check: 'auth', ok: !auth, detail: auth ? describe(err) : 'not refused' });
        if (!auth) checks.push({ check: 'read /Users', ok: false, detail: describe(err) });
      }
      return { ok: checks.every((c) => c.ok), checks };
    },
    async findAccount({ externalId, userName }) {
      if (externalId) {
        const byId = await firstUser(`externalId eq ${lit(externalId)}`, (a) => a.externalId === externalId);
        if (byId) return byId;
      }
      // userName is case-insensitive in SCIM (RFC 7643 caseExact false).
      return userName ? firstUser(`userName eq ${lit(userName)}`, (a) => sameIgnoringCase(a.userName, userName)) : null;
    },
    async getAccount(id) {
      try {
        return await mustGet(id);
      } catch (err) {
        if (err instanceof NotFoundError) return null;
        throw err;
      }
    },
    listAccounts: (opts) => list('/Users', toAccount, opts),
    listGroups: (opts) => list('/Groups', toGroup, opts),
    async findGroup(displayName) {
      const page = await list('/Groups', toGroup, { filter: `displayName eq ${lit(displayName)}`, count: 2 });
      return page.items.find((g) => sameIgnoringCase(g.displayName, displayName)) ?? null;
    },
    async createAccount(a: NewDownstreamAccount, onRetry) {
      const body = {
        schemas: [USER_SCHEMA],
        userName: a.userName,
        externalId: a.externalId,
        displayName: a.displayName,
        name: { givenName: a.givenName, familyName: a.familyName },
        emails: [{ value: a.email, type: 'work', primary: true }],
        active: true,
      };
      try {
        return toAccount((await call('POST', '/Users', body, onRetry)).body ?? {});
      } catch (err) {
        // 409: it exists (e.g. our earlier POST landed before a timeout); the caller re-finds it and decides.
        if (err instanceof ConflictError) {
          const existing = await client.findAccount({ externalId: a.externalId, userName: a.userName });
          if (existing) return existing;
        }
        throw err;
      }
    },
    async setActive(id, active, onRetry) {
      const { body } = await call(
        'PATCH',
        `/Users/${encodeURIComponent(id)}`,
        { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: active }] },
        onRetry,
      );
      return body ? toAccount(body) : { ...(await mustGet(id)) };
    },
    async deleteAccount(id, onRetry) {
      try {
        await call('DELETE', `/Users/${encodeURIComponent(id)}`, undefined, onRetry);
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err; // already gone
      }
    },
    async addToGroup(groupId, accountId, onRetry) {
      await call(
        'PATCH',
        `/Groups/${encodeURIComponent(groupId)}`,
        { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: accountId }] }] },
        onRetry,
      );
    },
    async removeFromGroup(groupId, accountId, onRetry) {
      await call(
        'PATCH',
        `/Groups/${encodeURIComponent(groupId)}`,
        { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq ${lit(accountId)}]` }] },
        onRetry,
      );
    },
  };
  /** The account with this id; an answer about another resource (a server that read `.` as the list) is not it. */
  async function mustGet(id: string): Promise<DownstreamAccount> {
    const a = toAccount((await call('GET', `/Users/${encodeURIComponent(id)}`)).body ?? {});
    if (a.id !== id) throw new NotFoundError(`${o.app} has no account with id ${JSON.stringify(id.slice(0, 80))}.`);
    return a;
  }
  return client;
}

const describe = (err: unknown) => (isAppError(err) ? err.message : 'unexpected error');

function toAccount(r: Record<string, unknown>): DownstreamAccount {
  const emails = Array.isArray(r.emails)
    ? (r.emails as Array<{ value?: unknown }>).map((e) => String(e.value ?? '')).filter(Boolean)
    : [];
  return {
    id: String(r.id ?? ''),
    userName: String(r.userName ?? ''),
    externalId: typeof r.externalId === 'string' ? r.externalId : undefined,
    active: r.active !== false,
    displayName: typeof r.displayName === 'string' ? r.displayName : undefined,
    emails,
  };
}

function toGroup(r: Record<string, unknown>): DownstreamGroup {
  const members = Array.isArray(r.members)
    ? (r.members as Array<{ value?: unknown }>).map((m) => String(m.value ?? '')).filter(Boolean)
    : [];
  return { id: String(r.id ?? ''), displayName: String(r.displayName ?? ''), memberIds: members };
}
