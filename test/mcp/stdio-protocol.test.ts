// MCP over stdio, spoken raw: requests whose params do not fit their method get -32602 in one short line (as over
// HTTP), not -32603 with the SDK's validation dump; good requests after them are still answered.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

describe('MCP over stdio: bad params', () => {
  it('answers -32602 with a short message and keeps serving', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'warden-stdio-params-'));
    const child = spawn(process.execPath, [join(ROOT, 'bin/warden.mjs'), 'serve', '--stdio'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: dataDir, WARDEN_DATA_DIR: dataDir, WARDEN_LOG_LEVEL: 'warn' },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const replies = new Map<number, Record<string, unknown>>();
    const waiters = new Map<number, (r: Record<string, unknown>) => void>();
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const msg = JSON.parse(line) as { id?: number };
      if (typeof msg.id !== 'number') return;
      replies.set(msg.id, msg);
      waiters.get(msg.id)?.(msg);
    });
    const ask = (id: number, method: string, params: unknown) => {
      const reply = new Promise<Record<string, unknown>>((res) => {
        if (replies.has(id)) res(replies.get(id)!);
        else waiters.set(id, res);
      });
      child.stdin!.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
      return reply;
    };
    try {
      const init = await ask(1, 'initialize', {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'raw', version: '1' },
      });
      expect(init).toHaveProperty('result.serverInfo.name', 'warden');
      child.stdin!.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);

      for (const [id, method, params] of [
        [2, 'logging/setLevel', { level: 'trace' }],
        [3, 'tools/call', { name: 'lookup_user', arguments: 'not an object' }],
        [4, 'tools/call', { name: 42 }],
      ] as const) {
        const r = (await ask(id, method, params)) as { error?: { code: number; message: string } };
        expect(r.error?.code, `${method} ${JSON.stringify(params)}`).toBe(-32602);
        expect(r.error?.message).toMatch(new RegExp(`^Invalid params for ${method}: `));
        expect(r.error?.message).not.toContain('\n');
      }
      expect(await ask(5, 'logging/setLevel', { level: 'warning' })).toMatchObject({ result: {} });
      const listed = (await ask(6, 'tools/list', {})) as { result?: { tools: Array<{ name: string }> } };
      expect(listed.result?.tools.map((t) => t.name)).toContain('lookup_user');
    } finally {
      child.kill();
    }
  }, 60_000);
});
