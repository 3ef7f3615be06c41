// The built artifact on Okta: `bin/warden.mjs serve --stdio` (the start-up bundle, whose Okta SDK chunk loads on first
// use) as a child process, against the Okta API emulator, driven by the MCP SDK's stdio client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { startOktaEmulator, type OktaEmulator } from '../support/okta-emulator/index.js';
import { buildFixtureSeed } from '../support/okta-fixture.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('MCP over stdio on Okta (the built artifact)', () => {
  let okta: OktaEmulator;
  beforeAll(async () => {
    okta = await startOktaEmulator({ seed: buildFixtureSeed() });
  });
  afterAll(async () => okta.close());

  it('answers identity tools from Okta through the SDK, and refuses bad input clearly', async () => {
    const seed = buildFixtureSeed();
    const someone = seed.users[2]!;
    const dataDir = mkdtempSync(join(tmpdir(), 'warden-okta-stdio-'));
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
        WARDEN_DIRECTORY: 'okta',
        WARDEN_OKTA_ORG_URL: okta.url,
        WARDEN_OKTA_TOKEN: okta.token,
        WARDEN_STDIO_CLIENT: 'claude-desktop',
      },
    });
    const client = new Client({ name: 'okta-stdio', version: '1.0.0' });
    await client.connect(transport);
    try {
      const found = await client.callTool({ name: 'lookup_user', arguments: { query: someone.profile.login } });
      expect(found.isError, JSON.stringify(found.content)).toBeFalsy();
      expect(JSON.stringify(found.structuredContent)).toContain(someone.id);
      expect(okta.calls.some((c) => c.path.startsWith('/api/v1/users'))).toBe(true);
      const bad = await client.callTool({ name: 'lookup_user', arguments: { query: 42 } });
      expect(bad.isError).toBe(true);
      expect(JSON.stringify(bad.content)).toMatch(/invalid_input/);
    } finally {
      await client.close();
    }
  }, 90_000);
});
