// WARDEN_READ_ONLY: the tools' annotations decide — listed and callable ⇔ readOnlyHint, for every tool and every client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { loadConfig } from '../../src/config.js';
import { createWarden, startHttp, type Warden } from '../../src/server.js';
import { generateApiKey } from '../../src/auth/api-keys.js';
import { allTools } from '../../src/tools/index.js';
import { defineTool } from '../../src/core/tool.js';
import { z } from 'zod';
import type { Principal } from '../../src/core/principal.js';
import { memoryLogger, personas } from '../support/harness.js';

const readOnlyTools = allTools
  .filter((t) => t.annotations.readOnlyHint)
  .map((t) => t.name)
  .sort();
const changingTools = allTools
  .filter((t) => !t.annotations.readOnlyHint)
  .map((t) => t.name)
  .sort();

describe('tool effect annotations', () => {
  it('refuses a tool that files access requests but claims to be read-only', () => {
    const spec = {
      name: 'x',
      title: 'X',
      description: 'x',
      toolset: 'identity' as const,
      input: z.object({}),
      output: z.object({}),
      handler: async () => ({}),
    };
    expect(() => defineTool({ ...spec, mutating: true, annotations: { readOnlyHint: true } })).toThrow(/readOnlyHint/);
    expect(defineTool({ ...spec, mutating: true }).annotations.readOnlyHint).toBe(false);
  });
});

describe('read-only mode (WARDEN_READ_ONLY=true)', () => {
  let w: Warden;
  let http: { url: string; close(): Promise<void> };
  let principals: Principal[];

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'warden-read-only-'));
    const config = loadConfig({ WARDEN_DATA_DIR: dataDir, WARDEN_PORT: '0', WARDEN_READ_ONLY: 'true' });
    w = await createWarden(config, { log: memoryLogger().log });
    http = await startHttp(w);
    const manager = (await w.directory.getUser(personas.manager as string))!;
    const person = { id: manager.id, login: manager.login, displayName: manager.displayName };
    // One principal per client of the example policy, of the kind the client is.
    principals = [...w.policy.current().clients.entries()].map(
      ([clientId, c]): Principal =>
        c.kind === 'agent'
          ? { kind: 'agent', clientId, auth: 'api_key', person }
          : c.kind === 'system'
            ? { kind: 'system', clientId, auth: 'system' }
            : { kind: 'person', clientId, auth: 'session', person },
    );
  }, 60_000);
  afterAll(async () => {
    await http?.close();
    await w?.close();
  });

  it('has tools on both sides (cancel_request changes state even though it files no access request)', () => {
    expect(readOnlyTools.length).toBeGreaterThan(0);
    expect(changingTools).toContain('cancel_request');
    expect(changingTools).toContain('request_group_add');
    expect([...w.governance.tools.map((t) => t.name)].sort()).toEqual(readOnlyTools);
  });

  it('lists, for every client, exactly the tools it may call that are annotated readOnlyHint', () => {
    const seen = new Set<string>();
    for (const p of principals) {
      const listed = new Set(w.governance.listTools(p).map((t) => t.name));
      for (const t of allTools) {
        const call = { name: t.name, toolset: t.toolset, mutating: t.mutating };
        const allowed = w.policy.canCallTool(p, call).effect !== 'deny';
        if (allowed) seen.add(t.name);
        const what = `${p.clientId} / ${t.name} (readOnlyHint ${t.annotations.readOnlyHint})`;
        expect(listed.has(t.name), what).toBe(allowed && t.annotations.readOnlyHint);
      }
    }
    // Every tool is allowed to some client, so the equivalence above was checked for each of them.
    expect([...seen].sort()).toEqual(allTools.map((t) => t.name).sort());
  });

  it('refuses every tool that is not read-only with a clear error, for a client that may otherwise call it', async () => {
    const operator = principals.find((p) => p.clientId === 'warden-cli')!;
    for (const name of changingTools) {
      const r = await w.governance.call({ principal: operator, tool: name, input: {} });
      expect(r.ok, name).toBe(false);
      if (r.ok) continue;
      expect(r.error.code, name).toBe('forbidden');
      expect(r.error.message, name).toMatch(new RegExp(`read-only: ${name} can change state`));
    }
    const audit = await w.audit.query({ tool: 'cancel_request' });
    expect(JSON.stringify(audit)).toMatch(/"outcome":"denied"/);
  });

  it('shows the same through a real MCP client: no tool without readOnlyHint, and cancel_request is refused', async () => {
    const k = generateApiKey();
    await w.store.createApiKey({ clientId: 'claude-desktop', keyHash: k.hash, prefix: k.prefix });
    const client = new Client({ name: 'read-only', version: '1.0.0' });
    const headers = { Authorization: `Bearer ${k.key}` };
    await client.connect(new StreamableHTTPClientTransport(new URL(`${http.url}/mcp`), { requestInit: { headers } }));
    try {
      const { tools } = await client.listTools();
      expect(tools.length).toBeGreaterThan(0);
      for (const t of tools) expect(t.annotations?.readOnlyHint, t.name).toBe(true);
      const r = await client.callTool({ name: 'cancel_request', arguments: { id: 'req_anything' } });
      expect(r.isError).toBe(true);
      expect(JSON.stringify(r.content)).toMatch(/read-only/);
    } finally {
      await client.close();
    }
  });
});
