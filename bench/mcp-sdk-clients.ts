// Many real SDK clients against one Warden over HTTP: calls/s and latency with N active callers and M idle connected clients, and the GETs they send.
// npx tsx bench/mcp-sdk-clients.ts [--active 100] [--idle 0] [--seconds 10] [--warmup 2]
// Idle SDK clients re-open their server-to-client stream (GET /mcp) whenever it ends; a stateless server that answers
// the GET with 405 stops that. Run it on two trees (before and after a change) to compare.
import { numberFlag } from './lib/args.js';
import { persona } from './lib/personas.js';
import { sdkLoad } from './lib/sdk-load.js';
import { summarize } from './lib/stats.js';
import { fmt, printTable } from './lib/table.js';
import { startWardenHttp } from './lib/warden-http.js';

const active = Math.round(numberFlag('active', 100));
const idle = Math.round(numberFlag('idle', 0));
const seconds = numberFlag('seconds', 10);
const warmupSeconds = numberFlag('warmup', 2);

const w = await startWardenHttp();
try {
  const r = await sdkLoad({
    url: `${w.url}/mcp`,
    headers: { Authorization: `Bearer ${w.key}` },
    tool: 'lookup_user',
    args: { query: persona('manager') },
    active,
    idle,
    seconds,
    warmupSeconds,
  });
  const s = summarize([r.run]);
  console.log(
    `lookup_user from ${active} active SDK clients (StreamableHTTPClientTransport) with ${idle} idle ones; ${seconds}s measured after ${warmupSeconds}s warm-up; node ${process.version}`,
  );
  printTable(
    'Warden with SDK clients',
    ['active', 'idle', 'calls/s', 'p50 ms', 'p99 ms', 'calls', 'errors', 'GETs', 'GETs/s', 'connect failures'],
    [
      [
        active,
        idle,
        fmt(s.callsPerSec),
        fmt(s.p50, 2),
        fmt(s.p99, 2),
        s.calls,
        s.errors,
        r.gets,
        fmt(r.gets / s.seconds, 1),
        r.connectFailures,
      ],
    ],
  );
  const kinds = Object.entries(r.errorKinds);
  if (kinds.length)
    printTable(
      'Errors (warm-up included)',
      ['error', 'count'],
      kinds.map(([k, n]) => [k, n]),
    );
} finally {
  await w.close();
}
