// The Store port: migrations, API keys, the audit chain, access requests and approvals, meta cursors, the job queue, the demo directory's changes.
import type { AuditFilter, AuditHead, AuditInput, AuditRecord, SealedAuditRow } from './audit.js';
import type { DirectoryChangeStore } from './directory-change-store.js';
import type { JobStore } from './job-store.js';

export * from './directory-change-store.js';
export * from './job-store.js';

export const REQUEST_STATUSES = [
  'pending',
  'approved',
  'denied',
  'cancelled',
  'expired',
  'executing',
  'applied',
  'failed',
  'revoked',
] as const;
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
  /**
   * Identifies the change while the request is open (pending, approved, executing); unique among open requests, so the
   * database itself refuses a second open request for the same change. Cleared when the request leaves those states.
   */
  openKey?: string;
  /** An approved request waiting out a transient upstream failure is not claimed before this instant. */
  retryAt?: string;
  /** Incremented on every update; used for optimistic concurrency. */
  version: number;
}

/** Fields given when a request is created; `id` defaults to a random `req_…`, times to now. */
export type NewAccessRequest = Omit<
  AccessRequestRow,
  'id' | 'version' | 'createdAt' | 'updatedAt' | 'claimedBy' | 'claimedAt' | 'retryAt'
> & {
  id?: string;
  createdAt?: string;
};

/** Mutable fields. `null` clears an optional field. */
export type AccessRequestPatch = {
  [K in
    | 'status'
    | 'payload'
    | 'decision'
    | 'expiresAt'
    | 'grantExpiresAt'
    | 'directoryRequestId'
    | 'failureReason'
    | 'claimedBy'
    | 'claimedAt'
    | 'reason'
    | 'openKey'
    | 'retryAt']?: AccessRequestRow[K] | null;
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

/** Limits checked inside the insert's transaction (the authority; callers may check earlier to answer faster). */
export interface InsertRequestLimits {
  /** At most `limit` requests by the row's requesterClient created at or after `since`. */
  perClient?: { since: string; limit: number };
}

/** insertRequest: another open request already holds the row's openKey. */
export class OpenRequestExistsError extends Error {
  constructor(readonly existing: { id: string; status: RequestStatus }) {
    super(`an open request for this change already exists: ${existing.id}`);
    this.name = 'OpenRequestExistsError';
  }
}

/** insertRequest: the client already made `count` requests in the window. */
export class RequestLimitReachedError extends Error {
  constructor(
    readonly count: number,
    readonly limit: number,
  ) {
    super(`request limit reached: ${count} of ${limit}`);
    this.name = 'RequestLimitReachedError';
  }
}

export interface ApprovalRow {
  requestId: string;
  approverLogin: string;
  decision: 'approve' | 'deny';
  comment?: string;
  at: string;
}

/** API keys (stored hashed). */
export interface KeyStore {
  createApiKey(input: {
    clientId: string;
    keyHash: string;
    prefix: string;
    createdBy?: string;
    personLogin?: string;
  }): Promise<ApiKeyRecord>;
  /** The active (not revoked) key with this hash, or null. */
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  /** True when an active key was revoked by this call. */
  revokeApiKey(id: string): Promise<boolean>;
}

/** The hash-chained audit log. */
export interface AuditStore {
  /** Scrubs, chains and appends one record; serialized across processes so the chain stays linear. */
  appendAudit(input: AuditInput): Promise<AuditRecord>;
  /** Appends many records in one transaction (same chain rules); for imports and benchmarks. */
  appendAuditBatch(inputs: AuditInput[]): Promise<AuditRecord[]>;
  listAudit(filter?: AuditFilter): Promise<AuditRecord[]>;
  /** Every record with seq >= fromSeq, in seq order, fetched in batches. */
  iterateAudit(fromSeq?: number, batchSize?: number): AsyncIterable<AuditRecord>;
  /**
   * The same records a page at a time, as stored (JSON fields unparsed): what verify reads. Keep pages small (about a
   * thousand rows): large pages outlive the young generation and the garbage collector dominates.
   */
  iterateAuditPages(fromSeq?: number, pageSize?: number): AsyncIterable<SealedAuditRow[]>;
  countAudit(): Promise<number>;
  /** The chain head row, updated with every append (lets verify notice records cut from the end). */
  getAuditHead(): Promise<AuditHead>;
}

/** Access requests and their approvals. */
export interface RequestStore {
  /**
   * Inserts a request. Atomically, in one transaction: refuses (OpenRequestExistsError) when another open request holds
   * the same `openKey`, and (RequestLimitReachedError) when `limits.perClient` is reached, counted under a per-client
   * lock (PostgreSQL advisory lock; SQLite's write lock) so concurrent inserts from any number of processes cannot exceed it.
   */
  insertRequest(row: NewAccessRequest, limits?: InsertRequestLimits): Promise<AccessRequestRow>;
  getRequest(id: string): Promise<AccessRequestRow | null>;
  listRequests(filter?: RequestFilter): Promise<AccessRequestRow[]>;
  countRequests(filter?: Omit<RequestFilter, 'limit' | 'offset' | 'order'>): Promise<number>;
  /**
   * Applies the patch only when the stored version equals `expectedVersion`; false otherwise. A status outside
   * pending/approved/executing clears `openKey`; setting `openKey` that another open request holds throws OpenRequestExistsError.
   */
  updateRequest(id: string, expectedVersion: number, patch: AccessRequestPatch): Promise<boolean>;
  /** Atomically moves an `approved` request (whose retryAt, if any, is not after `now`, default the clock) to `executing` for this worker; null otherwise. */
  claimRequestForExecution(id: string, workerId: string, now?: string): Promise<AccessRequestRow | null>;
  /** False when this approver already decided this request (UNIQUE(requestId, approverLogin)). */
  insertApproval(row: ApprovalRow): Promise<boolean>;
  listApprovals(requestId: string): Promise<ApprovalRow[]>;
}

/** Small key-value facts (cursors, session revocations, snapshots). */
export interface MetaStore {
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
}

/**
 * Persistence behind one interface (SQLite embedded, PostgreSQL for several replicas), made of its parts: keys, audit,
 * requests, meta, the job queue and the demo directory's change log. Code that needs one part takes that part.
 */
export interface Store extends KeyStore, AuditStore, RequestStore, MetaStore, JobStore, DirectoryChangeStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending migrations in order; safe to run on every start and from several processes at once. */
  migrate(): Promise<{ applied: number[] }>;
  /** Versions already applied, ascending. */
  appliedMigrations(): Promise<number[]>;

  /**
   * Runs `fn` in one transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: one pooled connection) with a
   * Store bound to it; commits when it resolves, rolls back when it throws. Nested calls join the outer one.
   * Keep `fn` short and free of network calls: on SQLite it holds the database's only write lock.
   * Do not call `migrate()` inside it.
   */
  withTransaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
