// Paces Okta calls per rate-limit bucket: slows down before a 429 when X-Rate-Limit-Remaining runs low.
import { sleep } from './retry.js';

interface HeaderBag {
  get(name: string): string | null;
}
interface BucketState {
  limit: number;
  remaining: number;
  resetAtMs: number;
}

export interface PacerOptions {
  /** Fraction of each window left for other clients of the same org (Okta limits are org-wide). */
  reserveFraction?: number;
  /** Waits longer than this are not taken; the call goes out and a 429 becomes RateLimitedError. */
  maxWaitMs?: number;
  onWait?: (bucket: string, ms: number) => void;
}

/** Local time (ms) of the window reset, corrected for clock skew when the Date header disagrees by >2 s. */
export function resetAtMs(headers: HeaderBag, now = Date.now()): number | undefined {
  const raw = headers.get('x-rate-limit-reset');
  if (!raw || raw.includes(',')) return undefined;
  const reset = Number(raw);
  if (!Number.isFinite(reset)) return undefined;
  const serverDate = Date.parse(headers.get('date') ?? '');
  const skew = Number.isNaN(serverDate) ? 0 : now - serverDate;
  // The Date header has 1 s resolution, so only correct for skews it can really show.
  return reset * 1000 + (Math.abs(skew) > 2_000 ? skew : 0);
}

/** Tracks limit/remaining/reset per bucket and delays calls when a bucket is (nearly) spent. */
export class RatePacer {
  private readonly buckets = new Map<string, BucketState>();
  private readonly reserveFraction: number;
  private readonly maxWaitMs: number;
  constructor(private readonly opts: PacerOptions = {}) {
    this.reserveFraction = opts.reserveFraction ?? 0.05;
    this.maxWaitMs = opts.maxWaitMs ?? 60_000;
  }

  /** Waits, if needed, until a call to `bucket` fits in the current window; then counts it. */
  async acquire(bucket: string): Promise<void> {
    for (;;) {
      const s = this.buckets.get(bucket);
      const now = Date.now();
      if (!s || now >= s.resetAtMs) {
        this.buckets.delete(bucket);
        return;
      }
      if (s.remaining > Math.floor(s.limit * this.reserveFraction)) {
        s.remaining -= 1; // count calls in flight before their headers arrive
        return;
      }
      const wait = s.resetAtMs - now + 50;
      if (wait > this.maxWaitMs) return;
      this.opts.onWait?.(bucket, wait);
      await sleep(wait);
    }
  }

  /** Learns the bucket's state from a response's X-Rate-Limit-* headers. */
  observe(bucket: string, headers: HeaderBag): void {
    const limit = Number(headers.get('x-rate-limit-limit'));
    const remaining = Number(headers.get('x-rate-limit-remaining'));
    const resetAt = resetAtMs(headers);
    // Limit 0 means the concurrency limit was hit; 429 handling covers that.
    if (!Number.isFinite(limit) || limit <= 0 || !Number.isFinite(remaining) || resetAt === undefined) return;
    this.buckets.set(bucket, { limit, remaining, resetAtMs: resetAt });
  }

  /** How long to wait after a 429 before trying again (until the reset, plus a little), or undefined if unknown. */
  delayAfter429(headers: HeaderBag): number | undefined {
    const resetAt = resetAtMs(headers);
    return resetAt === undefined
      ? undefined
      : Math.max(0, resetAt - Date.now()) + 100 + Math.round(Math.random() * 150);
  }

  get maxWait(): number {
    return this.maxWaitMs;
  }
}
