// Two real processes append to one database at once; the chain must stay linear and verify.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/index.js';
import { createStore, type StoreOptions } from '../../src/store/index.js';
import { freshSchemaName, PG_URL, pgRaw } from '../store/harness.js';

const WORKER = fileURLToPath(new URL('./fixtures/append-worker.ts', import.meta.url));
const PER_WORKER = 300;

interface Worker {
  ready: Promise<void>;
  done: Promise<void>;
  go(): void;
}

function startWorker(options: StoreOptions, worker: string): Worker {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', WORKER, JSON.stringify({ options, worker, count: PER_WORKER })],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${worker} exited ${code}: ${stderr}`))));
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => c.toString().includes('ready') && resolve());
    done.then(() => reject(new Error(`${worker} exited before it was ready`)), reject);
  });
  return { ready, done, go: () => child.stdin.write('go\n') };
}

/** Both workers start on an unmigrated database (so they also race through migrate()), then append at the same moment. */
async function hammer(options: StoreOptions): Promise<void> {
  const workers = [startWorker(options, 'proc-a'), startWorker(options, 'proc-b')];
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.go();
  await Promise.all(workers.map((w) => w.done));
  const store = await createStore(options);
  try {
    const log = createAuditLog(store);
    expect(await log.verify()).toMatchObject({ ok: true, count: 2 * PER_WORKER });
    const seqs: number[] = [];
    let switches = 0;
    let last = '';
    for await (const r of store.iterateAudit()) {
      seqs.push(r.seq);
      if (last && r.actor.clientId !== last) switches++;
      last = r.actor.clientId;
    }
    expect(switches).toBeGreaterThan(0); // the two processes really did interleave
    expect(seqs).toEqual(Array.from({ length: 2 * PER_WORKER }, (_, i) => i + 1));
    for (const worker of ['proc-a', 'proc-b']) {
      const mine = await log.query({ actorClient: worker, limit: 10_000 });
      expect(mine.map((r) => r.args.i)).toEqual(Array.from({ length: PER_WORKER }, (_, i) => i));
    }
  } finally {
    await store.close();
  }
}

describe('two processes appending to one audit chain', () => {
  it('PostgreSQL: one schema, two pools in two processes', async () => {
    const schema = freshSchemaName();
    try {
      await hammer({ kind: 'postgres', url: PG_URL, schema });
    } finally {
      await pgRaw(undefined, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  }, 60_000);

  it('SQLite: one file, two processes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-2p-'));
    try {
      await hammer({ kind: 'sqlite', path: join(dir, 'warden.db') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
