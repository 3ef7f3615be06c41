// Policy decision latency: 100,000 decide() calls with the example policy over a realistic mix of calls.
// Run: npx tsx bench/policy-decide.ts
import { readFileSync } from 'node:fs';
import type { CallFacts } from '../src/core/policy.js';
import { buildFacts, type CallSpec } from '../src/policies/build-facts.js';
import { decide } from '../src/policies/decide.js';
import { loadPolicy } from '../src/policies/loader.js';

const N = 100_000;
const loaded = loadPolicy('examples/acme/policy.yaml');
if (!loaded.ok) throw new Error('example policy is invalid');
const policy = loaded.policy;

interface Seed {
  users: Array<{ id: string; profile: { login: string; department?: string; manager?: string } }>;
  groups: Array<{ profile: { name: string }; owners: string[] }>;
  apps: Array<{ name: string }>;
}
const seed = JSON.parse(readFileSync('examples/acme/directory.json', 'utf8')) as Seed;
const loginById = new Map(seed.users.map((u) => [u.id, u.profile.login]));
const people = Object.fromEntries(
  seed.users.map((u) => [u.profile.login, { department: u.profile.department, manager: u.profile.manager }]),
);
const owners = {
  groups: Object.fromEntries(
    seed.groups.map((g) => [g.profile.name, g.owners.map((o) => loginById.get(o)!).filter(Boolean)]),
  ),
};

// Deterministic PRNG so runs are comparable.
let state = 42;
const rand = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const agents = ['claude-desktop', 'helpdesk-assistant'];
const reads = [
  'lookup_user',
  'search_users',
  'list_user_access',
  'check_access',
  'get_group',
  'list_group_members',
  'list_requests',
];
const reasons = [
  'Joining the Atlas re-architecture team',
  'CHG-2041 rotate prod database credentials',
  'INC-5521 laptop reported stolen',
  '.',
  'need it',
  'left the team',
];

function randomCall(): CallSpec {
  const user = pick(seed.users).profile.login;
  const requester = pick(seed.users).profile.login;
  const agent = rand() < 0.7;
  const principal = agent
    ? { kind: 'agent' as const, clientId: pick(agents), person: requester }
    : { kind: 'person' as const, clientId: 'warden-web', person: requester };
  const r = rand();
  if (r < 0.4)
    return {
      principal: rand() < 0.1 ? { kind: 'agent', clientId: pick(['reporting-bot', 'rogue']) } : principal,
      tool: pick(reads),
      input: { query: user },
    };
  const reason = pick(reasons);
  const duration = rand() < 0.3 ? pick(['4h', '12h', '7d', '120d']) : undefined;
  if (r < 0.75)
    return {
      principal,
      tool: 'request_group_add',
      input: { user, group: pick(seed.groups).profile.name, reason, ...(duration ? { duration } : {}) },
    };
  if (r < 0.85)
    return { principal, tool: 'request_app_assignment', input: { user, app: pick(seed.apps).name, reason } };
  if (r < 0.95)
    return {
      principal,
      tool: pick(['request_group_remove', 'request_app_removal']),
      input: { user, group: pick(seed.groups).profile.name, reason },
    };
  return { principal, tool: pick(['request_user_suspend', 'request_user_deactivate']), input: { user, reason } };
}

const pool: CallFacts[] = Array.from({ length: 2000 }, () => buildFacts(policy, randomCall(), { people, owners }));
const effects: Record<string, number> = {};
for (const f of pool) {
  const d = decide(policy, f);
  effects[d.effect] = (effects[d.effect] ?? 0) + 1;
}

for (let i = 0; i < 20_000; i++) decide(policy, pool[i % pool.length]!); // warm up the JIT

const samples = new Float64Array(N);
let sink = 0;
for (let i = 0; i < N; i++) {
  const f = pool[i % pool.length]!;
  const t0 = process.hrtime.bigint();
  const d = decide(policy, f);
  samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
  sink += d.rule.length;
}
// Throughput without per-call timers: best of three rounds (the machine may be shared).
let totalMs = Infinity;
for (let round = 0; round < 3; round++) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) sink += decide(policy, pool[i % pool.length]!).rule.length;
  totalMs = Math.min(totalMs, Number(process.hrtime.bigint() - t0) / 1e6);
}

samples.sort();
const q = (p: number) => samples[Math.min(N - 1, Math.floor(p * N))]!.toFixed(2);
console.log(
  `policy decide(): ${N.toLocaleString()} calls, example policy ${policy.hash}, mix ${JSON.stringify(effects)} per 2,000 facts`,
);
console.log(`p50 ${q(0.5)} µs   p99 ${q(0.99)} µs   max ${samples[N - 1]!.toFixed(1)} µs   (per-call timer included)`);
console.log(
  `throughput ${Math.round(N / (totalMs / 1000)).toLocaleString()} decisions/s (${((totalMs * 1000) / N).toFixed(2)} µs mean, no per-call timer, best of 3)`,
);
if (sink === 0) console.log('');
