// Domain errors: stable codes and messages that are safe to show a model, a page or a log.

/** Stable, machine-readable error codes shared by every transport. */
export type ErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'unauthenticated'
  | 'invalid_input'
  | 'approval_required'
  | 'conflict'
  | 'upstream_unavailable'
  | 'rate_limited'
  | 'unavailable'
  | 'internal_error';

/**
 * Base of every expected failure. `message` must be safe to show to a model or a person:
 * no stack traces, file paths, tokens or upstream bodies. `hint` says what to do next.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly details?: Record<string, unknown>;
  constructor(
    code: ErrorCode,
    message: string,
    opts: { hint?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.hint = opts.hint;
    this.details = opts.details;
  }
  /** The body a caller sees (tool result, HTTP JSON). */
  toJSON(): { error: { code: ErrorCode; message: string; hint?: string; details?: Record<string, unknown> } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.hint ? { hint: this.hint } : {}),
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}

export class NotFoundError extends AppError {
  constructor(message: string, opts: { hint?: string; details?: Record<string, unknown> } = {}) {
    super('not_found', message, opts);
  }
}
export class ForbiddenError extends AppError {
  constructor(message: string, opts: { hint?: string; details?: Record<string, unknown> } = {}) {
    super('forbidden', message, opts);
  }
}
export class UnauthenticatedError extends AppError {
  constructor(message = 'Authentication required.', opts: { hint?: string } = {}) {
    super('unauthenticated', message, opts);
  }
}
export class InvalidInputError extends AppError {
  constructor(message: string, opts: { hint?: string; details?: Record<string, unknown> } = {}) {
    super('invalid_input', message, opts);
  }
}
export class ConflictError extends AppError {
  constructor(message: string, opts: { hint?: string; details?: Record<string, unknown> } = {}) {
    super('conflict', message, opts);
  }
}
export class UpstreamUnavailableError extends AppError {
  constructor(message: string, opts: { hint?: string; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super('upstream_unavailable', message, opts);
  }
}
export class RateLimitedError extends AppError {
  constructor(message: string, opts: { hint?: string; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super('rate_limited', message, opts);
  }
}

/**
 * Warden's own store (database) cannot answer right now: down, restarting, unreachable, locked, read-only or full.
 * The call did nothing (or, when `details.outcome` is `unknown`, may have); `details.retryAfterSeconds` says when to retry.
 */
export class UnavailableError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(
    message: string,
    opts: { hint?: string; retryAfterSeconds?: number; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    const retryAfterSeconds = Math.max(1, Math.round(opts.retryAfterSeconds ?? 5));
    super('unavailable', message, {
      hint: opts.hint ?? `Retry in ${retryAfterSeconds} seconds.`,
      details: { ...opts.details, retryAfterSeconds },
      cause: opts.cause,
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
/** True for the `unavailable` family: the store (not the request) is the problem, and retrying later may work. */
export const isUnavailable = (e: unknown): e is AppError & { code: 'unavailable' } =>
  isAppError(e) && e.code === 'unavailable';
/** Seconds a caller should wait before retrying an `unavailable` error (the Retry-After header). */
export const retryAfterSeconds = (e: AppError): number =>
  Math.max(1, Math.round(Number(e.details?.retryAfterSeconds) || 5));
