// The PostgreSQL Store: the shared SQL store over a pg Pool.
import type { Store } from '../../core/store.js';
import { createSqlStore } from '../sql/sql-store.js';
import { createPgDriver, type PgDriverOptions } from './pg-driver.js';

export type { PgDriverOptions as PostgresStoreOptions } from './pg-driver.js';

/** Connects a pool (lazily); call `migrate()` before use. With `schema`, every table lives in that schema. */
export const createPostgresStore = (opts: PgDriverOptions): Store => createSqlStore(createPgDriver(opts));
