// End to end: a real MCP client (the SDK's) over real stdio (a child process) and real HTTP (a listening port).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { loadConfig } from '../../src/config.js';
import { createWarden, startHttp, type Warden } from '../../src/server.js';
import { generateApiKey } from '../../src/auth/api-keys.js';
import { memoryLogger, personas } from '../support/harness.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** One valid input per identity tool; every tool must be called and answer with structured content. */
const CALLS: Record<string, Record<string, unknown>> = {
  lookup_user: { query: personas.manager as string },
  search_users: { department: 'Finance', limit: 5 },
  list_user_access: { user: personas.manager as string },
  check_access: { user: personas.manager as string, target: 'GitHub' },
  get_group: { group: 'App-Salesforce-Users' },
  list_group_members: { group: 'Dept-Finance', limit: 5 },
  recent_access_changes: { group: 'App-Salesforce-Users', days: 90 },
};

async function exercise(client: Client) {
  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name);
  for (const name of Object.keys(CALLS)) expect(names).toContain(name);
  for (const t of tools) {
    expect(t.outputSchema, `${t.name} has an output schema`).toBeDefined();
    expect(t.annotations?.readOnlyHint, `${t.name} annotations`).toBeTypeOf('boolean');
  }
  for (const [name, args] of Object.entries(CALLS)) {
    // The SDK client validates structuredContent against the listed outputSchema and throws on mismatch.
    const r = await client.callTool({ name, arguments: args });
    expect(r.isError, `${name}: ${JSON.stringify(r.content)}`).toBeFalsy();
    expect(r.structuredContent, name).toBeTypeOf('object');
  }
  const bad = await client.callTool({ name: 'lookup_user', arguments: { query: 42 } });
  expect(bad.isError).toBe(true);
  expect(JSON.stringify(bad.content)).toMatch(/invalid_input/);
  expect(JSON.stringify(bad.content)).not.toMatch(/at .*\.ts:\d+/);
}

describe('MCP over stdio', () => {
  it('lists and calls every identity tool as a child process', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'warden-stdio-'));
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [join(ROOT, 'bin/warden.mjs'), 'serve', '--stdio'],
      cwd: ROOT,
      stderr: 'pipe',
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dataDir,
        WARDEN_DATA_DIR: dataDir,
        WARDEN_LOG_LEVEL: 'warn',
        WARDEN_STDIO_CLIENT: 'claude-desktop',
      },
    });
    const client = new Client({ name: 'e2e-stdio', version: '1.0.0' });
    await client.connect(transport);
    try {
      await exercise(client);
    } finally {
      await client.close();
    }
  }, 60_000);
});

describe('MCP over HTTP', () => {
  let w: Warden;
  let http: { url: string; close(): Promise<void> };
  let key: string;
  let logLines: string[];

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'warden-http-'));
    const config = loadConfig({ WARDEN_DATA_DIR: dataDir, WARDEN_PORT: '0' });
    const mem = memoryLogger();
    logLines = mem.lines;
    w = await createWarden(config, { log: mem.log });
    http = await startHttp(w);
    const k = generateApiKey();
    await w.store.createApiKey({ clientId: 'claude-desktop', keyHash: k.hash, prefix: k.prefix });
    key = k.key;
  });
  afterAll(async () => {
    await http.close();
    await w.close();
  });

  it('lists and calls every identity tool with an API key', async () => {
    const client = new Client({ name: 'e2e-http', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${http.url}/mcp`), {
        requestInit: { headers: { Authorization: `Bearer ${key}` } },
      }),
    );
    try {
      await exercise(client);
    } finally {
      await client.close();
    }
  });

  it('refuses unauthenticated and badly authenticated calls with 401 and no data', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };
    for (const auth of [undefined, 'Bearer wdn_not-a-real-key', 'Basic abc', 'Bearer eyJhbGciOiJub25lIn0.e30.']) {
      const res = await fetch(`${http.url}/mcp`, {
        method: 'POST',
        body,
        headers: auth ? { ...headers, Authorization: auth } : headers,
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/resource_metadata=/);
      const text = await res.text();
      expect(text).not.toMatch(/lookup_user/);
    }
    const meta = await (await fetch(`${http.url}/.well-known/oauth-protected-resource`)).json();
    expect(meta.resource).toBe(`${http.url}/mcp`);
  });

  it('keeps tokens and hidden fields out of the logs and the audit log', async () => {
    const headers = {
      Authorization: `Bearer ${key}`,
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
    };
    await fetch(`${http.url}/mcp`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    const manager = (await w.directory.getUser(personas.manager as string))!;
    // Ask by employee number (hidden from claude-desktop): the answer, the logs and the audit log must not repeat it.
    const res = await fetch(`${http.url}/mcp`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'lookup_user', arguments: { query: manager.login } },
      }),
    });
    expect(await res.text()).not.toContain(manager.employeeNumber!);
    const all = logLines.join('');
    expect(all).toMatch(/"path":"\/mcp"/);
    expect(all).not.toContain(key);
    expect(all).not.toContain(key.slice(4, 20));
    expect(all).not.toContain(manager.employeeNumber!);
    const audit = JSON.stringify(await w.audit.query({ tool: 'lookup_user' }));
    expect(audit).toContain(manager.login);
    expect(audit).not.toContain(key);
  });
});
