// Test harnesses: a fresh SQLite file or a fresh PostgreSQL schema per use, a second connection, and raw SQL for tampering.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Store } from '../../src/core/store.js';
import { createStore, type StoreOptions } from '../../src/store/index.js';

/** PostgreSQL used by the tests (trust auth). Tests fail, never skip, when it is down. */
export const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface Harness {
  kind: 'sqlite' | 'postgres';
  /** Options that open the same database (for child processes and second connections). */
  options: StoreOptions;
  store: Store;
  /** Another independent connection (SQLite) or pool (PostgreSQL) to the same database, migrated. */
  openAnother(): Promise<Store>;
  /** Runs raw SQL (with `?` placeholders) outside the Store, as an attacker with database access would. */
  raw(sql: string, params?: unknown[]): Promise<void>;
  /** Removes the append-only triggers, as a determined attacker would before tampering. */
  disableAppendOnly(): Promise<void>;
  dispose(): Promise<void>;
}

export type HarnessFactory = () => Promise<Harness>;

/** The first store plus any opened later on the same database, all closed by `closeAll`. */
async function storesOn(
  options: StoreOptions,
): Promise<{ store: Store; openAnother(): Promise<Store>; closeAll(): Promise<void> }> {
  const store = await createStore(options);
  const extra: Store[] = [];
  return {
    store,
    openAnother: async () => {
      const s = await createStore(options);
      extra.push(s);
      return s;
    },
    closeAll: async () => {
      for (const s of [store, ...extra]) await s.close();
    },
  };
}

export const sqliteHarness: HarnessFactory = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-store-'));
  const options: StoreOptions = { kind: 'sqlite', path: join(dir, 'warden.db') };
  const { store, openAnother, closeAll } = await storesOn(options);
  const raw = async (sql: string, params: unknown[] = []) => {
    const db = new Database(join(dir, 'warden.db'));
    try {
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
  };
  return {
    kind: 'sqlite',
    options,
    store,
    openAnother,
    raw,
    disableAppendOnly: async () => {
      await raw('DROP TRIGGER audit_log_no_update');
      await raw('DROP TRIGGER audit_log_no_delete');
    },
    dispose: async () => {
      await closeAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

export const freshSchemaName = (): string => `w_${randomBytes(6).toString('hex')}`;

/** Runs one statement on the test database with the given search_path. */
export async function pgRaw(schema: string | undefined, sql: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({
    connectionString: PG_URL,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  await client.connect();
  try {
    let n = 0;
    await client.query(
      sql.replace(/\?/g, () => `$${++n}`),
      params,
    );
  } finally {
    await client.end();
  }
}

export const postgresHarness: HarnessFactory = async () => {
  const schema = freshSchemaName();
  const options: StoreOptions = { kind: 'postgres', url: PG_URL, schema };
  const { store, openAnother, closeAll } = await storesOn(options);
  return {
    kind: 'postgres',
    options,
    store,
    openAnother,
    raw: (sql, params) => pgRaw(schema, sql, params),
    disableAppendOnly: () => pgRaw(schema, 'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update'),
    dispose: async () => {
      await closeAll();
      await pgRaw(undefined, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
};
