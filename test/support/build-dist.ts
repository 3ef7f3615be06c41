// Vitest global setup: tests that start `bin/warden.mjs` run the built artifact, so build dist/ first when it is stale.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup(): void {
  const script = resolve(import.meta.dirname, '../../scripts/build.mjs');
  const r = spawnSync(process.execPath, [script, '--if-stale'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building dist/ failed; see the output above');
}
