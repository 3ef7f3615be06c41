// /api/v1/groups: list (q | search | filter, expand=stats), get, members (paged), membership PUT/DELETE, owners.
import { Hono } from 'hono';
import type { SeedGroup } from '../../../src/directory/seed.js';
import { eventContext, type Emu, type EmuContext, type EmuEnv } from './context.js';
import { notFound, oktaError } from './errors.js';
import { compileExpression, ExpressionError, readPath, type ExprRules } from './evaluate.js';
import { appendEvent, groupTarget, userTarget } from './events.js';
import { paginate, readLimit, setLinks } from './paging.js';
import { toGroup, toGroupOwner, toUser } from './serialize.js';
import { nowIso } from './state.js';

const EQ_SW = new Set(['eq', 'sw']);
const EQ_SW_CO = new Set(['eq', 'sw', 'co']);
const TIME = new Set(['eq', 'gt', 'ge', 'lt', 'le']);
const SEARCH_RULES: ExprRules = {
  caseInsensitive: true,
  opsFor: (a) => {
    if (a === 'profile.name' || a === 'profile.description') return EQ_SW_CO;
    if (
      a.startsWith('profile.') ||
      ['id', 'created', 'lastUpdated', 'lastMembershipUpdated', 'type', 'source.id'].includes(a)
    )
      return EQ_SW;
    return undefined;
  },
};
const FILTER_RULES: ExprRules = {
  caseInsensitive: false,
  opsFor: (a) =>
    a === 'id' || a === 'type'
      ? new Set(['eq'])
      : a === 'lastUpdated' || a === 'lastMembershipUpdated'
        ? TIME
        : undefined,
};

function listGroups(c: EmuContext, emu: Emu): Response {
  const q = c.get('query');
  const all = [...emu.state.groups.values()].sort((a, b) => a.id.localeCompare(b.id));
  const stats = q.get('expand') === 'stats';
  const limit = readLimit(q, 10000, 10000, emu.paging);
  if (limit === null) return oktaError(c, 400, 'E0000001', 'limit: must be a number');
  const text = q.get('q');
  if (text !== undefined && q.get('search') === undefined && q.get('filter') === undefined) {
    const page = all
      .filter((g) => g.profile.name.toLowerCase().startsWith(text.toLowerCase()))
      .slice(0, readLimit(q, 300, 10000) ?? 300);
    setLinks(c, emu.url, undefined); // q mode has no paging
    return c.json(page.map((g) => toGroup(emu.url, g, { stats })));
  }
  let matched: SeedGroup[] = all;
  try {
    const search = q.get('search');
    const filter = q.get('filter');
    if (search !== undefined || filter !== undefined) {
      const pred = compileExpression((search ?? filter)!, search !== undefined ? SEARCH_RULES : FILTER_RULES);
      matched = all.filter((g) => pred((attr) => (attr === 'source.id' ? undefined : readPath(g, attr))));
    }
  } catch (e) {
    if (e instanceof ExpressionError) return oktaError(c, 400, 'E0000031', '', [e.message]);
    throw e;
  }
  const { page, nextAfter } = paginate(matched, (g) => g.id, q.get('after'), limit);
  setLinks(c, emu.url, nextAfter);
  return c.json(page.map((g) => toGroup(emu.url, g, { stats })));
}

/** PUT/DELETE /groups/{gid}/users/{uid}: 204, idempotent, 403 on app-imported groups. */
function membership(c: EmuContext, emu: Emu, add: boolean): Response {
  const group = emu.state.groups.get(c.req.param('gid')!);
  if (!group) return notFound(c, c.req.param('gid')!, 'UserGroup');
  const user = emu.state.users.get(c.req.param('uid')!);
  if (!user) return notFound(c, c.req.param('uid')!, 'User');
  if (group.type === 'APP_GROUP') return oktaError(c, 403, 'E0000006');
  if (group.type === 'BUILT_IN') return oktaError(c, 501, 'E0000060');
  const isMember = group.members.some((m) => m.userId === user.id);
  if (add !== isMember) {
    const now = nowIso();
    if (add) group.members.push({ userId: user.id, added: now });
    else group.members = group.members.filter((m) => m.userId !== user.id);
    group.lastMembershipUpdated = now;
    const [type, msg] = add
      ? ['group.user_membership.add', 'Add user to group membership']
      : ['group.user_membership.remove', 'Remove user from group membership'];
    appendEvent(emu.state, eventContext(c), type, msg, [userTarget(user), groupTarget(group)]);
  }
  return c.body(null, 204);
}

/** Routes under /api/v1/groups. */
export function groupsRoutes(emu: Emu): Hono<EmuEnv> {
  const app = new Hono<EmuEnv>();
  app.get('/', (c) => listGroups(c, emu));
  app.get('/:gid', (c) => {
    const g = emu.state.groups.get(c.req.param('gid'));
    return g
      ? c.json(toGroup(emu.url, g, { stats: c.get('query').get('expand') === 'stats' }))
      : notFound(c, c.req.param('gid'), 'UserGroup');
  });
  app.get('/:gid/users', (c) => {
    const g = emu.state.groups.get(c.req.param('gid'));
    if (!g) return notFound(c, c.req.param('gid'), 'UserGroup');
    const limit = readLimit(c.get('query'), 1000, 1000, emu.paging);
    if (limit === null) return oktaError(c, 400, 'E0000001', 'limit: must be a number');
    const members = g.members
      .map((m) => emu.state.users.get(m.userId))
      .filter((u) => !!u)
      .sort((a, b) => a.id.localeCompare(b.id));
    const { page, nextAfter } = paginate(members, (u) => u.id, c.get('query').get('after'), limit);
    setLinks(c, emu.url, nextAfter);
    return c.json(page.map((u) => toUser(emu.url, u)));
  });
  app.put('/:gid/users/:uid', (c) => membership(c, emu, true));
  app.delete('/:gid/users/:uid', (c) => membership(c, emu, false));
  app.get('/:gid/owners', (c) => {
    const g = emu.state.groups.get(c.req.param('gid'));
    if (!g) return notFound(c, c.req.param('gid'), 'UserGroup');
    const owners = g.owners.map((id) => emu.state.users.get(id)).filter((u) => !!u);
    setLinks(c, emu.url, undefined);
    return c.json(owners.map(toGroupOwner));
  });
  return app;
}
