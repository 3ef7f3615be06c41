// Host and Origin checks on a real listening Warden: a foreign Host is refused on every route but the health probe, even with valid credentials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createWarden, startHttp, type Warden } from '../../src/server.js';
import { generateApiKey } from '../../src/auth/api-keys.js';
import { hostAllowList, parseHostEntry } from '../../src/web/host-check.js';
import { allowListFor } from '../../src/web/host-allow-config.js';
import { memoryLogger, personas } from '../support/harness.js';

const HOOK_SECRET = 'okta-hook-secret-for-host-tests';

interface Reply {
  status: number;
  body: string;
}

/** node:http, because fetch does not let a caller choose the Host header. */
function send(
  port: number,
  path: string,
  opts: { method?: string; host: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { Host: opts.host, ...opts.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('host and origin checks over HTTP', () => {
  let w: Warden;
  let http: { url: string; close(): Promise<void> };
  let port: number;
  let key: string;
  let personKey: string;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'warden-host-'));
    const config = loadConfig({
      WARDEN_DATA_DIR: dataDir,
      WARDEN_PORT: '0',
      WARDEN_OKTA_HOOK_SECRET: HOOK_SECRET,
      WARDEN_ALLOWED_HOSTS: 'warden.internal, proxy.example:8443',
    });
    w = await createWarden(config, { log: memoryLogger().log });
    http = await startHttp(w);
    port = Number(new URL(http.url).port);
    const k = generateApiKey();
    await w.store.createApiKey({ clientId: 'claude-desktop', keyHash: k.hash, prefix: k.prefix });
    key = k.key;
    const p = generateApiKey();
    await w.store.createApiKey({
      clientId: 'warden-web',
      keyHash: p.hash,
      prefix: p.prefix,
      personLogin: personas.manager as string,
    });
    personKey = p.key;
  });
  afterAll(async () => {
    await http.close();
    await w.close();
  });

  const mcpList = (host: string, headers: Record<string, string> = {}) =>
    send(port, '/mcp', {
      method: 'POST',
      host,
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      headers: {
        Authorization: `Bearer ${key}`,
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        ...headers,
      },
    });
  const apiList = (host: string) =>
    send(port, '/api/requests', { host, headers: { Authorization: `Bearer ${personKey}` } });
  const page = (host: string) => send(port, '/auth/sign-in', { host });
  const hook = (host: string) =>
    send(port, '/hooks/okta', {
      host,
      headers: { Authorization: HOOK_SECRET, 'x-okta-verification-challenge': 'c-123' },
    });

  it('refuses a foreign Host with 403 on /mcp, /api, the pages and /hooks, even with valid credentials', async () => {
    for (const host of [
      'evil.example',
      'evil.example:' + port,
      'localhost.evil.example',
      '127.0.0.2',
      'proxy.example',
      'proxy.example:443',
    ]) {
      for (const [what, r] of [
        ['mcp', await mcpList(host)],
        ['api', await apiList(host)],
        ['page', await page(host)],
        ['hook', await hook(host)],
      ] as const) {
        expect(r.status, `${what} with Host ${host}`).toBe(403);
        expect(r.body, `${what} with Host ${host}`).not.toMatch(/lookup_user|verification|sign in/i);
      }
    }
    const mcp = JSON.parse((await mcpList('evil.example')).body);
    expect(mcp).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000 } });
  });

  it('serves the loopback names, the bind address and WARDEN_ALLOWED_HOSTS (with its port when it names one)', async () => {
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      'localhost',
      `[::1]:${port}`,
      'warden.internal',
      'WARDEN.internal:9000',
      'proxy.example:8443',
    ]) {
      const mcp = await mcpList(host);
      expect(mcp.status, `mcp with Host ${host}`).toBe(200);
      expect(mcp.body).toMatch(/lookup_user/);
      expect((await apiList(host)).status, `api with Host ${host}`).toBe(200);
      expect((await page(host)).status, `page with Host ${host}`).toBe(200);
      const h = await hook(host);
      expect(h.status, `hook with Host ${host}`).toBe(200);
      expect(h.body).toMatch(/c-123/);
    }
  });

  it('keeps /healthz open to any Host (load balancers probe by IP)', async () => {
    expect((await send(port, '/healthz', { host: '10.1.2.3:8787' })).status).toBe(200);
    expect((await send(port, '/healthz', { host: 'evil.example' })).status).toBe(200);
  });

  it('refuses state-changing requests from a foreign browser Origin, and accepts same-origin ones', async () => {
    for (const origin of [
      'https://evil.example',
      'null',
      'http://localhost.evil.example:' + port,
      'file:///tmp/x.html',
    ]) {
      const r = await mcpList(`127.0.0.1:${port}`, { Origin: origin });
      expect(r.status, origin).toBe(403);
      expect(r.body).not.toMatch(/lookup_user/);
    }
    const same = await mcpList(`127.0.0.1:${port}`, { Origin: `http://127.0.0.1:${port}` });
    expect(same.status).toBe(200);
    expect(same.body).toMatch(/lookup_user/);
    expect((await mcpList('warden.internal', { Origin: 'https://warden.internal' })).status).toBe(200);
    // Reads are not state-changing: a page may be linked from anywhere.
    expect(
      (await send(port, '/auth/sign-in', { host: `127.0.0.1:${port}`, headers: { Origin: 'https://evil.example' } }))
        .status,
    ).toBe(200);
  });
});

