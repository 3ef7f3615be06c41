// Audit record types: what one entry of the hash-chained log holds, what callers append, how it is queried.

/** The kinds of event the log records. Open-ended: new features may add their own `area.verb`. */
export type AuditAction =
  | 'tool.call'
  | 'request.created'
  | 'request.approved'
  | 'request.denied'
  | 'request.cancelled'
  | 'request.executed'
  | 'request.failed'
  | 'request.expired'
  | 'grant.revoked'
  | 'policy.reloaded'
  | (string & {});

/** Outcome of the recorded step. */
export type AuditOutcome = 'ok' | 'error' | 'denied' | 'pending' | (string & {});

/** Who did it: the client and, when known, the person it acted for. */
export interface AuditActor {
  kind: 'agent' | 'person' | 'system';
  clientId: string;
  person?: { id: string; login: string; displayName?: string };
}

/** The policy decision behind the step. */
export interface AuditDecision {
  effect: 'allow' | 'deny' | 'approval';
  rule: string;
  policyHash: string;
}

/**
 * Something a step touched: a person, group or app, named by every handle an investigator might search for
 * (the target filter matches the id, the login, the name or a word of the name, case-insensitively).
 */
export interface AuditTarget {
  type: 'user' | 'group' | 'app' | (string & {});
  id?: string;
  login?: string;
  name?: string;
}

/** What a caller appends. `args` must already be redacted; the log scrubs secrets again. */
export interface AuditInput {
  /** ISO instant; defaults to now. Stored with millisecond precision. */
  at?: string;
  actor: AuditActor;
  action: AuditAction;
  tool?: string;
  /** What the step was about, e.g. `user:00u1`, `group:Engineering`. */
  target?: string;
  /** Everything the step read or changed (read tools: the people, groups and apps in their answer). At most 100 are kept. */
  targets?: AuditTarget[];
  args?: Record<string, unknown>;
  decision?: AuditDecision;
  outcome: AuditOutcome;
  errorCode?: string;
  durationMs?: number;
  requestId?: string;
  directoryRequestId?: string;
}

/** One stored entry. `hash` = SHA-256 of the canonical JSON of every other field (prevHash included). */
export interface AuditRecord extends Omit<AuditInput, 'at' | 'args'> {
  seq: number;
  id: string;
  at: string;
  args: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/**
 * A stored record as verify reads it: every field, with the JSON-valued ones (`args`, `targets`) still in their stored
 * canonical text, so the bytes the hash covers can be rebuilt without parsing and re-serializing them.
 */
export interface SealedAuditRow extends Omit<AuditRecord, 'args' | 'targets'> {
  argsJson: string;
  targetsJson?: string;
}

/** Filters AND together. `actorPerson` matches the person's login or id. Times are ISO instants. */
export interface AuditFilter {
  actorClient?: string;
  actorPerson?: string;
  /**
   * Records that touched this person, group or app: matches `target` and every entry of `targets` by id, login, name,
   * a word of the name, or `type:handle` (e.g. `user:zara@acme.example`), case-insensitively, through an index.
   */
  target?: string;
  /** Leave out these actions (e.g. sign-ins). */
  excludeActions?: readonly string[];
  tool?: string;
  outcome?: string;
  action?: string;
  requestId?: string;
  /** Inclusive lower bound on `at`. */
  since?: string;
  /** Exclusive upper bound on `at`. */
  until?: string;
  /** Default 100, at most 10,000. */
  limit?: number;
  /** Keyset cursor: only records with seq greater than this (ascending order). */
  afterSeq?: number;
  /** Keyset cursor: only records with seq less than this (descending order). */
  beforeSeq?: number;
  /** `asc` (default, oldest first) or `desc` (newest first). */
  order?: 'asc' | 'desc';
}

/** The last record of the chain as the store's head row knows it (seq 0 and 64 zeros when empty). */
export interface AuditHead {
  seq: number;
  hash: string;
}

/** Reading the audit log, filtered (the query_audit tool and the security pages). */
export interface AuditQueryPort {
  query(filter: AuditFilter): Promise<AuditRecord[]>;
}
