// Worker-thread entry: drives one HTTP endpoint with identical POSTs (warm-up, then a timed run) and posts back the run.
import { parentPort, workerData } from 'node:worker_threads';
import { runLoad } from './load.js';
import type { HttpLoadOptions } from './http-load.js';

const opts = workerData as HttpLoadOptions;

/** One POST; a non-2xx status or a JSON-RPC/tool error in the body is a failed call. */
const call = async () => {
  const res = await fetch(opts.url, { method: 'POST', headers: opts.headers, body: opts.body });
  const text = await res.text();
  if (!res.ok || text.includes('"isError":true') || text.includes('"error":{'))
    throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
};

if (opts.warmupSeconds > 0) await runLoad({ seconds: opts.warmupSeconds, concurrency: opts.concurrency, call });
parentPort!.postMessage('measuring');
const run = await runLoad({ seconds: opts.seconds, concurrency: opts.concurrency, call });
parentPort!.postMessage(run, [run.latencies.buffer as ArrayBuffer]);
