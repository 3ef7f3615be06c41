// HTTP answers while the store is unavailable: 503 with Retry-After and the JSON error; /readyz's cached probe.
import type { Context } from 'hono';
import { isUnavailable, retryAfterSeconds, type AppError } from '../core/errors.js';

/** 503, `Retry-After: <seconds>` and `{ error: { code: 'unavailable', message, hint, details } }`. */
export function unavailableResponse(c: Context, err: AppError): Response {
  c.header('Retry-After', String(retryAfterSeconds(err)));
  return c.json(err.toJSON(), 503);
}

export interface ReadinessResult {
  ready: boolean;
  reason?: string;
}
export type Readiness = () => Promise<ReadinessResult>;

export interface ReadinessOptions {
  /** A trivial store query; it must answer within `timeoutMs` for the process to be ready. */
  check: () => Promise<unknown>;
  /** Default 2 s. */
  timeoutMs?: number;
  /** A result is reused this long, so load balancers polling /readyz do not each hit the database. Default 1 s. */
  cacheMs?: number;
  now?: () => number;
}

/** Readiness probe: concurrent callers share one check, and its result for `cacheMs` after it settles. */
export function createReadiness({
  check,
  timeoutMs = 2_000,
  cacheMs = 1_000,
  now = Date.now,
}: ReadinessOptions): Readiness {
  let last: { result: Promise<ReadinessResult>; settledAt?: number } | undefined;
  const probe = async (): Promise<ReadinessResult> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ReadinessResult>((resolve) => {
      timer = setTimeout(
        () => resolve({ ready: false, reason: `the database did not answer within ${timeoutMs} ms` }),
        timeoutMs,
      );
    });
    const answer = check().then(
      () => ({ ready: true }),
      (err: unknown) => ({ ready: false, reason: isUnavailable(err) ? err.message : 'the database check failed' }),
    );
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  return () => {
    if (last && (last.settledAt === undefined || now() - last.settledAt < cacheMs)) return last.result;
    const entry: { result: Promise<ReadinessResult>; settledAt?: number } = { result: probe() };
    void entry.result.then(() => {
      entry.settledAt = now();
    });
    last = entry;
    return entry.result;
  };
}
