#!/usr/bin/env node
// The `warden` command: runs the compiled build in dist/ (`npm run build`; `npm ci` and `npm start` build it when needed).
import { existsSync } from 'node:fs';

process.env.LANCEDB_LOG ??= 'error';
const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'Warden is not built yet: run `npm run build` (or `npm ci`, which builds it) in the Warden folder, then try again.\n',
  );
  process.exit(1);
}
await import(entry.href);
