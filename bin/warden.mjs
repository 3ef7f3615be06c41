#!/usr/bin/env node
// The `warden` command: runs the TypeScript sources through tsx, so a checkout needs no build step.
process.env.LANCEDB_LOG ??= 'error';
const { register } = await import('tsx/esm/api');
register();
await import('../src/cli.ts');
