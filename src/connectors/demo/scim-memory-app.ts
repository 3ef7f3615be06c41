// A SCIM 2.0 app in memory, built on scimmy (schemas, filters, PATCH, errors): the demo's "Jira" and the tests' downstream app.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import SCIMMY from 'scimmy';

/** scimmy types scimType as a string; its own code passes null for "none". */
const NO_TYPE = null as unknown as string;

type Rec = Record<string, unknown> & { id: string };

export interface ScimMemoryApp {
  /** Serves one SCIM request (base path anything ending before /Users, /Groups, /ServiceProviderConfig). */
  handle(req: Request): Promise<Response>;
  users: Map<string, Rec>;
  groups: Map<string, Rec>;
  /** Requests served, by method. */
  stats: Record<string, number>;
  /** Adds records directly (seeding, benchmarks): bypasses HTTP, still one schema pass each. */
  seedUser(u: { userName: string; externalId?: string; active?: boolean; displayName?: string; email?: string }): Rec;
  seedGroup(displayName: string, memberIds?: string[]): Rec;
}

export interface ScimMemoryAppOptions {
  /** Bearer token the app requires; absent: no auth. */
  token?: string;
  /** Keeps the app's state in this JSON file across restarts (the demo). */
  persistPath?: string;
}

// scimmy's resource registry is a process-wide singleton; handlers are declared once and find their app in `ctx`.
let declared = false;
function declareOnce(): void {
  if (declared) return;
  declared = true;
  const handlers = (kind: 'users' | 'groups') => ({
    ingress: (res: { id?: string }, inst: object, ctx: Ctx) => ctx.ingress(kind, res.id, inst),
    egress: (res: { id?: string }, ctx: Ctx) => ctx.egress(kind, res.id),
    degress: (res: { id?: string }, ctx: Ctx) => ctx.degress(kind, res.id!),
  });
  const u = handlers('users');
  const g = handlers('groups');
  SCIMMY.Resources.declare(
    SCIMMY.Resources.User.ingress(u.ingress as never)
      .egress(u.egress as never)
      .degress(u.degress as never),
  );
  SCIMMY.Resources.declare(
    SCIMMY.Resources.Group.ingress(g.ingress as never)
      .egress(g.egress as never)
      .degress(g.degress as never),
  );
  SCIMMY.Config.set({
    patch: true,
    filter: { supported: true, maxResults: 1000 },
    sort: false,
    bulk: false,
    changePassword: false,
    etag: false,
  });
}

interface Ctx {
  ingress(kind: 'users' | 'groups', id: string | undefined, inst: object): Rec;
  egress(kind: 'users' | 'groups', id: string | undefined): Rec | Rec[];
  degress(kind: 'users' | 'groups', id: string): void;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/scim+json', ...headers },
  });
const scimError = (status: number, detail: string, scimType?: string) =>
  json(status, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail,
  });

