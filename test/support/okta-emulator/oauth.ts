// POST /oauth2/v1/token for private-key JWT service apps, and the OAuth scope each API path needs.
import { Hono } from 'hono';
import { importJWK, importSPKI, jwtVerify, type JWK } from 'jose';
import type { Emu, EmuEnv } from './context.js';
import { oktaId } from './state.js';

export interface OAuthOptions {
  clientId: string;
  /** The service app's public key (SPKI PEM or JWK) used to verify client assertions. */
  publicKey: string | JWK;
  /** Scopes the app was granted; a request for others fails with invalid_scope. */
  grantedScopes?: string[];
}

export type TokenStore = Map<string, { scopes: string[] }>;

/** The scope Okta requires for a management API call, or undefined for paths without one. */
export function requiredScope(method: string, path: string): string | undefined {
  const write = method !== 'GET';
  if (/^\/api\/v1\/users\/[^/]+\/roles/.test(path)) return write ? 'okta.roles.manage' : 'okta.roles.read';
  if (path.startsWith('/api/v1/users')) return write ? 'okta.users.manage' : 'okta.users.read';
  if (path.startsWith('/api/v1/groups')) return write ? 'okta.groups.manage' : 'okta.groups.read';
  if (path.startsWith('/api/v1/apps')) return write ? 'okta.apps.manage' : 'okta.apps.read';
  if (path.startsWith('/api/v1/logs')) return 'okta.logs.read';
  return undefined;
}

/** Routes under /oauth2/v1. */
export function oauthRoutes(emu: Emu, opts: OAuthOptions | undefined, tokens: TokenStore): Hono<EmuEnv> {
  const r = new Hono<EmuEnv>();
  r.post('/token', async (c) => {
    const fail = (error: string, description: string, status: 400 | 401 = 400) =>
      c.json({ error, error_description: description }, status);
    if (!opts) return fail('invalid_client', 'No service app is configured.', 401);
    const form = await c.req.parseBody();
    if (form.grant_type !== 'client_credentials')
      return fail('unsupported_grant_type', 'grant_type must be client_credentials.');
    if (
      form.client_assertion_type !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' ||
      typeof form.client_assertion !== 'string'
    ) {
      return fail('invalid_client', 'A client assertion is required.', 401);
    }
    try {
      const key =
        typeof opts.publicKey === 'string'
          ? await importSPKI(opts.publicKey, 'RS256')
          : await importJWK(opts.publicKey);
      await jwtVerify(form.client_assertion, key, {
        audience: `${emu.url}/oauth2/v1/token`,
        issuer: opts.clientId,
        subject: opts.clientId,
      });
    } catch {
      return fail('invalid_client', 'The client_assertion signature or claims are invalid.', 401);
    }
    const requested = String(form.scope ?? '')
      .split(' ')
      .filter(Boolean);
    const granted = opts.grantedScopes ?? requested;
    const missing = requested.filter((s) => !granted.includes(s));
    if (missing.length) return fail('invalid_scope', `The following scopes are not granted: ${missing.join(' ')}`);
    const accessToken = `eyJ${oktaId('', 40)}`;
    tokens.set(accessToken, { scopes: requested });
    return c.json({ token_type: 'Bearer', expires_in: 3600, access_token: accessToken, scope: requested.join(' ') });
  });
  return r;
}
