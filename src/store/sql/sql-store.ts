// The Store built once over a SqlDriver: the SQLite and PostgreSQL stores differ only in their driver.
import type { Store } from '../../core/store.js';
import type { SqlDriver, SqlExecutor } from './driver.js';
import { auditOps } from './audit-ops.js';
import { keyMetaOps } from './key-meta-ops.js';
import { appliedVersions, runMigrations } from './migrate.js';
import { requestOps } from './request-ops.js';
import { jobOps } from './job-ops.js';
import { directoryChangeOps } from './directory-change-ops.js';

/** A Store over the driver; `withTransaction` hands `fn` the same Store bound to the transaction. */
export function createSqlStore(driver: SqlDriver): Store {
  const kind = driver.dialect;
  const build = (db: SqlExecutor): Store => {
    const self: Store = {
      kind,
      migrate: () => runMigrations(driver),
      appliedMigrations: () => appliedVersions(db),
      ...keyMetaOps(db),
      ...auditOps(db),
      ...requestOps(db),
      ...jobOps(db),
      ...directoryChangeOps(db),
      withTransaction: (fn) => db.transaction((tx) => fn(tx === db ? self : build(tx))),
      close: () => driver.close(),
    };
    return self;
  };
  return build(driver);
}
