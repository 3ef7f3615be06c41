// SCIM downstream figures: approval → account created in the demo's in-process Jira (p50/p99), and a reconcile of an app with N accounts over loopback HTTP (time, memory, requests).
// npx tsx bench/scim.ts [--requests 40] [--accounts 10000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { createScimClient } from '../src/connectors/scim/scim-client.js';
import { reconcileApp } from '../src/connectors/reconcile.js';
import { createLocalDirectory } from '../src/directory/local/local-directory.js';
import { createWarden } from '../src/server.js';
import { startScimApp } from '../test/support/scim-app/index.js';
import { numberFlag } from './lib/args.js';
import { percentile } from './lib/stats.js';
import { fmt, printTable } from './lib/table.js';
import { personas } from './lib/personas.js';

const requests = numberFlag('requests', 40);
const accounts = numberFlag('accounts', 10_000);
const log = pino({ level: 'error' });

async function approvalToAccount(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-scim-'));
  const w = await createWarden(
    loadConfig({ WARDEN_DATA_DIR: dir, WARDEN_DEMO_CONNECTORS: '1', WARDEN_CONNECTORS_RECONCILE_MS: '0' }),
    { log },
  );
  try {
    const helpdesk = (await w.directory.getUser(personas.helpdesk as string))!;
    // The helpdesk lead asking in the web app (the agent client's policy allows 20 requests an hour).
    const agent = {
      kind: 'person' as const,
      clientId: 'warden-web',
      auth: 'session' as const,
      person: { id: helpdesk.id, login: helpdesk.login, displayName: helpdesk.displayName },
    };
    const jira = (await w.directory.getApp('jira'))!;
    const jiraClient = w.connectors.registry.forApp('Jira')!.client;
    const people = [];
    for (const dept of ['Sales', 'Marketing', 'Customer Success', 'Finance', 'People', 'Legal']) {
      for (const u of (await w.directory.findUsers({ department: dept, status: 'ACTIVE', limit: 200 })).items) {
        if (
          people.length < requests &&
          u.login !== helpdesk.login &&
          !(await w.directory.getAppAssignment(jira.id, u.id))
        )
          people.push(u);
      }
    }
    const ms: number[] = [];
    for (const u of people) {
      const r = await w.governance.call({
        principal: agent,
        tool: 'request_app_assignment',
        input: { user: u.login, app: 'Jira', reason: 'REQ-1234 bench: Jira for the migration' },
      });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      let view = await w.access.requests.get((r.output as { id: string }).id);
      const used: string[] = [];
      let t0 = 0;
      while (view.status === 'pending') {
        const step = view.approvals.find((a) => a.approvedBy.length < a.needs)!;
        const login = step.eligible.find((l) => !used.includes(l) && l !== u.login && l !== helpdesk.login)!;
        const p = (await w.directory.getUser(login))!;
        const last =
          view.approvals.filter((a) => a.approvedBy.length < a.needs).length === 1 &&
          step.needs - step.approvedBy.length === 1;
        if (last) t0 = performance.now();
        view = await w.access.approvals.decide(
          view.id,
          {
            kind: 'person',
            clientId: 'warden-web',
            auth: 'session',
            person: { id: p.id, login: p.login, displayName: p.displayName },
          },
          'approve',
        );
        used.push(login);
      }
      // Approval → the executor applies the directory change, then creates the account downstream.
      while (!(await jiraClient.findAccount({ externalId: u.id }))) await new Promise((res) => setImmediate(res));
      ms.push(performance.now() - t0);
      await w.access.executor.idle();
    }
    ms.sort((a, b) => a - b);
    printTable(
      `Approval → Jira account created (demo company, in-process SCIM app, SQLite), ${ms.length} requests`,
      ['p50 ms', 'p99 ms', 'max ms'],
      [[fmt(percentile(ms, 50), 1), fmt(percentile(ms, 99), 1), fmt(ms.at(-1)!, 1)]],
    );
  } finally {
    await w.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function reconcileLarge(): Promise<void> {
  const app = await startScimApp({ token: 'bench-token' });
  const directory = createLocalDirectory({ seedPath: 'examples/acme/directory.json' });
  try {
    const seedT = performance.now();
    for (let i = 0; i < accounts; i++)
      app.app.seedUser({ userName: `user${i}@bench.example`, externalId: `ext${i}`, active: i % 7 !== 0 });
    app.app.seedGroup('jira-software-users', [...app.app.users.keys()].slice(0, 500));
    const seeded = performance.now() - seedT;
    const client = createScimClient({ app: 'Jira', baseUrl: app.url, token: 'bench-token' });
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let peakHeap = 0;
    const sampler = setInterval(() => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }, 20);
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const { report, snapshot } = await reconcileApp(
      {
        app: 'Jira',
        type: 'scim',
        url: app.url,
        groups: { 'Dept-Engineering': 'jira-software-users' },
        deprovision: 'deactivate',
      },
      client,
      directory,
    );
    const ms = performance.now() - t0;
    clearInterval(sampler);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    const snapshotBytes = Buffer.byteLength(JSON.stringify(snapshot));
    printTable(
      `Reconcile of an app with ${accounts} accounts (scimmy app over loopback HTTP, pages of 100; the app and Warden share this process)`,
      [
        'accounts',
        'findings',
        'SCIM requests',
        'time ms',
        'heap growth MB (peak)',
        'RSS growth MB',
        'snapshot KB',
        'seed ms',
      ],
      [
        [
          report.accounts,
          report.rows.length,
          report.requests,
          fmt(ms),
          fmt((peakHeap - heap0) / 1e6, 1),
          fmt((process.memoryUsage().rss - rss0) / 1e6, 1),
          fmt(snapshotBytes / 1024),
          fmt(seeded),
        ],
      ],
    );
  } finally {
    await app.close();
  }
}

await approvalToAccount();
await reconcileLarge();
