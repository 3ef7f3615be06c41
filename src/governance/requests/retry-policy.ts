// Which directory and app failures are worth retrying across executor cycles, and when the next attempt may run.
import { isAppError } from '../../core/errors.js';

export interface RetryPolicy {
  /** A retry episode (from the first transient failure) gives up after this long. */
  deadlineMs: number;
  /** First backoff; doubles per attempt. */
  baseMs: number;
  /** Longest wait between two attempts. */
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { deadlineMs: 3_600_000, baseMs: 5_000, maxMs: 300_000 };

/**
 * Rate limits (429), upstream 5xx (except 501) and network failures are transient: the same call may well succeed later.
 * Everything else (other 4xx such as a missing permission or an invalid change, and Warden's own errors) is permanent.
 */
export function isTransient(err: unknown): boolean {
  if (!isAppError(err)) return false;
  if (err.code === 'rate_limited') return true;
  if (err.code !== 'upstream_unavailable') return false;
  const status = err.details?.oktaStatus ?? err.details?.status; // Okta's, or a connected app's (SCIM)
  return typeof status !== 'number' || (status >= 500 && status !== 501);
}

/** What people and the audit log are told of a failed upstream call: an AppError's safe message, never a bug's text. */
export const errorText = (err: unknown): string =>
  isAppError(err) ? err.message : 'the directory call failed unexpectedly';

/** When attempt `attempts` (1-based) may be followed by the next: exponential with jitter, never before a known reset. */
export function nextAttemptDelayMs(err: unknown, attempts: number, p: RetryPolicy): number {
  const ceiling = Math.min(p.maxMs, p.baseMs * 2 ** Math.max(0, attempts - 1));
  const backoff = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  const after = isAppError(err) ? Number(err.details?.retryAfterSeconds) : NaN;
  return Number.isFinite(after) && after > 0 ? Math.max(backoff, after * 1000) : backoff;
}
