// CSRF protection for every unsafe request to the pages: the Origin must be ours and the session's synchronizer token must come back.
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { SessionEnv } from './session.js';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export type CsrfFailure = 'origin' | 'token';

export interface CsrfOptions {
  /** The origin pages are served from (`https://warden.example.com`). */
  expectedOrigin: (c: Context) => string;
  /** Answers a refused request (a 403 page). */
  refuse: (c: Context, why: CsrfFailure) => Response | Promise<Response>;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Checks Origin (or Sec-Fetch-Site when a browser sends no Origin), then the token from the form field or header. */
export function csrfProtection(opts: CsrfOptions): MiddlewareHandler<SessionEnv> {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      if (origin !== opts.expectedOrigin(c)) return opts.refuse(c, 'origin');
    } else {
      const site = c.req.header('sec-fetch-site');
      if (site && site !== 'same-origin' && site !== 'none') return opts.refuse(c, 'origin');
    }
    let sent = c.req.header(CSRF_HEADER);
    if (!sent) {
      const type = c.req.header('content-type') ?? '';
      if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
        // parseBody caches the parsed body, so handlers can read it again.
        const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
        const v = body[CSRF_FIELD];
        if (typeof v === 'string') sent = v;
      }
    }
    if (!sent || !same(sent, c.get('session').csrf)) return opts.refuse(c, 'token');
    return next();
  };
}
