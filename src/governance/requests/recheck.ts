// Re-checks a request against today's world before an approval is recorded and again just before it is applied:
// the subject, the group or app, the people who approved, and what the current policy asks for this change.
import type { DownstreamPort } from '../../core/connectors.js';
import { orphanStillApplies } from './account-change.js';
import type { DirectoryPort } from '../../core/directory.js';
import type { ApprovalStep, PolicyPort } from '../../core/policy.js';
import type { Principal } from '../../core/principal.js';
import type { AccessRequestRow } from '../../core/store.js';
import { formatDuration } from '../../policies/duration.js';
import { approverLabel } from '../../policies/approval-steps.js';
import type { Change } from './changes.js';
import { decideChange, type SubjectFacts } from './policy-facts.js';
import { decisionOf, payloadOf } from './request-view.js';

export interface RecheckDeps {
  directory: DirectoryPort;
  policy: PolicyPort;
  policyOwners: (kind: 'group' | 'app', name: string) => readonly string[];
  /** Connected apps: an orphan account's removal re-reads the account there. */
  downstream?: Pick<DownstreamPort, 'accountCheck'>;
}

/** Passed, or why the request must not go on (`rule` is stable, `why` is safe to show anyone who may see the request). */
export type RecheckResult = { ok: true } | { ok: false; rule: string; why: string };

const GRANTS = new Set<Change['kind']>(['group_add', 'app_assign']);
/** A grant to an account in one of these states would hand access to someone the organisation has stopped. */
const STOPPED = new Set(['DEPROVISIONED', 'SUSPENDED']);

/** True when the change grants access and the subject's account is stopped (deactivated or suspended). */
export const grantToStoppedAccount = (change: Change, status: string | undefined): boolean =>
  GRANTS.has(change.kind) && !!status && STOPPED.has(status);

/** Runs every check in order and returns the first failure. */
export async function recheckRequest(deps: RecheckDeps, row: AccessRequestRow): Promise<RecheckResult> {
  const { change, downstream } = payloadOf(row);
  const fail = (rule: string, why: string): RecheckResult => ({ ok: false, rule: `recheck.${rule}`, why });
  if (change.kind === 'downstream_account_remove') {
    // The account, live: still there, still active, still nobody's. Once a run has begun, what it finds may be its own work.
    const started = Object.keys(downstream?.outcomes ?? {}).length > 0;
    const r = await orphanStillApplies(deps.downstream, change, { started });
    if (r) return fail(r.rule, r.why);
  }
  const subject = await subjectFacts(deps.directory, change);

  if (!subject) return fail('subject-missing', `${change.userLogin} no longer exists in the directory.`);
  if (grantToStoppedAccount(change, subject.status)) {
    return fail(
      'subject-inactive',
      `${change.userLogin} is now ${subject.status}; access is not granted to a stopped account.`,
    );
  }
  if ((change.kind === 'user_suspend' || change.kind === 'user_activate') && subject.status === 'DEPROVISIONED') {
    return fail(
      'subject-inactive',
      `${change.userLogin} is now deactivated (DEPROVISIONED); this change no longer applies.`,
    );
  }
  if ('groupId' in change && !(await deps.directory.getGroup(change.groupId)))
    return fail('resource-missing', `The group ${change.groupName} no longer exists.`);
  if ('appId' in change && !(await deps.directory.getApp(change.appId)))
    return fail('resource-missing', `The app ${change.appLabel} no longer exists.`);

  const d = decisionOf(row);
  for (const id of d.approverIds ?? []) {
    const approver = await deps.directory.getUser(id);
    if (!approver || approver.status !== 'ACTIVE') {
      return fail(
        'approver-inactive',
        `${approver?.login ?? 'A person who approved it'} is no longer an active person in the directory, so their approval no longer counts.`,
      );
    }
  }

  const p = payloadOf(row);
  const { decision } = await decideChange(deps.directory, deps.policy, deps.policyOwners, {
    principal: requesterOf(row),
    tool: row.tool,
    change,
    subject,
    reason: row.reason ?? '',
    durationSeconds: p.requestedDurationSeconds,
  });
  if (decision.effect === 'deny')
    return fail('policy-denies', `The current policy refuses this change: ${decision.why}`);
  if (decision.effect !== 'approval')
    return fail(
      'policy-changed',
      `The current policy no longer routes this change through approval (rule ${decision.rule}).`,
    );
  const gap = uncovered(decision.steps, d.steps);
  if (gap)
    return fail(
      'policy-stricter',
      `The current policy asks more for this change than when it was filed (${gap}); ask again so it is approved under today's rules.`,
    );
  if (
    p.grantDurationSeconds !== undefined &&
    decision.ruleMaxDurationSeconds !== undefined &&
    p.grantDurationSeconds > decision.ruleMaxDurationSeconds
  ) {
    return fail(
      'policy-stricter',
      `The current policy allows at most ${formatDuration(decision.ruleMaxDurationSeconds)} for this change; the request is for ${formatDuration(p.grantDurationSeconds)}.`,
    );
  }
  if (p.grantDurationSeconds === undefined && decision.ruleMaxDurationSeconds !== undefined) {
    return fail(
      'policy-stricter',
      `The current policy makes this access time-bound (at most ${formatDuration(decision.ruleMaxDurationSeconds)}); the request was for permanent access.`,
    );
  }
  return { ok: true };
}

/**
 * Why approvals gathered under `stored` steps would not satisfy `current`, or undefined when they would: every current
 * step must exist under the same id, needing no more approvals, and accepting at least everyone the stored step accepted.
 */
export function uncovered(current: ApprovalStep[], stored: ApprovalStep[]): string | undefined {
  for (const step of current) {
    const old = stored.find((s) => s.id === step.id);
    if (!old) return `a new approval step "${step.id}"`;
    if (step.count > old.count) return `${step.count} approvals instead of ${old.count} in step "${step.id}"`;
    if (step.distinct && !old.distinct) return `distinct approvers in step "${step.id}"`;
    const accepted = new Set(step.anyOf.map(approverLabel));
    const dropped = old.anyOf.map(approverLabel).filter((a) => !accepted.has(a));
    if (dropped.length) return `step "${step.id}" no longer accepts ${dropped.join(', ')}`;
  }
  return undefined;
}

/** The subject as the policy sees it today; for an account still to be created, the provisional subject create() used;
 * for an account no person holds, the account itself. */
async function subjectFacts(dir: DirectoryPort, change: Change): Promise<SubjectFacts | null> {
  if (change.kind === 'downstream_account_remove') return { id: change.userId, login: change.userLogin }; // no person
  if (change.kind === 'user_create') {
    const manager = change.managerLogin ? await dir.getUser(change.managerLogin) : null;
    return {
      id: change.userId,
      login: change.profile.login,
      status: 'STAGED',
      department: change.profile.department,
      managerId: manager?.id,
    };
  }
  const u = await dir.getUser(change.userId);
  return u && { id: u.id, login: u.login, status: u.status, department: u.department, managerId: u.managerId };
}

/** The requester as they called when filing (rows from before `requesterKind` was stored: a person if one is named, else Warden itself). */
function requesterOf(row: AccessRequestRow): Principal {
  const p = payloadOf(row);
  const person = row.requesterPerson
    ? { id: p.requesterPersonId ?? row.requesterPerson, login: row.requesterPerson }
    : undefined;
  const kind = p.requesterKind ?? (person ? 'person' : 'system');
  return {
    kind,
    clientId: row.requesterClient,
    auth: kind === 'system' ? 'system' : 'session',
    ...(person ? { person } : {}),
  };
}
