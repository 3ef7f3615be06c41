// startOktaEmulator: a loopback Okta Management API (Hono) serving a seed, with rate limits and fault injection.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import type { Seed } from '../../../src/directory/seed.js';
import { appsRoutes } from './apps.js';
import type { Emu, EmuEnv } from './context.js';
import { errorBody, oktaError } from './errors.js';
import { groupsRoutes } from './groups.js';
import { logsRoutes } from './logs.js';
import { eventHooks, type HookController } from './event-hooks.js';
import { appendLogEvent } from './events.js';
import { oauthRoutes, requiredScope, type OAuthOptions, type TokenStore } from './oauth.js';
import { parseQuery, rawQuery } from './paging.js';
import { bucketFor, FaultInjector, RateLimiter, type RateLimitOptions, type RateVerdict } from './rate-limit.js';
import { createState, newRequestId, oktaId, type EmulatorState } from './state.js';
import { usersRoutes } from './users.js';

export interface OktaEmulatorOptions {
  seed: Seed;
  /** SSWS API token to accept; random when left out. */
  token?: string;
  /** 0 or left out: a random free port. */
  port?: number;
  /** Per-bucket limit and window; the default is generous enough never to trigger. */
  rateLimit?: RateLimitOptions;
  /** Page size for paged lists when the client sends no `limit` (per-endpoint Okta defaults otherwise). */
  pageSizeDefault?: number;
  /** Caps every `limit`, so tests see several pages even when a client asks for 200. */
  pageSizeMax?: number;
  /** Enables POST /oauth2/v1/token for private-key JWT service apps. */
  oauth?: OAuthOptions;
}

export interface RecordedCall {
  method: string;
  path: string;
  query: string;
  status?: number;
}

export interface OktaEmulator {
  url: string;
  token: string;
  close(): Promise<void>;
  /** Every request received, in order; `query` is the raw (still encoded) query string. */
  calls: RecordedCall[];
  failNext(status: 429 | 500 | 503, times: number): void;
  resetCalls(): void;
  state: EmulatorState;
  /** Event hooks: registered hooks, delivery log, fault options (duplicates, reordering), flush. */
  hooks: HookController;
  /** Appends an event done outside the API (an admin in the console): e.g. a role grant or an MFA reset. */
  emitEvent(e: Parameters<typeof appendLogEvent>[2]): string;
}

/** Paths the emulator serves; a known path with an unsupported method gives 405. */
const KNOWN = [
  /^\/api\/v1\/(users|groups|apps|logs|eventHooks)$/,
  /^\/api\/v1\/eventHooks\/[^/]+(\/lifecycle\/\w+)?$/,
  /^\/api\/v1\/(users|groups|apps)\/[^/]+$/,
  /^\/api\/v1\/users\/[^/]+\/(groups|appLinks|roles|lifecycle\/\w+)$/,
  /^\/api\/v1\/groups\/[^/]+\/(users|owners)(\/[^/]+)?$/,
  /^\/api\/v1\/apps\/[^/]+\/(users|groups)(\/[^/]+)?$/,
  /^\/oauth2\/v1\/token$/,
];

/** Starts the emulator on 127.0.0.1. */
export async function startOktaEmulator(opts: OktaEmulatorOptions): Promise<OktaEmulator> {
  const token = opts.token ?? `emu-${oktaId('', 32)}`;
  const emu: Emu = {
    state: createState(opts.seed),
    url: '',
    paging: { pageSizeDefault: opts.pageSizeDefault, pageSizeMax: opts.pageSizeMax },
  };
  const calls: RecordedCall[] = [];
  const faults = new FaultInjector();
  const limiter = new RateLimiter(opts.rateLimit ?? { limit: 1_000_000, windowSeconds: 60 });
  const tokens: TokenStore = new Map();
  const app = new Hono<EmuEnv>();

  app.use(async (c, next) => {
    const path = new URL(c.req.url).pathname;
    const call: RecordedCall = { method: c.req.method, path, query: rawQuery(c) };
    calls.push(call);
    const requestId = newRequestId();
    c.set('requestId', requestId);
    let verdict: RateVerdict;
    const fault = faults.take();
    if (fault) {
      // An injected 429 looks like a spent window that resets within a second; a 5xx leaves the window alone.
      verdict =
        fault === 429
          ? { limit: 600, remaining: 0, reset: Math.floor(Date.now() / 1000) + 1, limited: true }
          : limiter.take(bucketFor(c.req.method, path));
      if (fault === 429) emu.state.rateLimited += 1;
      c.res =
        fault === 429
          ? c.json(errorBody('E0000047'), 429)
          : c.json(errorBody(fault === 500 ? 'E0000009' : 'E0000089'), fault);
    } else {
      verdict = limiter.take(bucketFor(c.req.method, path));
      if (verdict.limited) {
        emu.state.rateLimited += 1;
        c.res = c.json(errorBody('E0000047'), 429);
      } else {
        await next();
      }
    }
    // Headers Okta sends on every response.
    c.res.headers.set('X-Okta-Request-Id', requestId);
    c.res.headers.set('Date', new Date().toUTCString());
    c.res.headers.set('X-Rate-Limit-Limit', String(verdict.limit));
    c.res.headers.set('X-Rate-Limit-Remaining', String(verdict.remaining));
    c.res.headers.set('X-Rate-Limit-Reset', String(verdict.reset));
    call.status = c.res.status;
  });

  app.use(async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (path === '/oauth2/v1/token') return next();
    const auth = c.req.header('authorization') ?? '';
    const bearer = /^(Bearer|DPoP) (.+)$/.exec(auth);
    const grant = bearer ? tokens.get(bearer[2]!) : undefined;
    if (auth !== `SSWS ${token}` && !grant) return oktaError(c, 401, 'E0000011');
    const scope = requiredScope(c.req.method, path);
    if (grant && scope && !grant.scopes.includes(scope) && !grant.scopes.includes(scope.replace('.read', '.manage'))) {
      // Okta answers a missing scope with an empty 403 body.
      return c.body(null, 403, {
        'WWW-Authenticate': `Bearer authorization_uri="${emu.url}/oauth2/v1/authorize", realm="${emu.url}", scope="${scope}", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="${path}"`,
      });
    }
    try {
      c.set('query', parseQuery(rawQuery(c)));
    } catch {
      return oktaError(c, 400, 'E0000001', 'the query string is not valid');
    }
    return next();
  });

  app.route('/api/v1/users', usersRoutes(emu));
  app.route('/api/v1/groups', groupsRoutes(emu));
  app.route('/api/v1/apps', appsRoutes(emu));
  app.route('/api/v1/logs', logsRoutes(emu));
  const hooks = eventHooks(emu);
  app.route('/api/v1/eventHooks', hooks.routes);
  app.route('/oauth2/v1', oauthRoutes(emu, opts.oauth, tokens));
  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    return KNOWN.some((re) => re.test(path))
      ? oktaError(c, 405, 'E0000022')
      : oktaError(c, 404, 'E0000007', `${path} (Resource)`);
  });
  app.onError((_err, c) => oktaError(c, 500, 'E0000009'));

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  emu.url = `http://127.0.0.1:${port}`;
  return {
    url: emu.url,
    token,
    calls,
    state: emu.state,
    hooks: hooks.controller,
    emitEvent: (e) =>
      appendLogEvent(
        emu.state,
        { requestId: newRequestId(), requestUri: '/admin/console', userAgent: 'Mozilla/5.0 (admin console)' },
        e,
      ),
    failNext: (status, times) => faults.failNext(status, times),
    resetCalls: () => {
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
