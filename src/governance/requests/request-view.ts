// What callers see of a stored request: summary, diff, approval progress, status and its reasons.
import type { AccessRequestRow, RequestStatus } from '../../core/store.js';
import type { ApprovalStep } from '../../core/policy.js';
import type { DownstreamRecord, SystemOutcome } from '../../core/connectors.js';
import type { Change, DiffLine, RequestView } from '../../core/requests.js';

/** What a request row keeps in `payload`. */
export interface RequestPayload {
  change: Change;
  diff: DiffLine[];
  summary: string;
  /** Requested (or policy default) grant duration; revocation is scheduled from the moment it is applied. */
  grantDurationSeconds?: number;
  /** Directory id of the person who asked: separation of duties holds even if their login is renamed. */
  requesterPersonId?: string;
  /** How the requester called (agent, person, system): the policy is asked again as them when the request is re-checked. */
  requesterKind?: 'agent' | 'person' | 'system';
  /** The duration the requester asked for, if any (re-checks pass it to the policy as the original call did). */
  requestedDurationSeconds?: number;
  /** A transient upstream failure episode while executing: when it began, attempts so far, the last error. */
  retry?: { since: string; attempts: number; lastError: string };
  /** The same for revoking an expired grant. */
  revokeRetry?: { since: string; attempts: number; lastError: string };
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

export type { RequestView } from '../../core/requests.js';

export const payloadOf = (r: AccessRequestRow) => r.payload as unknown as RequestPayload;
export const decisionOf = (r: AccessRequestRow) => r.decision as unknown as RequestDecision;

/** Row → view. */
export function toView(r: AccessRequestRow): RequestView {
  const p = payloadOf(r);
  const d = decisionOf(r);
  return {
    id: r.id,
    status: r.status,
    tool: r.tool,
    summary: p.summary,
    diff: p.diff,
    requester: { client: r.requesterClient, person: r.requesterPerson },
    subject: r.subject,
    reason: r.reason,
    approvals: d.steps.map((s) => ({
      step: s.id,
      needs: s.count,
      distinct: s.distinct,
      approvedBy: d.progress[s.id] ?? [],
      eligible: d.eligible[s.id] ?? [],
    })),
    rule: d.rule,
    why: d.why,
    policyHash: r.policyHash,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    grantDurationSeconds: p.grantDurationSeconds,
    grantExpiresAt: r.grantExpiresAt,
    directoryRequestId: r.directoryRequestId,
    failureReason: r.failureReason,
    ...(p.downstream ? { systems: systemsOf(r, p.downstream) } : {}),
  };
}

/** The directory's outcome follows the request's status; each app's is what the executor recorded. */
function systemsOf(r: AccessRequestRow, d: DownstreamRecord): SystemOutcome[] {
  const appOutcome = (a: string): SystemOutcome =>
    d.outcomes[a] ?? {
      system: a,
      status: (r.status === 'applied' || r.status === 'failed' ? 'skipped' : 'not started') as SystemOutcome['status'],
    };
  if (d.appsOnly) return d.systems.map((a) => settled(r, appOutcome(a))); // no directory change (an account no person holds)
  const [directory, ...apps] = d.systems;
  const dirStatus: SystemOutcome['status'] =
    r.status === 'applied' || r.status === 'revoked'
      ? 'applied'
      : r.status === 'failed'
        ? 'failed'
        : r.status === 'executing'
          ? 'pending'
          : 'not started';
  return [
    {
      system: directory ?? 'Directory',
      status: dirStatus,
      ...(r.status === 'failed' && r.failureReason ? { detail: r.failureReason } : {}),
    },
    ...apps.map(appOutcome),
  ];
}

/** An app left waiting (`pending`, `retrying`) on a request that has since failed (the retry deadline passed) failed with it. */
const settled = (r: AccessRequestRow, o: SystemOutcome): SystemOutcome =>
  r.status === 'failed' && (o.status === 'pending' || o.status === 'retrying')
    ? { ...o, status: 'failed', ...(r.failureReason ? { detail: r.failureReason } : {}) }
    : o;

/** True when every step has its count of approvals. */
export const allStepsMet = (d: RequestDecision): boolean =>
  d.steps.every((s) => (d.progress[s.id]?.length ?? 0) >= s.count);

/**
 * For a change made only in connected apps (an orphan account's removal): why it did not happen there, or undefined when
 * every app applied it (or found it done). Such a request has no directory change to stand on, so an app failure fails it.
 */
export function appsOnlyFailure(r: AccessRequestRow): string | undefined {
  const p = payloadOf(r);
  if (p.change.kind !== 'downstream_account_remove') return undefined;
  const d = p.downstream;
  const systems = d?.systems.length ? d.systems : [p.change.connectorApp];
  for (const s of systems) {
    const o = d?.outcomes[s];
    if (o?.status !== 'applied' && o?.status !== 'unchanged')
      return `Not applied in ${s}: ${o?.detail ?? 'the app was not reached (is it still a connected app?)'}`;
  }
  return undefined;
}
