// /api/v1/users: list (none | q | filter | search), get by id or login, lifecycle, groups, appLinks, roles.
import { Hono } from 'hono';
import type { SeedUser } from '../../../src/directory/seed.js';
import { eventContext, type Emu, type EmuContext, type EmuEnv } from './context.js';
import { oktaError, notFound } from './errors.js';
import { compileExpression, ExpressionError, readPath, type ExprRules } from './evaluate.js';
import { appendEvent, userTarget } from './events.js';
import { paginate, readLimit, setLinks } from './paging.js';
import { toAppLink, toGroup, toRole, toUser } from './serialize.js';
import { appAccess, findUser, groupsOfUser, nowIso, oktaId } from './state.js';

const EQ = new Set(['eq']);
const TIME = new Set(['eq', 'gt', 'ge', 'lt', 'le']);
const SEARCH = new Set(['eq', 'sw', 'gt', 'ge', 'lt', 'le', 'pr']);
const SEARCH_CO = new Set([...SEARCH, 'co']);

const FILTER_RULES: ExprRules = {
  caseInsensitive: false,
  opsFor: (a) =>
    a === 'lastUpdated'
      ? TIME
      : ['status', 'id', 'profile.login', 'profile.email', 'profile.firstName', 'profile.lastName'].includes(a)
        ? EQ
        : undefined,
};
const SEARCH_RULES: ExprRules = {
  caseInsensitive: true,
  opsFor: (a) => {
    if (['profile.firstName', 'profile.lastName', 'profile.email', 'profile.login'].includes(a)) return SEARCH_CO;
    if (
      a.startsWith('profile.') ||
      ['id', 'status', 'created', 'activated', 'statusChanged', 'lastUpdated', 'type.id'].includes(a)
    )
      return SEARCH;
    return undefined;
  },
};

const resolveUser =
  (u: SeedUser) =>
  (attr: string): unknown =>
    attr === 'type.id' ? 'oty1defaultUserTyp' : readPath(u, attr);

/** Users for GET /api/v1/users, in id order, or an error response. */
function listUsers(c: EmuContext, emu: Emu): Response {
  const q = c.get('query');
  const all = [...emu.state.users.values()].sort((a, b) => a.id.localeCompare(b.id));
  const search = q.get('search');
  const filter = q.get('filter');
  const text = q.get('q');
  const limit = readLimit(q, search || filter ? 200 : text ? 10 : 200, 200, emu.paging);
  if (limit === null) return oktaError(c, 400, 'E0000001', 'limit: must be a number');
  let matched: SeedUser[];
  try {
    if (search !== undefined) {
      const pred = compileExpression(search, SEARCH_RULES);
      matched = all.filter((u) => pred(resolveUser(u)));
      const sortBy = q.get('sortBy');
      if (sortBy) {
        const dir = q.get('sortOrder')?.toLowerCase() === 'desc' ? -1 : 1;
        matched.sort(
          (a, b) =>
            dir * String(readPath(a, sortBy) ?? '').localeCompare(String(readPath(b, sortBy) ?? '')) ||
            a.id.localeCompare(b.id),
        );
      }
    } else if (filter !== undefined) {
      const pred = compileExpression(filter, FILTER_RULES);
      matched = all.filter((u) => pred(resolveUser(u)));
    } else if (text !== undefined) {
      const p = text.toLowerCase();
      const hit = (u: SeedUser) =>
        [u.profile.firstName, u.profile.lastName, u.profile.email].some((v) => v.toLowerCase().startsWith(p));
      const page = all.filter((u) => u.status !== 'DEPROVISIONED' && hit(u)).slice(0, readLimit(q, 10, 200) ?? 10);
      setLinks(c, emu.url, undefined); // q mode has no paging
      return c.json(page.map((u) => toUser(emu.url, u)));
    } else {
      matched = all.filter((u) => u.status !== 'DEPROVISIONED');
    }
  } catch (e) {
    if (e instanceof ExpressionError) return oktaError(c, 400, 'E0000031', '', [e.message]);
    throw e;
  }
  const { page, nextAfter } = paginate(matched, (u) => u.id, q.get('after'), limit);
  setLinks(c, emu.url, nextAfter);
  return c.json(page.map((u) => toUser(emu.url, u)));
}

type Transition = { from: SeedUser['status'][]; to: SeedUser['status']; event: string; message: string };
const TRANSITIONS: Record<string, Transition> = {
  suspend: { from: ['ACTIVE'], to: 'SUSPENDED', event: 'user.lifecycle.suspend', message: 'Suspend Okta user' },
  unsuspend: { from: ['SUSPENDED'], to: 'ACTIVE', event: 'user.lifecycle.unsuspend', message: 'Unsuspend Okta user' },
  deactivate: {
    from: ['STAGED', 'PROVISIONED', 'ACTIVE', 'RECOVERY', 'LOCKED_OUT', 'PASSWORD_EXPIRED', 'SUSPENDED'],
    to: 'DEPROVISIONED',
    event: 'user.lifecycle.deactivate',
    message: 'Deactivate Okta user',
  },
  activate: {
    from: ['STAGED', 'DEPROVISIONED'],
    to: 'PROVISIONED',
    event: 'user.lifecycle.activate',
    message: 'Activate Okta user',
  },
};

