// PostgreSQL driver (pg Pool): `?` placeholders, optional schema via search_path, one client per transaction.
import pg from 'pg';
import type { SqlDriver, SqlExecutor } from '../sql/driver.js';

export interface PgDriverOptions {
  /** e.g. `postgres://postgres@127.0.0.1:5432/warden`. */
  url: string;
  /** Schema for every table (created by migrate); default: the server's search_path. */
  schema?: string;
  /** Pool size. */
  max?: number;
  /** Called when an idle pooled connection fails (the pool drops it). */
  onIdleError?: (err: Error) => void;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

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

export function createPgDriver({ url, schema, max = 10, onIdleError }: PgDriverOptions): SqlDriver {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  const pool = new pg.Pool({ connectionString: url, max, types, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  pool.on('error', (err) => onIdleError?.(err));
  const cache = new Map<string, string>();

  const executor = (q: pg.Pool | pg.PoolClient, transaction: SqlExecutor['transaction']): SqlExecutor => ({
    dialect: 'postgres',
    all: async <T>(sql: string, params?: unknown[]) => (await q.query(toPg(sql, cache), params)).rows as T[],
    get: async <T>(sql: string, params?: unknown[]) => (await q.query(toPg(sql, cache), params)).rows[0] as T | undefined,
    values: async (sql, params) => (await q.query({ text: toPg(sql, cache), values: params, rowMode: 'array' })).rows as unknown[][],
    run: async (sql, params) => (await q.query(toPg(sql, cache), params)).rowCount ?? 0,
    exec: async (sql) => void (await q.query(sql)),
    transaction,
  });

  const transaction = async <T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    const tx: SqlExecutor = executor(client, (inner) => inner(tx));
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw err;
    } finally {
      client.release(broken);
    }
  };

  return {
    ...executor(pool, transaction),
    async beforeMigrate(tx) {
      // One migrator at a time per schema, across processes; the lock ends with the transaction.
      await tx.get('SELECT pg_advisory_xact_lock(hashtext(?))', [`warden:migrate:${schema ?? ''}`]);
      if (schema) await tx.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    },
    close: () => pool.end(),
  };
}
