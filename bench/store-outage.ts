// Store outages under load: a `warden serve` child on a private PostgreSQL cluster, MCP clients calling lookup_user
// throughout; the cluster is stopped (`pg_ctl stop -m fast`) and started again N times, then frozen (SIGSTOP) once.
// Prints, per round and overall: recovery time after the database is back (to the first successful call and to
// /readyz 200), and the error rate and latency of calls made while it was away.
//
//   npx tsx bench/store-outage.ts [--restarts 5] [--clients 4] [--outage-seconds 3] [--hang-seconds 8]
import { mkdtempSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { numberFlag } from './lib/args.js';
import { persona, ROOT } from './lib/personas.js';
import { stopChild, waitUntil } from './lib/process.js';
import { median, percentile } from './lib/stats.js';
import { fmt, printTable } from './lib/table.js';
import { createStore } from '../src/store/index.js';
import { generateApiKey } from '../src/auth/api-keys.js';
import { startPgCluster } from '../test/support/pg-cluster.js';
import { callTool, connectAgent, type CallOutcome } from '../test/support/mcp-agent.js';

const restarts = Math.max(1, Math.round(numberFlag('restarts', 5)));
const clients = Math.max(1, Math.round(numberFlag('clients', 4)));
const outageMs = numberFlag('outage-seconds', 3) * 1000;
const hangMs = numberFlag('hang-seconds', 8) * 1000;
const args = { query: persona('manager') };

interface Timed extends CallOutcome {
  start: number;
  end: number;
}

const cluster = await startPgCluster();
const store = await createStore({ kind: 'postgres', url: cluster.url, applicationName: 'bench' });
const k = generateApiKey();
await store.createApiKey({
  clientId: 'claude-desktop',
  keyHash: k.hash,
  prefix: k.prefix,
  personLogin: persona('helpdesk'),
});
await store.close();

const dataDir = mkdtempSync(join(tmpdir(), 'warden-outage-bench-'));
const child = spawn(process.execPath, [join(ROOT, 'bin/warden.mjs'), 'serve'], {
  cwd: ROOT,
  stdio: ['ignore', 'pipe', 'pipe'],
  env: {
    PATH: process.env.PATH ?? '',
    HOME: dataDir,
    WARDEN_DATA_DIR: dataDir,
    WARDEN_PORT: '0',
    WARDEN_DATABASE_URL: cluster.url,
    WARDEN_LOG_LEVEL: 'warn',
  },
});
let stdout = '';
let stderr = '';
child.stdout.on('data', (c) => (stdout += c));
child.stderr.on('data', (c) => (stderr += c));
await waitUntil(async () => /MCP \(Streamable HTTP\): /.test(stdout), { timeoutMs: 180_000, everyMs: 100 });
const url = /(http:\/\/\S+)\/mcp/.exec(stdout)![1]!;
const readyz = async () => (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(10_000) })).status;

// Load: every client calls in a loop for the whole run; each call is kept with its start and end time.
const calls: Timed[] = [];
let running = true;
const agents = await Promise.all(Array.from({ length: clients }, (_, i) => connectAgent(url, k.key, `bench-${i}`)));
const load = agents.map(async (a) => {
  while (running) {
    const start = performance.now();
    const r = await callTool(a, 'lookup_user', args, 30_000);
    calls.push({ ...r, start, end: performance.now() });
    if (!r.ok) await new Promise((res) => setTimeout(res, 20)); // a client that got an error waits a moment, as a real one would
  }
});

const firstOkAfter = async (t: number): Promise<number> => {
  await waitUntil(async () => calls.some((c) => c.ok && c.start >= t), { timeoutMs: 120_000, everyMs: 5 });
  return Math.min(...calls.filter((c) => c.ok && c.start >= t).map((c) => c.end)) - t;
};
const readyAfter = async (t: number): Promise<number> => {
  await waitUntil(async () => (await readyz()) === 200, { timeoutMs: 120_000, everyMs: 20 });
  return performance.now() - t;
};
const during = (from: number, to: number) => calls.filter((c) => c.start >= from && c.end <= to);

interface Round {
  name: string;
  recoveryMs: number;
  readyMs: number;
  outage: Timed[];
}
const rounds: Round[] = [];
await new Promise((r) => setTimeout(r, 2_000)); // warm up

