// Latency statistics for benchmarks: percentiles, medians and a throughput summary over one or more runs.
import type { LoadRun } from './load.js';

/** Measured runs combined: how many calls finished in how long, and their latency spread. */
export interface Summary {
  calls: number;
  errors: number;
  seconds: number;
  callsPerSec: number;
  p50: number;
  p99: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending array (p in 0..100). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Median of any numbers (mean of the middle two for even counts). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Combines runs: calls/s is total calls over total measured time; percentiles over every call. */
export function summarize(runs: readonly LoadRun[]): Summary {
  const all = new Float64Array(runs.reduce((n, r) => n + r.latencies.length, 0));
  let at = 0;
  for (const r of runs) {
    all.set(r.latencies, at);
    at += r.latencies.length;
  }
  all.sort();
  const seconds = runs.reduce((n, r) => n + r.seconds, 0);
  const total = all.reduce((a, b) => a + b, 0);
  return {
    calls: all.length,
    errors: runs.reduce((n, r) => n + r.errors, 0),
    seconds,
    callsPerSec: all.length / seconds,
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    mean: all.length ? total / all.length : Number.NaN,
  };
}
