// `warden serve [--stdio]` and `warden demo`: run Warden over HTTP (MCP at /mcp) or stdio.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import {
  createWarden,
  startAuditCheckpoints,
  startExecutor,
  startHttp,
  startLifecycle,
  startStdio,
  type Warden,
} from '../server.js';
import { generateApiKey } from '../auth/api-keys.js';
import { loadDemoPersonas } from '../web/session/demo-personas.js';
import { print, type Io } from './args.js';

/** Serves until SIGINT/SIGTERM. */
export async function serveCommand(config: Config, opts: { stdio: boolean; demo: boolean }, io: Io): Promise<number> {
  const w = await createWarden(config, { indexKnowledgeIfEmpty: opts.demo || config.directory.kind === 'local' });
  const executor = startExecutor(w);
  const lifecycle = startLifecycle(w);
  const checkpoints = startAuditCheckpoints(w);
  if (opts.stdio) {
    const s = await startStdio(w);
    await waitForStop(
      w,
      async () => {
        await lifecycle.stop();
        await executor.stop();
        await checkpoints.stop();
        await s.close();
      },
      true,
    );
    return 0;
  }
  const http = await startHttp(w);
  const key = opts.demo ? await demoKey(w) : undefined;
  print(io, banner(http.url, w, key));
  await waitForStop(
    w,
    async () => {
      await lifecycle.stop();
      await executor.stop();
      await checkpoints.stop();
      await http.close();
    },
    false,
  );
  return 0;
}

/**
 * The demo keeps one API key for the `claude-desktop` client in the data dir, so restarts reuse it. It acts for the
 * helpdesk persona: requests through an agent must name the person behind them.
 */
async function demoKey(w: Warden): Promise<string> {
  const file = join(w.config.dataDir, 'demo-api-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const k = generateApiKey();
  const personLogin =
    w.config.directory.kind === 'local'
      ? loadDemoPersonas(w.config.directory.seedPath).find((p) => p.key === 'helpdesk')?.login
      : undefined;
  await w.store.createApiKey({
    clientId: 'claude-desktop',
    keyHash: k.hash,
    prefix: k.prefix,
    createdBy: 'demo',
    personLogin,
  });
  mkdirSync(w.config.dataDir, { recursive: true });
  writeFileSync(file, `${k.key}\n`, { mode: 0o600 });
  return k.key;
}

function banner(url: string, w: Warden, key?: string): string {
  const lines = [
    `Warden is running on ${w.config.directory.kind === 'local' ? 'the Acme demo company' : w.config.directory.orgUrl}.`,
    `  Web (chat, approvals inbox, audit, policy): ${url}/`,
    `  MCP (Streamable HTTP): ${url}/mcp`,
    `  Policy: ${w.config.policyPath} (hash ${w.policy.hash})`,
    `  Data:   ${w.config.dataDir}`,
  ];
  if (key)
    lines.push(
      '',
      `Demo API key (client claude-desktop, acting for the helpdesk persona): ${key}`,
      `  curl -s ${url}/mcp -H 'Authorization: Bearer ${key}' -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' -d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'`,
    );
  lines.push('', 'Stop with Ctrl-C.');
  return lines.join('\n');
}

function waitForStop(w: Warden, close: () => Promise<void>, stdio: boolean): Promise<void> {
  return new Promise((resolve) => {
    const stop = async () => {
      await close().catch(() => {});
      await w.close().catch(() => {});
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (stdio) process.stdin.once('end', stop);
  });
}
