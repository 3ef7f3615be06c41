// Child process for the two-process test: one Warden worker on a shared PostgreSQL schema and a shared Okta emulator.
// Prints `ready`, waits for `go` on stdin, approves its share of the requests while resuming in a loop, and exits when none is open.
import { createInterface } from 'node:readline';
import { createOktaDirectory } from '../../src/directory/okta/index.js';
import { isolateOktaSdk } from './okta-env.js';
import { openRequestWorld } from './request-world.js';

isolateOktaSdk();
const env = (k: string) =>
  process.env[k] ??
  (() => {
    throw new Error(`${k} is not set`);
  })();
const worker = env('TWO_WORKER');
const ids = env('TWO_APPROVE').split(',').filter(Boolean);
const deadline = Date.now() + Number(process.env.TWO_DEADLINE_MS ?? 60_000);
let applied = 0;

const world = await openRequestWorld({
  store: { kind: 'postgres', url: env('TWO_PG_URL'), schema: env('TWO_PG_SCHEMA') },
  directory: createOktaDirectory({ orgUrl: env('TWO_OKTA_URL'), token: env('TWO_OKTA_TOKEN') }),
  requests: {
    executor: { workerId: worker },
    onEvent: (e) => {
      if (e === 'applied') applied++;
    },
  },
});
const approver = await world.person(env('TWO_APPROVER'));

console.log('ready');
const lines = createInterface({ input: process.stdin });
await new Promise<void>((res) =>
  lines.on('line', (l) => {
    if (l.trim() === 'go') res();
  }),
);
lines.close();

// Each approval starts execution here at once; the resume loop races the other process for everything approved.
const approving = (async () => {
  for (const id of ids) await world.approvals.decide(id, approver, 'approve', `approved in ${worker}`);
})();
const resuming = (async () => {
  for (;;) {
    await world.executor.resume();
    if ((await world.store.countRequests({ status: ['pending', 'approved', 'executing'] })) === 0) return;
    if (Date.now() > deadline) throw new Error(`${worker}: requests still open at the deadline`);
    await new Promise((r) => setTimeout(r, 5));
  }
})();
await Promise.all([approving, resuming]);
await world.executor.idle();
await world.close();
console.log(JSON.stringify({ worker, applied, approved: ids.length }));
