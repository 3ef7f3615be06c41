// BambooHR HTTP transport: Basic auth, JSON only, timeouts, retries honouring Retry-After, AppError mapping.
import { RateLimitedError, UpstreamUnavailableError } from '../../core/errors.js';

export interface BambooRequestOptions {
  /** e.g. https://api.bamboohr.com/api/gateway.php/acme/v1 */
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  /** Per attempt. */
  timeoutMs?: number;
  /** Extra attempts after the first, for 429, 5xx and network failures. */
  retries?: number;
  baseDelayMs?: number;
  /** Longest wait between attempts; a longer Retry-After fails at once with RateLimitedError. */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface BambooCall {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Return null on 404 instead of failing (single-employee lookups). */
  nullOn404?: boolean;
}

export type BambooRequest = (call: BambooCall) => Promise<unknown>;

const KEY_HINT = 'Check the BambooHR API key configured for Warden and the permissions of the user who owns it.';

/** Builds the request function every BambooHR call goes through. */
export function createBambooRequest({
  baseUrl,
  apiKey,
  fetch: fetchImpl = globalThis.fetch,
  timeoutMs = 10_000,
  retries = 3,
  baseDelayMs = 250,
  maxDelayMs = 30_000,
  sleep = (ms) => new Promise((r) => setTimeout(r, ms)),
}: BambooRequestOptions): BambooRequest {
  const root = baseUrl.replace(/\/+$/, '');
  const auth = `Basic ${Buffer.from(`${apiKey}:x`).toString('base64')}`;

  return async function request({ method, path, query, body, nullOn404 }) {
    // URLSearchParams encodes `+` as %2B, which BambooHR needs for offsets in `since`.
    const url = `${root}${path}${query ? `?${new URLSearchParams(query)}` : ''}`;
    const headers: Record<string, string> = { Authorization: auth, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetchImpl(url, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (e) {
        if (attempt < retries) {
          await sleep(backoff(attempt, baseDelayMs, maxDelayMs));
          continue;
        }
        const timedOut = e instanceof Error && e.name === 'TimeoutError';
        throw new UpstreamUnavailableError(
          timedOut ? `BambooHR did not answer within ${timeoutMs} ms.` : 'BambooHR could not be reached.',
          { hint: 'Try again shortly.', cause: e },
        );
      }
      if (res.status === 429 || res.status >= 500) {
        const wait = retryAfterMs(res.headers.get('retry-after')) ?? backoff(attempt, baseDelayMs, maxDelayMs);
        await res.body?.cancel();
        if (attempt < retries && wait <= maxDelayMs) {
          await sleep(wait);
          continue;
        }
        if (res.status === 429) {
          throw new RateLimitedError('BambooHR is rate limiting Warden.', {
            hint: `Try again in about ${Math.ceil(wait / 1000)} s.`,
            details: { retryAfterSeconds: Math.ceil(wait / 1000) },
          });
        }
        throw new UpstreamUnavailableError(`BambooHR is failing (HTTP ${res.status}).`, {
          hint: 'Try again later.',
          details: { status: res.status },
        });
      }
      if (res.status === 401 || res.status === 403) {
        await res.body?.cancel();
        throw new UpstreamUnavailableError('The BambooHR API key is invalid or lacks permission for this request.', {
          hint: KEY_HINT,
          details: { status: res.status },
        });
      }
      if (res.status === 404 && nullOn404) {
        await res.body?.cancel();
        return null;
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new UpstreamUnavailableError(`BambooHR refused the request (HTTP ${res.status}).`, {
          hint:
            res.status === 404
              ? 'Check the company name in the BambooHR base URL.'
              : 'This is likely a Warden bug; the server log has details.',
          details: { status: res.status },
        });
      }
      return readJson(res);
    }
  };
}

async function readJson(res: Response): Promise<unknown> {
  const type = res.headers.get('content-type') ?? '';
  if (!/\bjson\b/i.test(type)) {
    await res.body?.cancel();
    throw new UpstreamUnavailableError('BambooHR answered in a format other than JSON.', {
      details: { contentType: type.slice(0, 60) },
    });
  }
  try {
    return await res.json();
  } catch (e) {
    throw new UpstreamUnavailableError('BambooHR sent a malformed JSON response.', { cause: e });
  }
}

/** Exponential backoff with jitter: base·2^attempt scaled by 0.5–1, capped. */
const backoff = (attempt: number, base: number, cap: number): number =>
  Math.min(cap, base * 2 ** attempt * (0.5 + Math.random() / 2));

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const v = header.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