function lifecycle(c: EmuContext, emu: Emu, user: SeedUser, op: string): Response {
  const t = TRANSITIONS[op];
  if (!t) return oktaError(c, 404, 'E0000007', `${op} (Operation)`);
  if (!t.from.includes(user.status)) {
    if (op === 'deactivate') return notFound(c, user.id, 'User');
    if (op === 'activate')
      return user.status === 'ACTIVE' ? oktaError(c, 403, 'E0000016') : oktaError(c, 403, 'E0000038');
    return oktaError(c, 400, 'E0000001', `Cannot ${op} a user that is ${user.status}`);
  }
  const now = nowIso();
  user.status = t.to;
  user.statusChanged = now;
  user.lastUpdated = now;
  if (op === 'activate') user.activated = now;
  // Deactivation removes direct app assignments; group memberships stay.
  if (op === 'deactivate')
    for (const app of emu.state.apps.values())
      app.userAssignments = app.userAssignments.filter((a) => a.userId !== user.id);
  appendEvent(emu.state, eventContext(c), t.event, t.message, [userTarget(user)]);
  if (op === 'activate' && c.get('query').get('sendEmail') === 'false')
    return c.json({ activationUrl: `${emu.url}/welcome/X${user.id}`, activationToken: `X${user.id}` });
  return c.json({});
}

/** POST /users?activate=false: a STAGED user (activate=true, the default, gives PROVISIONED: no password yet). */
async function createUser(c: EmuContext, emu: Emu): Promise<Response> {
  let body: { profile?: Record<string, unknown> };
  try {
    body = await c.req.json();
  } catch {
    return oktaError(c, 400, 'E0000003');
  }
  const p = body.profile ?? {};
  for (const f of ['login', 'email', 'firstName', 'lastName'] as const) {
    if (typeof p[f] !== 'string' || !p[f])
      return oktaError(c, 400, 'E0000001', `${f}: The field cannot be left blank`, [
        `${f}: The field cannot be left blank`,
      ]);
  }
  if (findUser(emu.state, String(p.login)))
    return oktaError(
      c,
      400,
      'E0000001',
      'login: An object with this field already exists in the current organization',
      ['login: An object with this field already exists in the current organization'],
    );
  const now = nowIso();
  const activate = c.get('query').get('activate') !== 'false';
  const user: SeedUser = {
    id: oktaId('00u'),
    status: activate ? 'PROVISIONED' : 'STAGED',
    created: now,
    activated: activate ? now : null,
    statusChanged: activate ? now : null,
    lastLogin: null,
    lastUpdated: now,
    profile: {
      ...(p as SeedUser['profile']),
      displayName:
        typeof p.displayName === 'string' && p.displayName
          ? p.displayName
          : `${String(p.firstName)} ${String(p.lastName)}`,
    },
  };
  emu.state.users.set(user.id, user);
  appendEvent(emu.state, eventContext(c), 'user.lifecycle.create', 'Create Okta user', [userTarget(user)]);
  if (activate)
    appendEvent(emu.state, eventContext(c), 'user.lifecycle.activate', 'Activate Okta user', [userTarget(user)]);
  return c.json(toUser(emu.url, user));
}

/** Routes under /api/v1/users. */
export function usersRoutes(emu: Emu): Hono<EmuEnv> {
  const app = new Hono<EmuEnv>();
  app.get('/', (c) => listUsers(c, emu));
  app.post('/', async (c) => createUser(c, emu));
  app.get('/:key', (c) => {
    const user = findUser(emu.state, c.req.param('key'));
    return user ? c.json(toUser(emu.url, user)) : notFound(c, c.req.param('key'), 'User');
  });
  app.post('/:id/lifecycle/:op', (c) => {
    const user = emu.state.users.get(c.req.param('id'));
    return user ? lifecycle(c, emu, user, c.req.param('op')) : notFound(c, c.req.param('id'), 'User');
  });
  app.get('/:id/groups', (c) => {
    const user = emu.state.users.get(c.req.param('id'));
    if (!user) return notFound(c, c.req.param('id'), 'User');
    setLinks(c, emu.url, undefined);
    return c.json(groupsOfUser(emu.state, user.id).map((g) => toGroup(emu.url, g)));
  });
  app.get('/:id/appLinks', (c) => {
    const user = emu.state.users.get(c.req.param('id'));
    if (!user) return notFound(c, c.req.param('id'), 'User');
    const apps = [...emu.state.apps.values()].filter((a) => {
      const access = appAccess(emu.state, a, user.id);
      return a.status === 'ACTIVE' && (access.direct || access.viaGroups.length > 0);
    });
    return c.json(apps.map((a, i) => toAppLink(emu.url, a, i)));
  });
  app.get('/:id/roles', (c) => {
    const user = emu.state.users.get(c.req.param('id'));
    if (!user) return notFound(c, c.req.param('id'), 'User');
    setLinks(c, emu.url, undefined);
    return c.json(emu.state.roles.filter((r) => r.userId === user.id).map((r) => toRole(emu.url, r)));
  });
  return app;
}
