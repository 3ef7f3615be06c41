// Bearer authentication for web routes: sets the principal, or answers 401 with a clear JSON error.
import type { MiddlewareHandler } from 'hono';
import { isAppError, isUnavailable } from '../core/errors.js';
import { unavailableResponse } from './unavailable.js';
import type { Principal } from '../core/principal.js';
import type { Authenticate } from '../mcp/auth/authenticate.js';

export type AuthedEnv = { Variables: { requestId: string; principal: Principal } };

export function bearerAuth(authenticate: Authenticate): MiddlewareHandler<AuthedEnv> {
  return async (c, next) => {
    try {
      c.set('principal', await authenticate(c.req.header('authorization')));
    } catch (err) {
      if (isUnavailable(err)) return unavailableResponse(c, err); // credentials could not be checked: not a 401
      const body = isAppError(err) ? err.toJSON() : { error: { code: 'unauthenticated', message: 'Authentication required.' } };
      return c.json(body, 401);
    }
    await next();
  };
}
