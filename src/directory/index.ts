// Directory factory: the embedded demo company (local) or a real Okta org, chosen by configuration.
import type { Logger } from 'pino';
import type { DirectoryPort } from '../core/directory.js';
import type { Config } from '../config.js';
import { createLocalDirectory } from './local/local-directory.js';

/** Builds the configured DirectoryPort. */
export async function createDirectory(cfg: Config['directory'], log: Logger): Promise<DirectoryPort> {
  if (cfg.kind === 'local') return createLocalDirectory({ seedPath: cfg.seedPath, statePath: cfg.statePath });
  const { createOktaDirectory } = await import('./okta/index.js');
  return createOktaDirectory({ orgUrl: cfg.orgUrl, token: cfg.token, oauth: cfg.oauth, catalogueTtlMs: cfg.catalogueTtlMs, log: log.child({ component: 'okta' }) });
}
