// The Hono app served by `warden serve`: request ids and logging, Host/Origin checks, health, and the feature sub-apps.
import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { isUnavailable } from '../core/errors.js';
import { unavailableResponse, type Readiness } from './unavailable.js';
import { hostAllowList, hostCheck, type HostAllowList } from './host-check.js';

/** A feature's routes (MCP, API, hooks, pages), each with its own typed context; mounted at the root. */
// biome-ignore lint/suspicious/noExplicitAny: sub-apps declare their own Env; Hono's route() accepts any of them.
export type SubApp = Hono<any, any, any>;

export interface WebAppDeps {
  log: Logger;
  /** Sub-apps mounted at the root, in order: /mcp first, then the API, hooks and pages. */
  routes?: SubApp[];
  /** /readyz: 503 while the store cannot answer (absent: always ready). */
  ready?: Readiness;
  /** Names requests may be addressed to; default: loopback names and the public URL's host. */
  allowedHosts?: HostAllowList;
  /** Public base URL (its host is allowed when `allowedHosts` is not given). */
  publicUrl?: string;
}

type Env = { Variables: { requestId: string } };

/** Builds the app; tests call `app.request()` or serve it on a real port. */
export function createWebApp(deps: WebAppDeps): Hono<Env> {
  const app = new Hono<Env>();
  app.use('*', async (c, next) => {
    // Always our own id: a caller-chosen one could attach records to someone else's story in the audit log.
    const requestId = randomUUID();
    const incoming = c.req.header('x-request-id');
    const clientRequestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : undefined;
    c.set('requestId', requestId);
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    deps.log.info(
      {
        requestId,
        clientRequestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'http',
    );
  });
  app.use(
    '*',
    hostCheck({ allowed: deps.allowedHosts ?? hostAllowList({ bindHost: '127.0.0.1', publicUrl: deps.publicUrl }) }),
  );
  app.onError((err, c) => {
    if (isUnavailable(err)) return unavailableResponse(c, err);
    const requestId = c.get('requestId');
    deps.log.error({ err, requestId }, 'unhandled error');
    return c.json({ error: { code: 'internal_error', message: `Internal error. Reference: ${requestId}.` } }, 500);
  });
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}.` } }, 404),
  );
  // Liveness: the process answers. Readiness: it can also reach its store (take it out of the load balancer if not).
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    const r = deps.ready ? await deps.ready() : { ready: true };
    if (r.ready) return c.json({ ok: true });
    c.header('Retry-After', '5');
    return c.json({ ok: false, reason: r.reason }, 503);
  });
  for (const r of deps.routes ?? []) app.route('/', r);
  return app;
}
