// lookup_user over HTTP: Warden vs a bare MCP SDK server vs a Hono echo route, sequential and concurrent, in one run.
import { numberFlag, stringFlag } from './lib/args.js';
import { startBareMcpServer } from './lib/bare-mcp-server.js';
import { startEchoServer } from './lib/echo-server.js';
import { httpLoad, type HttpLoadRun } from './lib/http-load.js';
import type { Listening } from './lib/listen.js';
import { persona } from './lib/personas.js';
import { summarize } from './lib/stats.js';
import { fmt, printTable } from './lib/table.js';
import { startWardenHttp } from './lib/warden-http.js';

const seconds = numberFlag('seconds', 10);
const warmupSeconds = numberFlag('warmup', 1);
const concurrency = numberFlag('concurrency', 20);
// Each cell's measured time is split into interleaved slices, so background load drifts hit every server alike.
const rounds = Math.max(1, Math.round(numberFlag('rounds', 3)));
// --only warden (comma-separated) measures a subset, e.g. under `node --cpu-prof`; --tuned adds a bare server sharing one Ajv.
const only = stringFlag('only')?.split(',');
const tuned = process.argv.includes('--tuned');
// --output-check adds a Warden with WARDEN_CHECK_OUTPUTS=false beside the default (checked) one: the cost of checking outputs.
const outputCheck = process.argv.includes('--output-check');

const body = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: { name: 'lookup_user', arguments: { query: persona('manager') } },
});
const baseHeaders = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };
const modes = [
  { label: 'sequential', clients: 1 },
  { label: `${concurrency} concurrent`, clients: concurrency },
];

const starters: Record<string, () => Promise<{ server: Listening; headers: Record<string, string> }>> = {
  warden: async () => {
    const w = await startWardenHttp();
    return { server: w, headers: { ...baseHeaders, Authorization: `Bearer ${w.key}` } };
  },
  'bare-sdk': async () => ({ server: await startBareMcpServer('lookup_user'), headers: baseHeaders }),
  'hono-echo': async () => ({ server: await startEchoServer(), headers: baseHeaders }),
  ...(outputCheck
    ? {
        'warden-unchecked': async () => {
          const w = await startWardenHttp({ checkOutputs: false });
          return { server: w, headers: { ...baseHeaders, Authorization: `Bearer ${w.key}` } };
        },
      }
    : {}),
  ...(tuned
    ? {
        'bare-shared-ajv': async () => ({
          server: await startBareMcpServer('lookup_user', { sharedValidator: true }),
          headers: baseHeaders,
        }),
      }
    : {}),
};
const targets: { name: string; server: Listening; headers: Record<string, string> }[] = [];
for (const [name, start] of Object.entries(starters))
  if (!only || only.includes(name)) targets.push({ name, ...(await start()) });

try {
  // One checked call each: proves every server answers the identical body as intended, and shows response sizes.
  const sizes: (string | number)[][] = [];
  for (const t of targets) {
    const res = await fetch(`${t.server.url}/mcp`, { method: 'POST', headers: t.headers, body });
    const text = await res.text();
    if (!res.ok || text.includes('"isError":true'))
      throw new Error(`${t.name} answered ${res.status}: ${text.slice(0, 300)}`);
    sizes.push([t.name, res.status, Buffer.byteLength(text)]);
  }
  console.log(
    `lookup_user { query: ${persona('manager')} } via POST /mcp; ${seconds}s measured per cell in ${rounds} interleaved slices, ` +
      `${warmupSeconds}s warm-up before each slice; load generated in a worker thread; node ${process.version}`,
  );
  printTable('Response to the identical tools/call body', ['server', 'status', 'bytes'], sizes);

  const runs = new Map<string, HttpLoadRun[]>();
  for (const mode of modes) {
    for (let r = 0; r < rounds; r++) {
      for (const t of targets) {
        const run = await httpLoad({
          url: `${t.server.url}/mcp`,
          headers: t.headers,
          body,
          seconds: seconds / rounds,
          warmupSeconds,
          concurrency: mode.clients,
        });
        const key = `${t.name}|${mode.label}`;
        runs.set(key, [...(runs.get(key) ?? []), run]);
        process.stderr.write(
          `  round ${r + 1}/${rounds} ${t.name} ${mode.label}: ${fmt(run.latencies.length / run.seconds)} calls/s\n`,
        );
      }
    }
  }

  // Server thread busy time per call: the event loop's active time over the measured part, divided by the calls. Less
  // sensitive to a loaded box than calls/s (waiting for a CPU does not count), so it is printed beside it.
  const busyUs = new Map(
    [...runs].map(([k, rs]) => [
      k,
      (1000 * rs.reduce((n, r) => n + r.busyMs, 0)) / rs.reduce((n, r) => n + r.latencies.length, 0),
    ]),
  );
  const results = new Map([...runs].map(([k, rs]) => [k, summarize(rs)]));
  const rows = [...results].map(([k, s]) => [
    ...k.split('|'),
    fmt(s.callsPerSec),
    fmt(s.p50, 2),
    fmt(s.p99, 2),
    s.calls,
    s.errors,
    fmt(busyUs.get(k)!),
  ]);
  printTable(
    'Throughput and latency',
    ['server', 'mode', 'calls/s', 'p50 ms', 'p99 ms', 'calls', 'errors', 'busy µs/call'],
    rows,
  );

  const rate = (name: string, mode: string) => results.get(`${name}|${mode}`)?.callsPerSec ?? Number.NaN;
  const ratioRows = modes.map(({ label: m }) => [
    m,
    `${fmt(rate('warden', m) / rate('bare-sdk', m), 2)}×`,
    `${fmt(rate('bare-sdk', m) / rate('hono-echo', m), 2)}×`,
    `${fmt(rate('warden', m) / rate('hono-echo', m), 2)}×`,
  ]);
  printTable(
    'Ratios of calls/s (goal: warden/bare ≥ 0.80×)',
    ['mode', 'warden/bare', 'bare/echo', 'warden/echo'],
    ratioRows,
  );
  const busy = (name: string, mode: string) => busyUs.get(`${name}|${mode}`) ?? Number.NaN;
  printTable(
    'Ratios of server busy time per call, inverted (bare/warden: ≥ 0.80× means Warden costs at most 1.25× the bare server)',
    ['mode', 'bare/warden', 'echo/bare'],
    modes.map(({ label: m }) => [
      m,
      `${fmt(busy('bare-sdk', m) / busy('warden', m), 2)}×`,
      `${fmt(busy('hono-echo', m) / busy('bare-sdk', m), 2)}×`,
    ]),
  );
  if (outputCheck) {
    const costRows = modes.map(({ label: m }) => [
      m,
      `${fmt((1 - rate('warden', m) / rate('warden-unchecked', m)) * 100, 1)} %`,
    ]);
    printTable('Cost of checking outputs (1 - checked/unchecked calls/s)', ['mode', 'cost'], costRows);
  }
} finally {
  for (const t of targets) await t.server.close();
}
