// Start-up time and resident memory of `warden serve` (HTTP and --stdio) on the demo company: median of several runs.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { numberFlag } from './lib/args.js';
import { persona, ROOT } from './lib/personas.js';
import { freePort, memoryOf, stopChild, waitUntil } from './lib/process.js';
import { median } from './lib/stats.js';
import { fmt, printTable } from './lib/table.js';
import { createStore } from '../src/store/index.js';
import { generateApiKey } from '../src/auth/api-keys.js';

const runs = Math.max(1, Math.round(numberFlag('runs', 5)));
const calls = Math.round(numberFlag('calls', 1000));
const BIN = join(ROOT, 'bin/warden.mjs');
const args = { query: persona('manager') };

interface Sample {
  readyMs: number;
  rssStart: number;
  rssAfter: number;
  peak: number;
}

/** Environment of a fresh server: its own data dir (and HOME), quiet logs. */
const envFor = (dataDir: string, extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH ?? '',
  HOME: dataDir,
  WARDEN_DATA_DIR: dataDir,
  WARDEN_LOG_LEVEL: 'warn',
  ...extra,
});

/** Runs `n` calls from 10 parallel callers; throws on the first failure or after 120 s. */
async function callMany(n: number, one: () => Promise<void>): Promise<void> {
  let next = 0;
  const end = performance.now() + 120_000;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < n && performance.now() < end) {
        next += 1;
        await one();
      }
    }),
  );
  if (next < n) throw new Error(`only ${next} of ${n} calls within 120 s`);
}

/** The first path of `paths` that answers 200 (Warden's /readyz; /healthz on builds without it). */
async function readyPath(url: string): Promise<string> {
  for (const p of ['/readyz', '/healthz']) if ((await fetch(`${url}${p}`).catch(() => null))?.status === 200) return p;
  return '';
}

/** Starts `warden serve` once on `dataDir` and stops it when ready, so the timed start finds an existing data dir (index built, migrations done). */
async function prepareDataDir(dataDir: string): Promise<void> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: ROOT,
    env: envFor(dataDir, { WARDEN_PORT: String(port) }),
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  try {
    await waitUntil(async () => (await readyPath(`http://127.0.0.1:${port}`)) !== '', { timeoutMs: 120_000 });
  } finally {
    await stopChild(child);
  }
}

let readyWhen = '';

async function httpRun(): Promise<Sample> {
  const dataDir = mkdtempSync(join(tmpdir(), 'warden-startup-'));
  // The key is stored and the data dir used once before the timed start, so the timed part is a restart's own start-up.
  const store = await createStore({ kind: 'sqlite', path: join(dataDir, 'warden.db') });
  const k = generateApiKey();
  await store.createApiKey({ clientId: 'claude-desktop', keyHash: k.hash, prefix: k.prefix });
  await store.close();
  await prepareDataDir(dataDir);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: ROOT,
    env: envFor(dataDir, { WARDEN_PORT: String(port) }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitUntil(
      async () => {
        readyWhen = await readyPath(url);
        return readyWhen !== '';
      },
      { everyMs: 5 },
    );
    const readyMs = performance.now() - t0;
    const rssStart = memoryOf(child.pid!).rssMiB;
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'lookup_user', arguments: args },
    });
    const headers = {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      Authorization: `Bearer ${k.key}`,
    };
    await callMany(calls, async () => {
      const res = await fetch(`${url}/mcp`, { method: 'POST', headers, body });
      const text = await res.text();
      if (!res.ok || text.includes('"isError":true'))
        throw new Error(`lookup_user over HTTP: ${res.status} ${text.slice(0, 200)}`);
    });
    const m = memoryOf(child.pid!);
    return { readyMs, rssStart, rssAfter: m.rssMiB, peak: m.peakMiB };
  } finally {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function stdioRun(): Promise<Sample> {
  const dataDir = mkdtempSync(join(tmpdir(), 'warden-startup-'));
  await prepareDataDir(dataDir);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'serve', '--stdio'],
    cwd: ROOT,
    env: envFor(dataDir),
    stderr: 'inherit',
  });
  const client = new Client({ name: 'bench-startup', version: '0.0.0' });
  try {
    const t0 = performance.now();
    await client.connect(transport);
    const { tools } = await client.listTools();
    const readyMs = performance.now() - t0;
    if (!tools.some((t) => t.name === 'lookup_user')) throw new Error('lookup_user is not listed over stdio');
    const pid = transport.pid!;
    const rssStart = memoryOf(pid).rssMiB;
    await callMany(calls, async () => {
      const r = await client.callTool({ name: 'lookup_user', arguments: args });
      if (r.isError) throw new Error(`lookup_user over stdio: ${JSON.stringify(r.content).slice(0, 200)}`);
    });
    const m = memoryOf(pid);
    return { readyMs, rssStart, rssAfter: m.rssMiB, peak: m.peakMiB };
  } finally {
    await client.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The baseline: a bare Hono hello-world's start (node + @hono/node-server) on this machine, now. */
async function helloRun(): Promise<Sample> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bench/lib/hello-hono.mjs'), String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200, { everyMs: 5 });
    const m = memoryOf(child.pid!);
    return { readyMs: performance.now() - t0, rssStart: m.rssMiB, rssAfter: m.rssMiB, peak: m.peakMiB };
  } finally {
    await stopChild(child);
  }
}

const rows: (string | number)[][] = [];
const medians = new Map<string, { ready: number; rss: number }>();
for (const [mode, run] of [
  ['bare Hono hello-world', helloRun],
  ['serve (HTTP)', httpRun],
  ['serve --stdio', stdioRun],
] as const) {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    samples.push(await run());
    process.stderr.write(`  ${mode} run ${i + 1}/${runs}: ready in ${fmt(samples.at(-1)!.readyMs)} ms\n`);
  }
  const med = (f: (s: Sample) => number) => median(samples.map(f));
  medians.set(mode, { ready: med((s) => s.readyMs), rss: med((s) => s.rssStart) });
  const ready =
    mode === 'serve (HTTP)' ? `${readyWhen} 200` : mode === 'serve --stdio' ? 'tools/list answered' : '/readyz 200';
  rows.push([
    mode,
    ready,
    fmt(med((s) => s.readyMs)),
    fmt(Math.min(...samples.map((s) => s.readyMs))),
    fmt(Math.max(...samples.map((s) => s.readyMs))),
    fmt(
      med((s) => s.rssStart),
      1,
    ),
    mode.startsWith('bare')
      ? '-'
      : fmt(
          med((s) => s.rssAfter),
          1,
        ),
    fmt(
      med((s) => s.peak),
      1,
    ),
  ]);
}
console.log(
  `node bin/warden.mjs serve on the Acme demo company (existing data dir); median of ${runs} runs; ${calls} lookup_user calls (10 in flight) after start-up; node ${process.version}`,
);
printTable(
  'Start-up and resident memory',
  [
    'mode',
    'ready when',
    'start ms (median)',
    'min',
    'max',
    'RSS MiB at ready',
    `RSS MiB after ${calls} calls`,
    'peak RSS MiB',
  ],
  rows,
);
const hello = medians.get('bare Hono hello-world')!;
const http = medians.get('serve (HTTP)')!;
console.log(
  `\nserve (HTTP) vs bare Hono: start ${fmt(http.ready / hello.ready, 1)}x (${fmt(http.ready)} vs ${fmt(hello.ready)} ms), RSS at ready ${fmt(http.rss / hello.rss, 1)}x (${fmt(http.rss, 1)} vs ${fmt(hello.rss, 1)} MiB)`,
);
