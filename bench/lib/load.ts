// Time-bounded load loops: N concurrent clients each awaiting one call after another until a deadline.

export interface LoadOptions {
  /** Measured duration. */
  seconds: number;
  /** Clients running in parallel (1 = sequential). */
  concurrency: number;
  /** One call; a throw counts as an error (and is not timed). */
  call: () => Promise<void>;
}

/** Raw result of one run: per-call latencies (ms), errors and the wall time it took. */
export interface LoadRun {
  latencies: Float64Array;
  errors: number;
  seconds: number;
}

/** Runs `call` from `concurrency` loops until `seconds` have passed; a call in flight at the deadline still finishes. */
export async function runLoad({ seconds, concurrency, call }: LoadOptions): Promise<LoadRun> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        await call();
        latencies.push(performance.now() - t0);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return { latencies: Float64Array.from(latencies), errors, seconds: (performance.now() - started) / 1000 };
}
