// The small SQL surface the shared store code runs on; SQLite and PostgreSQL each implement it.

export type Dialect = 'sqlite' | 'postgres';
export type Row = Record<string, unknown>;

/** Runs statements written with `?` placeholders (the PostgreSQL driver rewrites them to `$n`). */
export interface SqlExecutor {
  readonly dialect: Dialect;
  all<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: unknown[]): Promise<T | undefined>;
  /** Rows as arrays of column values in SELECT order (no per-row objects: for reading millions of rows). */
  values(sql: string, params?: unknown[]): Promise<unknown[][]>;
  /** Number of rows changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /** Several statements, no parameters (DDL). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in a transaction bound to one connection; inside a transaction, joins it. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

export interface SqlDriver extends SqlExecutor {
  /** Runs first inside the migration transaction: takes the cross-process lock, creates the schema. */
  beforeMigrate(tx: SqlExecutor): Promise<void>;
  close(): Promise<void>;
}
