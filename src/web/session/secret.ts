// The key that signs session cookies: from configuration, or generated once and kept in the data dir.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Returns `configured` when set. Otherwise reads `<dataDir>/session-secret`, creating it (mode 0600)
 * on first use, so sessions survive restarts. Several replicas must share a configured secret.
 */
export function resolveSessionSecret(opts: { configured?: string; dataDir: string }): string {
  if (opts.configured) return opts.configured;
  const file = join(opts.dataDir, 'session-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (err) {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw err;
  }
}
