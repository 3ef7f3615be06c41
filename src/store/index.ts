// Store factory: SQLite (embedded default) or PostgreSQL (several replicas), chosen by options.
import type { Store } from '../core/store.js';
import type { PostgresStoreOptions } from './postgres/index.js';
import type { SqliteStoreOptions } from './sqlite/index.js';

/** Either store; `onAvailability` is told once when the store stops answering and once when it is back. */
export type StoreOptions = ({ kind: 'sqlite' } & SqliteStoreOptions) | ({ kind: 'postgres' } & PostgresStoreOptions);

/** Creates the store; with `migrate` (default true) applies pending migrations before returning. */
export async function createStore(opts: StoreOptions, { migrate = true }: { migrate?: boolean } = {}): Promise<Store> {
  // Each driver (and its native module or client library) is loaded only when configured.
  const store =
    opts.kind === 'sqlite'
      ? (await import('./sqlite/index.js')).createSqliteStore(opts)
      : (await import('./postgres/index.js')).createPostgresStore(opts);
  if (migrate) {
    try {
      await store.migrate();
    } catch (err) {
      await store.close().catch(() => {});
      throw err;
    }
  }
  return store;
}

export type { AvailabilityListener } from './availability.js';
export { MIGRATIONS } from './migrations/index.js';
