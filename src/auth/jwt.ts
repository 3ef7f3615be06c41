// OAuth 2.0 access tokens (JWT) from an authorization server such as Okta, verified against its JWKS.
import type { JWTPayload } from 'jose';

export interface JwtOptions {
  issuer: string;
  audience: string;
  jwksUrl: string;
}

export interface VerifiedToken {
  clientId: string;
  /** The person the token was issued to, when it is a user token (Okta puts the login in `sub`). */
  subject?: string;
  scopes: string[];
}

/**
 * Returns a verifier that checks signature, issuer, audience and expiry; throws on any failure. `jose` is loaded by
 * the first token, so a server that never sees one does not load it at start.
 */
export function createJwtVerifier(opts: JwtOptions): (token: string) => Promise<VerifiedToken> {
  const jwksUrl = new URL(opts.jwksUrl);
  let loaded:
    | Promise<{
        jwtVerify: typeof import('jose').jwtVerify;
        jwks: ReturnType<typeof import('jose').createRemoteJWKSet>;
      }>
    | undefined;
  const load = () =>
    (loaded ??= import('jose').then(({ createRemoteJWKSet, jwtVerify }) => ({
      jwtVerify,
      jwks: createRemoteJWKSet(jwksUrl, { cooldownDuration: 30_000, timeoutDuration: 5_000 }),
    })));
  return async (token) => {
    const { jwtVerify, jwks } = await load();
    const { payload } = await jwtVerify(token, jwks, {
      issuer: opts.issuer,
      audience: opts.audience,
      clockTolerance: 30,
    });
    const clientId = str(payload, 'cid') ?? str(payload, 'client_id') ?? str(payload, 'azp');
    if (!clientId) throw new Error('token has no client id claim (cid, client_id or azp)');
    const sub = payload.sub && payload.sub !== clientId ? payload.sub : undefined;
    const scp = payload.scp ?? (typeof payload.scope === 'string' ? payload.scope.split(' ') : []);
    return { clientId, subject: sub, scopes: Array.isArray(scp) ? scp.map(String) : [] };
  };
}

const str = (p: JWTPayload, k: string): string | undefined => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
