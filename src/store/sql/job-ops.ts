// The durable job queue on the shared SQL surface: enqueue with dedupe, per-key ordered claims with leases, backoff, dead letters.
import { randomUUID } from 'node:crypto';
import type { JobStatus, JobStore } from '../../core/store.js';
import type { SqlExecutor } from './driver.js';
import { backoffMs, jobFromRow } from './job-rows.js';
import { clampLimit, isoParam } from './values.js';

/**
 * A job is runnable when it is queued and due, or running with an expired lease (its worker died),
 * and nothing earlier in its key is still queued or running, and no live lease holds its key.
 */
const RUNNABLE = `j.status IN ('queued', 'running')
  AND ((j.status = 'queued' AND j.run_after <= ?) OR (j.status = 'running' AND j.lease_until <= ?))
  AND (j.job_key IS NULL OR NOT EXISTS (
    SELECT 1 FROM jobs k WHERE k.job_key = j.job_key AND k.status IN ('queued', 'running') AND k.seq <> j.seq AND (
      (k.status = 'running' AND k.lease_until > ?)
      OR k.order_at < j.order_at OR (k.order_at = j.order_at AND k.seq < j.seq))))`;

export function jobOps(db: SqlExecutor): JobStore {
  const now = () => new Date().toISOString();
  const byId = async (id: string) => {
    const row = await db.get('SELECT * FROM jobs WHERE id = ?', [id]);
    return row ? jobFromRow(row) : null;
  };
  return {
    async enqueueJob(job) {
      const t = now();
      const id = `job_${randomUUID()}`;
      const changed = await db.run(
        `INSERT INTO jobs (id, kind, job_key, payload, status, attempts, max_attempts, run_after, order_at, dedupe_key, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'queued', 0, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
        [
          id,
          job.kind,
          job.key ?? null,
          JSON.stringify(job.payload),
          job.maxAttempts ?? 5,
          isoParam(job.runAfter ?? t),
          isoParam(job.orderAt ?? t),
          job.dedupeKey ?? null,
          t,
          t,
        ],
      );
      if (changed === 1) return { job: (await byId(id))!, created: true };
      const row = await db.get('SELECT * FROM jobs WHERE dedupe_key = ?', [job.dedupeKey]);
      return { job: jobFromRow(row!), created: false };
    },

    async claimJob({ workerId, leaseMs, kinds, now: at = new Date() }) {
      const t = at.toISOString();
      const kindSql = kinds?.length ? ` AND j.kind IN (${kinds.map(() => '?').join(',')})` : '';
      const lock = db.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
      // Walk live jobs in order and stop at the first runnable one (SQLite would otherwise sort every queued job per claim).
      const from = db.dialect === 'sqlite' ? 'jobs j INDEXED BY jobs_live_order' : 'jobs j';
      return db.transaction(async (tx) => {
        const params = [t, t, t, ...(kinds ?? [])];
        // PostgreSQL: look at the 200 earliest due jobs first (index scan, cheap); only when every one of them is
        // blocked by its key does the claim scan the whole live queue.
        const window =
          db.dialect === 'postgres'
            ? ` AND j.seq IN (SELECT seq FROM jobs WHERE status IN ('queued', 'running') AND ((status = 'queued' AND run_after <= ?) OR (status = 'running' AND lease_until <= ?)) ORDER BY order_at, seq LIMIT 200)`
            : '';
        const sql = (w: string) =>
          `SELECT j.seq FROM ${from} WHERE ${RUNNABLE}${kindSql}${w} ORDER BY j.order_at, j.seq LIMIT 1${lock}`;
        let pick = window ? await tx.get<{ seq: number }>(sql(window), [...params, t, t]) : undefined;
        pick ??= await tx.get<{ seq: number }>(sql(''), params);
        if (!pick) return null;
        const row = await tx.get(
          `UPDATE jobs SET status = 'running', attempts = attempts + 1, worker_id = ?, lease_until = ?, updated_at = ? WHERE seq = ? RETURNING *`,
          [workerId, new Date(at.getTime() + leaseMs).toISOString(), t, pick.seq],
        );
        return row ? jobFromRow(row) : null;
      });
    },

    async heartbeatJob(id, workerId, leaseMs) {
      const lease = new Date(Date.now() + leaseMs).toISOString();
      return (
        (await db.run(
          `UPDATE jobs SET lease_until = ?, updated_at = ? WHERE id = ? AND worker_id = ? AND status = 'running'`,
          [lease, now(), id, workerId],
        )) === 1
      );
    },

    async completeJob(id, workerId) {
      return (
        (await db.run(
          `UPDATE jobs SET status = 'done', lease_until = NULL, updated_at = ? WHERE id = ? AND worker_id = ? AND status = 'running'`,
          [now(), id, workerId],
        )) === 1
      );
    },

    async failJob(id, workerId, error, { backoffBaseMs = 1_000, backoffMaxMs = 300_000, now: at = new Date() } = {}) {
      return db.transaction(async (tx) => {
        const row = await tx.get<{ attempts: number; max_attempts: number }>(
          `SELECT attempts, max_attempts FROM jobs WHERE id = ? AND worker_id = ? AND status = 'running'`,
          [id, workerId],
        );
        if (!row) return null;
        const dead = Number(row.attempts) >= Number(row.max_attempts);
        const runAfter = new Date(
          at.getTime() + backoffMs(Number(row.attempts), backoffBaseMs, backoffMaxMs),
        ).toISOString();
        const updated = await tx.get(
          `UPDATE jobs SET status = ?, run_after = ?, last_error = ?, lease_until = NULL, updated_at = ? WHERE id = ? RETURNING *`,
          [dead ? 'dead' : 'queued', dead ? at.toISOString() : runAfter, error.slice(0, 2000), at.toISOString(), id],
        );
        return updated ? jobFromRow(updated) : null;
      });
    },

    async deferJob(id, workerId, runAfter) {
      return (
        (await db.run(
          `UPDATE jobs SET status = 'queued', attempts = attempts - 1, run_after = ?, lease_until = NULL, updated_at = ? WHERE id = ? AND worker_id = ? AND status = 'running'`,
          [isoParam(runAfter), now(), id, workerId],
        )) === 1
      );
    },

    getJob: byId,

    async listJobs(filter = {}) {
      const statuses =
        filter.status === undefined ? [] : Array.isArray(filter.status) ? filter.status : [filter.status];
      const where: string[] = [];
      const params: unknown[] = [];
      if (statuses.length) where.push(`status IN (${statuses.map(() => '?').join(',')})`), params.push(...statuses);
      if (filter.kind) where.push('kind = ?'), params.push(filter.kind);
      const rows = await db.all(
        `SELECT * FROM jobs${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY seq LIMIT ?`,
        [...params, clampLimit(filter.limit)],
      );
      return rows.map(jobFromRow);
    },

    async countJobs() {
      const out: Record<JobStatus, number> = { queued: 0, running: 0, done: 0, dead: 0 };
      for (const r of await db.all<{ status: JobStatus; n: number }>(
        'SELECT status, COUNT(*) AS n FROM jobs GROUP BY status',
      ))
        out[r.status] = Number(r.n);
      return out;
    },

    async retryDeadJob(id) {
      return (
        (await db.run(
          `UPDATE jobs SET status = 'queued', attempts = 0, run_after = ?, worker_id = NULL, updated_at = ? WHERE id = ? AND status = 'dead'`,
          [now(), now(), id],
        )) === 1
      );
    },

    async pruneJobs(before) {
      const t = isoParam(before);
      const jobs = await db.run(`DELETE FROM jobs WHERE status = 'done' AND updated_at < ?`, [t]);
      const events = await db.run('DELETE FROM processed_events WHERE processed_at < ?', [t]);
      return jobs + events;
    },

    async markEventProcessed(eventId, source) {
      return (
        (await db.run(
          'INSERT INTO processed_events (event_id, source, processed_at) VALUES (?, ?, ?) ON CONFLICT (event_id) DO NOTHING',
          [eventId, source, now()],
        )) === 1
      );
    },
  };
}
