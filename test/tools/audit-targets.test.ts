// Every identity read tool names what it disclosed in its audit record, so "who looked up X" has an answer for each of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTools } from '../../src/tools/index.js';
import { targetsOf } from '../../src/governance/audit-targets.js';
import { agent, createTestWarden, personas } from '../support/harness.js';
import type { Principal } from '../../src/core/principal.js';

let w: Awaited<ReturnType<typeof createTestWarden>>;
const security: Principal = {
  kind: 'person',
  clientId: 'security-console',
  auth: 'session',
  person: { id: 'x', login: personas.security as string },
};
beforeAll(async () => {
  w = await createTestWarden();
});
afterAll(async () => {
  await w.close();
});

const SUBJECT = 'zara.hayashi@acme.example';

describe('audit targets of read tools', () => {
  it('are declared by every identity read tool', () => {
    const missing = allTools
      .filter((t) => t.toolset === 'identity' && !t.mutating && !t.auditTargets)
      .map((t) => t.name);
    expect(missing).toEqual([]);
  });

  it.each([
    ['lookup_user', { query: SUBJECT }, 'user'],
    ['search_users', { department: 'Engineering', limit: 5 }, 'user'],
    ['list_user_access', { user: SUBJECT }, 'group'],
    ['check_access', { user: SUBJECT, target: 'Salesforce' }, 'app'],
    ['get_group', { group: 'Proj-Atlas' }, 'group'],
    ['list_group_members', { group: 'Proj-Atlas' }, 'user'],
    ['recent_access_changes', { user: SUBJECT }, 'user'],
    ['access_history', { user: SUBJECT }, 'user'],
    ['how_to_get_access', { resource: 'Salesforce', user: SUBJECT }, 'app'],
    ['licence_report', { inactiveDays: 1 }, 'app'],
  ] as const)('%s records what it disclosed', async (tool, input, type) => {
    const r = await w.call(tool, input, security);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const [rec] = await w.audit.query({ action: 'tool.call', tool, order: 'desc', limit: 1 });
    expect(rec!.targets?.length).toBeGreaterThan(0);
    expect(rec!.targets!.map((t) => t.type)).toContain(type);
    expect(rec!.targets!.length).toBeLessThanOrEqual(100);
  });

  it('records none for a failed call, and a declaration that throws is logged, not fatal', async () => {
    const r = await w.call('get_group', { group: 'No-Such-Group' }, agent());
    expect(r.ok).toBe(false);
    const [rec] = await w.audit.query({ action: 'tool.call', tool: 'get_group', order: 'desc', limit: 1 });
    expect(rec!.args).toMatchObject({ group: 'No-Such-Group' });
    expect(rec!.targets).toBeUndefined();
    const errors: unknown[] = [];
    const log = { error: (o: unknown) => errors.push(o) } as unknown as Parameters<typeof targetsOf>[3];
    const broken = {
      ...allTools[0]!,
      auditTargets: () => {
        throw new Error('bad declaration');
      },
    };
    expect(targetsOf(broken, {}, {}, log)).toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});
