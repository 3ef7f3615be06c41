// Per-bucket rate limiting (Okta's endpoint categories) and injected failures.

export interface RateLimitOptions {
  limit: number;
  windowSeconds: number;
}
interface Bucket {
  windowStart: number;
  count: number;
}
export interface RateVerdict {
  limit: number;
  remaining: number;
  reset: number;
  limited: boolean;
}

/** Okta's rate-limit bucket for a request, following the per-endpoint table. */
export function bucketFor(method: string, path: string): string {
  const p = path.replace(/\/+$/, '');
  if (p === '/api/v1/users') return 'users';
  if (/^\/api\/v1\/users\/[^/]+$/.test(p)) return method === 'GET' ? 'user-get' : 'user-write';
  if (p === '/api/v1/groups') return 'groups';
  if (p.startsWith('/api/v1/groups/')) return 'group-id';
  if (/^\/api\/v1\/apps\/[^/]+$/.test(p)) return 'app-id';
  if (p.startsWith('/api/v1/apps')) return 'apps';
  if (p === '/api/v1/logs') return 'logs';
  return 'other';
}

/** Fixed windows per bucket that start at the bucket's first request (not aligned to the clock). */
export class RateLimiter {
  private buckets = new Map<string, Bucket>();
  constructor(private readonly opts: RateLimitOptions) {}

  take(bucket: string, now = Date.now()): RateVerdict {
    const windowMs = this.opts.windowSeconds * 1000;
    let b = this.buckets.get(bucket);
    if (!b || now >= b.windowStart + windowMs) {
      b = { windowStart: now, count: 0 };
      this.buckets.set(bucket, b);
    }
    b.count += 1;
    return {
      limit: this.opts.limit,
      remaining: Math.max(0, this.opts.limit - b.count),
      reset: Math.ceil((b.windowStart + windowMs) / 1000),
      limited: b.count > this.opts.limit,
    };
  }
}

/** A queue of failures to return instead of the next responses. */
export class FaultInjector {
  private queue: Array<429 | 500 | 503> = [];
  failNext(status: 429 | 500 | 503, times: number): void {
    for (let i = 0; i < times; i += 1) this.queue.push(status);
  }
  take(): 429 | 500 | 503 | undefined {
    return this.queue.shift();
  }
}
