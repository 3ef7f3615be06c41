// Bearer authentication for HTTP routes (/mcp and /api): sets the principal, or answers 401 with a clear JSON error.
import type { Context, MiddlewareHandler } from 'hono';
import { type AppError, isAppError, isUnavailable, retryAfterSeconds } from '../core/errors.js';
import type { Principal } from '../core/principal.js';
import type { Authenticate } from './authenticate.js';

export type AuthedEnv = { Variables: { requestId: string; principal: Principal } };

export interface BearerAuthOptions {
  /** A `WWW-Authenticate` value for 401s (MCP clients follow its resource_metadata to find the authorization server). */
  challenge?: (c: Context) => string;
  /** The answer when credentials could not be checked (the store is unavailable); default 503 with Retry-After. */
  onUnavailable?: (c: Context, err: AppError) => Response | Promise<Response>;
}

/** The one bearer check: every route that takes a token uses it, so every caller gets the same 401s. */
export function bearerAuth(authenticate: Authenticate, opts: BearerAuthOptions = {}): MiddlewareHandler<AuthedEnv> {
  return async (c, next) => {
    try {
      c.set('principal', await authenticate(c.req.header('authorization')));
    } catch (err) {
      // Not a 401: the credential may be fine, Warden just could not check it now.
      if (isUnavailable(err)) {
        if (opts.onUnavailable) return opts.onUnavailable(c, err);
        c.header('Retry-After', String(retryAfterSeconds(err)));
        return c.json(err.toJSON(), 503);
      }
      const body = isAppError(err)
        ? err.toJSON()
        : { error: { code: 'unauthenticated', message: 'Authentication required.' } };
      if (opts.challenge) c.header('WWW-Authenticate', opts.challenge(c));
      return c.json(body, 401);
    }
    await next();
  };
}
