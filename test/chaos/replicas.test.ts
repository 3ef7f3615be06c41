// Chaos: three Warden replicas (real processes) on one PostgreSQL schema behind a real HAProxy, with MCP read and request traffic,
// while one replica is killed (-9) and restarted, every Warden database session is terminated twice, and approvals race on two
// replicas. Afterwards every approved request applied exactly once, nothing a client was told was lost, no duplicates, the
// audit chain verifies and every replica answers. Prints a table per phase. CHAOS_FAULTS=kill,terminate,race picks the faults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Store } from '../../src/core/store.js';
import { loadLocalState } from '../../src/directory/local/local-state.js';
import { loadSeed } from '../../src/directory/seed.js';
import { generateApiKey } from '../../src/auth/api-keys.js';
import { createStore } from '../../src/store/index.js';
import { createAuditLog } from '../../src/audit/index.js';
import { freshSchemaName, PG_URL, pgRaw } from '../store/harness.js';
import { ACME, personas } from '../support/harness.js';
import { haproxyConfig, startHaproxy, type Haproxy } from '../support/chaos/haproxy.js';
import { terminateSessionsOf } from '../support/chaos/pg-faults.js';
import { createReplica, type Replica } from '../support/chaos/replica.js';
import { Agent, answers, Recorder } from '../support/chaos/traffic.js';

const FAULTS = new Set((process.env.CHAOS_FAULTS ?? 'kill,terminate,race').split(',').map((s) => s.trim()));
const ROOT = resolve(import.meta.dirname, '../..');
const SEED = `${ACME}/directory.json`;
const MANAGER = personas.manager as string;
const HELPDESK = personas.helpdesk as string;
const GROUPS = ['Proj-Atlas', 'Proj-Orion', 'Proj-Phoenix']; // ordinary groups: the subject's manager approves alone
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Ordinary changes the manager persona can approve: an active direct report of theirs, not yet in the group. */
function candidateChanges(): Array<{ user: string; group: string }> {
  const seed = loadSeed(SEED);
  const manager = seed.users.find((u) => u.profile.login === MANAGER)!;
  const skip = new Set([HELPDESK, ...(personas.hrDrift as string[])]);
  const reports = seed.users.filter(
    (u) => u.profile.managerId === manager.id && u.status === 'ACTIVE' && !skip.has(u.profile.login),
  );
  const out: Array<{ user: string; group: string }> = [];
  for (const group of GROUPS) {
    const g = seed.groups.find((x) => x.profile.name === group)!;
    for (const u of reports) if (!g.members.some((m) => m.userId === u.id)) out.push({ user: u.profile.login, group });
  }
  return out.slice(0, 12); // below the agent client's requestsPerHour (20)
}

const freePort = () =>
  new Promise<number>((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => res(p));
    });
  });

/** Polls until `ok()` or the deadline; returns the milliseconds it took, or null. */
async function until(ok: () => Promise<boolean>, deadlineMs: number, since = Date.now()): Promise<number | null> {
  while (Date.now() - since < deadlineMs) {
    if (await ok().catch(() => false)) return Date.now() - since;
    await sleep(250);
  }
  return null;
}

