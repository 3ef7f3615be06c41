// PostgreSQL driver (pg Pool): `?` placeholders, optional schema via search_path, one client per transaction; outages become `unavailable`, never a crash.
import pg from 'pg';
import type { SqlDriver, SqlExecutor } from '../sql/driver.js';
import { createAvailability, type AvailabilityListener } from '../availability.js';
import { classifyStoreError, commitUnknown } from '../store-errors.js';

export interface PgDriverOptions {
  /** e.g. `postgres://postgres@127.0.0.1:5432/warden`. */
  url: string;
  /** Schema for every table (created by migrate); default: the server's search_path. */
  schema?: string;
  /** Pool size. */
  max?: number;
  /** Called when an idle pooled connection fails (the pool drops it). */
  onIdleError?: (err: Error) => void;
  /** Told once when the database stops answering and once when it is back. */
  onAvailability?: AvailabilityListener;
  /** `application_name` of every connection, so operators can find (and terminate) Warden's sessions. Default `warden`; a URL parameter wins. */
  applicationName?: string;
  /** Longest wait for a connection (a free pool slot, or a new connection). Default 4 s. */
  connectTimeoutMs?: number;
  /** Server-side statement_timeout. Default 5 s (migrations have none). */
  statementTimeoutMs?: number;
  /** Client-side limit for an answer, for a server or network that hangs. Default 6 s. */
  queryTimeoutMs?: number;
  /** The server ends a session idle inside a transaction this long (a frozen replica must not hold locks). Default 30 s. */
  idleInTransactionTimeoutMs?: number;
  /** After the server could not be reached, calls fail at once for this long before one tries again. Default 1 s. */
  failFastMs?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Client-side answer limit inside a migration (index builds on big tables). */
const MIGRATION_TIMEOUT_MS = 3_600_000;

/** Rewrites `?` placeholders to `$1…$n`. Store SQL never has `?` inside literals. */
function toPg(sql: string, cache: Map<string, string>): string {
  let out = cache.get(sql);
  if (out === undefined) {
    let n = 0;
    out = sql.replace(/\?/g, () => `$${++n}`);
    cache.set(sql, out);
  }
  return out;
}

/** int8 (counts, seq) as numbers: every value Warden stores there is far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** One statement; `rowMode: 'array'` returns rows as value arrays (fast bulk reads). */
type Query = (sql: string, params?: unknown[], rowMode?: 'array') => Promise<pg.QueryResult>;

export function createPgDriver(opts: PgDriverOptions): SqlDriver {
  const { url, schema, max = 10, onIdleError } = opts;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types,
    application_name: opts.applicationName ?? 'warden',
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 4_000,
    statement_timeout: opts.statementTimeoutMs ?? 5_000,
    query_timeout: opts.queryTimeoutMs ?? 6_000,
    idle_in_transaction_session_timeout: opts.idleInTransactionTimeoutMs ?? 30_000,
    // A peer that vanished without a FIN (failover, network cut) is noticed by the kernel, not never.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const availability = createAvailability({ onChange: opts.onAvailability, failFastMs: opts.failFastMs ?? 1_000 });
  // An idle connection that fails is dropped by the pool; without this listener the 'error' event would end the process.
  pool.on('error', (err) => {
    availability.fault(err);
    onIdleError?.(err);
  });
  const cache = new Map<string, string>();
  const migrating = new WeakSet<SqlExecutor>();

  const executor = (query: Query, transaction: SqlExecutor['transaction']): SqlExecutor => ({
    dialect: 'postgres',
    all: async <T>(sql: string, params?: unknown[]) => (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, params?: unknown[]) => (await query(sql, params)).rows[0] as T | undefined,
    values: async (sql, params) => (await query(sql, params, 'array')).rows as unknown[][],
    run: async (sql, params) => (await query(sql, params)).rowCount ?? 0,
    exec: async (sql) => void (await query(sql)),
    transaction,
  });

  const poolQuery: Query = (sql, params, rowMode) =>
    availability.guard(() => pool.query({ text: toPg(sql, cache), values: params, ...(rowMode ? { rowMode } : {}) }));

  const transaction = <T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> =>
    availability.guard(async () => {
      const client = await pool.connect();
      let broken: Error | undefined;
      // pg-pool removes its own error listener while a client is checked out: a connection that dies between two
      // statements (while `fn` awaits something else) would otherwise raise an unhandled 'error'.
      const onError = (err: Error) => {
        broken ??= err;
      };
      client.on('error', onError);
      const query: Query = async (sql, params, rowMode) => {
        try {
          return await client.query({
            text: toPg(sql, cache),
            values: params,
            ...(rowMode ? { rowMode } : {}),
            ...(migrating.has(tx) ? { query_timeout: MIGRATION_TIMEOUT_MS } : {}),
          });
        } catch (err) {
          const f = classifyStoreError(err);
          if (f?.connectionLost) broken ??= err as Error;
          throw f?.error ?? err;
        }
      };
      const tx: SqlExecutor = executor(query, (inner) => inner(tx));
      try {
        await query('BEGIN');
        let result: T;
        try {
          result = await fn(tx);
          if (broken) throw broken; // the connection died after fn's last statement: nothing can be committed
        } catch (err) {
          // A lost connection needs no ROLLBACK: the server rolls back when the session ends.
          if (!broken) await query('ROLLBACK').catch((e: Error) => (broken ??= e));
          throw err;
        }
        try {
          await query('COMMIT');
        } catch (err) {
          // The COMMIT may have reached the server before the connection went (or the wait was cut): its outcome is
          // unknown, never "done". A refusal the server did answer (serialization, deferred constraint) rolled back.
          if (broken || classifyStoreError(err)) throw commitUnknown(err);
          throw err;
        }
        return result;
      } finally {
        client.release(broken ?? false); // with an error, pg-pool discards the connection
        client.off('error', onError);
      }
    });

  return {
    ...executor(poolQuery, transaction),
    async beforeMigrate(tx) {
      // Index builds on large tables may take long; nothing else does.
      migrating.add(tx);
      await tx.exec('SET LOCAL statement_timeout = 0');
      // One migrator at a time per schema, across processes; the lock ends with the transaction.
      await tx.get('SELECT pg_advisory_xact_lock(hashtext(?))', [`warden:migrate:${schema ?? ''}`]);
      if (schema) await tx.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    },
    close: () => pool.end(),
  };
}
