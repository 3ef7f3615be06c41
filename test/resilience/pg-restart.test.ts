// A PostgreSQL this test owns is stopped under a running Warden (a real child process) and started again: Warden stays up,
// answers `unavailable` (MCP error result; REST 503 + Retry-After), /readyz follows the database, and everything resumes by itself.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/index.js';
import type { Store } from '../../src/core/store.js';
import { OKTA_EVENT_JOB } from '../../src/lifecycle/okta-event.js';
import { generateApiKey } from '../../src/auth/api-keys.js';
import { createStore } from '../../src/store/index.js';
import { personas } from '../support/harness.js';
import { callTool, connectAgent, waitFor } from '../support/mcp-agent.js';
import { startPgCluster, type PgCluster } from '../support/pg-cluster.js';
import { killAllChildren, startTsChild, type TsChild } from '../support/ts-child.js';

const HELPDESK = personas.helpdesk as string;
const MANAGER = personas.manager as string;
let cluster: PgCluster;
let store: Store; // the test's own view of the same database
let warden: TsChild;
let url: string;
let agentKey: string;
let personKey: string;
let agent: Client;

async function key(clientId: string, personLogin: string): Promise<string> {
  const k = generateApiKey();
  await store.createApiKey({ clientId, keyHash: k.hash, prefix: k.prefix, personLogin });
  return k.key;
}
const get = (path: string, bearer?: string) =>
  fetch(`${url}${path}`, {
    headers: bearer ? { Authorization: `Bearer ${bearer}` } : {},
    signal: AbortSignal.timeout(10_000),
  });
let stderr = '';
/** Warden's log lines (JSON on stderr) matching `re`. */
const lines = (re: RegExp) => stderr.split('\n').filter((l) => re.test(l));

beforeAll(async () => {
  cluster = await startPgCluster();
  store = await createStore({ kind: 'postgres', url: cluster.url, applicationName: 'outage-test' });
  agentKey = await key('claude-desktop', HELPDESK);
  personKey = await key('warden-web', MANAGER);
  warden = startTsChild('bin/warden.mjs', ['serve'], {
    timeoutMs: 300_000,
    env: {
      WARDEN_DATABASE_URL: cluster.url,
      WARDEN_DATA_DIR: mkdtempSync(join(tmpdir(), 'warden-outage-')),
      WARDEN_PORT: '0',
      WARDEN_EXECUTOR_INTERVAL_MS: '300',
      WARDEN_LOG_LEVEL: 'info',
    },
  });
  warden.proc.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const banner = await warden.line((l) => l.includes('MCP (Streamable HTTP):'));
  expect(banner, `warden did not start: ${stderr}`).toMatch(/http:\/\/\S+\/mcp/);
  url = /(http:\/\/\S+)\/mcp/.exec(banner)![1]!;
  agent = await connectAgent(url, agentKey);
}, 180_000);

afterAll(async () => {
  await agent?.close().catch(() => {});
  warden?.proc.kill('SIGTERM');
  await warden?.done;
  killAllChildren();
  await store?.close();
  await cluster?.dispose();
});

it('rides out a database restart without restarting, answering unavailable meanwhile and resuming on its own', async () => {
  expect((await callTool(agent, 'lookup_user', { query: MANAGER })).ok).toBe(true);
  const filed = await callTool(agent, 'request_group_add', {
    user: 'zara.hayashi@acme.example',
    group: 'Proj-Atlas',
    reason: 'Joining the Atlas launch team for Q1',
  });
  expect(filed.ok, JSON.stringify(filed.error)).toBe(true);
  const requestId = filed.structured!.id as string;
  expect((await get('/readyz')).status).toBe(200);

  await cluster.stop('fast');

  // Every call answers, within the client's 10 s limit, with a structured `unavailable` and a retry hint.
  for (const [tool, args] of [
    ['lookup_user', { query: MANAGER }],
    ['list_requests', {}],
    ['get_request', { id: requestId }],
  ] as const) {
    const r = await callTool(agent, tool, args);
    expect(r.code, `${tool}: ${r.thrown ?? JSON.stringify(r.error)}`).toBe('unavailable');
    expect(r.error!.details!.retryAfterSeconds).toBeGreaterThan(0);
    expect(r.error!.hint).toMatch(/retry/i);
    expect(JSON.stringify(r.error)).not.toMatch(/postgres:\/\/|127\.0\.0\.1|\.ts:\d+|at \w+ \(/); // no connection string, host or stack
  }
  const rest = await get('/api/requests', personKey);
  expect(rest.status).toBe(503);
  expect(Number(rest.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(((await rest.json()) as { error: { code: string } }).error.code).toBe('unavailable');
  await waitFor('/readyz to answer 503', async () => (await get('/readyz')).status === 503);
  expect((await get('/healthz')).status).toBe(200);
  // The background loops meet the outage too (the executor ticks every 300 ms): the store says so once.
  await waitFor('the outage warning', () => lines(/the store is unavailable/).length > 0);
  expect(warden.proc.exitCode).toBeNull();

  await cluster.start();

  await waitFor('/readyz to answer 200', async () => (await get('/readyz')).status === 200);
  await waitFor(
    'tool calls to succeed again',
    async () => (await callTool(agent, 'lookup_user', { query: MANAGER })).ok,
  );
  expect((await get('/api/requests', personKey)).status).toBe(200);
  expect(warden.proc.exitCode).toBeNull();
  // One warning for the outage, not one per tick or call (dozens of calls and ticks met it). A shutting-down or
  // starting server can flap once at the edge, which an operator may see as a second pair of lines; never more.
  const warnings = lines(/the store is unavailable/).length;
  expect(warnings).toBeGreaterThanOrEqual(1);
  expect(warnings).toBeLessThanOrEqual(2);
  await waitFor('the recovery line', () => lines(/the store answers again/).length === warnings);

  // The executor's loop picks up approved work again (as if another replica had approved it) ...
  const row = (await store.getRequest(requestId))!;
  expect(await store.updateRequest(requestId, row.version, { status: 'approved' })).toBe(true);
  await waitFor(
    'the executor to apply the approved request',
    async () => (await store.getRequest(requestId))?.status === 'applied',
  );
  // ... and the job runner claims jobs again.
  const { job } = await store.enqueueJob({
    kind: OKTA_EVENT_JOB,
    payload: {
      event: {
        uuid: 'outage-test',
        eventType: 'user.session.start',
        outcome: { result: 'FAILURE' },
        target: [],
        actor: {},
      },
    },
  });
  await waitFor('the job runner to finish a job', async () => (await store.getJob(job.id))?.status === 'done');

  expect(await createAuditLog(store).verify()).toMatchObject({ ok: true });
  expect(stderr).not.toMatch(/uncaught|unhandled 'error' event/i);
}, 240_000);
