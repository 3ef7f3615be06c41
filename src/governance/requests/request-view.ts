// What callers see of a stored request: summary, diff, approval progress, status and its reasons.
import type { AccessRequestRow, RequestStatus } from '../../core/store.js';
import type { ApprovalStep } from '../../core/policy.js';
import type { DownstreamRecord, SystemOutcome } from '../../core/connectors.js';
import type { Change, DiffLine } from './changes.js';

/** What a request row keeps in `payload`. */
export interface RequestPayload {
  change: Change;
  diff: DiffLine[];
  summary: string;
  /** Requested (or policy default) grant duration; revocation is scheduled from the moment it is applied. */
  grantDurationSeconds?: number;
  /** Directory id of the person who asked: separation of duties holds even if their login is renamed. */
  requesterPersonId?: string;
  /** Connected apps this change touches and each one's outcome (absent when it touches only the directory). */
  downstream?: DownstreamRecord;
  /** The same for the revocation of a time-bound grant. */
  downstreamRevocation?: DownstreamRecord;
}

/** What a request row keeps in `decision`. */
export interface RequestDecision {
  effect: 'approval';
  rule: string;
  why: string;
  policyHash: string;
  steps: ApprovalStep[];
  /** Logins who approved each step so far. */
  progress: Record<string, string[]>;
  /** Directory ids of everyone who approved so far (logins can be renamed; ids cannot). */
  approverIds?: string[];
  /** People eligible for each step when the request was made (for display and notifications). */
  eligible: Record<string, string[]>;
  /** Manager and owners at request time (re-read from the directory when someone approves). */
  subjectManagerLogin?: string;
  ownerLogins: string[];
}

export interface RequestView {
  id: string;
  status: RequestStatus;
  tool: string;
  summary: string;
  diff: DiffLine[];
  requester: { client: string; person?: string };
  subject?: string;
  reason?: string;
  approvals: Array<{ step: string; needs: number; distinct: boolean; approvedBy: string[]; eligible: string[] }>;
  rule: string;
  why: string;
  policyHash?: string;
  createdAt: string;
  expiresAt?: string;
  grantDurationSeconds?: number;
  grantExpiresAt?: string;
  directoryRequestId?: string;
  failureReason?: string;
  /** Every system the request touches (the directory first) and what happened there; only when it touches connected apps. */
  systems?: SystemOutcome[];
}

export const payloadOf = (r: AccessRequestRow) => r.payload as unknown as RequestPayload;
export const decisionOf = (r: AccessRequestRow) => r.decision as unknown as RequestDecision;

/** Row → view. */
export function toView(r: AccessRequestRow): RequestView {
  const p = payloadOf(r);
  const d = decisionOf(r);
  return {
    id: r.id, status: r.status, tool: r.tool, summary: p.summary, diff: p.diff,
    requester: { client: r.requesterClient, person: r.requesterPerson }, subject: r.subject, reason: r.reason,
    approvals: d.steps.map((s) => ({ step: s.id, needs: s.count, distinct: s.distinct, approvedBy: d.progress[s.id] ?? [], eligible: d.eligible[s.id] ?? [] })),
    rule: d.rule, why: d.why, policyHash: r.policyHash, createdAt: r.createdAt, expiresAt: r.expiresAt,
    grantDurationSeconds: p.grantDurationSeconds, grantExpiresAt: r.grantExpiresAt, directoryRequestId: r.directoryRequestId, failureReason: r.failureReason,
    ...(p.downstream ? { systems: systemsOf(r, p.downstream) } : {}),
  };
}

/** The directory's outcome follows the request's status; each app's is what the executor recorded. */
function systemsOf(r: AccessRequestRow, d: DownstreamRecord): SystemOutcome[] {
  const [directory, ...apps] = d.systems;
  const dirStatus: SystemOutcome['status'] = r.status === 'applied' || r.status === 'revoked' ? 'applied'
    : r.status === 'failed' ? 'failed' : r.status === 'executing' ? 'pending' : 'not started';
  return [
    { system: directory ?? 'Directory', status: dirStatus, ...(r.status === 'failed' && r.failureReason ? { detail: r.failureReason } : {}) },
    ...apps.map((a) => d.outcomes[a] ?? { system: a, status: (r.status === 'applied' || r.status === 'failed' ? 'skipped' : 'not started') as SystemOutcome['status'] }),
  ];
}

/** True when every step has its count of approvals. */
export const allStepsMet = (d: RequestDecision): boolean => d.steps.every((s) => (d.progress[s.id]?.length ?? 0) >= s.count);
