// Migration 9 on PostgreSQL: a log written while args and targets were JSONB still verifies after they become TEXT, and
// new records keep the canonical bytes the hash covers (what lets verify hash them without parsing).
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson, createAuditLog } from '../../src/audit/index.js';
import type { AuditInput } from '../../src/core/audit.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { createPgDriver } from '../../src/store/postgres/pg-driver.js';
import { runMigrations } from '../../src/store/sql/migrate.js';
import { createSqlStore } from '../../src/store/sql/sql-store.js';
import { freshSchemaName, pgRaw, PG_URL } from './harness.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const input = (i: number): AuditInput => ({
  actor: { kind: 'agent', clientId: 'claude-desktop', person: { id: '00u1', login: 'ann@acme.test' } },
  action: 'tool.call',
  tool: 'lookup_user',
  // Keys out of order, nesting, numbers and text JSONB would store differently from canonical JSON.
  args: { zeta: [3, 1.5, { b: 'ü', a: null }], alpha: `person ${i}`, mid: { y: true, x: 'a"b' } },
  targets: [{ type: 'user', id: `00u${i}`, login: `p${i}@acme.test`, name: `Person ${i}` }],
  outcome: 'ok',
});

describe('migration 9 (postgres)', () => {
  it('keeps a JSONB-era log verifiable and stores new JSON fields as canonical text', async () => {
    const schema = freshSchemaName();
    cleanups.push(() => pgRaw(undefined, `DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    const driver = createPgDriver({ url: PG_URL, schema });
    cleanups.unshift(() => driver.close());
    await runMigrations(
      driver,
      MIGRATIONS.filter((m) => m.version < 9),
    );
    const store = createSqlStore(driver);
    const log = createAuditLog(store);
    for (let i = 1; i <= 3; i++) await log.append(input(i));
    const jsonb = await driver.get<{ t: string }>('SELECT args::text AS t FROM audit_log WHERE seq = 1');
    expect(jsonb!.t).not.toBe(canonicalJson(input(1).args));

    expect((await store.migrate()).applied).toEqual([9]);
    expect(await log.verify()).toMatchObject({ ok: true, count: 3 });
    const after = await log.append(input(4));
    const row = await driver.get<{ args: string; targets: string }>(
      'SELECT args, targets FROM audit_log WHERE seq = 4',
    );
    expect(row).toEqual({ args: canonicalJson(after.args), targets: canonicalJson(after.targets) });
    expect(await log.verify()).toMatchObject({ ok: true, count: 4 });
    expect((await log.query({ target: 'p4@acme.test' })).map((r) => r.args)).toEqual([input(4).args]);

    // Still tamper-evident across both eras: an edited old record and an edited new one are each caught.
    await driver.run('DROP TRIGGER audit_log_no_update ON audit_log');
    await driver.run(`UPDATE audit_log SET args = '{"alpha": "person 9"}' WHERE seq = 2`);
    expect(await log.verify()).toMatchObject({ ok: false, brokenAtSeq: 2 });
  });
});
