// Sign-in and sign-out: OpenID Connect (code + PKCE) when configured, the demo persona picker only on the demo company.
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Logger } from 'pino';
import type { AuditLog } from '../../../audit/index.js';
import type { DirectoryPort, DirectoryUser } from '../../../core/directory.js';
import { signedCodec } from '../../session/cookie-codec.js';
import type { DemoPersona } from '../../session/demo-personas.js';
import { loginFromClaims, OidcError, type AuthTransaction, type OidcClient } from '../../session/oidc-client.js';
import { WEB_CLIENT_ID } from '../../session/roles.js';
import type { Session, Sessions } from '../../session/session.js';
import { safeNext, type WebUiEnv } from '../env.js';
import type { Renderer } from '../render.js';
import { SignInPage } from '../views/sign-in-page.js';

export interface AuthDeps {
  sessions: Sessions;
  render: Renderer;
  directory: DirectoryPort;
  audit: AuditLog;
  log: Logger;
  secret: string;
  secure: (c: Context) => boolean;
  /** The callback URL registered with the provider; default `<origin>/auth/callback`. */
  redirectUrl: (c: Context) => string;
  oidc?: OidcClient;
  /** Present only when Warden runs the demo company. */
  personas: DemoPersona[];
}

interface Tx extends AuthTransaction {
  next: string;
}
const TX_COOKIE = 'warden_oidc';

export function authRoutes(deps: AuthDeps): Hono<WebUiEnv> {
  const app = new Hono<WebUiEnv>();
  const { render, sessions } = deps;
  const txCodec = signedCodec<Tx>(deps.secret, 'oidc-transaction');
  const oidcLabel = deps.oidc ? new URL(deps.oidc.issuer).host : undefined;

  const signInPage = async (c: Context<WebUiEnv>, next: string, problem?: string, status = 200) => {
    const personas = await Promise.all(
      deps.personas.map(async (p) => {
        const u = await deps.directory.getUser(p.login);
        return { key: p.key, role: p.role, login: p.login, name: u?.displayName ?? p.login, title: u?.title };
      }),
    );
    return render.page(
      c,
      'Sign in',
      <SignInPage
        next={next}
        csrf={c.get('session').csrf}
        oidcLabel={oidcLabel}
        personas={personas}
        problem={problem}
      />,
      { status },
    );
  };

  /** Starts the session for an active directory person and records the sign-in. */
  const start = async (c: Context<WebUiEnv>, u: DirectoryUser, via: NonNullable<Session['via']>, next: string) => {
    const person = { id: u.id, login: u.login, displayName: u.displayName };
    sessions.signIn(c, person, via);
    await deps.audit.append({
      actor: { kind: 'person', clientId: WEB_CLIENT_ID, person },
      action: 'web.signed-in',
      outcome: 'ok',
      args: { via },
    });
    deps.log.info({ login: u.login, via }, 'signed in');
    return c.redirect(safeNext(next), 303);
  };

  app.get('/auth/sign-in', async (c) => {
    const next = safeNext(c.req.query('next'));
    if (c.get('viewer')) return c.redirect(next, 303);
    return signInPage(c, next);
  });

  app.post('/auth/sign-out', async (c) => {
    const person = c.get('session').person;
    await sessions.signOutEverywhere(c);
    if (person)
      await deps.audit.append({
        actor: { kind: 'person', clientId: WEB_CLIENT_ID, person },
        action: 'web.signed-out',
        outcome: 'ok',
        args: { everywhere: true },
      });
    return c.redirect('/auth/sign-in', 303);
  });

  if (deps.oidc) {
    const oidc = deps.oidc;
    app.get('/auth/oidc/start', async (c) => {
      try {
        const { url, tx: t } = await oidc.start(deps.redirectUrl(c));
        setCookie(
          c,
          TX_COOKIE,
          txCodec.encode(
            { state: t.state, nonce: t.nonce, verifier: t.verifier, next: safeNext(c.req.query('next')) },
            600,
          ),
          { httpOnly: true, sameSite: 'Lax', secure: deps.secure(c), path: '/auth', maxAge: 600 },
        );
        return c.redirect(url, 302);
      } catch (err) {
        if (!(err instanceof OidcError)) throw err;
        deps.log.warn({ reason: err.message }, 'oidc sign-in unavailable');
        return render.message(
          c,
          502,
          'Sign-in is unavailable',
          err.message,
          'Try again in a minute; if it persists, tell the Warden operators.',
        );
      }
    });

    app.get('/auth/callback', async (c) => {
      const tx = txCodec.decode(getCookie(c, TX_COOKIE));
      deleteCookie(c, TX_COOKIE, { path: '/auth', secure: deps.secure(c) });
      const q = c.req.query();
      if (q.error) {
        const code = /^[\w.-]{1,64}$/.test(q.error) ? ` (${q.error})` : '';
        return signInPage(c, '/', `Sign-in did not complete${code}.`, 401);
      }
      if (!tx || !q.code || !q.state || q.state !== tx.state) {
        return signInPage(c, '/', 'That sign-in link is stale or was not started from this browser. Start again.', 400);
      }
      let login: string | undefined;
      try {
        // The callback as registered with the provider, carrying what the provider sent back (code, state, iss).
        const callbackUrl = new URL(deps.redirectUrl(c));
        for (const [k, v] of new URL(c.req.url).searchParams) callbackUrl.searchParams.append(k, v);
        login = loginFromClaims(await oidc.finish({ callbackUrl, tx }));
      } catch (err) {
        if (!(err instanceof OidcError)) throw err;
        deps.log.warn({ reason: err.message }, 'oidc sign-in failed');
        return signInPage(c, tx.next, err.message, 401);
      }
      const u = login ? await deps.directory.getUser(login) : null;
      if (!u || u.status !== 'ACTIVE') {
        deps.log.info({ login }, 'oidc sign-in refused: not an active directory person');
        return render.message(
          c,
          403,
          'Not a Warden user',
          `You signed in as ${login ?? 'someone without a username or email'}, who is not an active person in Warden's directory.`,
        );
      }
      return start(c, u, 'oidc', tx.next);
    });
  }

  if (deps.personas.length > 0) {
    app.post('/auth/demo', async (c) => {
      const body = await c.req.parseBody();
      const persona = deps.personas.find((p) => p.key === body.persona);
      const u = persona ? await deps.directory.getUser(persona.login) : null;
      if (!u || u.status !== 'ACTIVE') return signInPage(c, safeNext(body.next), 'Pick one of the personas.', 400);
      return start(c, u, 'demo', typeof body.next === 'string' ? body.next : '/');
    });
  }
  return app;
}
