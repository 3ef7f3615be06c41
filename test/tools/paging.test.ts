// Every list tool is bounded: small pages, followed by nextCursor, add up to the whole list once; cursors are checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acmeKnowledge, agent, createTestWarden, personas } from '../support/harness.js';
import type { Principal } from '../../src/core/principal.js';

let w: Awaited<ReturnType<typeof createTestWarden>>;
let kb: Awaited<ReturnType<typeof acmeKnowledge>>;
let helpdesk: Principal;
const SUBJECT = 'zara.hayashi@acme.example';

beforeAll(async () => {
  kb = await acmeKnowledge();
  w = await createTestWarden({ knowledge: kb });
  const h = (await w.directory.getUser(personas.helpdesk as string))!;
  helpdesk = agent('claude-desktop', { id: h.id, login: h.login });
  for (const group of ['Proj-Atlas', 'Proj-Orion', 'Proj-Phoenix']) {
    const r = await w.call(
      'request_group_add',
      { user: SUBJECT, group, reason: `Joining the ${group} team this quarter` },
      helpdesk,
    );
    expect(r.ok, JSON.stringify(r)).toBe(true);
  }
  // Directory events dated now (the seed's events age out of the 90-day window as the calendar moves on).
  const zara = (await w.directory.getUser(SUBJECT))!;
  for (const name of ['Proj-Helios', 'Loc-Berlin', 'Dept-Design'])
    await w.directory.addGroupMember((await w.directory.getGroup(name))!.id, zara.id);
}, 120_000);
afterAll(async () => {
  await w.close();
  await kb.close();
});

/** A list tool, the input that pages it, and the items of one page (as comparable strings). */
const cases: {
  tool: string;
  input: () => Record<string, unknown>;
  items: (o: any) => string[];
  as?: () => Principal;
}[] = [
  { tool: 'list_requests', input: () => ({}), items: (o) => o.requests.map((r: any) => r.id), as: () => helpdesk },
  { tool: 'access_history', input: () => ({ user: SUBJECT }), items: (o) => o.requests.map((r: any) => r.id) },
  {
    tool: 'list_user_access',
    input: () => ({ user: personas.manager }),
    items: (o) => [...o.groups.map((g: any) => `g:${g.name}`), ...o.apps.map((a: any) => `a:${a.name}`)],
  },
  {
    tool: 'recent_access_changes',
    input: () => ({ user: SUBJECT, days: 7 }),
    items: (o) => o.events.map((e: any) => JSON.stringify(e)),
  },
  { tool: 'licence_report', input: () => ({}), items: (o) => o.rows.map((r: any) => `${r.app}/${r.user}`) },
  {
    tool: 'search_knowledge',
    input: () => ({ query: 'access request approval' }),
    items: (o) => o.results.map((r: any) => `${r.rank}:${r.path}#${r.heading}`),
  },
];

describe.each(cases)('$tool', ({ tool, input, items, as }) => {
  it('pages with limit and cursor to exactly the items of one big page', async () => {
    const whole = await w.call(tool, { ...input(), limit: tool === 'search_knowledge' ? 10 : 50 }, as?.());
    expect(whole.ok, JSON.stringify(whole)).toBe(true);
    const all = items((whole as any).output);
    const wholeIsAll = (whole as any).output.complete as boolean;
    expect(all.length, 'needs at least three items to page').toBeGreaterThanOrEqual(3);
    const size = Math.max(1, Math.floor(all.length / 3));
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 60 && (wholeIsAll || seen.length < all.length); i++) {
      const r = await w.call(tool, { ...input(), limit: size, ...(cursor ? { cursor } : {}) }, as?.());
      expect(r.ok, JSON.stringify(r)).toBe(true);
      const out = (r as any).output;
      seen.push(...items(out));
      if (out.complete) {
        expect(out.nextCursor).toBeUndefined();
        break;
      }
      expect(typeof out.nextCursor).toBe('string');
      cursor = out.nextCursor;
    }
    // list_user_access pages groups and apps side by side; the others page one list in order.
    // When the big page is not the whole list either (ranked passages, long reports), the pages must begin with it.
    const paged = wholeIsAll ? seen : seen.slice(0, all.length);
    if (tool === 'list_user_access') expect([...paged].sort()).toEqual([...all].sort());
    else expect(paged).toEqual(all);
  });

  it('refuses a cursor that is not one, or that belongs to other inputs', async () => {
    const bad = await w.call(tool, { ...input(), limit: 1, cursor: 'not-a-cursor' }, as?.());
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/cursor is not valid/) },
    });
    const first = (await w.call(tool, { ...input(), limit: 1 }, as?.())) as any;
    const other =
      tool === 'search_knowledge'
        ? { query: 'laptop' }
        : tool === 'licence_report'
          ? { inactiveDays: 30 }
          : tool === 'list_requests'
            ? { status: 'pending' }
            : tool === 'recent_access_changes'
              ? { user: SUBJECT, days: 30 }
              : { user: personas.groupOwner };
    const moved = await w.call(tool, { ...input(), ...other, limit: 1, cursor: first.output.nextCursor }, as?.());
    expect(moved).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/different query/) },
    });
  });
});
