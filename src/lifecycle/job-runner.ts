// The job worker: claims jobs from the Store's queue, runs their handler, completes/defers/fails them; stops gracefully.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { JobRow, Store } from '../core/store.js';
import { isUnavailable } from '../core/errors.js';

/** What a handler may return: nothing (done) or a later time to run again without counting an attempt. */
export type JobOutcome = void | { deferUntil: Date };
export type JobHandler = (job: JobRow) => Promise<JobOutcome>;

export interface JobRunnerOptions {
  store: Store;
  handlers: Record<string, JobHandler>;
  log: Logger;
  /** Jobs run at once by this process (default 4). */
  concurrency?: number;
  /** Idle wait between claims when the queue is empty (default 250 ms); `wake()` cuts it short. */
  pollMs?: number;
  /** A claimed job is taken over by another worker when its lease lapses (default 60 s); renewed every third of it. */
  leaseMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  workerId?: string;
}

export interface JobRunner {
  readonly workerId: string;
  start(): void;
  /** Stops claiming, waits for running jobs up to `timeoutMs` (their leases lapse if they do not finish). */
  stop(timeoutMs?: number): Promise<void>;
  /** Ends an idle wait now (call after enqueueing in this process). */
  wake(): void;
  /** Runs jobs until none is runnable (tests, CLI); returns how many ran. */
  drain(opts?: { timeoutMs?: number }): Promise<number>;
}

export function createJobRunner(opts: JobRunnerOptions): JobRunner {
  const { store, handlers, log } = opts;
  const concurrency = opts.concurrency ?? 4;
  const pollMs = opts.pollMs ?? 250;
  const leaseMs = opts.leaseMs ?? 60_000;
  const workerId = opts.workerId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  const kinds = Object.keys(handlers);
  let running = false;
  let loops: Promise<void>[] = [];
  let wakers: Array<() => void> = [];

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        wakers = wakers.filter((w) => w !== done);
        resolve();
      }
      wakers.push(done);
    });

  /** Claims and runs one job; false when nothing was runnable. */
  async function runOne(): Promise<boolean> {
    const job = await store.claimJob({ workerId, leaseMs, kinds });
    if (!job) return false;
    const jlog = log.child({ jobId: job.id, kind: job.kind, key: job.key, attempt: job.attempts });
    const beat = setInterval(
      () => {
        store
          .heartbeatJob(job.id, workerId, leaseMs)
          .catch((err) =>
            (isUnavailable(err) ? jlog.debug : jlog.warn).call(jlog, { err }, 'job lease renewal failed'),
          );
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    try {
      const out = await handlers[job.kind]!(job);
      if (out && 'deferUntil' in out) {
        await store.deferJob(job.id, workerId, out.deferUntil.toISOString());
        jlog.debug({ until: out.deferUntil.toISOString() }, 'job deferred');
      } else if (!(await store.completeJob(job.id, workerId))) {
        jlog.warn('job finished after its lease passed to another worker');
      }
    } catch (err) {
      if (isUnavailable(err)) {
        // The store went away under the job: not the job's fault, so no attempt is counted. If the store is still
        // away the deferral fails too, and the job's lease lapses and it is claimed again once the store is back.
        await store.deferJob(job.id, workerId, new Date(Date.now() + 5_000).toISOString()).catch(() => {});
        jlog.debug({ reason: err.message }, 'job interrupted by a store outage; will run again');
        return true;
      }
      const failed = await store.failJob(job.id, workerId, err instanceof Error ? err.message : String(err), {
        backoffBaseMs: opts.backoffBaseMs,
        backoffMaxMs: opts.backoffMaxMs,
      });
      if (failed?.status === 'dead')
        jlog.error(
          { err },
          `job failed ${failed.attempts} times and is dead; inspect with \`warden jobs list --status dead\``,
        );
      else jlog.warn({ err, retryAt: failed?.runAfter }, 'job failed; will retry');
    } finally {
      clearInterval(beat);
    }
    return true;
  }

  async function loop(): Promise<void> {
    let outages = 0;
    while (running) {
      let worked = false;
      try {
        worked = await runOne();
        outages = 0;
      } catch (err) {
        // The store logs an outage once; here it only lengthens the wait (up to 5 s), so claims resume soon after it returns.
        if (isUnavailable(err)) outages++;
        else log.error({ err }, 'job claim failed');
      }
      if (!worked && running) await sleep(outages ? Math.min(Math.max(pollMs, 5_000), pollMs * 2 ** outages) : pollMs);
    }
  }

  return {
    workerId,
    start() {
      if (running) return;
      running = true;
      loops = Array.from({ length: concurrency }, () => loop());
    },
    async stop(timeoutMs = 10_000) {
      running = false;
      for (const w of [...wakers]) w();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled(loops), new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
      clearTimeout(timer);
      loops = [];
    },
    wake() {
      for (const w of [...wakers]) w();
    },
    async drain({ timeoutMs = 30_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      let n = 0;
      while (Date.now() < deadline) {
        const batch = await Promise.all(Array.from({ length: concurrency }, () => runOne()));
        const ran = batch.filter(Boolean).length;
        n += ran;
        if (ran === 0) return n;
      }
      return n;
    },
  };
}
