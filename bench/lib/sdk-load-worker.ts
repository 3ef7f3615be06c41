// Worker-thread entry: N real SDK clients (StreamableHTTPClientTransport) call one tool in a loop while M more sit idle; counts every GET they send.
import { parentPort, workerData } from 'node:worker_threads';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { runLoad } from './load.js';
import type { SdkLoadOptions } from './sdk-load.js';

const opts = workerData as SdkLoadOptions;
let gets = 0;
let connectFailures = 0;
/** The SDK opens (and re-opens) its server-to-client stream with GET; a stateless server that answers 405 ends that. */
const counting: typeof fetch = (input, init) => {
  if ((init?.method ?? 'GET') === 'GET') gets++;
  return fetch(input, init);
};

async function connect(): Promise<Client | undefined> {
  const client = new Client({ name: 'bench-sdk', version: '1.0.0' });
  client.onerror = () => {};
  const transport = new StreamableHTTPClientTransport(new URL(opts.url), {
    fetch: counting,
    requestInit: { headers: opts.headers },
  });
  try {
    await client.connect(transport);
    return client;
  } catch {
    connectFailures++;
    return undefined;
  }
}

const all = await Promise.all(Array.from({ length: opts.active + opts.idle }, connect));
const active = all.slice(0, opts.active).filter((c): c is Client => c !== undefined);
let next = 0;
const errorKinds = new Map<string, number>();
const call = async () => {
  const c = active[next++ % active.length]!;
  try {
    const r = await c.callTool({ name: opts.tool, arguments: opts.args });
    if (r.isError) throw new Error(`tool error: ${JSON.stringify(r.content).slice(0, 120)}`);
  } catch (err) {
    const kind = String((err as Error).message ?? err).slice(0, 120);
    errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
    throw err;
  }
};
if (opts.warmupSeconds > 0) await runLoad({ seconds: opts.warmupSeconds, concurrency: active.length, call });
const getsBefore = gets;
const run = await runLoad({ seconds: opts.seconds, concurrency: active.length, call });
const measuredGets = gets - getsBefore;
await Promise.all(all.map((c) => c?.close().catch(() => {})));
parentPort!.postMessage({ run, gets: measuredGets, connectFailures, errorKinds: Object.fromEntries(errorKinds) }, [
  run.latencies.buffer as ArrayBuffer,
]);
