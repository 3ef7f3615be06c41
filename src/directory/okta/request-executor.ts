// The SDK request executor Warden plugs in: counts calls, paces on rate-limit headers, retries 429/5xx/network errors.
import { AsyncLocalStorage } from 'node:async_hooks';
import { RequestExecutor } from '@okta/okta-sdk-nodejs';
import type { Logger } from 'pino';
import { bucketFor } from './rate-buckets.js';
import type { RatePacer } from './rate-pacer.js';
import { backoffMs, isNetworkError, isRetryableStatus, sleep } from './retry.js';

/** Per-operation bookkeeping, carried through the SDK's promise chains by AsyncLocalStorage. */
export interface CallScope {
  calls: number;
  lastRequestId?: string;
  attempts: number;
}
export const callScope = new AsyncLocalStorage<CallScope>();

export interface OktaStats {
  calls: number;
  retries: number;
  throttledMs: number;
}

export interface ExecutorOptions {
  pacer: RatePacer;
  stats: OktaStats;
  /** Retries after the first attempt, for 429, 5xx and network errors. */
  maxRetries: number;
  retryBaseMs: number;
  requestTimeoutMs?: number;
  log?: Logger;
}

type SdkRequest = Parameters<RequestExecutor['fetch']>[0];
type SdkResponse = Awaited<ReturnType<RequestExecutor['fetch']>>;

/** Replaces the SDK's DefaultRequestExecutor (which retries only 429 and needs a Date header to do it well). */
export class WardenRequestExecutor extends RequestExecutor {
  constructor(private readonly o: ExecutorOptions) {
    super();
  }

  override async fetch(request: SdkRequest): Promise<SdkResponse> {
    const method = String(request.method ?? 'GET').toUpperCase();
    const path = new URL(String(request.url)).pathname;
    const bucket = bucketFor(method, path);
    const scope = callScope.getStore();
    for (let attempt = 0; ; attempt += 1) {
      await this.o.pacer.acquire(bucket);
      this.o.stats.calls += 1;
      if (scope) {
        scope.calls += 1;
        scope.attempts = attempt + 1;
      }
      let res: SdkResponse;
      try {
        res = await super.fetch({
          ...request,
          ...(this.o.requestTimeoutMs ? { timeout: this.o.requestTimeoutMs } : {}),
        });
      } catch (err) {
        if (attempt >= this.o.maxRetries || !isNetworkError(err)) throw err;
        await this.retryAfter(backoffMs(attempt, this.o.retryBaseMs), { method, path, attempt, reason: 'network' });
        continue;
      }
      this.o.pacer.observe(bucket, res.headers);
      const requestId = res.headers.get('x-okta-request-id');
      if (scope && requestId) scope.lastRequestId = requestId;
      if (attempt < this.o.maxRetries && (res.status === 429 || isRetryableStatus(res.status))) {
        const delay =
          res.status === 429
            ? (this.o.pacer.delayAfter429(res.headers) ?? backoffMs(attempt, this.o.retryBaseMs))
            : backoffMs(attempt, this.o.retryBaseMs);
        // A reset further away than we are willing to wait: give the 429 back (it becomes RateLimitedError).
        if (res.status === 429 && delay > this.o.pacer.maxWait) return res;
        await res.text().catch(() => undefined); // drain so the socket is released
        await this.retryAfter(delay, { method, path, attempt, reason: String(res.status), requestId });
        continue;
      }
      return res;
    }
  }

  private async retryAfter(ms: number, info: Record<string, unknown>): Promise<void> {
    this.o.stats.retries += 1;
    if (String(info.reason) === '429') this.o.stats.throttledMs += ms;
    this.o.log?.warn({ ...info, delayMs: ms }, 'okta call failed; retrying');
    await sleep(ms);
  }
}
