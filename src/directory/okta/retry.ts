// Backoff, jitter and error classification for retrying Okta calls.

/** Exponential backoff with jitter: a random delay in [base·2^attempt / 2, base·2^attempt], capped. */
export function backoffMs(attempt: number, baseMs: number, capMs = 8_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Network-level failures (refused, reset, DNS, timeout) from node-fetch: safe to retry. */
export function isNetworkError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { name?: string; type?: string; code?: string };
  return (
    e.name === 'FetchError' ||
    e.name === 'AbortError' ||
    e.type === 'request-timeout' ||
    e.type === 'system' ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET'].includes(
      e.code ?? '',
    )
  );
}

/** 5xx responses are retried; 501 Not Implemented is a permanent answer. */
export const isRetryableStatus = (status: number): boolean => status >= 500 && status !== 501;
