// OpenID Connect sign-in against a real (small) provider on loopback: code + PKCE, ID token checks, directory lookup.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOidcProvider, type OidcProvider } from '../support/oidc-provider.js';
import { MANAGER, webRig } from './support.js';

let idp: OidcProvider;
let rig: Awaited<ReturnType<typeof webRig>> | undefined;
beforeAll(async () => {
  idp = await startOidcProvider({ clientId: 'warden-web', clientSecret: 'web-secret' });
});
afterAll(async () => {
  await idp.close();
});
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const start = async (opts: { demo?: boolean } = {}) => {
  rig = await webRig({
    demo: opts.demo ?? false,
    oidc: { issuer: idp.issuer, clientId: 'warden-web', clientSecret: 'web-secret' },
  });
  return rig.client();
};

/** Runs the browser's part: start → provider authorize → back to the callback. Returns the callback's response. */
async function signIn(b: Awaited<ReturnType<typeof start>>, next = '/inbox', edit?: (callback: URL) => void) {
  const startRes = await b.req(`/auth/oidc/start?next=${encodeURIComponent(next)}`);
  expect(startRes.status).toBe(302);
  const authorize = new URL(startRes.headers.get('location')!);
  expect(authorize.origin).toBe(idp.issuer);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('redirect_uri')).toBe('http://localhost/auth/callback');
  const back = await fetch(authorize, { redirect: 'manual' });
  expect(back.status).toBe(302);
  const callback = new URL(back.headers.get('location')!);
  edit?.(callback);
  return b.req(callback.pathname + callback.search);
}

describe('OIDC sign-in', () => {
  it('signs in the person named by preferred_username, with PKCE and a client secret', async () => {
    const b = await start();
    expect(await (await b.req('/auth/sign-in')).text()).toContain(`Sign in with 127.0.0.1`);
    idp.signInAs({ sub: '00u-manager', preferred_username: MANAGER });
    const res = await signIn(b, '/inbox?status=all');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/inbox?status=all');
    expect(await (await b.req('/inbox')).text()).toContain('Signed in as <strong>Ayesha Nwosu</strong>');
    const token = idp.tokenRequests.at(-1)!;
    expect(token.code_verifier).toMatch(/^[\w-]{43}$/);
    expect(token.client_secret).toBeUndefined(); // sent with HTTP Basic
    const signIns = await rig!.w.audit.query({ action: 'web.signed-in' });
    expect(signIns.at(-1)).toMatchObject({
      actor: { kind: 'person', clientId: 'warden-web', person: { login: MANAGER } },
      args: { via: 'oidc' },
    });
  });

  it('falls back to the email claim', async () => {
    const b = await start();
    idp.signInAs({ sub: '00u-sec', email: 'thomas.edwards@acme.example' });
    expect((await signIn(b)).status).toBe(303);
    expect((await b.req('/audit')).status).toBe(200);
  });

  it.each(['nonce', 'audience', 'issuer', 'signature', 'expired'] as const)(
    'refuses an ID token with a bad %s',
    async (t) => {
      const b = await start();
      idp.signInAs({ sub: 'x', preferred_username: MANAGER });
      idp.tamperNext(t);
      const res = await signIn(b);
      expect(res.status).toBe(401);
      expect(await res.text()).toMatch(t === 'nonce' ? /nonce mismatch/ : /did not verify/);
      expect((await b.req('/inbox')).status).toBe(303);
    },
  );

  it('refuses a forged state, a replayed callback, and a callback from another browser', async () => {
    const b = await start();
    idp.signInAs({ sub: 'x', preferred_username: MANAGER });
    const forged = await signIn(b, '/inbox', (u) => u.searchParams.set('state', 'forged'));
    expect(forged.status).toBe(400);
    // The provider's own checks: a code is single-use and bound to the PKCE verifier.
    const startRes = await b.req('/auth/oidc/start');
    const back = await fetch(startRes.headers.get('location')!, { redirect: 'manual' });
    const cb = new URL(back.headers.get('location')!);
    const stranger = rig!.client();
    expect((await stranger.req(cb.pathname + cb.search)).status).toBe(400);
    expect((await b.req(cb.pathname + cb.search)).status).toBe(303);
    expect((await b.req(cb.pathname + cb.search)).status).toBe(400);
  });

  it('refuses people who are not active in the directory, and provider errors', async () => {
    const b = await start();
    idp.signInAs({ sub: 'x', preferred_username: 'maya.lindqvist@acme.example' }); // suspended
    const res = await signIn(b);
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/not an active person/);
    idp.signInAs({ sub: 'x', preferred_username: 'stranger@elsewhere.example' });
    expect((await signIn(b)).status).toBe(403);
    idp.signInAs(null);
    const denied = await signIn(b);
    expect(denied.status).toBe(401);
    expect(await denied.text()).toMatch(/Sign-in did not complete \(access_denied\)/);
  });

  it('offers OIDC without the persona picker on a real directory', async () => {
    const b = await start({ demo: false });
    const html = await (await b.req('/auth/sign-in')).text();
    expect(html).toContain('/auth/oidc/start');
    expect(html).not.toContain('/auth/demo');
  });
});
