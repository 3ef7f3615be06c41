// Child process for the request-invariant tests: one Warden process on a shared store (PostgreSQL schema or SQLite file).
// Prints `ready`, waits for `go` on stdin, files its share of request_group_add calls all at once, and prints what each got.
import { createInterface } from 'node:readline';
import { createLocalDirectory } from '../../src/directory/local/local-directory.js';
import type { StoreOptions } from '../../src/store/index.js';
import { ACME_DIR, openRequestWorld } from './request-world.js';

const env = (k: string) =>
  process.env[k] ??
  (() => {
    throw new Error(`${k} is not set`);
  })();
const store: StoreOptions = process.env.INV_PG_SCHEMA
  ? { kind: 'postgres', url: env('INV_PG_URL'), schema: env('INV_PG_SCHEMA') }
  : { kind: 'sqlite', path: env('INV_SQLITE_PATH') };
const users = env('INV_USERS').split(',');
const group = env('INV_GROUP');

// Filing only reads the directory: each process may keep its own copy of the demo company.
const world = await openRequestWorld({
  store,
  directory: createLocalDirectory({ seedPath: `${ACME_DIR}/directory.json` }),
});
const helpdesk = (await world.directory.getUser(env('INV_REQUESTER')))!;
const principal = {
  kind: 'agent' as const,
  clientId: 'claude-desktop',
  auth: 'api_key' as const,
  person: { id: helpdesk.id, login: helpdesk.login },
};

console.log('ready');
const lines = createInterface({ input: process.stdin });
await new Promise<void>((res) =>
  lines.on('line', (l) => {
    if (l.trim() === 'go') res();
  }),
);
lines.close();

const results = await Promise.all(
  users.map(async (user) => {
    const r = await world.governance.call({
      principal,
      tool: 'request_group_add',
      input: { user, group, reason: 'Joining the project team for Q1 planning' },
    });
    return r.ok
      ? { ok: true, id: (r.output as { id: string }).id }
      : { ok: false, code: r.error.code, message: r.error.message };
  }),
);
await world.close();
console.log(JSON.stringify(results));
