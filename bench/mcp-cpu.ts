// CPU time per lookup_user call, in process through app.fetch (no sockets): Warden vs the bare SDK server vs the Hono echo.
// npx tsx bench/mcp-cpu.ts [--calls 1500] [--rounds 3] [--concurrency 20]
// process.cpuUsage() counts CPU the process used, not time spent waiting for a CPU, so on a loaded box this is steadier
// than calls/s (bench/mcp-throughput.ts). Sockets and the HTTP parser are left out (the same for every server), so the
// warden/bare ratio here is the stricter one.
import { numberFlag } from './lib/args.js';
import { bareMcpApp } from './lib/bare-mcp-server.js';
import { echoApp } from './lib/echo-server.js';
import { persona } from './lib/personas.js';
import { fmt, printTable } from './lib/table.js';
import { startWardenHttp } from './lib/warden-http.js';
import { mcpRoutes } from '../src/mcp/http.js';
import { createWebApp } from '../src/web/app.js';
import { authenticatorFor } from '../src/server.js';

const calls = Math.round(numberFlag('calls', 1500));
const rounds = Math.round(numberFlag('rounds', 3));
const concurrency = Math.round(numberFlag('concurrency', 20));

const body = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: { name: 'lookup_user', arguments: { query: persona('manager') } },
});
const base = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };

const w = await startWardenHttp();
const warden = createWebApp({
  log: w.warden.log,
  routes: [
    mcpRoutes({
      governance: w.warden.governance,
      policy: w.warden.policy,
      authenticate: authenticatorFor(w.warden),
      log: w.warden.log,
    }),
  ],
});
type App = { fetch(req: Request): Response | Promise<Response> };
const servers: { name: string; app: App; headers: Record<string, string> }[] = [
  { name: 'warden', app: warden, headers: { ...base, Authorization: `Bearer ${w.key}` } },
  { name: 'bare-sdk', app: bareMcpApp('lookup_user'), headers: base },
  { name: 'bare-shared-ajv', app: bareMcpApp('lookup_user', { sharedValidator: true }), headers: base },
  { name: 'hono-echo', app: echoApp(), headers: base },
];

/** `n` calls from `clients` loops; returns CPU µs (user + system) per call. */
async function measure(app: App, headers: Record<string, string>, n: number, clients: number): Promise<number> {
  let left = n;
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (left-- > 0) {
        const res = await app.fetch(new Request('http://127.0.0.1/mcp', { method: 'POST', headers, body }));
        const text = await res.text();
        if (res.status !== 200 || text.includes('"isError":true'))
          throw new Error(`answered ${res.status}: ${text.slice(0, 200)}`);
      }
    }),
  );
  const d = process.cpuUsage(cpu0);
  return (d.user + d.system) / n;
}

try {
  const modes = [
    { label: 'sequential', clients: 1 },
    { label: `${concurrency} concurrent`, clients: concurrency },
  ];
  const cpu = new Map<string, number[]>();
  for (const mode of modes) {
    for (let r = 0; r < rounds; r++) {
      for (const s of servers) {
        await measure(s.app, s.headers, Math.ceil(calls / 5), mode.clients); // warm-up
        const us = await measure(s.app, s.headers, calls, mode.clients);
        const k = `${s.name}|${mode.label}`;
        cpu.set(k, [...(cpu.get(k) ?? []), us]);
        process.stderr.write(`  round ${r + 1}/${rounds} ${s.name} ${mode.label}: ${fmt(us)} µs/call\n`);
      }
    }
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  console.log(
    `lookup_user via app.fetch, ${calls} calls per cell, median of ${rounds} interleaved rounds; CPU = user + system of this process; node ${process.version}`,
  );
  printTable(
    'CPU per call',
    ['server', 'mode', 'CPU µs/call', 'rounds'],
    [...cpu].map(([k, xs]) => [...k.split('|'), fmt(med(xs)), xs.map((x) => fmt(x)).join(' ')]),
  );
  const of = (name: string, m: string) => med(cpu.get(`${name}|${m}`)!);
  printTable(
    'Ratios (bare/warden ≥ 0.80× means a governed call costs at most 1.25× a bare SDK call)',
    ['mode', 'bare/warden', 'bare-shared-ajv/warden', 'echo/bare'],
    modes.map(({ label: m }) => [
      m,
      `${fmt(of('bare-sdk', m) / of('warden', m), 2)}×`,
      `${fmt(of('bare-shared-ajv', m) / of('warden', m), 2)}×`,
      `${fmt(of('hono-echo', m) / of('bare-sdk', m), 2)}×`,
    ]),
  );
} finally {
  await w.close();
}
