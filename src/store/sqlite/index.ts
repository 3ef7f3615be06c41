// The SQLite Store: the shared SQL store over the better-sqlite3 driver.
import type { Store } from '../../core/store.js';
import { createSqlStore } from '../sql/sql-store.js';
import { createSqliteDriver, type SqliteDriverOptions } from './sqlite-driver.js';

export type { SqliteDriverOptions as SqliteStoreOptions } from './sqlite-driver.js';

/** Opens (creating directories as needed) the SQLite database; call `migrate()` before use. */
export const createSqliteStore = (opts: SqliteDriverOptions): Store => createSqlStore(createSqliteDriver(opts));
