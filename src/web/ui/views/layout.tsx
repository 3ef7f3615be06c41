// The page shell: landmarks, skip link, main navigation by role, the signed-in person and sign-out, the app's CSS and script.
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Viewer } from '../../session/roles.js';
import { CSRF_FIELD } from '../../session/csrf.js';

export interface PageFrame {
  viewer: Viewer | null;
  csrf: string;
  path: string;
  assets: { css: string; js: string; chat: string };
}

export interface LayoutProps extends PageFrame {
  title: string;
  scripts?: string[];
  children?: Child;
}

const links = (v: Viewer) => [
  ...(v.roles.helpdesk ? [{ href: '/', label: 'Chat' }] : []),
  { href: '/inbox', label: 'Inbox' },
  ...(v.roles.security
    ? [
        { href: '/audit', label: 'Audit' },
        { href: '/policy', label: 'Policy' },
      ]
    : []),
];

/** The hidden CSRF field every form carries. */
export const CsrfField = (p: { csrf: string }) => <input type="hidden" name={CSRF_FIELD} value={p.csrf} />;

export function Layout(p: LayoutProps) {
  const current = (href: string) => (href === '/' ? p.path === '/' : p.path.startsWith(href));
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="csrf-token" content={p.csrf} />
          <title>{`${p.title} · Warden`}</title>
          <link rel="stylesheet" href={p.assets.css} />
          <script src={p.assets.js} defer></script>
          {(p.scripts ?? []).map((s) => (
            <script src={s} defer></script>
          ))}
        </head>
        <body>
          <a class="skip" href="#main">
            Skip to content
          </a>
          <header class="top">
            <a class="brand" href="/">
              Warden
            </a>
            {p.viewer && (
              <nav aria-label="Main">
                <ul>
                  {links(p.viewer).map((l) => (
                    <li>
                      <a href={l.href} aria-current={current(l.href) ? 'page' : undefined}>
                        {l.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
            {p.viewer && (
              <div class="who">
                <span>
                  Signed in as <strong>{p.viewer.person.displayName ?? p.viewer.person.login}</strong>
                </span>
                <form method="post" action="/auth/sign-out">
                  <CsrfField csrf={p.csrf} />
                  <button type="submit" class="link">
                    Sign out
                  </button>
                </form>
              </div>
            )}
          </header>
          <main id="main" tabindex={-1}>
            {p.children}
          </main>
          <footer class="foot">
            <p>Warden: governed identity actions. Every decision is recorded in the audit log.</p>
          </footer>
        </body>
      </html>
    </>
  );
}

/** A page that only says something: errors, refusals, not found. */
export function MessagePage(p: PageFrame & { title: string; message: string; hint?: string }) {
  return (
    <Layout {...p} title={p.title}>
      <h1>{p.title}</h1>
      <p>{p.message}</p>
      {p.hint && <p class="hint">{p.hint}</p>}
      <p>
        <a href={p.viewer ? '/inbox' : '/auth/sign-in'}>{p.viewer ? 'Back to your inbox' : 'Sign in'}</a>
      </p>
    </Layout>
  );
}
