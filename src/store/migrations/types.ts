// Migration shape and the column types that differ between SQLite and PostgreSQL.
import type { Dialect } from '../sql/driver.js';

/** Column types by dialect: timestamps, JSON documents and 64-bit integers. */
export interface ColumnTypes {
  ts: string;
  json: string;
  int8: string;
}

export const columnTypes = (d: Dialect): ColumnTypes =>
  d === 'postgres'
    ? { ts: 'TIMESTAMPTZ', json: 'JSONB', int8: 'BIGINT' }
    : { ts: 'TEXT', json: 'TEXT', int8: 'INTEGER' };

/** One schema change. `up` returns the statements to run, in order, inside the migration transaction. */
export interface Migration {
  version: number;
  name: string;
  up(dialect: Dialect, t: ColumnTypes): string[];
}
