// Store factory: SQLite (embedded default) or PostgreSQL (several replicas), chosen by options.
import type { Store } from '../core/store.js';

export type StoreOptions =
  | { kind: 'sqlite'; path: string; busyTimeoutMs?: number }
  | { kind: 'postgres'; url: string; schema?: string; max?: number; onIdleError?: (err: Error) => void };

/** Creates the store; with `migrate` (default true) applies pending migrations before returning. */
export async function createStore(opts: StoreOptions, { migrate = true }: { migrate?: boolean } = {}): Promise<Store> {
  // Each driver (and its native module or client library) is loaded only when configured.
  const store = opts.kind === 'sqlite'
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

export { MIGRATIONS } from './migrations/index.js';
