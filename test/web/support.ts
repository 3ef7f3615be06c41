// A web rig for page tests: a test Warden, the pages mounted in the real web app, and a cookie-keeping client over app.request().
import { expect } from 'vitest';
import { createAssistant } from '../../src/assistant/index.js';
import type { Assistant } from '../../src/assistant/types.js';
import { createAuthenticator } from '../../src/auth/authenticate.js';
import { mcpRoutes } from '../../src/mcp/http.js';
import { createWebApp } from '../../src/web/app.js';
import { requestsApi } from '../../src/web/api/requests-api.js';
import { loadDemoPersonas } from '../../src/web/session/demo-personas.js';
import type { OidcSettings } from '../../src/web/session/oidc-client.js';
import { createWebUi } from '../../src/web/ui/index.js';
import { ACME, createTestWarden, personas } from '../support/harness.js';

export const HELPDESK = personas.helpdesk as string;
export const MANAGER = personas.manager as string;
export const SECURITY = personas.security as string;
/** Zara reports to the manager persona; Proj-Atlas is an ordinary group (manager or owner approves). */
export const SUBJECT = 'zara.hayashi@acme.example';

export interface RigOptions {
  demo?: boolean;
  assistant?: Assistant;
  oidc?: OidcSettings;
  publicUrl?: string;
}

export async function webRig(opts: RigOptions = {}) {
  const w = await createTestWarden();
  const access = { requests: w.requests, approvals: w.approvals, executor: w.executor };
  const ui = createWebUi({
    directory: w.directory,
    policy: w.policy,
    store: w.store,
    audit: w.audit,
    access,
    tools: w.governance.tools,
    log: w.log,
    assistant: opts.assistant ?? createAssistant({ governance: w.governance, policy: w.policy, log: w.log }),
    sessionSecret: 'test-session-secret-that-is-long-enough',
    publicUrl: opts.publicUrl,
    oidc: opts.oidc,
    demoPersonas: opts.demo === false ? undefined : loadDemoPersonas(`${ACME}/directory.json`),
  });
  const authenticate = createAuthenticator({
    store: w.store,
    directory: w.directory,
    log: w.log,
    clientKind: (id) => w.policy.current().clients.get(id)?.kind,
  });
  const mcp = mcpRoutes({
    governance: w.governance,
    policy: w.policy,
    authenticate,
    log: w.log,
    publicUrl: opts.publicUrl,
  });
  const app = createWebApp({
    log: w.log,
    publicUrl: opts.publicUrl,
    routes: [mcp, requestsApi({ access, store: w.store, audit: w.audit, authenticate }), ui],
  });
  const base = opts.publicUrl ?? 'http://localhost';
  return { w, access, app, base, client: () => webClient(app, base), close: () => w.close() };
}

type App = { request(url: string, init?: RequestInit): Response | Promise<Response> };

/** A browser stand-in: keeps cookies, sends forms with the page's Origin, never follows redirects. */
export function webClient(app: App, base: string) {
  const jar = new Map<string, string>();
  async function req(path: string, init: RequestInit & { form?: Record<string, string> } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    let body = init.body;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers.set('content-type', 'application/x-www-form-urlencoded');
      if (!headers.has('origin')) headers.set('origin', new URL(base).origin);
    }
    const { form: _f, ...rest } = init;
    const res = await app.request(path.startsWith('http') ? path : `${base}${path}`, {
      ...rest,
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    });
    for (const sc of res.headers.getSetCookie()) {
      const [pair] = sc.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1);
      if (!value || /max-age=0/i.test(sc)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }
  /** The CSRF token of the current session, read from a page's meta tag. */
  async function csrf(path = '/auth/sign-in'): Promise<string> {
    const html = await (await req(path)).text();
    const m = /name="csrf-token" content="([^"]+)"/.exec(html);
    if (!m) throw new Error(`no csrf token on ${path}`);
    return m[1]!;
  }
  async function signInAs(persona: 'helpdesk' | 'manager' | 'groupOwner' | 'security'): Promise<void> {
    const res = await req('/auth/demo', { form: { _csrf: await csrf(), persona, next: '/inbox' } });
    expect(res.status, await res.clone().text()).toBe(303);
  }
  return { req, csrf, signInAs, jar };
}

/** A request from the helpdesk assistant (as the chat files them), for the manager to decide. */
export async function fileRequest(w: Awaited<ReturnType<typeof createTestWarden>>, group = 'Proj-Atlas') {
  const u = (await w.directory.getUser(HELPDESK))!;
  const out = await w.call(
    'request_group_add',
    { user: SUBJECT, group, reason: 'Joining the Atlas launch team for Q1' },
    {
      kind: 'agent',
      clientId: 'helpdesk-assistant',
      auth: 'session',
      person: { id: u.id, login: u.login, displayName: u.displayName },
    },
  );
  if (!out.ok) throw new Error(JSON.stringify(out.error));
  return (out.output as { id: string }).id;
}
