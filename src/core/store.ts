// The Store port: migrations, API keys, the audit chain, access requests and approvals, meta cursors, the job queue.
import type { AuditFilter, AuditHead, AuditInput, AuditRecord } from './audit.js';

export const REQUEST_STATUSES = ['pending', 'approved', 'denied', 'cancelled', 'expired', 'executing', 'applied', 'failed', 'revoked'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export interface ApiKeyRecord {
  id: string;
  clientId: string;
  /** Hash of the secret (the secret itself is never stored). */
  keyHash: string;
  /** First characters of the key, shown in listings so people can tell keys apart. */
  prefix: string;
  createdBy?: string;
  /** Set for a person token: the key acts as this person (only for person-app clients; agents never approve). */
  personLogin?: string;
  createdAt: string;
  revokedAt?: string;
}

/** An access request as stored. Times are ISO instants; JSON fields are opaque to the store. */
export interface AccessRequestRow {
  id: string;
  status: RequestStatus;
  tool: string;
  payload: Record<string, unknown>;
  requesterClient: string;
  /** Login of the person the requesting client acted for. */
  requesterPerson?: string;
  /** Who the change is about (e.g. a user login or id). */
  subject?: string;
  /** What the change is about (e.g. `group:00g1`, `app:salesforce`). */
  resource?: string;
  reason?: string;
  /** The policy decision (approval steps, approvers, …). */
  decision?: Record<string, unknown>;
  policyHash?: string;
  createdAt: string;
  updatedAt: string;
  /** When a pending request expires. */
  expiresAt?: string;
  /** When an applied time-bound grant must be revoked. */
  grantExpiresAt?: string;
  directoryRequestId?: string;
  failureReason?: string;
  /** Worker that claimed the request for execution, and when. */
  claimedBy?: string;
  claimedAt?: string;
  /** Incremented on every update; used for optimistic concurrency. */
  version: number;
}

/** Fields given when a request is created; `id` defaults to a random `req_…`, times to now. */
export type NewAccessRequest = Omit<AccessRequestRow, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'claimedBy' | 'claimedAt'> & {
  id?: string;
  createdAt?: string;
};

/** Mutable fields. `null` clears an optional field. */
export type AccessRequestPatch = {
  [K in 'status' | 'payload' | 'decision' | 'expiresAt' | 'grantExpiresAt' | 'directoryRequestId' | 'failureReason' | 'claimedBy' | 'claimedAt' | 'reason']?:
    | AccessRequestRow[K]
    | null;
};

export interface RequestFilter {
  status?: RequestStatus | RequestStatus[];
  tool?: string;
  requesterClient?: string;
  requesterPerson?: string;
  subject?: string;
  resource?: string;
  /** Inclusive lower bound on createdAt. */
  createdAfter?: string;
  /** Pending requests to expire: expiresAt < this. */
  expiresBefore?: string;
  /** Grants to revoke: grantExpiresAt < this. */
  grantExpiresBefore?: string;
  /** Newest first by default. */
  order?: 'asc' | 'desc';
  /** Default 100, at most 10,000. */
  limit?: number;
  offset?: number;
}

export interface ApprovalRow {
  requestId: string;
  approverLogin: string;
  decision: 'approve' | 'deny';
  comment?: string;
  at: string;
}

/**
 * Persistence behind one interface (SQLite embedded, PostgreSQL for several replicas).
 * Every method is safe to call concurrently; `withTransaction` gives a Store bound to one transaction.
 */
export interface Store extends JobStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending migrations in order; safe to run on every start and from several processes at once. */
  migrate(): Promise<{ applied: number[] }>;
  /** Versions already applied, ascending. */
  appliedMigrations(): Promise<number[]>;

  createApiKey(input: { clientId: string; keyHash: string; prefix: string; createdBy?: string; personLogin?: string }): Promise<ApiKeyRecord>;
  /** The active (not revoked) key with this hash, or null. */
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  /** True when an active key was revoked by this call. */
  revokeApiKey(id: string): Promise<boolean>;

  /** Scrubs, chains and appends one record; serialized across processes so the chain stays linear. */
  appendAudit(input: AuditInput): Promise<AuditRecord>;
  /** Appends many records in one transaction (same chain rules); for imports and benchmarks. */
  appendAuditBatch(inputs: AuditInput[]): Promise<AuditRecord[]>;
  listAudit(filter?: AuditFilter): Promise<AuditRecord[]>;
  /** Every record with seq >= fromSeq, in seq order, fetched in batches. */
  iterateAudit(fromSeq?: number, batchSize?: number): AsyncIterable<AuditRecord>;
  /** The same records a page at a time (verify: one await per page instead of one per record). */
  iterateAuditPages(fromSeq?: number, pageSize?: number): AsyncIterable<AuditRecord[]>;
  countAudit(): Promise<number>;
  /** The chain head row, updated with every append (lets verify notice records cut from the end). */
  getAuditHead(): Promise<AuditHead>;

  insertRequest(row: NewAccessRequest): Promise<AccessRequestRow>;
  getRequest(id: string): Promise<AccessRequestRow | null>;
  listRequests(filter?: RequestFilter): Promise<AccessRequestRow[]>;
  countRequests(filter?: Omit<RequestFilter, 'limit' | 'offset' | 'order'>): Promise<number>;
  /** Applies the patch only when the stored version equals `expectedVersion`; false otherwise. */
  updateRequest(id: string, expectedVersion: number, patch: AccessRequestPatch): Promise<boolean>;
  /** Atomically moves an `approved` request to `executing` for this worker; null when it is not (or no longer) approved. */
  claimRequestForExecution(id: string, workerId: string): Promise<AccessRequestRow | null>;
  /** False when this approver already decided this request (UNIQUE(requestId, approverLogin)). */
  insertApproval(row: ApprovalRow): Promise<boolean>;
  listApprovals(requestId: string): Promise<ApprovalRow[]>;

  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;

  /**
   * Runs `fn` in one transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: one pooled connection) with a
   * Store bound to it; commits when it resolves, rolls back when it throws. Nested calls join the outer one.
   * Keep `fn` short and free of network calls: on SQLite it holds the database's only write lock.
   * Do not call `migrate()` inside it.
   */
  withTransaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

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
  failJob(id: string, workerId: string, error: string, opts?: { backoffBaseMs?: number; backoffMaxMs?: number; now?: Date }): Promise<JobRow | null>;
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
