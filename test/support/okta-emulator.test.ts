// Emulator-level tests with raw fetch: Link headers, common headers, error bodies, state rules, fault injection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOktaEmulator, type OktaEmulator } from './okta-emulator/index.js';
import { appId, buildFixtureSeed, groupId, userId } from './okta-fixture.js';

let emu: OktaEmulator;
const get = (path: string, init: RequestInit = {}) =>
  fetch(`${emu.url}${path}`, {
    ...init,
    headers: { Authorization: `SSWS ${emu.token}`, Accept: 'application/json', ...(init.headers ?? {}) },
  });
const enc = (s: string) => encodeURIComponent(s);

function links(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (res.headers.get('link') ?? '').matchAll(/<([^>]+)>;\s*rel="(\w+)"/g)) out[m[2]!] = m[1]!;
  return out;
}

beforeAll(async () => {
  emu = await startOktaEmulator({ seed: buildFixtureSeed() });
});
afterAll(async () => {
  await emu.close();
});

describe('okta emulator: paging and headers', () => {
  it('pages users with absolute self/next links that keep every query param', async () => {
    const seen: string[] = [];
    let url: string | undefined = `/api/v1/users?limit=4&search=${enc('profile.department eq "Engineering"')}`;
    let pages = 0;
    while (url) {
      const res = await get(url.startsWith('http') ? url.slice(emu.url.length) : url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const l = links(res);
      expect(l.self).toBe(`${emu.url}${url.startsWith('http') ? url.slice(emu.url.length) : url}`);
      if (l.next) {
        expect(l.next.startsWith(`${emu.url}/api/v1/users?`)).toBe(true);
        expect(l.next).toContain('limit=4');
        expect(l.next).toContain(`search=${enc('profile.department eq "Engineering"')}`);
        expect(l.next).toMatch(/after=00u/);
      }
      seen.push(...((await res.json()) as Array<{ id: string }>).map((u) => u.id));
      url = l.next;
      pages += 1;
    }
    expect(pages).toBe(5); // 18 engineers, 4 a page
    expect(new Set(seen).size).toBe(18);
    expect(seen.length).toBe(18);
  });

  it('sends request id, Date and rate-limit headers on every response, errors included', async () => {
    for (const res of [
      await get('/api/v1/users/nobody'),
      await get('/api/v1/groups'),
      await fetch(`${emu.url}/api/v1/users`),
    ]) {
      expect(res.headers.get('x-okta-request-id')).toMatch(/^X/);
      expect(Number.isNaN(Date.parse(res.headers.get('date')!))).toBe(false);
      expect(Number(res.headers.get('x-rate-limit-limit'))).toBeGreaterThan(0);
      expect(res.headers.get('x-rate-limit-remaining')).toMatch(/^\d+$/);
      expect(Number(res.headers.get('x-rate-limit-reset'))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
    }
  });

  it('lists users without a query excluding DEPROVISIONED, and with filter/search including them', async () => {
    const all = (await (await get('/api/v1/users')).json()) as Array<{ status: string }>;
    expect(all.some((u) => u.status === 'DEPROVISIONED')).toBe(false);
    const filtered = (await (
      await get(`/api/v1/users?filter=${enc('status eq "DEPROVISIONED"')}`)
    ).json()) as unknown[];
    expect(filtered).toHaveLength(1);
    const q = (await (await get('/api/v1/users?q=eve')).json()) as unknown[];
    expect(q).toHaveLength(0);
  });

  it('serves _links.self.href exactly and looks users up by login and short name', async () => {
    const byLogin = (await (await get(`/api/v1/users/${enc('dana.lee@example.com')}`)).json()) as {
      id: string;
      _links: { self: { href: string } };
    };
    expect(byLogin.id).toBe(userId(1));
    expect(byLogin._links.self.href).toBe(`${emu.url}/api/v1/users/${userId(1)}`);
    expect(((await (await get('/api/v1/users/dana.lee')).json()) as { id: string }).id).toBe(userId(1));
  });

  it('always sends next when polling the System Log, and new events show up on it', async () => {
    const first = await get('/api/v1/logs?limit=100');
    const next = links(first).next!;
    expect(next).toBeDefined();
    expect(((await first.json()) as unknown[]).length).toBe(3);
    const empty = await get(next.slice(emu.url.length));
    expect(await empty.json()).toEqual([]);
    expect(links(empty).next).toBe(next);
    expect((await get(`/api/v1/groups/${groupId(5)}/users/${userId(4)}`, { method: 'PUT' })).status).toBe(204);
    const later = (await (await get(next.slice(emu.url.length))).json()) as Array<{
      eventType: string;
      target: Array<{ id: string }>;
    }>;
    expect(later.map((e) => e.eventType)).toEqual(['group.user_membership.add']);
    expect(later[0]!.target.map((t) => t.id)).toEqual([userId(4), groupId(5)]);
  });

  it('ends bounded descending log queries without next and filters on target.id', async () => {
    const res = await get(
      `/api/v1/logs?sortOrder=DESCENDING&filter=${enc(`target.id eq "${userId(1)}"`)}&since=${enc(new Date(Date.now() - 86_400_000).toISOString())}`,
    );
    const events = (await res.json()) as Array<{ uuid: string }>;
    expect(events.slice(-2).map((e) => e.uuid)).toEqual(['evt-2', 'evt-1']);
    expect(links(res).next).toBeUndefined();
    expect((await get('/api/v1/logs?since=Thu%20Jan%2025%202018')).status).toBe(400);
  });
});

describe('okta emulator: errors and state rules', () => {
  const body = async (res: Response) =>
    (await res.json()) as {
      errorCode: string;
      errorSummary: string;
      errorLink: string;
      errorId: string;
      errorCauses: unknown[];
    };

  it.each([
    ['unknown user', () => get('/api/v1/users/nobody'), 404, 'E0000007'],
    [
      'bad token',
      () => fetch(`${emu.url}/api/v1/users`, { headers: { Authorization: 'SSWS wrong' } }),
      401,
      'E0000011',
    ],
    ['bad search', () => get(`/api/v1/users?search=${enc('profile.firstName eq "x')}`), 400, 'E0000031'],
    ['bad search operator', () => get(`/api/v1/users?search=${enc('profile.firstName like "x"')}`), 400, 'E0000031'],
    [
      'unsupported filter attribute',
      () => get(`/api/v1/users?filter=${enc('profile.department eq "x"')}`),
      400,
      'E0000031',
    ],
    ['bad log filter', () => get(`/api/v1/logs?filter=${enc('target.id eq')}`), 400, 'E0000053'],
    [
      'app-group membership',
      () => get(`/api/v1/groups/${groupId(4)}/users/${userId(1)}`, { method: 'PUT' }),
      403,
      'E0000006',
    ],
    ['method not allowed', () => get(`/api/v1/groups/${groupId(2)}/owners`, { method: 'PATCH' }), 405, 'E0000022'],
    [
      'already assigned',
      () =>
        get(`/api/v1/apps/${appId(3)}/users`, {
          method: 'POST',
          body: JSON.stringify({ id: userId(4), scope: 'USER' }),
          headers: { 'Content-Type': 'application/json' },
        }),
      409,
      'E0000062',
    ],
    [
      'unassign group-based access',
      () => get(`/api/v1/apps/${appId(1)}/users/${userId(1)}`, { method: 'DELETE' }),
      403,
      'E0000046',
    ],
    [
      'suspend a suspended user',
      () => get(`/api/v1/users/${userId(8)}/lifecycle/suspend`, { method: 'POST' }),
      400,
      'E0000001',
    ],
    [
      'deactivate a deprovisioned user',
      () => get(`/api/v1/users/${userId(7)}/lifecycle/deactivate`, { method: 'POST' }),
      404,
      'E0000007',
    ],
  ])('%s → Okta error body', async (_name, call, status, code) => {
    const res = await call();
    expect(res.status).toBe(status);
    const b = await body(res);
    expect(b).toMatchObject({ errorCode: code, errorLink: code });
    expect(b.errorSummary.length).toBeGreaterThan(0);
    expect(b.errorId).toMatch(/^oae/);
    expect(Array.isArray(b.errorCauses)).toBe(true);
  });

  it('returns AppUser with GROUP or USER scope, or 404', async () => {
    expect(((await (await get(`/api/v1/apps/${appId(1)}/users/${userId(1)}`)).json()) as { scope: string }).scope).toBe(
      'GROUP',
    );
    expect(((await (await get(`/api/v1/apps/${appId(1)}/users/${userId(3)}`)).json()) as { scope: string }).scope).toBe(
      'USER',
    );
    expect((await get(`/api/v1/apps/${appId(1)}/users/${userId(4)}`)).status).toBe(404);
  });

  it('filters apps by user.id and group.id, and reports group stats', async () => {
    const apps = (await (await get(`/api/v1/apps?filter=${enc(`user.id eq "${userId(1)}"`)}`)).json()) as Array<{
      id: string;
    }>;
    expect(apps.map((a) => a.id).sort()).toEqual([appId(1), appId(4)]);
    const byGroup = (await (await get(`/api/v1/apps?filter=${enc(`group.id eq "${groupId(3)}"`)}`)).json()) as Array<{
      id: string;
    }>;
    expect(byGroup.map((a) => a.id)).toEqual([appId(2)]);
    const g = (await (
      await get(`/api/v1/groups?filter=${enc(`id eq "${groupId(2)}"`)}&expand=stats`)
    ).json()) as Array<{ _embedded: { stats: { usersCount: number } } }>;
    expect(g[0]!._embedded.stats.usersCount).toBe(3);
  });

  it("embeds the user's AppUser with expand=user/{id} (only with a user.id filter), and groups with expand=group", async () => {
    type App = { id: string; _embedded?: { user?: { id: string; scope: string; credentials: { userName: string } } } };
    const apps = (await (
      await get(`/api/v1/apps?filter=${enc(`user.id eq "${userId(3)}"`)}&expand=${enc(`user/${userId(3)}`)}`)
    ).json()) as App[];
    expect(apps.map((a) => [a.id, a._embedded?.user?.scope])).toEqual([
      [appId(1), 'USER'],
      [appId(4), 'GROUP'],
    ]);
    expect(apps[0]!._embedded!.user).toMatchObject({
      id: userId(3),
      credentials: { userName: 'ada.admin@example.com' },
    });
    expect((await get(`/api/v1/apps?expand=${enc(`user/${userId(3)}`)}`)).status).toBe(400);
    expect(
      (await get(`/api/v1/apps?filter=${enc(`user.id eq "${userId(1)}"`)}&expand=${enc(`user/${userId(3)}`)}`)).status,
    ).toBe(400);
    const groups = (await (await get(`/api/v1/apps/${appId(1)}/groups?expand=group`)).json()) as Array<{
      id: string;
      _embedded: { group: { profile: { name: string } } };
    }>;
    expect(groups.map((g) => [g.id, g._embedded.group.profile.name])).toEqual([[groupId(2), 'Finance']]);
  });

  it('injects 429 with E0000047, a Date and a reset a second ahead; then recovers', async () => {
    emu.failNext(429, 1);
    const res = await get('/api/v1/groups');
    expect(res.status).toBe(429);
    expect((await body(res)).errorCode).toBe('E0000047');
    const reset = Number(res.headers.get('x-rate-limit-reset'));
    expect(reset - Math.floor(Date.parse(res.headers.get('date')!) / 1000)).toBeLessThanOrEqual(2);
    expect((await get('/api/v1/groups')).status).toBe(200);
  });

  it('enforces the per-window limit per bucket', async () => {
    const limited = await startOktaEmulator({ seed: buildFixtureSeed(), rateLimit: { limit: 2, windowSeconds: 1 } });
    try {
      const h = { headers: { Authorization: `SSWS ${limited.token}` } };
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await fetch(`${limited.url}/api/v1/groups`, h)).status);
      expect(statuses).toEqual([200, 200, 429]);
      expect((await fetch(`${limited.url}/api/v1/apps`, h)).status).toBe(200); // another bucket
      expect(limited.state.rateLimited).toBe(1);
    } finally {
      await limited.close();
    }
  });
});
