// Runs an HTTP load in a worker thread, so the load generator does not share the server's event loop.
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { LoadRun } from './load.js';

export interface HttpLoadOptions {
  url: string;
  headers: Record<string, string>;
  body: string;
  seconds: number;
  warmupSeconds: number;
  concurrency: number;
}

const TSX_API = import.meta.resolve('tsx/esm/api');
const ENTRY = new URL('./http-load-worker.ts', import.meta.url).href;

/** A measured run plus how busy this (the server's) thread's event loop was during it, in ms. */
export type HttpLoadRun = LoadRun & { busyMs: number };

/**
 * Warms up, then measures `seconds` of POSTs from `concurrency` clients; resolves with the measured run and the
 * event-loop busy time of the calling thread over the measured part (the server's CPU per call, whatever the box's load).
 */
export function httpLoad(opts: HttpLoadOptions): Promise<HttpLoadRun> {
  // Workers do not inherit tsx's loader, so the eval'd entry registers it before importing the TypeScript worker.
  const boot = `import(${JSON.stringify(TSX_API)}).then((m) => { m.register(); return import(${JSON.stringify(ENTRY)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: opts });
  const hardStop = setTimeout(() => void worker.terminate(), (opts.seconds + opts.warmupSeconds + 30) * 1000);
  let elu = performance.eventLoopUtilization();
  return new Promise<HttpLoadRun>((resolve, reject) => {
    worker.on('message', (m: LoadRun | 'measuring') => {
      if (m === 'measuring') elu = performance.eventLoopUtilization();
      else resolve({ ...m, busyMs: performance.eventLoopUtilization(elu).active });
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`load worker exited (${code}) without a result`)));
  }).finally(() => {
    clearTimeout(hardStop);
    void worker.terminate();
  });
}
