// Every Warden database session terminated (pg_terminate_backend: what a failover looks like to clients), while Warden
// is idle and while MCP clients call it over HTTP: the process survives, calls succeed or answer `unavailable`, nothing is
// half-written, and no answer went out without its audit record.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { generateApiKey } from '../../src/auth/api-keys.js';
import { createWarden, startExecutor, startHttp, startLifecycle, type Warden } from '../../src/server.js';
import { freshSchemaName, PG_URL, pgRaw } from '../store/harness.js';
import { memoryLogger, personas } from '../support/harness.js';
import { callTool, connectAgent, waitFor, type CallOutcome } from '../support/mcp-agent.js';

const schema = freshSchemaName();
const APP = `warden_${schema}`; // this test's sessions only: other tests share the server
const MANAGER = personas.manager as string;
let w: Warden;
let http: { url: string; close(): Promise<void> };
let stops: Array<{ stop(): Promise<void> }> = [];
let key: string;
const mem = memoryLogger();

/** Terminates this Warden's sessions; returns how many there were. */
async function terminateAll(): Promise<number> {
  let n = 0;
  const client = new (await import('pg')).default.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    n = (
      await client.query(
        'SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1) t',
        [APP],
      )
    ).rows[0].n;
  } finally {
    await client.end();
  }
  return n;
}

beforeAll(async () => {
  const base = loadConfig({
    WARDEN_DATA_DIR: mkdtempSync(join(tmpdir(), 'warden-terminate-')),
    WARDEN_PORT: '0',
    WARDEN_EXECUTOR_INTERVAL_MS: '200',
  });
  const config = {
    ...base,
    store: { kind: 'postgres', url: `${PG_URL}?application_name=${APP}`, schema },
  } as unknown as Config;
  w = await createWarden(config, { log: mem.log });
  http = await startHttp(w);
  stops = [startExecutor(w), startLifecycle(w)];
  const k = generateApiKey();
  await w.store.createApiKey({
    clientId: 'claude-desktop',
    keyHash: k.hash,
    prefix: k.prefix,
    personLogin: personas.helpdesk as string,
  });
  key = k.key;
}, 60_000);

afterAll(async () => {
  for (const s of stops) await s.stop();
  await http?.close();
  await w?.close();
  await pgRaw(undefined, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
});

const readyz = async () => (await fetch(`${http.url}/readyz`)).status;

it('survives its sessions being terminated while idle', async () => {
  await waitFor('Warden to hold database sessions', async () => (await terminateAll()) > 0);
  // The job runner and executor keep polling; their next statements meet the dead connections.
  await waitFor('/readyz to answer 200 again', async () => (await readyz()) === 200);
  const agent = await connectAgent(http.url, key);
  await waitFor('a tool call to succeed', async () => (await callTool(agent, 'lookup_user', { query: MANAGER })).ok);
  await agent.close();
  expect(await w.audit.verify()).toMatchObject({ ok: true });
}, 120_000);

it('survives its sessions being terminated twice under MCP traffic; answers are ok or unavailable and all audited', async () => {
  const agents = await Promise.all(Array.from({ length: 6 }, (_, i) => connectAgent(http.url, key, `agent-${i}`)));
  const outcomes: CallOutcome[] = [];
  let running = true;
  const traffic = agents.map(async (agent, i) => {
    for (let n = 0; running; n++) {
      const r =
        n % 4 === 3 && i < 2
          ? await callTool(agent, 'list_requests', {})
          : await callTool(agent, 'lookup_user', { query: MANAGER });
      outcomes.push(r);
    }
  });
  await waitFor('traffic to flow', () => outcomes.filter((o) => o.ok).length >= 20);
  for (let round = 0; round < 2; round++) {
    const before = outcomes.length;
    expect(await terminateAll()).toBeGreaterThan(0);
    await waitFor(
      'calls to succeed after the termination',
      () => outcomes.slice(before).filter((o) => o.ok).length >= 20,
    );
  }
  running = false;
  await Promise.all(traffic);
  await Promise.all(agents.map((a) => a.close()));

  const kinds = new Map<string, number>();
  for (const o of outcomes)
    kinds.set(
      o.ok ? 'ok' : `${o.code}${o.thrown ? `: ${o.thrown}` : ''}`,
      (kinds.get(o.ok ? 'ok' : `${o.code}${o.thrown ? `: ${o.thrown}` : ''}`) ?? 0) + 1,
    );
  expect(
    [...kinds.keys()].filter((k) => k !== 'ok' && k !== 'unavailable'),
    JSON.stringify([...kinds]),
  ).toEqual([]);
  expect(await readyz()).toBe(200);

  // No answer without its audit record: at least as many recorded successful calls as answers given.
  const okAnswers = outcomes.filter((o) => o.ok).length;
  const recorded = (await w.audit.query({ action: 'tool.call', limit: 100_000 })).filter(
    (r) => r.outcome === 'ok',
  ).length;
  expect(recorded).toBeGreaterThanOrEqual(okAnswers);
  expect(await w.audit.verify()).toMatchObject({ ok: true });
  // Nothing logged as a crash or an internal error.
  expect(mem.lines.join('\n')).not.toMatch(/tool call failed unexpectedly|unhandled error/);
}, 180_000);
