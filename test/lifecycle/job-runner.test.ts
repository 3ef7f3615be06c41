// The job runner: retries and dead letters, graceful stop, and nothing lost when a worker is killed with SIGKILL.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createJobRunner } from '../../src/lifecycle/job-runner.js';
import { memoryLogger } from '../support/harness.js';
import { postgresHarness, sqliteHarness, type Harness, type HarnessFactory } from '../store/harness.js';

const WORKER = fileURLToPath(new URL('./fixtures/job-worker.ts', import.meta.url));

function killedWorker(h: Harness, leaseMs: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify({ options: h.options, leaseMs })], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const claimed: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('child never claimed'));
    }, 15_000);
    child.stdout.on('data', (c: Buffer) => {
      for (const m of c.toString().matchAll(/claimed (\S+)/g)) claimed.push(m[1]!);
      if (claimed.length >= 2) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        child.once('exit', () => resolve(claimed));
      }
    });
    child.once('exit', (code, sig) => {
      if (sig !== 'SIGKILL') {
        clearTimeout(timer);
        reject(new Error(`child exited ${code}`));
      }
    });
  });
}

describe.each<[string, HarnessFactory]>([
  ['sqlite', sqliteHarness],
  ['postgres', postgresHarness],
])('job runner on %s', (_name, factory) => {
  let h: Harness;
  afterEach(async () => h?.dispose());

  it('after kill -9, the claimed jobs run again once their lease lapses; nothing is lost or run twice to completion', async () => {
    h = await factory();
    for (let i = 0; i < 5; i++) await h.store.enqueueJob({ kind: 'work', key: `k${i}`, payload: { i } });
    const claimed = await killedWorker(h, 800);
    expect(claimed).toHaveLength(2);
    const running = await h.store.listJobs({ status: 'running' });
    expect(running.map((j) => j.id).sort()).toEqual([...claimed].sort());
    const done: number[] = [];
    const { log } = memoryLogger();
    const runner = createJobRunner({
      store: h.store,
      log,
      pollMs: 20,
      handlers: { work: async (j) => void done.push(j.payload.i as number) },
    });
    let ran = 0;
    const deadline = Date.now() + 10_000;
    while (ran < 5 && Date.now() < deadline) {
      ran += await runner.drain({ timeoutMs: 5_000 });
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(ran).toBe(5);
    expect(done.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(await h.store.countJobs()).toMatchObject({ done: 5, queued: 0, running: 0, dead: 0 });
    for (const id of claimed) expect((await h.store.getJob(id))?.attempts).toBe(2);
  }, 30_000);
});

describe('job runner behaviour', () => {
  let h: Harness;
  afterEach(async () => h?.dispose());

  it('retries a failing job with backoff until dead, logging why', async () => {
    h = await sqliteHarness();
    const { log, lines } = memoryLogger();
    let calls = 0;
    const runner = createJobRunner({
      store: h.store,
      log,
      backoffBaseMs: 1,
      handlers: {
        flaky: async () => {
          calls++;
          throw new Error('upstream down');
        },
      },
    });
    const { job } = await h.store.enqueueJob({ kind: 'flaky', payload: {}, maxAttempts: 3 });
    for (let i = 0; i < 3; i++) {
      await runner.drain();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(calls).toBe(3);
    expect(await h.store.getJob(job.id)).toMatchObject({ status: 'dead', lastError: 'upstream down' });
    expect(lines.join('')).toMatch(/is dead; inspect with `warden jobs list --status dead`/);
  });

  it('defers a job that asks to wait, and stop() waits for the job in flight', async () => {
    h = await sqliteHarness();
    const { log } = memoryLogger();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let finished = false;
    const runner = createJobRunner({
      store: h.store,
      log,
      pollMs: 10,
      handlers: {
        slow: async () => {
          await gate;
          finished = true;
        },
        later: async () => ({ deferUntil: new Date(Date.now() + 60_000) }),
      },
    });
    const slow = await h.store.enqueueJob({ kind: 'slow', payload: {} });
    const later = await h.store.enqueueJob({ kind: 'later', payload: {} });
    runner.start();
    await new Promise((r) => setTimeout(r, 100));
    const stopping = runner.stop(5_000);
    setTimeout(release, 50);
    await stopping;
    expect(finished).toBe(true);
    expect((await h.store.getJob(slow.job.id))?.status).toBe('done');
    expect(await h.store.getJob(later.job.id)).toMatchObject({ status: 'queued', attempts: 0 });
  });
});
