// Rendering helpers shared by the page routes: the frame a page needs, full pages, message pages, the viewer guards.
import type { Context, MiddlewareHandler } from 'hono';
import type { Child } from 'hono/jsx';
import type { Roles } from '../session/roles.js';
import type { WebUiEnv } from './env.js';
import { Layout, MessagePage, type PageFrame } from './views/layout.js';

export type AssetUrls = PageFrame['assets'];
type C = Context<WebUiEnv>;

export interface Renderer {
  frame(c: C): PageFrame;
  page(c: C, title: string, body: Child, opts?: { status?: number; scripts?: string[] }): Response | Promise<Response>;
  message(c: C, status: number, title: string, message: string, hint?: string): Response | Promise<Response>;
  /** Requires a signed-in viewer: pages redirect to sign-in, JSON callers get 401. */
  signedIn: MiddlewareHandler<WebUiEnv>;
  /** Requires a role: everyone else gets a 403 page. */
  role(r: keyof Roles, what: string): MiddlewareHandler<WebUiEnv>;
}

export const wantsJson = (c: C): boolean => {
  const accept = c.req.header('accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
};

export function createRenderer(assets: AssetUrls): Renderer {
  const frame = (c: C): PageFrame => ({
    viewer: c.get('viewer'),
    csrf: c.get('session').csrf,
    path: c.req.path,
    assets,
  });
  const page: Renderer['page'] = (c, title, body, opts = {}) =>
    c.html(
      <Layout {...frame(c)} title={title} scripts={opts.scripts}>
        {body}
      </Layout>,
      (opts.status ?? 200) as 200,
    );
  const message: Renderer['message'] = (c, status, title, text, hint) =>
    c.html(<MessagePage {...frame(c)} title={title} message={text} hint={hint} />, status as 200);
  return {
    frame,
    page,
    message,
    signedIn: async (c, next) => {
      if (c.get('viewer')) return next();
      if (wantsJson(c) || c.req.method !== 'GET')
        return c.json({ error: { code: 'unauthenticated', message: 'Sign in first.' } }, 401);
      const url = new URL(c.req.url);
      return c.redirect(`/auth/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
    },
    role: (r, what) => async (c, next) => {
      if (c.get('viewer')?.roles[r]) return next();
      return message(
        c,
        403,
        'Not allowed',
        `The ${what} page is for the security team.`,
        'Members of Security-Team in the directory can open it; ask them if you need something from it.',
      );
    },
  };
}