describe('hostAllowList', () => {
  it.each([
    // bind host, public URL, extra, host name, port, allowed
    ['127.0.0.1', undefined, [], 'localhost', '8787', true],
    ['127.0.0.1', undefined, [], '[::1]', '', true],
    ['127.0.0.1', undefined, [], 'evil.example', '8787', false],
    ['10.0.0.5', undefined, [], '10.0.0.5', '8787', true],
    ['10.0.0.5', undefined, [], 'localhost', '8787', false],
    ['0.0.0.0', undefined, [], 'localhost', '8787', true],
    ['0.0.0.0', undefined, [], '0.0.0.0', '8787', false],
    ['0.0.0.0', 'https://warden.acme.example', [], 'warden.acme.example', '', true],
    ['0.0.0.0', undefined, ['warden.internal:8443'], 'warden.internal', '8443', true],
    ['0.0.0.0', undefined, ['warden.internal:8443'], 'warden.internal', '', false],
    ['::1', undefined, [], 'localhost', '', true],
  ] as const)('bind %s, public %s, extra %j: %s:%s → %s', (bindHost, publicUrl, extra, hostname, port, allowed) => {
    expect(hostAllowList({ bindHost, publicUrl, extra }).allows(hostname, port)).toBe(allowed);
  });

  it('parses host entries and rejects what is not one', () => {
    expect(parseHostEntry('Warden.Example:8443')).toEqual({ hostname: 'warden.example', port: '8443' });
    expect(parseHostEntry('::1')).toEqual({ hostname: '[::1]', port: '' });
    expect(parseHostEntry('[::1]:80')).toEqual({ hostname: '[::1]', port: '80' });
    expect(parseHostEntry('https://x.example')).toBeUndefined();
    expect(parseHostEntry('x.example/path')).toBeUndefined();
  });

  it('warns at start when an all-interfaces bind names no host, and says what to set', () => {
    const quiet = memoryLogger();
    allowListFor(loadConfig({ WARDEN_HOST: '0.0.0.0', WARDEN_ALLOWED_HOSTS: 'warden.internal' }).http, quiet.log);
    allowListFor(loadConfig({ WARDEN_HOST: '127.0.0.1' }).http, quiet.log);
    expect(quiet.lines.join('')).toBe('');
    const loud = memoryLogger();
    const list = allowListFor(loadConfig({ WARDEN_HOST: '0.0.0.0' }).http, loud.log);
    expect(loud.lines.join('')).toMatch(
      /WARDEN_HOST=0\.0\.0\.0 listens on every interface.*Set WARDEN_PUBLIC_URL or WARDEN_ALLOWED_HOSTS/,
    );
    expect(list.allows('localhost', '8787')).toBe(true);
    expect(list.allows('10.0.0.5', '8787')).toBe(false);
  });

  it('WARDEN_ALLOWED_HOSTS is a comma list of host names; a URL is a configuration error', () => {
    expect(loadConfig({ WARDEN_ALLOWED_HOSTS: ' a.example , b.example:8443,' }).http.allowedHosts).toEqual([
      'a.example',
      'b.example:8443',
    ]);
    expect(() => loadConfig({ WARDEN_ALLOWED_HOSTS: 'https://a.example' })).toThrow(
      /WARDEN_ALLOWED_HOSTS must list host names like warden.example.com.*https:\/\/a\.example is not one/,
    );
  });
});
