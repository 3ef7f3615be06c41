// createWebUi: the server-rendered pages (chat, inbox, requests, audit, policy, sign-in) as one Hono sub-app, with sessions and CSRF.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import type { Logger } from 'pino';
import type { Assistant } from '../../assistant/types.js';
import { storeRevocations } from '../session/revocations.js';
import { createChainMonitor, type AuditLog } from '../../audit/index.js';
import type { DirectoryPort } from '../../core/directory.js';
import { isAppError, retryAfterSeconds } from '../../core/errors.js';
import type { Store } from '../../core/store.js';
import type { AccessRequests } from '../../governance/requests/index.js';
import type { PolicyEngine } from '../../policies/engine.js';
import { csrfProtection } from '../session/csrf.js';
import type { DemoPersona } from '../session/demo-personas.js';
import { createOidcClient, type OidcSettings } from '../session/oidc-client.js';
import { createRoleResolver } from '../session/roles.js';
import { createSessions } from '../session/session.js';
import { createAssets } from './assets.js';
import { createConversations } from './chat/conversations.js';
import { isPagePath, type WebUiEnv } from './env.js';
import { createRenderer, wantsJson } from './render.js';
import { auditRoutes } from './routes/audit-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { chatRoutes } from './routes/chat-routes.js';
import { inboxRoutes } from './routes/inbox-routes.js';
import { policyRoutes } from './routes/policy-routes.js';
import { requestRoutes } from './routes/request-routes.js';

export interface WebUiDeps {
  directory: DirectoryPort;
  policy: PolicyEngine;
  store: Store;
  audit: AuditLog;
  access: AccessRequests;
  assistant: Assistant;
  /** The registered tools (for the policy simulator's tool list and catalog). */
  tools: ReadonlyArray<{ name: string; toolset: string; mutating: boolean }>;
  log: Logger;
  /** Signs session cookies (see resolveSessionSecret). */
  sessionSecret: string;
  /** `https://…` makes cookies Secure; also the origin forms must come from. Default: the request's own origin. */
  publicUrl?: string;
  oidc?: OidcSettings;
  /** Given only when Warden runs the demo company; otherwise the picker does not exist. */
  demoPersonas?: DemoPersona[];
  /** What the chat says when no model is configured. */
  setupHelp?: string;
  /** For the OIDC client (tests). */
  fetch?: typeof fetch;
}

const STATUS: Record<string, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  upstream_unavailable: 502,
  unavailable: 503,
};
const TITLES: Record<number, string> = {
  503: 'Warden is unavailable for a moment',
  400: 'Check your input',
  401: 'Sign in first',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Already decided or changed',
  429: 'Too many requests',
  502: 'A service Warden needs is unavailable',
};
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/** The page routes, mounted at the root beside /mcp and /api; their middleware only runs on page paths. */
export function createWebUi(deps: WebUiDeps): Hono<WebUiEnv> {
  const origin = deps.publicUrl ? new URL(deps.publicUrl).origin : undefined;
  const secure = (c: Context) => (origin ? origin.startsWith('https:') : new URL(c.req.url).protocol === 'https:');
  const expectedOrigin = (c: Context) => origin ?? new URL(c.req.url).origin;
  const assets = createAssets();
  const render = createRenderer(assets.urls);
  const sessions = createSessions({ secret: deps.sessionSecret, secure, revocations: storeRevocations(deps.store) });
  const resolveViewer = createRoleResolver({ directory: deps.directory });
  const csrf = csrfProtection({
    expectedOrigin,
    refuse: (c, why) => {
      deps.log.warn({ requestId: c.get('requestId'), path: c.req.path, why }, 'csrf check failed');
      const text = 'This form was not sent from a current Warden page (its security token or origin did not match).';
      return wantsJson(c as Context<WebUiEnv>) || c.req.header('x-csrf-token') !== undefined
        ? c.json({ error: { code: 'forbidden', message: text } }, 403)
        : render.message(c as Context<WebUiEnv>, 403, 'Form expired', text, 'Reload the page and try again.');
    },
  });
  const loadViewer: MiddlewareHandler<WebUiEnv> = async (c, next) => {
    const s = c.get('session');
    const viewer = s.person ? await resolveViewer(s.person.login) : null;
    // A person who left, was suspended, or whose login now names someone else is signed out.
    if (s.person && (!viewer || viewer.person.id !== s.person.id)) sessions.signOut(c);
    c.set('viewer', viewer && viewer.person.id === s.person?.id ? viewer : null);
    await next();
  };
  const headers: MiddlewareHandler<WebUiEnv> = async (c, next) => {
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'same-origin');
    c.header('Cache-Control', 'no-store');
    await next();
  };
  const chain = [
    headers,
    sessions.middleware as unknown as MiddlewareHandler<WebUiEnv>,
    csrf as unknown as MiddlewareHandler<WebUiEnv>,
    loadViewer,
  ];

  const app = new Hono<WebUiEnv>();
  const pages = every(...chain);
  app.use('*', (c, next) => (isPagePath(c.req.path) ? pages(c, next) : next()));
  app.onError((err, c) => {
    if (isAppError(err)) {
      const status = STATUS[err.code] ?? 400;
      if (status === 503) c.header('Retry-After', String(retryAfterSeconds(err)));
      if (wantsJson(c)) return c.json(err.toJSON(), status as 400);
      return render.message(c, status, TITLES[status] ?? 'Something is wrong', err.message, err.hint);
    }
    const ref = c.get('requestId');
    deps.log.error({ err, requestId: ref, path: c.req.path }, 'page failed');
    if (wantsJson(c))
      return c.json({ error: { code: 'internal_error', message: `Internal error. Reference: ${ref}.` } }, 500);
    return c.html(
      `<!doctype html><title>Error · Warden</title><main><h1>Something went wrong</h1><p>Reference: ${String(ref).replace(/[^\w.-]/g, '')}</p></main>`,
      500,
    );
  });

  app.route('/', assets.routes as unknown as Hono<WebUiEnv>);
  app.route(
    '/',
    authRoutes({
      sessions,
      render,
      directory: deps.directory,
      audit: deps.audit,
      log: deps.log,
      secret: deps.sessionSecret,
      secure,
      redirectUrl: (c) => deps.oidc?.redirectUrl ?? `${expectedOrigin(c)}/auth/callback`,
      oidc: deps.oidc ? createOidcClient(deps.oidc, { fetch: deps.fetch }) : undefined,
      personas: deps.demoPersonas ?? [],
    }),
  );
  app.route(
    '/',
    chatRoutes({
      log: deps.log,
      assistant: deps.assistant,
      conversations: createConversations(deps.store),
      store: deps.store,
      render,
      setupHelp:
        deps.setupHelp ??
        'Set OPENAI_API_KEY and WARDEN_CHAT_MODEL (and OPENAI_BASE_URL for a server other than OpenAI), then restart Warden.',
      chatScript: assets.urls.chat,
    }),
  );
  app.route('/', inboxRoutes({ access: deps.access, store: deps.store, render }));
  app.route('/', requestRoutes({ access: deps.access, store: deps.store, audit: deps.audit, render }));
  app.route(
    '/',
    auditRoutes({ audit: deps.audit, chain: createChainMonitor({ store: deps.store, log: deps.log }), render }),
  );
  app.route('/', policyRoutes({ policy: deps.policy, directory: deps.directory, tools: deps.tools, render }));
  return app;
}

export type { WebUiEnv } from './env.js';
