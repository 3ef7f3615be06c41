// SQLite driver (better-sqlite3, WAL): one connection, async facade, IMMEDIATE transactions; locked/read-only/full become `unavailable`.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SqlDriver, SqlExecutor } from '../sql/driver.js';
import { createAvailability, type AvailabilityListener } from '../availability.js';
import { toStoreError } from '../store-errors.js';

export interface SqliteDriverOptions {
  /** Database file, e.g. `./.warden/warden.db`; `:memory:` for tests. */
  path: string;
  /** How long a writer waits for another process's write lock. */
  busyTimeoutMs?: number;
  /** Told once when the database stops answering (locked past the timeout, read-only, full, I/O errors) and once when it is back. */
  onAvailability?: AvailabilityListener;
}

const norm = (params: unknown[] = []): unknown[] => params.map((p) => (p === undefined ? null : p));

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const isBusy = (err: unknown): boolean => String((err as { code?: unknown })?.code ?? '').startsWith('SQLITE_BUSY');

/**
 * better-sqlite3 is synchronous and has one connection, so a transaction that awaits in the middle
 * must keep every other caller of this process out until it ends: `lock` is held for the
 * transaction's lifetime and plain statements wait for it. Another connection's write lock (other
 * process, or a second store in this one) is waited for asynchronously, with backoff, up to
 * `busyTimeoutMs`: SQLite's own busy_timeout would block the event loop, and with it the holder.
 */
export function createSqliteDriver({ path, busyTimeoutMs = 15_000, onAvailability }: SqliteDriverOptions): SqlDriver {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`); // only while opening
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536'); // 64 MiB: the audit indexes outgrow the 2 MiB default quickly
  db.pragma('busy_timeout = 0');

  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  };
  // Raw-mode statements are separate objects: raw(true) changes how a statement returns rows, for every later use.
  const rawStatements = new Map<string, Database.Statement>();
  const prepareRaw = (sql: string): Database.Statement => {
    let stmt = rawStatements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql).raw(true);
      rawStatements.set(sql, stmt);
    }
    return stmt;
  };
  let lock: Promise<void> | null = null;
  const availability = createAvailability({ onChange: onAvailability });
  /** Inside a transaction: the same classification, so `fn` and its caller see `unavailable`, not SQLITE_FULL. */
  const inside = async <T>(f: () => T): Promise<T> => {
    try {
      return f();
    } catch (err) {
      throw toStoreError(err);
    }
  };

  /** Runs `f` when no transaction of this process is open, retrying while another connection holds the write lock. */
  const attempt = async <T>(f: () => T): Promise<T> => {
    const deadline = Date.now() + busyTimeoutMs;
    for (let n = 0; ; n++) {
      while (lock) await lock;
      try {
        return f(); // synchronous right after the check: nothing can open a transaction in between
      } catch (err) {
        if (!isBusy(err) || Date.now() > deadline) throw err;
      }
      await sleep(Math.min(50, 2 ** n) * (0.5 + Math.random()));
    }
  };

  const inTx: SqlExecutor = {
    dialect: 'sqlite',
    all: <T>(sql: string, params?: unknown[]) => inside(() => prepare(sql).all(...norm(params)) as T[]),
    get: <T>(sql: string, params?: unknown[]) => inside(() => prepare(sql).get(...norm(params)) as T | undefined),
    values: (sql, params) => inside(() => prepareRaw(sql).all(...norm(params)) as unknown[][]),
    run: (sql, params) => inside(() => prepare(sql).run(...norm(params)).changes),
    exec: (sql) => inside(() => void db.exec(sql)),
    transaction: (fn) => fn(inTx),
  };

  return {
    dialect: 'sqlite',
    all: <T>(sql: string, params?: unknown[]) =>
      availability.guard(() => attempt(() => prepare(sql).all(...norm(params)) as T[])),
    get: <T>(sql: string, params?: unknown[]) =>
      availability.guard(() => attempt(() => prepare(sql).get(...norm(params)) as T | undefined)),
    values: (sql, params) =>
      availability.guard(() => attempt(() => prepareRaw(sql).all(...norm(params)) as unknown[][])),
    run: (sql, params) => availability.guard(() => attempt(() => prepare(sql).run(...norm(params)).changes)),
    exec: (sql) => availability.guard(() => attempt(() => void db.exec(sql))),
    transaction: (fn) =>
      availability.guard(async () => {
        let release!: () => void;
        await attempt(() => {
          db.exec('BEGIN IMMEDIATE');
          lock = new Promise<void>((resolve) => (release = resolve));
        });
        try {
          const result = await fn(inTx);
          db.exec('COMMIT');
          return result;
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw err;
        } finally {
          lock = null;
          release();
        }
      }),
    beforeMigrate: async () => {},
    async close() {
      while (lock) await lock;
      if (db.open) db.close();
    },
  };
}
