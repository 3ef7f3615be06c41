// /api/v1/apps: list (q | filter incl. user.id/group.id, expand=user/{id}), get, app users (paged, get, assign, unassign), app groups (expand=group).
import { Hono } from 'hono';
import type { SeedApp } from '../../../src/directory/seed.js';
import { eventContext, type Emu, type EmuContext, type EmuEnv } from './context.js';
import { notFound, oktaError } from './errors.js';
import { compileExpression, ExpressionError, type ExprRules } from './evaluate.js';
import { appendEvent, appTarget, userTarget } from './events.js';
import { paginate, readLimit, setLinks } from './paging.js';
import { toApp, toAppGroup, toAppUser, toGroup } from './serialize.js';
import { appAccess, appUserIds, nowIso } from './state.js';

const EQ = new Set(['eq']);
const FILTER_RULES: ExprRules = {
  caseInsensitive: false,
  opsFor: (a) => (['status', 'name', 'id', 'user.id', 'group.id'].includes(a) ? EQ : undefined),
};

function listApps(c: EmuContext, emu: Emu): Response {
  const q = c.get('query');
  const limit = readLimit(q, 20, 200, emu.paging);
  if (limit === null) return oktaError(c, 400, 'E0000001', 'limit: must be a number');
  let apps = [...emu.state.apps.values()].sort((a, b) => a.id.localeCompare(b.id));
  const text = q.get('q')?.toLowerCase();
  if (text !== undefined)
    apps = apps.filter((a) => a.name.toLowerCase().startsWith(text) || a.label.toLowerCase().startsWith(text));
  const filter = q.get('filter');
  if (filter !== undefined) {
    try {
      const pred = compileExpression(filter, FILTER_RULES);
      apps = apps.filter((a) =>
        pred((attr) => {
          if (attr === 'user.id') return appUserIds(emu.state, a);
          if (attr === 'group.id') return a.groupAssignments.map((g) => g.groupId);
          return (a as unknown as Record<string, unknown>)[attr];
        }),
      );
    } catch (e) {
      if (e instanceof ExpressionError) return oktaError(c, 400, 'E0000031', '', [e.message]);
      throw e;
    }
  }
  // expand=user/{uid} embeds that user's AppUser in each app; Okta allows it only with a `user.id eq` filter.
  const expand = q.get('expand');
  const embedUser = expand === undefined ? undefined : /^user\/([A-Za-z0-9]+)$/.exec(expand)?.[1];
  if (expand !== undefined && (!embedUser || !filter?.includes(`user.id eq "${embedUser}"`))) {
    return oktaError(c, 400, 'E0000001', 'expand: only user/{userId} together with a user.id eq filter is supported');
  }
  const { page, nextAfter } = paginate(apps, (a) => a.id, q.get('after'), limit);
  setLinks(c, emu.url, nextAfter);
  return c.json(
    page.map((a) =>
      embedUser ? { ...toApp(emu.url, a), _embedded: { user: appUser(emu, a, embedUser) } } : toApp(emu.url, a),
    ),
  );
}

/** The AppUser for a user with access, or undefined. Direct assignment wins over group scope. */
function appUser(emu: Emu, app: SeedApp, userId: string): Record<string, unknown> | undefined {
  const user = emu.state.users.get(userId);
  if (!user) return undefined;
  const { direct, viaGroups } = appAccess(emu.state, app, userId);
  if (direct) return toAppUser(emu.url, app, user, 'USER', direct.created);
  const ga = app.groupAssignments.find((g) => viaGroups.some((v) => v.id === g.groupId));
  return ga ? toAppUser(emu.url, app, user, 'GROUP', ga.created, ga.groupId) : undefined;
}

