// Directory factory: the embedded demo company (local) or a real Okta org, chosen by configuration.
import type { Logger } from 'pino';
import type { DirectoryPort } from '../core/directory.js';
import type { Config } from '../config.js';
import type { Store } from '../core/store.js';
import { createLocalDirectory } from './local/local-directory.js';

/** Builds the configured DirectoryPort; the local directory keeps its changes in `store` (without one, in memory only). */
export async function createDirectory(cfg: Config['directory'], log: Logger, store?: Store): Promise<DirectoryPort> {
  if (cfg.kind === 'local')
    return createLocalDirectory({
      seedPath: cfg.seedPath,
      store,
      legacyStatePath: store ? cfg.legacyStatePath : undefined,
    });
  const { createOktaDirectory } = await import('./okta/index.js');
  return createOktaDirectory({
    orgUrl: cfg.orgUrl,
    token: cfg.token,
    oauth: cfg.oauth,
    catalogueTtlMs: cfg.catalogueTtlMs,
    log: log.child({ component: 'okta' }),
  });
}