describe('three replicas behind HAProxy under faults', () => {
  const schema = freshSchemaName();
  const root = mkdtempSync(join(tmpdir(), 'warden-chaos-'));
  // The schema through the URL (as an operator could); the connections name themselves so operators can find them.
  const dbUrl = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}&application_name=warden`;
  let store: Store;
  let replicas: Replica[] = [];
  let lb: Haproxy | undefined;
  let agentKey = '';
  let managerKey = '';
  let env: Record<string, string> = {};
  let setupMs = 0;

  beforeAll(async () => {
    const t0 = Date.now();
    store = await createStore({ kind: 'postgres', url: PG_URL, schema });
    const key = async (clientId: string, personLogin: string) => {
      const k = generateApiKey();
      await store.createApiKey({ clientId, keyHash: k.hash, prefix: k.prefix, personLogin });
      return k.key;
    };
    agentKey = await key('claude-desktop', HELPDESK);
    managerKey = await key('warden-web', MANAGER);
    const [lbPort, ...ports] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const knowledge = join(root, 'knowledge');
    mkdirSync(knowledge);
    writeFileSync(
      join(knowledge, 'access.md'),
      '# Access\n\nAsk for project groups through Warden; your manager approves.\n',
    );
    env = {
      WARDEN_DATABASE_URL: dbUrl,
      WARDEN_SESSION_SECRET: randomBytes(32).toString('hex'),
      WARDEN_PUBLIC_URL: `http://127.0.0.1:${lbPort}`,
      WARDEN_ALLOWED_HOSTS: '127.0.0.1,localhost',
      WARDEN_EXECUTOR_INTERVAL_MS: '500',
      WARDEN_LIFECYCLE_HR_POLL_MS: '0',
      WARDEN_LIFECYCLE_DRIFT_SCAN_MS: '0',
      WARDEN_LOG_LEVEL: 'warn',
      WARDEN_KNOWLEDGE_DIR: knowledge, // one small document to index: startup stays quick
    };
    replicas = ports.map((port, i) =>
      createReplica(`r${i + 1}`, port!, { ...env, WARDEN_DATA_DIR: join(root, `r${i + 1}`) }),
    );
    await Promise.all(replicas.map((r) => r.start(120_000)));
    const ready = await fetch(`${replicas[0]!.url}/readyz`).then(
      (r) => r.status !== 404,
      () => false,
    );
    const cfg = haproxyConfig({
      port: lbPort!,
      servers: replicas.map((r, i) => ({ name: r.name, port: ports[i]! })),
      healthPath: ready ? '/readyz' : '/healthz',
      host: '127.0.0.1',
    });
    lb = await startHaproxy(root, cfg, lbPort!);
    // Wait until HAProxy's checks have every replica up (calls answered through it).
    expect(await until(() => answers(lb!.url, agentKey), 30_000)).not.toBeNull();
    setupMs = Date.now() - t0;
  }, 180_000);

  afterAll(async () => {
    await lb?.close();
    await Promise.all(replicas.map((r) => r.stop()));
    await store?.close();
    await pgRaw(undefined, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it('applies every approved change exactly once, loses nothing, and every replica answers', async () => {
    const started = Date.now();
    const rec = new Recorder();
    const changes = candidateChanges();
    const batches = [0, 1, 2, 3].map((b) => changes.filter((_, i) => i % 4 === b));
    const accepted = new Map<string, { user: string; group: string }>();
    const refused: string[] = [];

    // Readers: bounded, paced, through HAProxy.
    let reading = true;
    const reads = [0, 1, 2].map(async (n) => {
      const a = new Agent(lb!.url, agentKey, rec);
      const subjects = changes.map((c) => c.user);
      for (let i = n; reading && i < 3000; i += 3) {
        const user = subjects[i % subjects.length]!;
        const calls: Array<[string, Record<string, unknown>]> = [
          ['lookup_user', { query: user }],
          ['check_access', { user, target: GROUPS[i % GROUPS.length]! }],
          ['list_user_access', { user }],
          ['search_users', { department: 'Engineering', limit: 5 }],
        ];
        await a.call(...calls[i % calls.length]!);
        await sleep(100);
      }
      await a.reset();
    });

    // Filers: two agents file the same changes at once (each change must be accepted once); a failed call is retried until answered.
    const filers = [new Agent(lb!.url, agentKey, rec), new Agent(lb!.url, agentKey, rec)];
    const fileBatch = (batch: Array<{ user: string; group: string }>) =>
      Promise.all(
        filers.map(async (a) => {
          const deadline = Date.now() + 25_000; // for the whole batch: a broken cluster must not stretch the run
          for (const c of batch) {
            while (Date.now() < deadline) {
              const r = await a.call('request_group_add', {
                ...c,
                reason: `Joining ${c.group} for the Q1 launch work`,
              });
              if (r.ok) {
                accepted.set(String(r.output.id), c);
                break;
              }
              if (
                r.kind === 'tool:conflict' ||
                r.kind === 'tool:rate_limited' ||
                r.kind === 'tool:invalid_input' ||
                r.kind === 'tool:forbidden'
              ) {
                refused.push(r.kind);
                break;
              }
              await sleep(300); // unavailable, 5xx, network, timeout: not answered, ask again
            }
          }
        }),
      );

    const allAnswer = (since: number, deadlineMs: number) =>
      until(
        async () => (await Promise.all(replicas.map((r) => answers(r.url, agentKey)))).every(Boolean),
        deadlineMs,
        since,
      );

    rec.phase = 'warm-up';
    await Promise.all([fileBatch(batches[0]!), sleep(2_000)]);

    if (FAULTS.has('kill')) {
      rec.phase = 'kill -9 r3 + restart';
      const t = Date.now();
      await replicas[2]!.kill9();
      const filing = fileBatch(batches[1]!);
      await replicas[2]!.start(120_000).catch((err: Error) => rec.notes.set(rec.phase, err.message.slice(0, 80)));
      rec.recovery.set(rec.phase, await until(() => answers(replicas[2]!.url, agentKey), 60_000, t));
      await filing;
    } else await fileBatch(batches[1]!);

    // `warden audit verify` as an operator runs it, started now (its startup is slow on a loaded box), so it checks the chain
    // while the replicas keep appending; the whole chain is verified in process again at the very end.
    const cliVerify = new Promise<{ code: number | null; out: string }>((res) => {
      const p = spawn(process.execPath, [join(ROOT, 'bin/warden.mjs'), 'audit', 'verify'], {
        cwd: ROOT,
        env: { ...process.env, ...env, WARDEN_DATA_DIR: join(root, 'cli') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      p.stdout.on('data', (c) => (out += c));
      p.stderr.on('data', (c) => (out += c));
      const timer = setTimeout(() => p.kill('SIGKILL'), 60_000);
      p.on('close', (code) => {
        clearTimeout(timer);
        res({ code, out });
      });
    });
    for (const k of [1, 2]) {
      if (!FAULTS.has('terminate')) {
        await fileBatch(batches[1 + k]!);
        continue;
      }
      rec.phase = `pg terminate #${k}`;
      const t = Date.now();
      const n = await terminateSessionsOf(
        PG_URL,
        replicas.map((r) => r.pid()).filter((p): p is number => !!p),
      );
      rec.notes.set(rec.phase, `${n} sessions`);
      expect.soft(n, 'database sessions of the replicas terminated').toBeGreaterThan(0);
      const filing = fileBatch(batches[1 + k]!);
      rec.recovery.set(rec.phase, await allAnswer(t, 30_000));
      await filing;
      await sleep(1_000);
    }

    // Approvals for the same request race on two replicas (straight to each, not through the balancer).
    rec.phase = FAULTS.has('race') ? 'approval race' : 'approvals';
    const approve = async (url: string, id: string) => {
      const t0 = performance.now();
      const r = await fetch(`${url}/api/requests/${id}/approve`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${managerKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ comment: 'approved in the chaos run' }),
        signal: AbortSignal.timeout(15_000),
      }).then(
        (res) => res.status,
        () => 0,
      );
      rec.calls.push({
        phase: rec.phase,
        what: 'approve',
        outcome: r === 200 ? 'ok' : `http:${r}`,
        ms: Math.round(performance.now() - t0),
      });
      return r;
    };
    const wins = new Map<string, number>();
    await Promise.all(
      [...accepted.keys()].map(async (id) => {
        const statuses = FAULTS.has('race')
          ? await Promise.all([approve(replicas[0]!.url, id), approve(replicas[1]!.url, id)])
          : [await approve(lb!.url, id)];
        wins.set(id, statuses.filter((s) => s === 200).length);
      }),
    );

    rec.phase = 'drain';
    reading = false;
    await Promise.all(reads);
    const settled = await until(
      async () => (await store.countRequests({ status: ['approved', 'executing'] })) === 0,
      40_000,
    );
    await Promise.all(filers.map((a) => a.reset()));

    // The verdict, from the store and the CLI; the table first so a failing run still shows what happened.
    const verify = await cliVerify;
    const inProcess = await createAuditLog(store).verify(); // after everything, including the CLI's own run
    const answering = await Promise.all(replicas.map((r) => answers(r.url, agentKey, 10_000)));
    console.log(
      `\nchaos run (setup ${Math.round(setupMs / 1000)} s, run ${Math.round((Date.now() - started) / 1000)} s, faults: ${[...FAULTS].join(',')}): ${changes.length} changes, ${accepted.size} accepted, refusals: ${refused.length}\n${rec.table()}\n` +
        `replica crashes: ${replicas.map((r) => `${r.name}=${r.crashes.length}`).join(' ')}; answering now: ${answering.map((a, i) => `${replicas[i]!.name}=${a}`).join(' ')}; audit verify: CLI exit ${verify.code}, in process ${JSON.stringify(inProcess)}\n`,
    );
    for (const r of replicas)
      for (const c of r.crashes) console.log(`${r.name} exited (${c.code ?? c.signal}): ${c.stderr.slice(-600)}`);

    const rows = await store.listRequests({ limit: 1000 });
    const state = await loadLocalState({ seedPath: SEED, store });
    const seedEvents = loadSeed(SEED).events.length;
    const userIds = new Map(state.users.map((u) => [u.profile.login, u.id]));

    // Every request a client was told was accepted exists.
    for (const id of accepted.keys())
      expect
        .soft(
          rows.some((r) => r.id === id),
          `accepted request ${id} is missing`,
        )
        .toBe(true);
    // No duplicates: each change was filed by two agents at once, and retried; exactly one request per change.
    const perChange = new Map<string, number>();
    for (const r of rows)
      perChange.set(
        `${r.tool} ${r.subject} ${r.resource}`,
        (perChange.get(`${r.tool} ${r.subject} ${r.resource}`) ?? 0) + 1,
      );
    expect
      .soft(
        [...perChange].filter(([, n]) => n > 1),
        'changes with more than one request',
      )
      .toEqual([]);
    // Each raced approval won on exactly one replica.
    expect
      .soft(
        [...wins].filter(([, n]) => n !== 1),
        'requests whose approvals did not have exactly one winner',
      )
      .toEqual([]);
    expect.soft(settled, 'approved requests still waiting to execute after 40 s').not.toBeNull();
    // Every approved request applied exactly once: status, one request.executed record, one membership and one directory event.
    for (const [id, c] of accepted) {
      if (wins.get(id) !== 1) continue;
      const row = rows.find((r) => r.id === id);
      expect.soft(row?.status, `request ${id} (${c.user} → ${c.group})`).toBe('applied');
      const executed = (await store.listAudit({ requestId: id, limit: 100 })).filter(
        (a) => a.action === 'request.executed',
      );
      expect.soft(executed.length, `request.executed records for ${id}`).toBe(1);
      const group = state.groups.find((g) => g.profile.name === c.group)!;
      const uid = userIds.get(c.user)!;
      expect.soft(group.members.filter((m) => m.userId === uid).length, `${c.user} in ${c.group}`).toBe(1);
      const adds = state.events
        .slice(seedEvents)
        .filter(
          (e) =>
            e.eventType === 'group.user_membership.add' &&
            e.target.some((t) => t.id === uid) &&
            e.target.some((t) => t.id === group.id),
        );
      expect.soft(adds.length, `directory add events for ${c.user} → ${c.group}`).toBe(1);
    }
    expect.soft(verify.code, `warden audit verify: ${verify.out}`).toBe(0);
    expect.soft(inProcess.ok, 'the audit chain verifies at the end').toBe(true);
    expect.soft(answering, 'replicas answering a tool call at the end').toEqual([true, true, true]);
    expect
      .soft(
        replicas.flatMap((r) => r.crashes.map((c) => `${r.name}: ${c.code ?? c.signal}`)),
        'replicas that died on their own',
      )
      .toEqual([]);
    // The harness itself: traffic flowed and requests were filed.
    expect(accepted.size).toBeGreaterThan(0);
    expect(rec.calls.filter((c) => c.outcome === 'ok').length).toBeGreaterThan(20);
  }, 240_000);
});
