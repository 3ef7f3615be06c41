// Lifecycle benchmark: Okta hook intake while the queue drains, a 10,000-event burst (no loss, peak RSS), and HR termination → access removed.
// Run: npx tsx bench/hooks.ts [--events 10000] [--concurrency 32] [--batch 1] [--store sqlite|postgres]
import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import { numberFlag, stringFlag } from './lib/args.js';
import { listen } from './lib/listen.js';
import { fmt, printTable } from './lib/table.js';
import { lifecycleWarden, today } from '../test/lifecycle/support.js';
import { freshSchemaName, PG_URL, pgRaw } from '../test/store/harness.js';

const EVENTS = numberFlag('events', 10_000);
const CONCURRENCY = numberFlag('concurrency', 32);
const BATCH = Math.max(1, numberFlag('batch', 1));
const STORE = stringFlag('store') ?? 'sqlite';
const SECRET = 'bench-secret';
const rssMb = () => process.memoryUsage().rss / 2 ** 20;

async function burst(batch: number) {
  const schema = STORE === 'postgres' ? freshSchemaName() : undefined;
  const w = await lifecycleWarden({
    store: schema ? { kind: 'postgres', url: PG_URL, schema } : undefined,
    lifecycle: { oktaHookSecret: SECRET, runner: { pollMs: 5, concurrency: 8 } },
  });
  const app = new Hono();
  for (const r of w.lifecycle.routes) app.route('/', r);
  const server = await listen(app);
  // Real users of the demo company: each event is a sign-in, which runs the terminated-but-active check (directory + HR reads).
  const users = (await w.directory.findUsers({ limit: 200 })).items;
  w.lifecycle.runner.start();
  let peak = rssMb();
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb());
  }, 20);
  const envelopes = Math.ceil(EVENTS / batch);
  let next = 0;
  let rejected = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < envelopes) {
        const i = next++;
        const events = Array.from({ length: Math.min(batch, EVENTS - i * batch) }, (_, k) => {
          const u = users[(i * batch + k) % users.length]!;
          return {
            uuid: randomUUID(),
            published: new Date().toISOString(),
            eventType: 'user.session.start',
            displayMessage: 'User login to Okta',
            severity: 'INFO',
            actor: { id: u.id, type: 'User', alternateId: u.login, displayName: u.displayName },
            target: [{ id: u.id, type: 'User', alternateId: u.login, displayName: u.displayName }],
            outcome: { result: 'SUCCESS' },
          };
        });
        const res = await fetch(`${server.url}/hooks/okta`, {
          method: 'POST',
          headers: { Authorization: SECRET, 'Content-Type': 'application/json' },
          body: JSON.stringify({ eventType: 'com.okta.event_hook', data: { events } }),
        });
        await res.arrayBuffer();
        if (res.status !== 200) rejected++;
      }
    }),
  );
  const accepted = performance.now() - t0;
  const queuedAtEnd = (await w.store.countJobs()).queued;
  const deadline = Date.now() + 300_000;
  let counts = await w.store.countJobs();
  while (counts.done < EVENTS && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    counts = await w.store.countJobs();
  }
  const drained = performance.now() - t0;
  clearInterval(sampler);
  await server.close();
  await w.close();
  if (schema) await pgRaw(undefined, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  return {
    batch,
    acceptedPerSec: EVENTS / (accepted / 1000),
    acceptMs: accepted,
    queuedAtEnd,
    drainMs: drained,
    drainedPerSec: counts.done / (drained / 1000),
    done: counts.done,
    dead: counts.dead,
    rejected,
    peak,
  };
}

async function terminationToRemoval() {
  const w = await lifecycleWarden({ lifecycle: { hrPollIntervalMs: 200, reportCheckMs: 50, runner: { pollMs: 10 } } });
  const seed = (await w.directory.listApps()).map((a) => a.id);
  let leaver: { employeeId: string; login: string; id: string } | undefined;
  for (const rec of await w.hr.listEmployees()) {
    const u = rec.status === 'Active' && !rec.terminationDate ? await w.directory.getUser(rec.workEmail) : null;
    if (u?.status !== 'ACTIVE' || !u.managerId) continue;
    for (const appId of seed)
      if ((await w.directory.getAppAssignment(appId, u.id))?.scope === 'USER') {
        leaver = { employeeId: rec.employeeId, login: u.login, id: u.id };
        break;
      }
    if (leaver) break;
  }
  await w.lifecycle.syncHr(); // baseline
  w.lifecycle.start();
  const t0 = performance.now();
  w.editHr(leaver!.employeeId, { status: 'Inactive', terminationDate: today() });
  let requested = 0;
  let approvals = 0;
  // The scripted approver: approves whatever is pending for the leaver as soon as it appears.
  while (performance.now() - t0 < 60_000) {
    const done = await w.approveAll(leaver!.login);
    if (done.length && !requested) requested = performance.now() - t0;
    approvals += done.reduce((n, d) => n + d.approvers.length, 0);
    const u = await w.directory.getUser(leaver!.id);
    const direct = await Promise.all(seed.map((a) => w.directory.getAppAssignment(a, leaver!.id)));
    if (
      u?.status === 'DEPROVISIONED' &&
      direct.every((a) => a?.scope !== 'USER') &&
      (await w.store.countRequests({ subject: leaver!.login, status: 'pending' })) === 0
    )
      break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const removed = performance.now() - t0;
  const requests = await w.store.countRequests({ subject: leaver!.login });
  await w.close();
  return { requested, removed, requests, approvals, login: leaver!.login };
}

const rows = [];
for (const batch of [...new Set([BATCH, 100])]) rows.push(await burst(batch));
printTable(
  `Okta hook intake: ${EVENTS} events (sign-ins of real demo users), ${CONCURRENCY} concurrent senders, ${STORE} store, runner concurrency 8`,
  [
    'events/envelope',
    'accepted ev/s',
    'accept ms',
    'queued when sending ended',
    'drained ev/s',
    'all done ms',
    'done',
    'dead',
    'rejected',
    'peak RSS MB',
  ],
  rows.map((r) => [
    r.batch,
    fmt(r.acceptedPerSec),
    fmt(r.acceptMs),
    r.queuedAtEnd,
    fmt(r.drainedPerSec),
    fmt(r.drainMs),
    r.done,
    r.dead,
    r.rejected,
    fmt(r.peak),
  ]),
);
const t = await terminationToRemoval();
printTable(
  'HR termination → access removed (demo company, file export polled every 200 ms, scripted approver)',
  ['leaver', 'requests filed', 'approvals given', 'ms to requests pending', 'ms to deactivated + apps removed'],
  [[t.login, t.requests, t.approvals, fmt(t.requested), fmt(t.removed)]],
);
console.log(`\nprocess peak RSS (maxRSS): ${fmt(process.resourceUsage().maxRSS / 1024)} MB`);
process.exit(0);