export function createScimMemoryApp(opts: ScimMemoryAppOptions = {}): ScimMemoryApp {
  declareOnce();
  const users = new Map<string, Rec>();
  const groups = new Map<string, Rec>();
  const stats: Record<string, number> = {};
  if (opts.persistPath && existsSync(opts.persistPath)) {
    const saved = JSON.parse(readFileSync(opts.persistPath, 'utf8')) as { users: Rec[]; groups: Rec[] };
    for (const u of saved.users) users.set(u.id, u);
    for (const g of saved.groups) groups.set(g.id, g);
  }
  const save = () => {
    if (!opts.persistPath) return;
    mkdirSync(dirname(opts.persistPath), { recursive: true });
    const tmp = `${opts.persistPath}.tmp`;
    writeFileSync(tmp, JSON.stringify({ users: [...users.values()], groups: [...groups.values()] }));
    renameSync(tmp, opts.persistPath);
  };
  const table = (kind: 'users' | 'groups') => (kind === 'users' ? users : groups);
  // userName / displayName (case-insensitive) → id: uniqueness without scanning every record.
  const names = { users: new Map<string, string>(), groups: new Map<string, string>() };
  const nameOf = (kind: 'users' | 'groups', r: Record<string, unknown>) =>
    String(kind === 'users' ? r.userName : r.displayName).toLowerCase();
  for (const kind of ['users', 'groups'] as const)
    for (const r of table(kind).values()) names[kind].set(nameOf(kind, r), r.id);

  const ctx: Ctx = {
    ingress(kind, id, inst) {
      const t = table(kind);
      const rec = { ...(JSON.parse(JSON.stringify(inst)) as Record<string, unknown>), id: id ?? randomUUID() } as Rec;
      if (id && !t.has(id)) throw new SCIMMY.Types.Error(404, NO_TYPE, `Resource ${id} not found`);
      const key = kind === 'users' ? 'userName' : 'displayName';
      const holder = names[kind].get(nameOf(kind, rec));
      if (holder && holder !== rec.id)
        throw new SCIMMY.Types.Error(409, 'uniqueness', `${key} ${String(rec[key])} is already taken`);
      const before = t.get(rec.id);
      if (before) names[kind].delete(nameOf(kind, before));
      names[kind].set(nameOf(kind, rec), rec.id);
      const now = new Date().toISOString();
      rec.meta = {
        resourceType: kind === 'users' ? 'User' : 'Group',
        created: (t.get(rec.id)?.meta as { created?: string } | undefined)?.created ?? now,
        lastModified: now,
      };
      t.set(rec.id, rec);
      save();
      return rec;
    },
    egress(kind, id) {
      if (!id) return [...table(kind).values()];
      const r = table(kind).get(id);
      if (!r) throw new SCIMMY.Types.Error(404, NO_TYPE, `Resource ${id} not found`);
      return r;
    },
    degress(kind, id) {
      const gone = table(kind).get(id);
      if (!gone) throw new SCIMMY.Types.Error(404, NO_TYPE, `Resource ${id} not found`);
      table(kind).delete(id);
      names[kind].delete(nameOf(kind, gone));
      if (kind === 'users')
        for (const g of groups.values())
          g.members = ((g.members as Array<{ value: string }> | undefined) ?? []).filter((m) => m.value !== id);
      save();
    },
  };

  function list(kind: 'users' | 'groups', q: URLSearchParams): Response {
    let rows = [...table(kind).values()];
    const filter = q.get('filter');
    if (filter) rows = new SCIMMY.Types.Filter(filter).match(rows) as Rec[];
    const startIndex = Math.max(1, Number.parseInt(q.get('startIndex') ?? '1', 10) || 1);
    const count = Math.min(1000, Math.max(0, Number.parseInt(q.get('count') ?? '100', 10) || 0));
    const page = rows.slice(startIndex - 1, startIndex - 1 + count);
    return json(200, {
      schemas: [SCIMMY.Messages.ListResponse.id],
      totalResults: rows.length,
      startIndex,
      itemsPerPage: page.length,
      Resources: page,
    });
  }

  async function handle(req: Request): Promise<Response> {
    stats[req.method] = (stats[req.method] ?? 0) + 1;
    if (opts.token && req.headers.get('authorization') !== `Bearer ${opts.token}`)
      return scimError(401, 'Authorization failure: the bearer token is missing or wrong');
    const url = new URL(req.url);
    try {
      if (/\/ServiceProviderConfig$/.test(url.pathname) && req.method === 'GET')
        return json(200, await new SCIMMY.Resources.ServiceProviderConfig().read());
      const m = /\/(Users|Groups)(?:\/([^/]+))?$/.exec(url.pathname);
      if (!m) return scimError(404, 'No such endpoint');
      const kind = m[1] === 'Users' ? 'users' : 'groups';
      const Res = (kind === 'users' ? SCIMMY.Resources.User : SCIMMY.Resources.Group) as unknown as new (
        id?: string,
      ) => {
        read(c: Ctx): Promise<unknown>;
        write(b: unknown, c: Ctx): Promise<unknown>;
        patch(b: unknown, c: Ctx): Promise<unknown>;
        dispose(c: Ctx): Promise<void>;
      };
      const id = m[2] ? decodeURIComponent(m[2]) : undefined;
      const body =
        req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH'
          ? await req.json().catch(() => undefined)
          : undefined;
      switch (`${req.method} ${id ? 'one' : 'all'}`) {
        case 'GET all':
          return list(kind, url.searchParams);
        case 'GET one':
          return json(200, await new Res(id).read(ctx));
        case 'POST all':
          return json(201, await new Res().write(body, ctx));
        case 'PUT one':
          return json(200, await new Res(id).write(body, ctx));
        case 'PATCH one': {
          const r = await new Res(id).patch(body, ctx);
          return r ? json(200, r) : new Response(null, { status: 204 });
        }
        case 'DELETE one':
          await new Res(id).dispose(ctx);
          return new Response(null, { status: 204 });
        default:
          return scimError(405, `${req.method} is not supported here`);
      }
    } catch (err) {
      if (err instanceof SCIMMY.Types.Error) {
        const e = new SCIMMY.Messages.ErrorResponse(err) as unknown as {
          status: string;
          scimType?: string;
          detail: string;
        };
        return scimError(Number(e.status), e.detail, e.scimType);
      }
      return scimError(500, 'internal error');
    }
  }

  return {
    handle,
    users,
    groups,
    stats,
    seedUser(u) {
      const [givenName, ...rest] = (u.displayName ?? u.userName).split(' ');
      return ctx.ingress(
        'users',
        undefined,
        new SCIMMY.Schemas.User(
          {
            userName: u.userName,
            externalId: u.externalId,
            active: u.active ?? true,
            displayName: u.displayName,
            name: { givenName, familyName: rest.join(' ') || givenName },
            emails: u.email ? [{ value: u.email, type: 'work', primary: true }] : undefined,
          },
          'in',
        ) as object,
      );
    },
    seedGroup(displayName, memberIds = []) {
      return ctx.ingress(
        'groups',
        undefined,
        new SCIMMY.Schemas.Group({ displayName, members: memberIds.map((value) => ({ value })) }, 'in') as object,
      );
    },
  };
}