async function assign(c: EmuContext, emu: Emu, app: SeedApp): Promise<Response> {
  let body: { id?: unknown; scope?: unknown };
  try {
    body = await c.req.json();
  } catch {
    return oktaError(c, 400, 'E0000003');
  }
  if (typeof body.id !== 'string') return oktaError(c, 400, 'E0000001', 'id: The field cannot be left blank');
  const user = emu.state.users.get(body.id);
  if (!user) return notFound(c, body.id, 'User');
  if (app.userAssignments.some((a) => a.userId === user.id)) return oktaError(c, 409, 'E0000062');
  app.userAssignments.push({ userId: user.id, created: nowIso() });
  appendEvent(emu.state, eventContext(c), 'application.user_membership.add', 'Add user to application membership', [
    {
      id: `0ua${user.id.slice(3)}`,
      type: 'AppUser',
      alternateId: user.profile.login,
      displayName: user.profile.displayName,
    },
    appTarget(app),
    userTarget(user),
  ]);
  return c.json(appUser(emu, app, user.id));
}

function unassign(c: EmuContext, emu: Emu, app: SeedApp, userId: string): Response {
  const user = emu.state.users.get(userId);
  if (!user) return notFound(c, userId, 'User');
  const { direct, viaGroups } = appAccess(emu.state, app, userId);
  // Access that (also) comes through a group cannot be removed here.
  if (viaGroups.length > 0) return oktaError(c, 403, 'E0000046');
  if (!direct) return notFound(c, userId, 'AppUser');
  app.userAssignments = app.userAssignments.filter((a) => a.userId !== userId);
  appendEvent(
    emu.state,
    eventContext(c),
    'application.user_membership.remove',
    'Remove user from application membership',
    [
      {
        id: `0ua${user.id.slice(3)}`,
        type: 'AppUser',
        alternateId: user.profile.login,
        displayName: user.profile.displayName,
      },
      appTarget(app),
      userTarget(user),
    ],
  );
  return c.body(null, 204);
}

/** Routes under /api/v1/apps. */
export function appsRoutes(emu: Emu): Hono<EmuEnv> {
  const r = new Hono<EmuEnv>();
  const withApp = (c: EmuContext, fn: (app: SeedApp) => Response | Promise<Response>) => {
    const app = emu.state.apps.get(c.req.param('aid')!);
    return app ? fn(app) : notFound(c, c.req.param('aid')!, 'AppInstance');
  };
  r.get('/', (c) => listApps(c, emu));
  r.get('/:aid', (c) => withApp(c, (app) => c.json(toApp(emu.url, app))));
  r.get('/:aid/users', (c) =>
    withApp(c, (app) => {
      const limit = readLimit(c.get('query'), 50, 500, emu.paging);
      if (limit === null) return oktaError(c, 400, 'E0000001', 'limit: must be a number');
      const { page, nextAfter } = paginate(appUserIds(emu.state, app), (id) => id, c.get('query').get('after'), limit);
      setLinks(c, emu.url, nextAfter);
      return c.json(page.map((id) => appUser(emu, app, id)));
    }),
  );
  r.get('/:aid/users/:uid', (c) =>
    withApp(c, (app) => {
      const au = appUser(emu, app, c.req.param('uid'));
      return au ? c.json(au) : notFound(c, c.req.param('uid'), 'AppUser');
    }),
  );
  r.post('/:aid/users', (c) => withApp(c, (app) => assign(c, emu, app)));
  r.delete('/:aid/users/:uid', (c) => withApp(c, (app) => unassign(c, emu, app, c.req.param('uid'))));
  r.get('/:aid/groups', (c) =>
    withApp(c, (app) => {
      const limit = readLimit(c.get('query'), 20, 200, emu.paging);
      if (limit === null) return oktaError(c, 400, 'E0000001', 'limit: must be a number');
      const sorted = [...app.groupAssignments].sort((a, b) => a.groupId.localeCompare(b.groupId));
      const { page, nextAfter } = paginate(sorted, (g) => g.groupId, c.get('query').get('after'), limit);
      setLinks(c, emu.url, nextAfter);
      // expand=group embeds each assigned group (`_embedded.group`).
      const expand = c.get('query').get('expand');
      return c.json(
        page.map((g) => {
          const group = expand === 'group' ? emu.state.groups.get(g.groupId) : undefined;
          return group
            ? { ...toAppGroup(emu.url, app, g), _embedded: { group: toGroup(emu.url, group) } }
            : toAppGroup(emu.url, app, g);
        }),
      );
    }),
  );
  return r;
}