for (let i = 0; i < restarts; i++) {
  await new Promise((r) => setTimeout(r, 1_000));
  await cluster.stop('fast');
  const down = performance.now();
  await new Promise((r) => setTimeout(r, outageMs));
  const startAt = performance.now();
  await cluster.start(); // returns once the server accepts connections
  const back = performance.now();
  const outage = during(down, startAt);
  const [recoveryMs, readyMs] = await Promise.all([firstOkAfter(back), readyAfter(back)]);
  rounds.push({ name: `restart ${i + 1}`, recoveryMs, readyMs, outage });
}

if (hangMs > 0) {
  // A hung server (SIGSTOP on the postmaster and every backend): nothing refuses, nothing answers; timeouts must.
  await new Promise((r) => setTimeout(r, 1_000));
  const pids = [
    Number(
      execFileSync('head', ['-1', join(cluster.dataDir, 'postmaster.pid')])
        .toString()
        .trim(),
    ),
  ];
  pids.push(
    ...execFileSync('pgrep', ['-P', String(pids[0])])
      .toString()
      .trim()
      .split('\n')
      .map(Number),
  );
  for (const p of pids) process.kill(p, 'SIGSTOP');
  const frozen = performance.now();
  await new Promise((r) => setTimeout(r, hangMs));
  const thaw = performance.now();
  for (const p of pids) process.kill(p, 'SIGCONT');
  const back = performance.now();
  // Calls started while frozen; they may end after the thaw, which is the point: how long did they wait?
  const outage = calls.filter((c) => c.start >= frozen && c.start < thaw);
  const [recoveryMs, readyMs] = await Promise.all([firstOkAfter(back), readyAfter(back)]);
  rounds.push({ name: `hang ${hangMs / 1000} s`, recoveryMs, readyMs, outage });
}

running = false;
await Promise.all(load);
await Promise.all(agents.map((a) => a.close().catch(() => {})));
const alive = child.exitCode === null;
await stopChild(child);
await cluster.dispose();

const row = (r: Round) => {
  const lat = r.outage.map((c) => c.end - c.start).sort((a, b) => a - b);
  const errors = r.outage.filter((c) => !c.ok);
  const kinds = [...new Set(errors.map((c) => c.code))].join(',');
  return [
    r.name,
    fmt(r.recoveryMs),
    fmt(r.readyMs),
    r.outage.length,
    fmt((100 * errors.length) / Math.max(1, r.outage.length), 1),
    kinds || '-',
    fmt(percentile(lat, 50), 1),
    fmt(percentile(lat, 99), 1),
    fmt(lat.at(-1) ?? Number.NaN, 1),
  ];
};
printTable(
  `Store outages: ${clients} MCP clients calling lookup_user on warden serve (child process) over a private PostgreSQL 15`,
  ['round', 'recovery ms', 'readyz ms', 'calls during', 'error %', 'error codes', 'p50 ms', 'p99 ms', 'max ms'],
  rounds.map(row),
);

const restartRounds = rounds.filter((r) => r.name.startsWith('restart'));
const all = restartRounds.flatMap((r) => r.outage);
const lat = all.map((c) => c.end - c.start).sort((a, b) => a - b);
printTable(
  `Summary over ${restartRounds.length} restarts (pg_ctl stop -m fast, ${outageMs / 1000} s down, pg_ctl start)`,
  ['figure', 'value'],
  [
    [
      'recovery after the database is back, p50 ms (first successful call)',
      fmt(median(restartRounds.map((r) => r.recoveryMs))),
    ],
    ['recovery after the database is back, max ms', fmt(Math.max(...restartRounds.map((r) => r.recoveryMs)))],
    [
      '/readyz 200 after the database is back, p50 / max ms',
      `${fmt(median(restartRounds.map((r) => r.readyMs)))} / ${fmt(Math.max(...restartRounds.map((r) => r.readyMs)))}`,
    ],
    ['calls while down', all.length],
    ['error rate while down %', fmt((100 * all.filter((c) => !c.ok).length) / Math.max(1, all.length), 1)],
    ['errors other than unavailable', all.filter((c) => !c.ok && c.code !== 'unavailable').length],
    ['latency while down p50 / p99 ms', `${fmt(percentile(lat, 50), 1)} / ${fmt(percentile(lat, 99), 1)}`],
    ['warden process still running', alive ? 'yes' : 'NO'],
  ],
);
if (!alive) console.log(stderr.slice(-4000));
process.exit(0);
