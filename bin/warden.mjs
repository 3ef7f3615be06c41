#!/usr/bin/env node
// The `warden` command: runs the compiled build in dist/ (`npm run build`; `npm ci` and `npm start` build it when needed):
// the start-up bundle (dist/bundle/cli.js) when there is one, else the compiled modules (dist/cli.js).
import { existsSync } from 'node:fs';

process.env.LANCEDB_LOG ??= 'error';
const bundled = new URL('../dist/bundle/cli.js', import.meta.url);
const entry = existsSync(bundled) ? bundled : new URL('../dist/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'Warden is not built yet: run `npm run build` (or `npm ci`, which builds it) in the Warden folder, then try again.\n',
  );
  process.exit(1);
}
await import(entry.href);
