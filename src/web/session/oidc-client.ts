// OpenID Connect sign-in (authorization code + PKCE) against any provider: discovery, token exchange, ID token verified with jose.
import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Absent for a public client (PKCE alone). */
  clientSecret?: string;
  /** Default `<origin>/auth/callback`. */
  redirectUrl?: string;
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  token_endpoint_auth_methods_supported?: string[];
}

/** A sign-in failure whose message is safe to show: no tokens, codes or provider bodies. */
export class OidcError extends Error {
  constructor(message: string) { super(message); this.name = 'OidcError'; }
}

const random = () => randomBytes(32).toString('base64url');

/** A fresh state, nonce and PKCE verifier with its S256 challenge. */
export function newAuthTransaction() {
  const verifier = random();
  return { state: random(), nonce: random(), verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The directory login an ID token names: `preferred_username`, else `email`. */
export function loginFromClaims(claims: JWTPayload): string | undefined {
  const pick = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  return pick(claims.preferred_username) ?? pick(claims.email);
}

export interface OidcClient {
  readonly issuer: string;
  authorizationUrl(o: { redirectUri: string; state: string; nonce: string; challenge: string }): Promise<string>;
  /** Exchanges the code and verifies the ID token (signature, issuer, audience, expiry, nonce); returns its claims. */
  finish(o: { code: string; redirectUri: string; verifier: string; nonce: string }): Promise<JWTPayload>;
}

export function createOidcClient(s: OidcSettings, opts: { fetch?: typeof fetch; timeoutMs?: number } = {}): OidcClient {
  const http = opts.fetch ?? fetch;
  const timeout = () => AbortSignal.timeout(opts.timeoutMs ?? 10_000);
  let discovered: Promise<Discovery> | undefined;
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

  const discovery = (): Promise<Discovery> => {
    discovered ??= (async () => {
      const url = `${s.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
      const res = await http(url, { signal: timeout(), headers: { accept: 'application/json' } }).catch(() => null);
      if (!res?.ok) throw new OidcError(`The sign-in provider's discovery document could not be read (${res ? `HTTP ${res.status}` : 'unreachable'}).`);
      const d = (await res.json()) as Discovery;
      if (d.issuer !== s.issuer) throw new OidcError('The sign-in provider names a different issuer than the one configured (WARDEN_OIDC_ISSUER).');
      if (!d.authorization_endpoint || !d.token_endpoint || !d.jwks_uri) throw new OidcError('The sign-in provider\'s discovery document is incomplete.');
      jwks = createRemoteJWKSet(new URL(d.jwks_uri));
      return d;
    })();
    // A failed discovery is retried on the next sign-in rather than cached forever.
    discovered.catch(() => { discovered = undefined; });
    return discovered;
  };

  return {
    issuer: s.issuer,
    async authorizationUrl(o) {
      const d = await discovery();
      const u = new URL(d.authorization_endpoint);
      const q = { response_type: 'code', client_id: s.clientId, redirect_uri: o.redirectUri, scope: 'openid profile email', state: o.state, nonce: o.nonce, code_challenge: o.challenge, code_challenge_method: 'S256' };
      for (const [k, v] of Object.entries(q)) u.searchParams.set(k, v);
      return u.toString();
    },
    async finish(o) {
      const d = await discovery();
      const form = new URLSearchParams({ grant_type: 'authorization_code', code: o.code, redirect_uri: o.redirectUri, code_verifier: o.verifier });
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
      const postOnly = d.token_endpoint_auth_methods_supported?.length && !d.token_endpoint_auth_methods_supported.includes('client_secret_basic');
      if (s.clientSecret && !postOnly) {
        headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(s.clientId)}:${encodeURIComponent(s.clientSecret)}`).toString('base64')}`;
      } else {
        form.set('client_id', s.clientId);
        if (s.clientSecret) form.set('client_secret', s.clientSecret);
      }
      const res = await http(d.token_endpoint, { method: 'POST', headers, body: form, signal: timeout() }).catch(() => null);
      if (!res) throw new OidcError('The sign-in provider could not be reached to finish signing in.');
      const body = (await res.json().catch(() => ({}))) as { id_token?: string; error?: string };
      if (!res.ok || typeof body.id_token !== 'string') {
        const code = typeof body.error === 'string' && /^[\w.-]{1,64}$/.test(body.error) ? ` (${body.error})` : '';
        throw new OidcError(`The sign-in provider refused the sign-in${code}.`);
      }
      let claims: JWTPayload;
      try {
        ({ payload: claims } = await jwtVerify(body.id_token, jwks!, { issuer: d.issuer, audience: s.clientId, requiredClaims: ['exp', 'iat', 'sub'], clockTolerance: 60 }));
      } catch {
        throw new OidcError('The ID token from the sign-in provider did not verify (signature, issuer, audience or expiry).');
      }
      if (claims.nonce !== o.nonce) throw new OidcError('The ID token was not issued for this sign-in (nonce mismatch).');
      if (Array.isArray(claims.aud) && claims.aud.length > 1 && claims.azp !== s.clientId) throw new OidcError('The ID token was issued to another client.');
      return claims;
    },
  };
}
