// The durable job queue's port (lifecycle workflows, event processing): jobs, leases, backoff, dead letters.

export const JOB_STATUSES = ['queued', 'running', 'done', 'dead'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** One unit of background work (lifecycle workflows, event processing) in the durable queue. */
export interface JobRow {
  id: string;
  kind: string;
  /** Jobs with the same key run one at a time, in `orderAt` order (e.g. `user:00u1`); absent: no ordering. */
  key?: string;
  payload: Record<string, unknown>;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  /** Not claimed before this instant (schedules and backoff). */
  runAfter: string;
  /** Order within a key (e.g. the event's `published`); defaults to the enqueue time. */
  orderAt: string;
  dedupeKey?: string;
  lastError?: string;
  /** Worker holding a running job, and until when; an expired lease makes the job runnable again. */
  workerId?: string;
  leaseUntil?: string;
  createdAt: string;
  updatedAt: string;
}

export interface NewJob {
  kind: string;
  key?: string;
  payload: Record<string, unknown>;
  runAfter?: string;
  orderAt?: string;
  /** Enqueueing twice with the same dedupe key keeps the first job. */
  dedupeKey?: string;
  /** Default 5. */
  maxAttempts?: number;
}

export interface JobFilter {
  status?: JobStatus | JobStatus[];
  kind?: string;
  /** Default 100, at most 10,000. Oldest first. */
  limit?: number;
}

/** Durable job queue (migration 4): per-key ordering, leases, backoff, dead letters, event dedupe. */
export interface JobStore {
  /** `created` is false when a job with the same dedupe key already exists (that job is returned). */
  enqueueJob(job: NewJob): Promise<{ job: JobRow; created: boolean }>;
  /**
   * Claims the next runnable job for this worker: queued with runAfter <= now (or running with an
   * expired lease), and first in its key (no earlier queued/running job, no live lease on the key).
   * PostgreSQL uses FOR UPDATE SKIP LOCKED; SQLite an IMMEDIATE transaction.
   */
  claimJob(opts: { workerId: string; leaseMs: number; kinds?: string[]; now?: Date }): Promise<JobRow | null>;
  /** Extends the lease of a job this worker holds; false when it no longer holds it. */
  heartbeatJob(id: string, workerId: string, leaseMs: number): Promise<boolean>;
  /** Marks a job this worker holds as done; false when it no longer holds it. */
  completeJob(id: string, workerId: string): Promise<boolean>;
  /** Records a failure: queued again after exponential backoff, or dead after maxAttempts. */
  failJob(
    id: string,
    workerId: string,
    error: string,
    opts?: { backoffBaseMs?: number; backoffMaxMs?: number; now?: Date },
  ): Promise<JobRow | null>;
  /** Puts a held job back to wait until `runAfter` without counting an attempt (e.g. waiting for approvals). */
  deferJob(id: string, workerId: string, runAfter: string): Promise<boolean>;
  getJob(id: string): Promise<JobRow | null>;
  listJobs(filter?: JobFilter): Promise<JobRow[]>;
  countJobs(): Promise<Record<JobStatus, number>>;
  /** Dead → queued with attempts reset; false when the job is not dead. */
  retryDeadJob(id: string): Promise<boolean>;
  /** Deletes done jobs and processed-event marks older than `before`; returns rows removed. */
  pruneJobs(before: string): Promise<number>;
  /** Records an accepted event (Okta uuid, webhook digest); false when it was seen before. */
  markEventProcessed(eventId: string, source: string): Promise<boolean>;
}
