// Maps Okta SDK errors (OktaApiError, HttpError, network errors) to AppErrors with messages safe for a model.
import type { Logger } from 'pino';
import {
  AppError,
  ConflictError,
  InvalidInputError,
  NotFoundError,
  RateLimitedError,
  UpstreamUnavailableError,
} from '../../core/errors.js';
import { isNetworkError } from './retry.js';

/** What an Okta SDK error carries that Warden may look at (never the body text itself). */
interface OktaFailure {
  status?: number;
  errorCode?: string;
  errorId?: string;
  headers?: unknown;
}

const asFailure = (err: unknown): OktaFailure => (err && typeof err === 'object' ? (err as OktaFailure) : {});

export const statusOf = (err: unknown): number | undefined => asFailure(err).status;
export const codeOf = (err: unknown): string | undefined => asFailure(err).errorCode;
export const isNotFound = (err: unknown): boolean => statusOf(err) === 404;

function header(err: unknown, name: string): string | undefined {
  const h = asFailure(err).headers;
  if (!h || typeof h !== 'object') return undefined;
  if (typeof (h as { get?: unknown }).get === 'function')
    return (h as { get(n: string): string | null }).get(name) ?? undefined;
  const v = (h as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
}

/** The OAuth scope Okta says is missing (from `WWW-Authenticate: Bearer … scope="…"`), if any. */
function missingScope(err: unknown): string | undefined {
  const m = /scope="([a-z.]+)"/.exec(header(err, 'www-authenticate') ?? '');
  return m?.[1];
}

/**
 * Turns any failure of an Okta call into an AppError. `action` completes "while trying to …" and must
 * be built only from Warden's own words and validated input.
 */
export function toAppError(err: unknown, action: string, log?: Logger): AppError {
  if (err instanceof AppError) return err;
  const { status, errorCode, errorId } = asFailure(err);
  const details: Record<string, unknown> = {
    upstream: 'okta',
    ...(status ? { oktaStatus: status } : {}),
    ...(errorCode ? { oktaErrorCode: errorCode } : {}),
    ...(errorId ? { oktaErrorId: errorId } : {}),
  };
  log?.warn({ ...details, action, network: status === undefined && isNetworkError(err) }, 'okta call failed');

  if (status === undefined) {
    if (isNetworkError(err))
      return new UpstreamUnavailableError(`Warden could not reach Okta to ${action} (network error or timeout).`, {
        hint: 'Try again in a minute.',
        details,
      });
    return new UpstreamUnavailableError(`Unexpected error while talking to Okta to ${action}.`, { details });
  }
  if (status === 401) {
    return new UpstreamUnavailableError(
      `Okta rejected Warden's credentials while trying to ${action}: the API token or OAuth client is invalid, expired or revoked.`,
      {
        hint: "An administrator must update Warden's Okta credentials; retrying will not help.",
        details,
      },
    );
  }
  if (status === 403 && (!errorCode || errorCode === 'E0000006')) {
    const scope = missingScope(err);
    return new UpstreamUnavailableError(
      `Warden's Okta credentials lack the permission${scope ? ` (OAuth scope ${scope})` : ' or OAuth scope'} needed to ${action}.`,
      {
        hint: "An administrator must grant Warden's Okta service app or admin role the missing access.",
        details: { ...details, ...(scope ? { missingScope: scope } : {}) },
      },
    );
  }
  if (status === 404) return new NotFoundError(`Okta could not find what was needed to ${action}.`, { details });
  if (status === 429) {
    const reset = Number(header(err, 'x-rate-limit-reset'));
    const seconds = Number.isFinite(reset) ? Math.max(1, Math.ceil(reset - Date.now() / 1000)) : 60;
    return new RateLimitedError(`Okta is rate-limiting Warden; could not ${action}.`, {
      hint: `Try again in about ${seconds} seconds.`,
      details: { ...details, retryAfterSeconds: seconds },
    });
  }
  if (status >= 500)
    return new UpstreamUnavailableError(`Okta is unavailable (HTTP ${status}); could not ${action}.`, {
      hint: 'Warden retried already; try again in a few minutes.',
      details,
    });
  if (status === 409 || status === 403)
    return new ConflictError(`Okta refused to ${action} in the current state (${errorCode ?? status}).`, { details });
  if (status === 400)
    return new InvalidInputError(`Okta rejected the request to ${action} as invalid (${errorCode ?? 'HTTP 400'}).`, {
      details,
    });
  return new UpstreamUnavailableError(`Unexpected Okta response (HTTP ${status}) while trying to ${action}.`, {
    details,
  });
}
