// Runs SDK-client load (active callers plus idle connected clients) in a worker thread, away from the server's event loop.
import { Worker } from 'node:worker_threads';
import type { LoadRun } from './load.js';

export interface SdkLoadOptions {
  url: string;
  headers: Record<string, string>;
  tool: string;
  args: Record<string, unknown>;
  /** Clients calling the tool back to back. */
  active: number;
  /** Clients connected (initialize done) that make no calls: what they cost the server is their GET polling. */
  idle: number;
  seconds: number;
  warmupSeconds: number;
}

export interface SdkLoadRun {
  run: LoadRun;
  gets: number;
  connectFailures: number /** Error messages (warm-up included) and how often each occurred. */;
  errorKinds: Record<string, number>;
}

const TSX_API = import.meta.resolve('tsx/esm/api');
const ENTRY = new URL('./sdk-load-worker.ts', import.meta.url).href;

/** Connects every client, warms up, measures; resolves with the calls and the GETs sent during the measured time. */
export function sdkLoad(opts: SdkLoadOptions): Promise<SdkLoadRun> {
  const boot = `import(${JSON.stringify(TSX_API)}).then((m) => { m.register(); return import(${JSON.stringify(ENTRY)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: opts });
  const hardStop = setTimeout(() => void worker.terminate(), (opts.seconds + opts.warmupSeconds + 120) * 1000);
  return new Promise<SdkLoadRun>((resolve, reject) => {
    worker.once('message', (r: SdkLoadRun) => resolve(r));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`SDK load worker exited (${code}) without a result`)));
  }).finally(() => {
    clearTimeout(hardStop);
    void worker.terminate();
  });
}
