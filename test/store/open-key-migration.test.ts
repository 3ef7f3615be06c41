// Migration 5 on a database that already holds requests, including duplicates the old check-then-insert let through:
// it must not fail, the oldest open request of each change gets the key, and the index then refuses new duplicates.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { runMigrations } from '../../src/store/sql/migrate.js';
import type { SqlDriver } from '../../src/store/sql/driver.js';
import { createSqliteDriver } from '../../src/store/sqlite/sqlite-driver.js';
import { createPgDriver } from '../../src/store/postgres/pg-driver.js';
import { createSqlStore } from '../../src/store/sql/sql-store.js';
import { OpenRequestExistsError } from '../../src/core/store.js';
import { freshSchemaName, PG_URL, pgRaw } from './harness.js';

const schemas: string[] = [];
afterAll(async () => {
  for (const s of schemas) await pgRaw(undefined, `DROP SCHEMA IF EXISTS ${s} CASCADE`);
});

const drivers: Array<[string, () => SqlDriver]> = [
  ['SQLite', () => createSqliteDriver({ path: join(mkdtempSync(join(tmpdir(), 'warden-mig5-')), 'warden.db') })],
  [
    'PostgreSQL',
    () => {
      const schema = freshSchemaName();
      schemas.push(schema);
      return createPgDriver({ url: PG_URL, schema });
    },
  ],
];

const change = (userId: string) =>
  JSON.stringify({ change: { kind: 'group_add', userId, groupId: '00gA' }, diff: [], summary: 's' });

describe.each(drivers)('migration 5 on %s', (_name, open) => {
  it('back-fills the oldest open request per change, tolerates old duplicates, and then refuses new ones', async () => {
    const driver = open();
    try {
      await runMigrations(driver, MIGRATIONS.slice(0, 4));
      const insert = (id: string, status: string, userId: string, at: string) =>
        driver.run(
          `INSERT INTO access_requests (id, status, tool, payload, requester_client, subject, resource, created_at, updated_at, version)
         VALUES (?, ?, 'request_group_add', ?, 'claude-desktop', 'x', 'group:00gA', ?, ?, 1)`,
          [id, status, change(userId), at, at],
        );
      await insert('dup-new', 'pending', '00u1', '2026-01-02T00:00:00Z');
      await insert('dup-old', 'approved', '00u1', '2026-01-01T00:00:00Z');
      await insert('closed', 'applied', '00u1', '2025-12-01T00:00:00Z');
      await insert('other', 'pending', '00u2', '2026-01-03T00:00:00Z');
      expect((await runMigrations(driver, MIGRATIONS.slice(0, 5))).applied).toEqual([5]);

      const keys = Object.fromEntries(
        (await driver.all<{ id: string; open_key: string | null }>('SELECT id, open_key FROM access_requests')).map(
          (r) => [r.id, r.open_key],
        ),
      );
      expect(keys).toEqual({
        'dup-old': 'group_add|00u1|group:00gA',
        'dup-new': null,
        closed: null,
        other: 'group_add|00u2|group:00gA',
      });

      const store = createSqlStore(driver);
      const row = {
        status: 'pending' as const,
        tool: 'request_group_add',
        payload: {},
        requesterClient: 'c',
        openKey: 'group_add|00u2|group:00gA',
      };
      await expect(store.insertRequest(row)).rejects.toEqual(
        new OpenRequestExistsError({ id: 'other', status: 'pending' }),
      );
      // Closing the request frees the change.
      expect(await store.updateRequest('other', 1, { status: 'cancelled' })).toBe(true);
      expect((await store.getRequest('other'))!.openKey).toBeUndefined();
      expect((await store.insertRequest(row)).openKey).toBe('group_add|00u2|group:00gA');
    } finally {
      await driver.close();
    }
  }, 60_000);
});
