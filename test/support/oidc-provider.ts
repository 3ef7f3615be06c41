// A small OpenID Connect provider on 127.0.0.1 for tests: discovery, authorize (signs in a chosen user at once), token (code + PKCE), JWKS.
import { createHash, randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { AddressInfo } from 'node:net';

export interface OidcUser {
  sub: string;
  preferred_username?: string;
  email?: string;
}

/** Ways to make the next ID token wrong, to prove the relying party checks it. */
export type Tamper = 'nonce' | 'audience' | 'issuer' | 'signature' | 'expired';

export interface OidcProviderOptions {
  clientId: string;
  /** When set, /token requires it (Basic or form); when absent the client is public (PKCE only). */
  clientSecret?: string;
}

export interface OidcProvider {
  issuer: string;
  /** Who the next /authorize signs in; `null` makes it answer `error=access_denied`. */
  signInAs(user: OidcUser | null): void;
  tamperNext(t: Tamper | undefined): void;
  /** Token requests received (their form fields), to assert PKCE and client auth. */
  tokenRequests: Array<Record<string, string>>;
  close(): Promise<void>;
}

export async function startOidcProvider(opts: OidcProviderOptions): Promise<OidcProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { redirectUri: string; challenge: string; nonce?: string; user: OidcUser }>();
  const tokenRequests: Array<Record<string, string>> = [];
  let user: OidcUser | null = { sub: 'u1', preferred_username: 'nobody@example.com' };
  let tamper: Tamper | undefined;
  let issuer = '';
  const app = new Hono();

  app.get('/.well-known/openid-configuration', (c) =>
    c.json({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/keys`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    }),
  );
  app.get('/keys', (c) => c.json({ keys: [jwk] }));

  app.get('/authorize', (c) => {
    const q = c.req.query();
    if (
      q.client_id !== opts.clientId ||
      q.response_type !== 'code' ||
      !q.redirect_uri ||
      !q.scope?.split(' ').includes('openid')
    )
      return c.text('bad authorization request', 400);
    if (q.code_challenge_method !== 'S256' || !q.code_challenge) return c.text('PKCE (S256) is required', 400);
    const back = new URL(q.redirect_uri);
    if (q.state) back.searchParams.set('state', q.state);
    if (!user) {
      back.searchParams.set('error', 'access_denied');
      return c.redirect(back.toString(), 302);
    }
    const code = randomBytes(16).toString('hex');
    codes.set(code, { redirectUri: q.redirect_uri, challenge: q.code_challenge, nonce: q.nonce, user });
    back.searchParams.set('code', code);
    return c.redirect(back.toString(), 302);
  });

  app.post('/token', async (c) => {
    const form = Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, String(v)]));
    tokenRequests.push(form);
    const basic = /^Basic (.+)$/.exec(c.req.header('authorization') ?? '');
    const [id, secret] = basic
      ? Buffer.from(basic[1]!, 'base64').toString().split(':').map(decodeURIComponent)
      : [form.client_id, form.client_secret];
    if (id !== opts.clientId || (opts.clientSecret !== undefined && secret !== opts.clientSecret))
      return c.json({ error: 'invalid_client' }, 401);
    const grant = codes.get(form.code ?? '');
    codes.delete(form.code ?? '');
    if (form.grant_type !== 'authorization_code' || !grant || grant.redirectUri !== form.redirect_uri)
      return c.json({ error: 'invalid_grant' }, 400);
    if (
      createHash('sha256')
        .update(form.code_verifier ?? '')
        .digest('base64url') !== grant.challenge
    )
      return c.json({ error: 'invalid_grant', error_description: 'PKCE verification failed' }, 400);
    const t = tamper;
    tamper = undefined;
    const { sub, ...claims } = grant.user;
    const idToken = await new SignJWT({ ...claims, nonce: t === 'nonce' ? 'someone-else' : grant.nonce })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
      .setIssuer(t === 'issuer' ? 'https://evil.example' : issuer)
      .setAudience(t === 'audience' ? 'another-client' : opts.clientId)
      .setSubject(sub)
      .setIssuedAt(t === 'expired' ? Math.floor(Date.now() / 1000) - 7200 : undefined)
      .setExpirationTime(t === 'expired' ? Math.floor(Date.now() / 1000) - 3600 : '5m')
      .sign(t === 'signature' ? other.privateKey : privateKey);
    return c.json({
      access_token: randomBytes(16).toString('hex'),
      token_type: 'Bearer',
      expires_in: 300,
      id_token: idToken,
    });
  });

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    tokenRequests,
    signInAs: (u) => {
      user = u;
    },
    tamperNext: (t) => {
      tamper = t;
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
