// Builds the official Okta SDK client (API token or OAuth 2.0 private-key JWT) with Warden's executor and no cache.
import { Client } from '@okta/okta-sdk-nodejs';
import type { RequestExecutor } from '@okta/okta-sdk-nodejs';

export interface OktaAuthOptions {
  orgUrl: string;
  /** SSWS API token. */
  token?: string;
  /** OAuth 2.0 service app (private-key JWT); preferred over a token when both are given. */
  oauth?: { clientId: string; privateKey: string; keyId?: string; scopes: string[] };
}

/**
 * The SDK's response cache is disabled (`cacheMiddleware: null`): it serves GETs without asking Okta,
 * so changes made elsewhere would stay invisible to Warden.
 */
export function createOktaClient(opts: OktaAuthOptions, requestExecutor: RequestExecutor): Client {
  const orgUrl = opts.orgUrl.replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+$/.test(orgUrl))
    throw new Error('Okta orgUrl must look like https://your-org.okta.com (no path).');
  const base = { orgUrl, cacheMiddleware: null, requestExecutor, userAgent: 'warden' };
  if (opts.oauth) {
    const { clientId, privateKey, keyId, scopes } = opts.oauth;
    return new Client({ ...base, authorizationMode: 'PrivateKey', clientId, privateKey, keyId, scopes });
  }
  if (!opts.token) throw new Error('Okta directory needs an API token or an OAuth service app.');
  return new Client({ ...base, authorizationMode: 'SSWS', token: opts.token });
}
