// The job queue contract, run against SQLite and PostgreSQL: dedupe, per-key order, leases, backoff, dead letters, event marks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/store.js';
import type { Harness, HarnessFactory } from '../store/harness.js';

const later = (ms: number) => new Date(Date.now() + ms);

export function jobQueueContract(name: string, factory: HarnessFactory): void {
  describe(`job queue: ${name}`, () => {
    let h: Harness;
    let store: Store;
    beforeEach(async () => {
      h = await factory();
      store = h.store;
    });
    afterEach(async () => h.dispose());

    it('dedupes on the dedupe key and keeps the first payload', async () => {
      const a = await store.enqueueJob({ kind: 'k', payload: { n: 1 }, dedupeKey: 'okta:e1' });
      const b = await store.enqueueJob({ kind: 'k', payload: { n: 2 }, dedupeKey: 'okta:e1' });
      expect(a.created).toBe(true);
      expect(b.created).toBe(false);
      expect(b.job.id).toBe(a.job.id);
      expect(b.job.payload).toEqual({ n: 1 });
      await store.enqueueJob({ kind: 'k', payload: {} });
      await store.enqueueJob({ kind: 'k', payload: {} });
      expect((await store.countJobs()).queued).toBe(3);
    });

    it('runs one job per key at a time, in orderAt order, whatever the enqueue order', async () => {
      await store.enqueueJob({ kind: 'k', key: 'user:1', payload: { n: 2 }, orderAt: '2024-05-02T08:00:02.000Z' });
      await store.enqueueJob({ kind: 'k', key: 'user:1', payload: { n: 1 }, orderAt: '2024-05-02T08:00:01.000Z' });
      await store.enqueueJob({ kind: 'k', key: 'user:2', payload: { n: 3 }, orderAt: '2024-05-02T08:00:03.000Z' });
      const first = await store.claimJob({ workerId: 'w1', leaseMs: 60_000 });
      expect(first?.payload).toEqual({ n: 1 });
      const second = await store.claimJob({ workerId: 'w2', leaseMs: 60_000 });
      expect(second?.payload).toEqual({ n: 3 }); // user:1 is busy
      expect(await store.claimJob({ workerId: 'w3', leaseMs: 60_000 })).toBeNull();
      expect(await store.completeJob(first!.id, 'w1')).toBe(true);
      expect((await store.claimJob({ workerId: 'w3', leaseMs: 60_000 }))?.payload).toEqual({ n: 2 });
    });

    it('never hands one job to two concurrent claimers (two connections)', async () => {
      const other = await h.openAnother();
      for (let i = 0; i < 40; i++) await store.enqueueJob({ kind: 'k', key: `u${i % 10}`, payload: { i } });
      const seen: string[] = [];
      const worker = async (s: Store, w: string) => {
        for (;;) {
          const j = await s.claimJob({ workerId: w, leaseMs: 60_000 });
          if (!j) {
            if ((await s.countJobs()).queued === 0) return;
            await new Promise((r) => setTimeout(r, 5));
            continue;
          }
          seen.push(j.id);
          expect(await s.completeJob(j.id, w)).toBe(true);
        }
      };
      await Promise.all([worker(store, 'a'), worker(other, 'b'), worker(store, 'c'), worker(other, 'd')]);
      expect(seen).toHaveLength(40);
      expect(new Set(seen).size).toBe(40);
    });

    it('backs off exponentially, then marks the job dead; an operator retries it', async () => {
      const { job } = await store.enqueueJob({ kind: 'k', payload: {}, maxAttempts: 2 });
      const c1 = await store.claimJob({ workerId: 'w', leaseMs: 60_000 });
      const f1 = await store.failJob(job.id, 'w', 'boom 1', { backoffBaseMs: 1_000 });
      expect(f1).toMatchObject({ status: 'queued', attempts: 1, lastError: 'boom 1' });
      expect(Date.parse(f1!.runAfter) - Date.parse(c1!.updatedAt)).toBeGreaterThanOrEqual(900);
      expect(await store.claimJob({ workerId: 'w', leaseMs: 60_000 })).toBeNull(); // not due yet
      expect((await store.claimJob({ workerId: 'w', leaseMs: 60_000, now: later(1_500) }))?.attempts).toBe(2);
      expect(await store.failJob(job.id, 'w', 'boom 2')).toMatchObject({ status: 'dead', attempts: 2 });
      expect((await store.listJobs({ status: 'dead' })).map((j) => j.id)).toEqual([job.id]);
      expect(await store.retryDeadJob(job.id)).toBe(true);
      expect(await store.retryDeadJob(job.id)).toBe(false);
      expect(await store.claimJob({ workerId: 'w2', leaseMs: 60_000 })).toMatchObject({ id: job.id, attempts: 1 });
    });

    it('a dead job does not block its key', async () => {
      const { job } = await store.enqueueJob({
        kind: 'k',
        key: 'u',
        payload: { n: 1 },
        maxAttempts: 1,
        orderAt: '2024-01-01T00:00:00.000Z',
      });
      await store.enqueueJob({ kind: 'k', key: 'u', payload: { n: 2 }, orderAt: '2024-01-02T00:00:00.000Z' });
      await store.claimJob({ workerId: 'w', leaseMs: 60_000 });
      expect(await store.failJob(job.id, 'w', 'x')).toMatchObject({ status: 'dead' });
      expect((await store.claimJob({ workerId: 'w', leaseMs: 60_000 }))?.payload).toEqual({ n: 2 });
    });

    it('a job whose lease lapsed is claimable again; the old worker can no longer complete it', async () => {
      const { job } = await store.enqueueJob({ kind: 'k', key: 'u', payload: {} });
      await store.claimJob({ workerId: 'dead-worker', leaseMs: 1_000 });
      expect(await store.claimJob({ workerId: 'w2', leaseMs: 60_000 })).toBeNull();
      const again = await store.claimJob({ workerId: 'w2', leaseMs: 60_000, now: later(2_000) });
      expect(again).toMatchObject({ id: job.id, attempts: 2, workerId: 'w2' });
      expect(await store.completeJob(job.id, 'dead-worker')).toBe(false);
      expect(await store.completeJob(job.id, 'w2')).toBe(true);
    });

    it('defers without counting an attempt; filters claims by kind; heartbeats extend the lease', async () => {
      const { job } = await store.enqueueJob({ kind: 'wait', payload: {} });
      await store.enqueueJob({ kind: 'other', payload: {} });
      const c = await store.claimJob({ workerId: 'w', leaseMs: 1_000, kinds: ['wait'] });
      expect(c?.id).toBe(job.id);
      expect(await store.heartbeatJob(job.id, 'w', 60_000)).toBe(true);
      expect(await store.heartbeatJob(job.id, 'x', 60_000)).toBe(false);
      expect(await store.deferJob(job.id, 'w', later(60_000).toISOString())).toBe(true);
      expect(await store.getJob(job.id)).toMatchObject({ status: 'queued', attempts: 0 });
      expect(await store.claimJob({ workerId: 'w', leaseMs: 1_000, kinds: ['wait'] })).toBeNull();
    });

    it('marks events once and prunes old done jobs and marks', async () => {
      expect(await store.markEventProcessed('uuid-1', 'okta')).toBe(true);
      expect(await store.markEventProcessed('uuid-1', 'okta')).toBe(false);
      const { job } = await store.enqueueJob({ kind: 'k', payload: {} });
      await store.claimJob({ workerId: 'w', leaseMs: 1_000 });
      await store.completeJob(job.id, 'w');
      expect(await store.pruneJobs(later(1_000).toISOString())).toBe(2);
      expect(await store.getJob(job.id)).toBeNull();
      expect(await store.markEventProcessed('uuid-1', 'okta')).toBe(true);
    });
  });
}
