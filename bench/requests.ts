// Access requests applied per second end to end (file through the governed tool → a person approves → the executor applies), local directory.
// Run: npx tsx bench/requests.ts [--pg] [--requests=400] [--concurrency=8]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { numberFlag } from './lib/args.js';
import { createLocalDirectory } from '../src/directory/local/local-directory.js';
import { loadSeed } from '../src/directory/seed.js';
import type { StoreOptions } from '../src/store/index.js';
import type { Principal } from '../src/core/principal.js';
import { ACME_DIR, openRequestWorld } from '../test/support/request-world.js';

const usePg = process.argv.includes('--pg');
const N = numberFlag('requests', 400);
const CONCURRENCY = numberFlag('concurrency', 8);
const WARMUP = 20;
const PG_URL = process.env.WARDEN_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const HELPDESK = 'gabriel.reddy@acme.example';

const dir = mkdtempSync(join(tmpdir(), 'warden-bench-requests-'));
// The example policy, with the person-app hourly request limit lifted so hundreds of requests can be filed.
const policyPath = join(dir, 'policy.yaml');
writeFileSync(
  policyPath,
  readFileSync(`${ACME_DIR}/policy.yaml`, 'utf8').replace(/requestsPerHour: 200\b/g, 'requestsPerHour: 10000000'),
);
const schema = `bench_requests_${process.pid}`;
const store: StoreOptions = usePg
  ? { kind: 'postgres', url: PG_URL, schema }
  : { kind: 'sqlite', path: join(dir, 'warden.db') };
const world = await openRequestWorld({
  store,
  policyPath,
  directory: createLocalDirectory({ seedPath: `${ACME_DIR}/directory.json` }),
  logLevel: 'error',
});

/** Distinct (user, ordinary group, owner) triples: each request is a real change an owner may approve. */
function pairs(): Array<{ user: string; group: string; owner: string }> {
  const seed = loadSeed(`${ACME_DIR}/directory.json`);
  const login = new Map(seed.users.map((u) => [u.id, u]));
  const groups = seed.groups
    .filter((g) => g.type === 'OKTA_GROUP' && world.policy.tagsFor('group', g.profile.name).length === 0)
    .map((g) => ({
      g,
      owner: g.owners.map((o) => login.get(o)!).find((u) => u.status === 'ACTIVE' && u.profile.login !== HELPDESK),
    }))
    .filter((x) => x.owner);
  const out: Array<{ user: string; group: string; owner: string }> = [];
  for (const u of seed.users) {
    if (u.status !== 'ACTIVE' || u.profile.login === HELPDESK) continue;
    for (const { g, owner } of groups) {
      if (g.members.some((m) => m.userId === u.id) || g.owners.includes(u.id)) continue;
      out.push({ user: u.profile.login, group: g.profile.name, owner: owner!.profile.login });
    }
  }
  return out;
}

const work = pairs();
if (work.length < WARMUP + 2 * N)
  throw new Error(`only ${work.length} distinct changes available; ask for fewer --requests`);
const requester = await world.person(HELPDESK);
const approvers = new Map<string, Principal>();
const approver = async (login: string) =>
  approvers.get(login) ?? approvers.set(login, await world.person(login)).get(login)!;
const phases = { file: 0, approve: 0, apply: 0 };

/** One request end to end; returns when the executor has recorded it applied. */
async function oneRequest(p: { user: string; group: string; owner: string }): Promise<void> {
  let t = performance.now();
  const req = await world.fileGroupAdd(requester, p.user, p.group);
  phases.file += performance.now() - t;
  t = performance.now();
  await world.approvals.decide(req.id, await approver(p.owner), 'approve'); // starts the executor
  phases.approve += performance.now() - t;
  t = performance.now();
  await world.executor.execute(req.id); // joins the run the approval started
  phases.apply += performance.now() - t;
}

async function run(label: string, items: typeof work, concurrency: number): Promise<void> {
  let next = 0;
  Object.assign(phases, { file: 0, approve: 0, apply: 0 });
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await oneRequest(items[next++]!);
    }),
  );
  const s = (performance.now() - t) / 1000;
  const per = (ms: number) => `${(ms / items.length).toFixed(2)} ms`;
  console.log(
    `${label}: ${items.length} requests in ${s.toFixed(2)} s = ${Math.round(items.length / s)} applied/s` +
      (concurrency === 1
        ? ` (per request: file ${per(phases.file)}, approve ${per(phases.approve)}, apply ${per(phases.apply)})`
        : ''),
  );
}

try {
  console.log(`backend: ${store.kind}, local directory (in memory), node ${process.version}`);
  await run('warm-up', work.slice(0, WARMUP), 1);
  await run('sequential (1 at a time)', work.slice(WARMUP, WARMUP + N), 1);
  await run(`concurrent (${CONCURRENCY} at a time)`, work.slice(WARMUP + N, WARMUP + 2 * N), CONCURRENCY);
  const applied = await world.store.countRequests({ status: 'applied' });
  const verify = await world.audit.verify();
  console.log(
    `applied: ${applied} of ${WARMUP + 2 * N}; audit verify: ${verify.ok ? 'ok' : 'BROKEN'} (${verify.count} records)`,
  );
} finally {
  await world.close();
  if (usePg) {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }
  rmSync(dir, { recursive: true, force: true });
}
