// The openid-client wrapper: plain HTTP only for loopback issuers; a public client sends its id in the form (PKCE alone).
import { afterEach, describe, expect, it } from 'vitest';
import { createOidcClient, isLoopbackIssuer, OidcError } from '../../src/web/session/oidc-client.js';
import { startOidcProvider, type OidcProvider } from '../support/oidc-provider.js';

let idp: OidcProvider | undefined;
afterEach(async () => {
  await idp?.close();
  idp = undefined;
});

describe('OIDC client', () => {
  it.each([
    ['http://127.0.0.1:4000', true],
    ['http://localhost:4000/', true],
    ['http://[::1]:4000', true],
    ['http://127.8.9.10', true],
    ['http://login.acme.example', false],
    ['http://127.0.0.1.nip.io', false],
    ['http://localhost.evil.example', false],
    ['https://acme.okta.com', false],
  ])('%s is loopback: %s', (issuer, loopback) => {
    expect(isLoopbackIssuer(issuer)).toBe(loopback);
  });

  it('refuses a plain-HTTP issuer that is not on loopback, before sending anything', async () => {
    const calls: string[] = [];
    const spy = (async (url: string | URL | Request) => {
      calls.push(String(url));
      return new Response('{}');
    }) as typeof fetch;
    const client = createOidcClient({ issuer: 'http://login.acme.example', clientId: 'warden-web' }, { fetch: spy });
    await expect(client.start('https://warden.acme.example/auth/callback')).rejects.toThrow(OidcError);
    await expect(client.start('https://warden.acme.example/auth/callback')).rejects.toThrow(
      /must be reached over HTTPS/,
    );
    expect(calls).toEqual([]);
  });

  it('signs in as a public client: client_id in the form, no secret, PKCE S256', async () => {
    idp = await startOidcProvider({ clientId: 'warden-public' });
    idp.signInAs({ sub: 'u1', email: 'someone@acme.example' });
    const client = createOidcClient({ issuer: idp.issuer, clientId: 'warden-public' });
    const redirect = 'http://127.0.0.1:9/auth/callback';
    const { url, tx } = await client.start(redirect);
    const authorize = new URL(url);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBe(tx.state);
    expect(authorize.searchParams.get('nonce')).toBe(tx.nonce);
    const back = await fetch(authorize, { redirect: 'manual' });
    const claims = await client.finish({ callbackUrl: new URL(back.headers.get('location')!), tx });
    expect(claims).toMatchObject({ sub: 'u1', email: 'someone@acme.example', aud: 'warden-public', iss: idp.issuer });
    expect(idp.tokenRequests.at(-1)).toMatchObject({
      client_id: 'warden-public',
      redirect_uri: redirect,
      code_verifier: tx.verifier,
    });
    expect(idp.tokenRequests.at(-1)!.client_secret).toBeUndefined();
  });

  it('says the provider is unreachable rather than that a token did not verify', async () => {
    idp = await startOidcProvider({ clientId: 'warden-web' });
    const client = createOidcClient({ issuer: idp.issuer, clientId: 'warden-web' });
    const { url, tx } = await client.start('http://127.0.0.1:9/auth/callback');
    const back = await fetch(url, { redirect: 'manual' });
    await idp.close();
    idp = undefined;
    await expect(client.finish({ callbackUrl: new URL(back.headers.get('location')!), tx })).rejects.toThrow(
      /could not be reached/,
    );
  });
});
