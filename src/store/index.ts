// Store factory: SQLite (embedded default) or PostgreSQL (several replicas), chosen by options.
import type { Store } from '../core/store.js';
import { createPostgresStore } from './postgres/index.js';
import { createSqliteStore } from './sqlite/index.js';

export type StoreOptions =
  | { kind: 'sqlite'; path: string; busyTimeoutMs?: number }
  | { kind: 'postgres'; url: string; schema?: string; max?: number; onIdleError?: (err: Error) => void };

/** Creates the store; with `migrate` (default true) applies pending migrations before returning. */
export async function createStore(opts: StoreOptions, { migrate = true }: { migrate?: boolean } = {}): Promise<Store> {
  const store = opts.kind === 'sqlite' ? createSqliteStore(opts) : createPostgresStore(opts);
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

export { createSqliteStore, createPostgresStore };
export { MIGRATIONS } from './migrations/index.js';
