// Starts a real Warden over HTTP in this process (temp data dir, port 0) with one API key, as test/mcp/e2e.test.ts does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createWarden, startHttp, type Warden } from '../../src/server.js';
import { generateApiKey } from '../../src/auth/api-keys.js';
import type { Listening } from './listen.js';

export interface WardenHttp extends Listening {
  key: string;
  warden: Warden;
  dataDir: string;
}

/** A Warden on the demo company, listening on 127.0.0.1; `close` also removes the data dir. */
export async function startWardenHttp(
  opts: { logLevel?: string; clientId?: string; checkOutputs?: boolean } = {},
): Promise<WardenHttp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'warden-bench-'));
  const warden = await createWarden(
    loadConfig({
      WARDEN_DATA_DIR: dataDir,
      WARDEN_PORT: '0',
      WARDEN_LOG_LEVEL: opts.logLevel ?? 'warn',
      ...(opts.checkOutputs === undefined ? {} : { WARDEN_CHECK_OUTPUTS: String(opts.checkOutputs) }),
    }),
  );
  const http = await startHttp(warden);
  const k = generateApiKey();
  await warden.store.createApiKey({ clientId: opts.clientId ?? 'claude-desktop', keyHash: k.hash, prefix: k.prefix });
  return {
    url: http.url,
    key: k.key,
    warden,
    dataDir,
    async close() {
      await http.close();
      await warden.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
