// MCP over stateless HTTP as the spec says: POST only (405 + Allow), -32602 for wrong-typed params, 400 for empty batches,
// bounded nesting and bad JSON, 202 for notifications; and an SDK client still works end to end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { loadConfig } from '../../src/config.js';
import { createWarden, startHttp, type Warden } from '../../src/server.js';
import { generateApiKey } from '../../src/auth/api-keys.js';
import { memoryLogger, personas } from '../support/harness.js';

describe('MCP over stateless HTTP', () => {
  let w: Warden;
  let http: { url: string; close(): Promise<void> };
  let key: string;
  let logLines: string[];

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'warden-mcp-http-'));
    const mem = memoryLogger();
    logLines = mem.lines;
    w = await createWarden(loadConfig({ WARDEN_DATA_DIR: dataDir, WARDEN_PORT: '0' }), { log: mem.log });
    http = await startHttp(w);
    const k = generateApiKey();
    await w.store.createApiKey({ clientId: 'claude-desktop', keyHash: k.hash, prefix: k.prefix });
    key = k.key;
  });
  afterAll(async () => {
    await http.close();
    await w.close();
  });

  const headers = () => ({
    Authorization: `Bearer ${key}`,
    'Content-Type': 'application/json',
    Accept: 'application/json, text/event-stream',
  });
  const post = (body: string) => fetch(`${http.url}/mcp`, { method: 'POST', headers: headers(), body });
  const call = (params: unknown, id: number | string = 1) =>
    post(JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params }));

  it('answers GET and DELETE with 405 and Allow: POST (no event stream to re-poll, no session to end)', async () => {
    for (const method of ['GET', 'DELETE', 'PUT']) {
      const res = await fetch(`${http.url}/mcp`, { method, headers: { ...headers(), Accept: 'text/event-stream' } });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow'), method).toBe('POST');
      expect(await res.json(), method).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000 } });
    }
  });

  it('gives wrong-typed params -32602 with a short message, and runs nothing', async () => {
    const before = await w.audit.count();
    for (const [label, params] of [
      ['arguments: null', { name: 'lookup_user', arguments: null }],
      ['params a string', 'lookup_user'],
      ['name: 5', { name: 5, arguments: { query: 'x' } }],
      ['arguments an array', { name: 'lookup_user', arguments: ['x'] }],
      ['no name', { arguments: { query: 'x' } }],
    ] as const) {
      const res = await call(params, 7);
      expect(res.status, label).toBe(200);
      const body = await res.json();
      expect(body, label).toMatchObject({ jsonrpc: '2.0', id: 7, error: { code: -32602 } });
      const message = body.error.message as string;
      expect(message.length, label).toBeLessThan(160);
      expect(message, label).toMatch(/^Invalid params for tools\/call: params/);
      expect(message, label).not.toMatch(/[{}[\]"\n]|ZodError|issues/);
    }
    const init = await post(
      JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'initialize', params: { protocolVersion: 5 } }),
    );
    expect((await init.json()).error.code).toBe(-32602);
    expect(await w.audit.count()).toBe(before);
  });

  it('refuses an empty batch, over-deep nesting and invalid JSON as bad requests', async () => {
    const empty = await post('[]');
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.code).toBe(-32600);

    const deep = (n: number) =>
      `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"lookup_user","arguments":{"query":${'['.repeat(n)}${']'.repeat(n)}}}}`;
    for (const n of [100_000, 70]) {
      const res = await post(deep(n));
      expect(res.status, `depth ${n}`).toBe(400);
      expect((await res.json()).error, `depth ${n}`).toMatchObject({
        code: -32600,
        message: expect.stringMatching(/nested deeper than 64/),
      });
    }
    // Within the bound it is an ordinary call with a wrong argument: the tool's invalid_input.
    const shallow = await (await post(deep(20))).json();
    expect(shallow.result.isError).toBe(true);
    expect(shallow.result.content[0].text).toMatch(/invalid_input/);

    const bad = await post('{"jsonrpc":"2.0",');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe(-32700);
    expect(logLines.join('')).not.toMatch(/Maximum call stack/);
  });

  it('refuses a body over 4 MiB with 413, whether its length is declared or it arrives chunked', async () => {
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'lookup_user', arguments: { query: 'x'.repeat(4 * 1024 * 1024) } },
    });
    expect((await post(big)).status).toBe(413);
    const bytes = new TextEncoder().encode(big);
    const chunked = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 65_536) c.enqueue(bytes.subarray(i, i + 65_536));
        c.close();
      },
    });
    const res = await fetch(`${http.url}/mcp`, {
      method: 'POST',
      headers: headers(),
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('answers a notification-only POST with 202, and a mixed batch per message', async () => {
    const note = await post(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    expect(note.status).toBe(202);
    expect(await note.text()).toBe('');
    const notes = await post(
      JSON.stringify([
        { jsonrpc: '2.0', method: 'notifications/initialized' },
        { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 3 } },
      ]),
    );
    expect(notes.status).toBe(202);

    const mixed = await post(
      JSON.stringify([
        {
          jsonrpc: '2.0',
          id: 'a',
          method: 'tools/call',
          params: { name: 'lookup_user', arguments: { query: personas.manager } },
        },
        { jsonrpc: '2.0', id: 'b', method: 'tools/call', params: { name: 'lookup_user', arguments: null } },
        { jsonrpc: '2.0', method: 'notifications/initialized' },
      ]),
    );
    expect(mixed.status).toBe(200);
    const answers = (await mixed.json()) as { id: string; result?: { isError?: boolean }; error?: { code: number } }[];
    expect(answers.map((a) => a.id).sort()).toEqual(['a', 'b']);
    expect(answers.find((a) => a.id === 'a')!.result!.isError).toBeFalsy();
    expect(answers.find((a) => a.id === 'b')!.error!.code).toBe(-32602);
  });

  it('answers initialize, ping and unknown methods as the SDK server does', async () => {
    const init = await (
      await post(
        JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
        }),
      )
    ).json();
    expect(init.result).toMatchObject({
      protocolVersion: '2025-06-18',
      serverInfo: { name: 'warden' },
      capabilities: { tools: {}, logging: {} },
    });
    // Clients such as the Inspector set a log level after initialize; that is accepted, not "method not found".
    const setLevel = { jsonrpc: '2.0', id: 6, method: 'logging/setLevel', params: { level: 'warning' } };
    expect(await (await post(JSON.stringify(setLevel))).json()).toEqual({ jsonrpc: '2.0', id: 6, result: {} });
    // A level that is not one of RFC 5424's is the caller's mistake (-32602, one short line), not an internal error.
    for (const level of ['trace', 'DEBUG', 42, null]) {
      const bad = { jsonrpc: '2.0', id: 7, method: 'logging/setLevel', params: { level } };
      expect(await (await post(JSON.stringify(bad))).json()).toEqual({
        jsonrpc: '2.0',
        id: 7,
        error: { code: -32602, message: 'Invalid params for logging/setLevel: params.level (invalid value)' },
      });
    }
    expect(await (await post(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }))).json()).toEqual({
      jsonrpc: '2.0',
      id: 2,
      result: {},
    });
    const unknown = await (await post(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'resources/list' }))).json();
    expect(unknown.error.code).toBe(-32601);
    const oldVersion = await fetch(`${http.url}/mcp`, {
      method: 'POST',
      headers: { ...headers(), 'MCP-Protocol-Version': '1999-01-01' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'tools/list' }),
    });
    expect(oldVersion.status).toBe(400);
    const wrongAccept = await fetch(`${http.url}/mcp`, {
      method: 'POST',
      headers: { ...headers(), Accept: 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'tools/list' }),
    });
    expect(wrongAccept.status).toBe(406);
  });

  it('stops accepting a revoked API key within the key cache time (a few seconds)', async () => {
    const k = generateApiKey();
    const rec = await w.store.createApiKey({ clientId: 'claude-desktop', keyHash: k.hash, prefix: k.prefix });
    const list = () =>
      fetch(`${http.url}/mcp`, {
        method: 'POST',
        headers: { ...headers(), Authorization: `Bearer ${k.key}` },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
    expect((await list()).status).toBe(200);
    expect(await w.store.revokeApiKey(rec.id)).toBe(true);
    const deadline = Date.now() + 30_000;
    let status = 200;
    while (status === 200 && Date.now() < deadline) {
      status = (await list()).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(401);
  });

  it('serves an SDK client end to end, which stops asking for an event stream after the 405', async () => {
    let gets = 0;
    const counting: typeof fetch = (input, init) => {
      if ((init?.method ?? 'GET') === 'GET') gets++;
      return fetch(input, init);
    };
    const client = new Client({ name: 'protocol-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${http.url}/mcp`), {
        fetch: counting,
        requestInit: { headers: { Authorization: `Bearer ${key}` } },
      }),
    );
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('lookup_user');
      const r = await client.callTool({ name: 'lookup_user', arguments: { query: personas.manager as string } });
      expect(r.isError).toBeFalsy();
      expect(r.structuredContent).toBeTypeOf('object');
      expect(gets).toBeLessThanOrEqual(1);
    } finally {
      await client.close();
    }
  });
});
