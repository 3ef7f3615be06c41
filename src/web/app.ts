// The Hono app served by `warden serve`: request ids and logging, /mcp, health, and the feature sub-apps.
import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { mcpRoutes, type McpHttpDeps } from '../mcp/http.js';
import { hostAllowList, hostCheck, type HostAllowList } from './host-check.js';

export interface WebAppDeps extends McpHttpDeps {
  log: Logger;
  /** Extra sub-apps mounted at the root (API, hooks, pages), added by later features. */
  routes?: Hono[];
  /** Names requests may be addressed to; default: loopback names and the public URL's host. */
  allowedHosts?: HostAllowList;
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
    deps.log.info({ requestId, clientRequestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'http');
  });
  app.use('*', hostCheck({ allowed: deps.allowedHosts ?? hostAllowList({ bindHost: '127.0.0.1', publicUrl: deps.publicUrl }) }));
  app.onError((err, c) => {
    const requestId = c.get('requestId');
    deps.log.error({ err, requestId }, 'unhandled error');
    return c.json({ error: { code: 'internal_error', message: `Internal error. Reference: ${requestId}.` } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}.` } }, 404));
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/', mcpRoutes(deps) as unknown as Hono<Env>);
  for (const r of deps.routes ?? []) app.route('/', r as unknown as Hono<Env>);
  return app;
}
