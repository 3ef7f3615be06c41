// One SCIM HTTP call with a bearer token: backoff on 429 (Retry-After) and 5xx, and the app's error as a safe AppError.
import {
  AppError,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RateLimitedError,
  UpstreamUnavailableError,
} from '../../core/errors.js';
import type { RetryNotice } from '../../core/connectors.js';

export interface ScimHttpOptions {
  /** The app's name in messages ("Jira"). */
  app: string;
  /** SCIM base URL, without a trailing slash. */
  baseUrl: string;
  token?: string;
  /** Replaces global fetch (the in-process demo app). */
  fetch?: (req: Request) => Promise<Response>;
  /** Attempts per call, including the first (default 5). */
  maxAttempts?: number;
  /** First backoff for 5xx and network errors (default 500 ms), doubled each attempt. */
  baseDelayMs?: number;
  /** Longest single wait, including a Retry-After the app asks for (default 30 s). */
  maxDelayMs?: number;
  /** Per-attempt timeout (default 30 s). */
  timeoutMs?: number;
}

export interface ScimResponse {
  status: number;
  body: Record<string, unknown> | null;
}

/** Counts requests per client (bench and reconcile report). */
export interface ScimCallCounter {
  requests: number;
}

const SCIM_JSON = 'application/scim+json';

/** Removes control characters, collapses whitespace, caps the length and blanks the token if an app echoes it. */
export function sanitizeDetail(text: unknown, token?: string): string {
  let s = typeof text === 'string' ? text : text === undefined || text === null ? '' : JSON.stringify(text);
  if (token) s = s.split(token).join('[token]');
  s = s
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/Bearer\s+\S+/gi, 'Bearer [token]')
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > 240 ? `${s.slice(0, 237)}…` : s;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Seconds or an HTTP date → milliseconds to wait; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Sends one SCIM request, retrying 429/5xx/network failures; throws an AppError naming the app on anything else. */
export async function scimRequest(
  o: ScimHttpOptions,
  counter: ScimCallCounter,
  method: string,
  path: string,
  body?: unknown,
  onRetry?: RetryNotice,
): Promise<ScimResponse> {
  const maxAttempts = o.maxAttempts ?? 5;
  const base = o.baseDelayMs ?? 500;
  const cap = o.maxDelayMs ?? 30_000;
  const doFetch = o.fetch ?? ((req: Request) => fetch(req));
  let last: AppError | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let res: Response;
    counter.requests++;
    try {
      const headers: Record<string, string> = { accept: SCIM_JSON };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      if (body !== undefined) headers['content-type'] = SCIM_JSON;
      res = await doFetch(
        new Request(`${o.baseUrl}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
        }),
      );
    } catch (err) {
      const reason = (err as Error).name === 'TimeoutError' ? 'timed out' : 'could not be reached';
      last = new UpstreamUnavailableError(`${o.app} (SCIM) ${reason}.`, {
        hint: 'Check the connector url and that the app is up; Warden retries.',
      });
      if (attempt < maxAttempts) {
        await wait(Math.min(cap, base * 2 ** (attempt - 1)), attempt, last.message);
        continue;
      }
      throw last;
    }
    const parsed = await readJson(res);
    if (res.status < 400) return { status: res.status, body: parsed };
    const detail = sanitizeDetail(parsed?.detail ?? parsed?.message ?? res.statusText, o.token);
    if (res.status === 429 || res.status >= 500) {
      last =
        res.status === 429
          ? new RateLimitedError(`${o.app} (SCIM) is rate limiting Warden (HTTP 429)${detail ? `: ${detail}` : ''}.`, {
              hint: 'Warden waits as the app asks and retries.',
              details: { app: o.app, status: 429 },
            })
          : new UpstreamUnavailableError(`${o.app} (SCIM) failed (HTTP ${res.status})${detail ? `: ${detail}` : ''}.`, {
              hint: 'Warden retries; if it persists, check the app.',
              details: { app: o.app, status: res.status },
            });
      if (attempt < maxAttempts) {
        const asked = res.status === 429 ? retryAfterMs(res.headers.get('retry-after')) : undefined;
        await wait(Math.min(cap, asked ?? base * 2 ** (attempt - 1)), attempt, last.message);
        continue;
      }
      throw last;
    }
    throw clientError(o.app, res.status, detail, typeof parsed?.scimType === 'string' ? parsed.scimType : undefined);
  }
  throw last ?? new UpstreamUnavailableError(`${o.app} (SCIM) failed.`);

  async function wait(ms: number, attempt: number, detail: string) {
    await onRetry?.({ attempt, waitMs: ms, detail });
    await sleep(ms);
  }
}

async function readJson(res: Response): Promise<Record<string, unknown> | null> {
  const text = await res.text();
  if (!text) return null;
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return { detail: text.slice(0, 200) };
  }
}

function clientError(app: string, status: number, detail: string, scimType?: string): AppError {
  const what = `${app} (SCIM) refused the call (HTTP ${status}${scimType ? `, ${scimType}` : ''})${detail ? `: ${detail}` : ''}.`;
  const details = { app, status, ...(scimType ? { scimType } : {}) };
  if (status === 401 || status === 403)
    return new ForbiddenError(what, {
      hint: `Check the token in the connector's tokenEnv variable and its rights in ${app}.`,
      details,
    });
  if (status === 404) return new NotFoundError(what, { details });
  if (status === 409) return new ConflictError(what, { details });
  return new InvalidInputError(what, { details });
}
