// OAuth access tokens on /mcp: verified against the issuer's JWKS with issuer, audience and expiry checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { loadConfig } from '../../src/config.js';
import { createWarden, startHttp, type Warden } from '../../src/server.js';
import { memoryLogger, personas } from '../support/harness.js';

let issuer: string;
let jwks: { close(): void };
let keys: Awaited<ReturnType<typeof generateKeyPair>>;
let w: Warden;
let http: { url: string; close(): Promise<void> };

beforeAll(async () => {
  keys = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const app = new Hono().get('/oauth2/default/v1/keys', (c) => c.json({ keys: [jwk] }));
  const server = await new Promise<ReturnType<typeof serve>>((r) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => r(s));
  });
  const port = (server.address() as { port: number }).port;
  issuer = `http://127.0.0.1:${port}/oauth2/default`;
  jwks = server;
  w = await createWarden(
    loadConfig({
      WARDEN_DATA_DIR: mkdtempSync(join(tmpdir(), 'warden-jwt-')),
      WARDEN_PORT: '0',
      WARDEN_OAUTH_ISSUER: issuer,
      WARDEN_OAUTH_AUDIENCE: 'api://warden',
    }),
    { log: memoryLogger().log },
  );
  http = await startHttp(w);
});
afterAll(async () => {
  await http.close();
  await w.close();
  jwks.close();
});

const token = (
  claims: Record<string, unknown>,
  opts: { iss?: string; aud?: string; exp?: string | number; key?: CryptoKey } = {},
) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(opts.iss ?? issuer)
    .setAudience(opts.aud ?? 'api://warden')
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? '5m')
    .sign(opts.key ?? keys.privateKey);

const listTools = (bearer: string) =>
  fetch(`${http.url}/mcp`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${bearer}`,
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });

describe('JWT access tokens', () => {
  it('accepts a valid token and uses its client id and person', async () => {
    const res = await listTools(await token({ cid: 'claude-desktop', sub: personas.manager }));
    expect(res.status).toBe(200);
    expect((await res.json()).result.tools.map((t: any) => t.name)).toContain('lookup_user');
  });

  it.each([
    ['a wrong issuer', () => token({ cid: 'claude-desktop' }, { iss: 'http://evil.example/' })],
    ['a wrong audience', () => token({ cid: 'claude-desktop' }, { aud: 'api://other' })],
    ['an expired token', () => token({ cid: 'claude-desktop' }, { exp: Math.floor(Date.now() / 1000) - 3600 })],
    [
      'a token signed by another key',
      async () => token({ cid: 'claude-desktop' }, { key: (await generateKeyPair('RS256')).privateKey }),
    ],
    ['a token without a client id', () => token({ sub: 'x' })],
  ])('refuses %s with 401', async (_label, make) => {
    const res = await listTools(await make());
    expect(res.status).toBe(401);
    expect(JSON.stringify(await res.json())).not.toMatch(/lookup_user/);
  });

  it('advertises the authorization server in the protected-resource metadata', async () => {
    const meta = await (await fetch(`${http.url}/.well-known/oauth-protected-resource/mcp`)).json();
    expect(meta.authorization_servers).toEqual([issuer]);
  });
});
