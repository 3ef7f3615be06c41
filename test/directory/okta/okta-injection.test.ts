// Search-expression escaping: input crafted to widen an Okta query (quotes, backslashes, control chars, paths) cannot.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/core/errors.js';
import { userSearchExpression } from '../../../src/directory/okta/index.js';
import { literal } from '../../../src/directory/okta/search-expression.js';
import { parseExpression } from '../../support/okta-emulator/index.js';
import { isolateOktaSdk } from '../../support/okta-env.js';
import { userId } from '../../support/okta-fixture.js';
import { decodedQuery, startHarness, type Harness } from './helpers.js';

isolateOktaSdk();
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.dir.resetStats();
  h.emu.resetCalls();
});

const honestCount = (pred: (u: { profile: Record<string, unknown>; status: string }) => boolean) =>
  [...h.emu.state.users.values()].filter(pred).length;

describe('okta adapter: search escaping', () => {
  it('escapes a quote-and-or payload so it cannot widen the search', async () => {
    const payload = 'x" or status eq "ACTIVE';
    const page = await h.dir.findUsers({ department: payload });
    expect(page.items).toHaveLength(
      honestCount((u) => String(u.profile.department).toLowerCase() === payload.toLowerCase()),
    );
    expect(page.items).toHaveLength(0);
    const sent = decodedQuery(h.emu.calls.at(-1)!.query).get('search')!;
    expect(sent).toBe('profile.department eq "x\\" or status eq \\"ACTIVE"');
    expect(h.emu.calls.at(-1)!.query).toContain('%5C%22'); // \" on the wire
    // The emulator's strict parser sees one comparison whose literal is the whole payload.
    expect(parseExpression(sent)).toEqual({ kind: 'cmp', attr: 'profile.department', op: 'eq', value: payload });
  });

  it('escapes the name payload across every OR branch and still finds nobody', async () => {
    const page = await h.dir.findUsers({ name: 'zz" or status pr or profile.firstName sw "' });
    expect(page.items).toHaveLength(0);
    expect(await h.dir.getGroup('Finance" or profile.name sw "')).toBeNull();
  });

  it('finds a user whose name really contains a quote or a backslash, and only that user', async () => {
    const quoted = await h.dir.findUsers({ name: 'Bob"x' });
    expect(quoted.items.map((u) => u.lastName)).toEqual(['Quote']);
    expect(decodedQuery(h.emu.calls.at(-1)!.query).get('search')).toContain('profile.firstName sw "Bob\\"x"');
    const slashed = await h.dir.findUsers({ name: 'Carla Back\\slash' });
    expect(slashed.items.map((u) => u.id)).toEqual([userId(6)]);
    const trailing = await h.dir.findUsers({ name: 'Carla Back\\' });
    expect(trailing.items.map((u) => u.id)).toEqual([userId(6)]);
  });

  it.each([
    ['newline', 'Dana\nLee'],
    ['NUL', 'Dana\u0000'],
    ['carriage return', 'x"\r or status pr'],
    ['C1 control', 'Dana\u0085'],
    ['line separator', 'Da\u2028na'],
  ])('rejects %s before any call is made', async (_name, value) => {
    await expect(h.dir.findUsers({ name: value })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(h.dir.getGroup(value)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(h.dir.getUser(value)).rejects.toBeInstanceOf(InvalidInputError);
    expect(h.emu.calls).toHaveLength(0);
  });

  it('refuses ids that could change the request path', async () => {
    for (const bad of ['..', '../users', `${userId(1)}/lifecycle/suspend`, 'a b', '']) {
      await expect(h.dir.listUserGroups(bad)).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(h.dir.addGroupMember(bad, userId(1))).rejects.toMatchObject({ code: 'invalid_input' });
    }
    expect(await h.dir.getUser('..')).toBeNull(); // treated as a (non-matching) search, never as a path
    expect(h.emu.calls.every((c) => c.path === '/api/v1/users')).toBe(true);
  });

  it('builds literals with JSON escaping and parenthesised parts', () => {
    expect(literal('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(JSON.parse(literal('a"b\\c'))).toBe('a"b\\c');
    expect(userSearchExpression({ department: 'Sales', status: 'ACTIVE' })).toBe(
      '(profile.department eq "Sales") and (status eq "ACTIVE")',
    );
    expect(userSearchExpression({})).toBe('status pr');
    expect(() => userSearchExpression({ status: 'ACTIVE" or "1' as never })).toThrow(InvalidInputError);
  });
});
