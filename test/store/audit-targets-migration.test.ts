// Migration 8 on a log written before it: old records are found by their `target` through the new term index, and still verify.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuditLog, GENESIS_HASH, sealRecord } from '../../src/audit/index.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { createPgDriver } from '../../src/store/postgres/pg-driver.js';
import { createSqliteDriver } from '../../src/store/sqlite/sqlite-driver.js';
import { runMigrations } from '../../src/store/sql/migrate.js';
import { createSqlStore } from '../../src/store/sql/sql-store.js';
import type { SqlDriver } from '../../src/store/sql/driver.js';
import { freshSchemaName, pgRaw, PG_URL } from './harness.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const drivers: Array<[string, () => SqlDriver]> = [
  [
    'sqlite',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'warden-m8-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      return createSqliteDriver({ path: join(dir, 'warden.db') });
    },
  ],
  [
    'postgres',
    () => {
      const schema = freshSchemaName();
      cleanups.push(() => pgRaw(undefined, `DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      return createPgDriver({ url: PG_URL, schema });
    },
  ],
];

describe.each(drivers)('migration 8 (%s)', (_name, open) => {
  it('indexes the targets of records written before it', async () => {
    const driver = open();
    cleanups.unshift(() => driver.close());
    await runMigrations(
      driver,
      MIGRATIONS.filter((m) => m.version < 8),
    );
    // Records as the store sealed them before migration 8 (no `targets` column), inserted with the old column list.
    const old = ['user:dana.lee@acme.example', 'group:Proj-Atlas', undefined].map((target, i) => ({ target, i }));
    let prev = { seq: 0, hash: GENESIS_HASH };
    for (const { target, i } of old) {
      const r = sealRecord(
        {
          at: `2026-01-0${i + 1}T00:00:00Z`,
          actor: { kind: 'system', clientId: 'warden' },
          action: 'request.created',
          target,
          outcome: 'ok',
          args: { i },
        },
        prev,
      );
      prev = r;
      await driver.run(
        'INSERT INTO audit_log (seq, id, at, actor_kind, actor_client, action, target, args, outcome, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
        [
          r.seq,
          r.id,
          r.at,
          r.actor.kind,
          r.actor.clientId,
          r.action,
          r.target ?? null,
          JSON.stringify(r.args),
          r.outcome,
          r.prevHash,
          r.hash,
        ],
      );
    }
    await driver.run('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1', [prev.seq, prev.hash]);
    const store = createSqlStore(driver);
    expect((await store.migrate()).applied).toEqual(MIGRATIONS.filter((m) => m.version >= 8).map((m) => m.version));
    const log = createAuditLog(store);
    for (const [target, seqs] of [
      ['dana.lee@acme.example', [1]],
      ['USER:dana.lee@acme.example', [1]],
      ['proj-atlas', [2]],
      ['nobody', []],
    ] as const) {
      expect(
        (await log.query({ target })).map((r) => r.seq),
        target,
      ).toEqual(seqs);
    }
    await log.append({
      actor: { kind: 'system', clientId: 'warden' },
      action: 'tool.call',
      outcome: 'ok',
      targets: [{ type: 'user', id: '00u7', login: 'dana.lee@acme.example', name: 'Dana Lee' }],
    });
    expect((await log.query({ target: 'Dana' })).map((r) => r.seq)).toEqual([4]);
    expect((await log.query({ target: 'dana.lee@acme.example', order: 'desc' })).map((r) => r.seq)).toEqual([4, 1]);
    expect(await log.verify()).toMatchObject({ ok: true, count: 4 });
  });
});
