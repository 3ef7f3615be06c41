// OpenID Connect sign-in (authorization code + PKCE, state, nonce) through the certified openid-client library.
import * as oidc from 'openid-client';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Absent for a public client (PKCE alone). */
  clientSecret?: string;
  /** Default `<origin>/auth/callback`. */
  redirectUrl?: string;
}

/** ID token claims, as verified by openid-client. */
export type IdTokenClaims = oidc.IDToken;

/** A sign-in failure whose message is safe to show: no tokens, codes or provider bodies. */
export class OidcError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OidcError';
  }
}

/** What the browser keeps (in a signed, short-lived cookie) between the redirect to the provider and the callback. */
export interface AuthTransaction {
  state: string;
  nonce: string;
  verifier: string;
}

/** The directory login an ID token names: `preferred_username`, else `email`. */
export function loginFromClaims(claims: Record<string, unknown>): string | undefined {
  const pick = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  return pick(claims.preferred_username) ?? pick(claims.email);
}

export interface OidcClient {
  readonly issuer: string;
  /** A fresh transaction (state, nonce, PKCE verifier) and the provider URL to send the browser to. */
  start(redirectUri: string): Promise<{ url: string; tx: AuthTransaction }>;
  /** Exchanges the code from the callback URL and verifies the ID token (signature, issuer, audience, expiry, nonce); returns its claims. */
  finish(o: { callbackUrl: URL; tx: AuthTransaction }): Promise<IdTokenClaims>;
}

/**
 * Plain-HTTP issuers are accepted only on loopback (tests, a provider on the same machine); anything
 * reachable over a network must use HTTPS, which openid-client enforces.
 */
export function isLoopbackIssuer(issuer: string): boolean {
  const host = new URL(issuer).hostname;
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

const VERIFY_FAILED = [
  'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
  'OAUTH_JWT_TIMESTAMP_CHECK_FAILED',
  'OAUTH_KEY_SELECTION_FAILED',
  'OAUTH_INVALID_RESPONSE',
  'OAUTH_PARSE_ERROR',
];
const UNREACHABLE = ['OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_RESPONSE_IS_NOT_JSON'];

/** Why a failed exchange failed, in words safe to show (the error code at most, never the provider's body). Bugs are rethrown as they are. */
function describeFailure(err: unknown): Error {
  if (err instanceof OidcError) return err;
  if (err instanceof oidc.ResponseBodyError) {
    const code = /^[\w.-]{1,64}$/.test(err.error) ? ` (${err.error})` : '';
    return new OidcError(`The sign-in provider refused the sign-in${code}.`);
  }
  if (err instanceof oidc.AuthorizationResponseError) {
    return new OidcError(`Sign-in did not complete${/^[\w.-]{1,64}$/.test(err.error) ? ` (${err.error})` : ''}.`);
  }
  const e = err as Error & { code?: string; cause?: { cause?: { claim?: string } } };
  if (e.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && e.cause?.cause?.claim === 'nonce')
    return new OidcError('The ID token was not issued for this sign-in (nonce mismatch).');
  if (e.code && VERIFY_FAILED.includes(e.code))
    return new OidcError(
      'The ID token from the sign-in provider did not verify (signature, issuer, audience or expiry).',
    );
  // fetch() failures are TypeErrors without a code; timeouts are DOMExceptions.
  if (
    (e instanceof TypeError && !e.code) ||
    e.name === 'TimeoutError' ||
    e.name === 'AbortError' ||
    (e.code && UNREACHABLE.includes(e.code))
  ) {
    return new OidcError('The sign-in provider could not be reached to finish signing in.');
  }
  return err instanceof Error ? err : new Error(String(err));
}

export function createOidcClient(s: OidcSettings, opts: { fetch?: typeof fetch; timeoutMs?: number } = {}): OidcClient {
  const execute = [
    // Verify the ID token's signature against the provider's JWKS too (OIDC lets a direct TLS response skip it; we do not).
    oidc.enableNonRepudiationChecks,
    ...(isLoopbackIssuer(s.issuer) ? [oidc.allowInsecureRequests] : []),
  ];
  const options: oidc.DiscoveryRequestOptions = {
    execute,
    timeout: Math.ceil((opts.timeoutMs ?? 10_000) / 1000),
    ...(opts.fetch ? { [oidc.customFetch]: opts.fetch as oidc.CustomFetch } : {}),
  };
  const metadata: Partial<oidc.ClientMetadata> = { [oidc.clockTolerance]: 60 };
  let configured: Promise<oidc.Configuration> | undefined;

  /** Discovery (cached; a failure is retried on the next sign-in), then the client authentication the provider supports. */
  const configuration = (): Promise<oidc.Configuration> => {
    configured ??= (async () => {
      let config: oidc.Configuration;
      try {
        config = await oidc.discovery(
          new URL(s.issuer),
          s.clientId,
          metadata,
          s.clientSecret ? oidc.ClientSecretBasic(s.clientSecret) : oidc.None(),
          options,
        );
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED')
          throw new OidcError(
            'The sign-in provider names a different issuer than the one configured (WARDEN_OIDC_ISSUER).',
          );
        if (code === 'OAUTH_HTTP_REQUEST_FORBIDDEN')
          throw new OidcError(
            'The sign-in provider must be reached over HTTPS (plain HTTP is allowed only on loopback).',
          );
        throw new OidcError(`The sign-in provider's discovery document could not be read (${code ?? 'unreachable'}).`);
      }
      const methods = config.serverMetadata().token_endpoint_auth_methods_supported;
      if (s.clientSecret && methods?.length && !methods.includes('client_secret_basic')) {
        config = new oidc.Configuration(
          config.serverMetadata(),
          s.clientId,
          metadata,
          oidc.ClientSecretPost(s.clientSecret),
        );
        for (const extension of execute) extension(config);
        if (opts.fetch) config[oidc.customFetch] = opts.fetch as oidc.CustomFetch;
        config.timeout = options.timeout;
      }
      return config;
    })();
    configured.catch(() => {
      configured = undefined;
    });
    return configured;
  };

  return {
    issuer: s.issuer,
    async start(redirectUri) {
      const config = await configuration();
      const tx: AuthTransaction = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid profile email',
        state: tx.state,
        nonce: tx.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(tx.verifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, tx };
    },
    async finish({ callbackUrl, tx }) {
      const config = await configuration();
      try {
        const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: tx.verifier,
          expectedState: tx.state,
          expectedNonce: tx.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims) throw new OidcError('The sign-in provider returned no ID token.');
        return claims;
      } catch (err) {
        throw describeFailure(err);
      }
    },
  };
}
