// People approve or deny requests. Separation of duties is checked here on every decision, whatever the transport.
import { memoizedReads, type ApprovalReads } from './read-memo.js';
import type { DirectoryPort } from '../../core/directory.js';
import type { PolicyPort } from '../../core/policy.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../core/errors.js';
import type { Principal } from '../../core/principal.js';
import type { AccessRequestRow, RequestStatus, Store } from '../../core/store.js';
import { canApprove } from '../../policies/can-approve.js';
import type { AuditSink } from '../types.js';
import { actorOf } from './actor.js';
import { allStepsMet, decisionOf, payloadOf, toView, type RequestView } from './request-view.js';
import { ownersOf } from './approvers.js';
import { expireRequest } from './expire.js';
import { recheckRequest, type RecheckDeps } from './recheck.js';
import { assertNoCredential } from '../../core/secret-scan.js';

export interface ApprovalDeps {
  store: Store;
  directory: DirectoryPort;
  audit: AuditSink;
  policyOwners: (kind: 'group' | 'app', name: string) => readonly string[];
  /** The live policy: every approval re-checks that it still routes the change the way it did when the request was filed. */
  policy: PolicyPort;
  /** Connected apps: re-checking an orphan account's removal re-reads the account there. */
  downstream?: RecheckDeps['downstream'];
  /** Called when a request becomes approved (the executor applies it). */
  onApproved: (id: string) => void;
  onDecided?: (view: RequestView) => void;
  now?: () => Date;
}

export type Verdict = 'approve' | 'deny';

export function createApprovalService(deps: ApprovalDeps) {
  const now = deps.now ?? (() => new Date());

  /** Records one person's approval or denial. Throws ForbiddenError for anyone who may not decide. */
  /** `via` records how the decision arrived when the transport cannot prove the person (e.g. the operator CLI's OS user). */
  async function decide(
    id: string,
    principal: Principal,
    verdict: Verdict,
    comment?: string,
    opts: { via?: string } = {},
  ): Promise<RequestView> {
    assertNoCredential('comment', comment);
    if (principal.kind !== 'person' || !principal.person) {
      await refuse(id, principal, verdict, 'sod.agent');
      throw new ForbiddenError(
        'Agents may ask for changes but never approve or deny them; a person must decide in the Warden inbox, API or CLI.',
      );
    }
    const row = await deps.store.getRequest(id);
    if (!row) throw new NotFoundError(`No access request ${id}.`);
    if (row.status !== 'pending') {
      await refuse(id, principal, verdict, 'conflict', { status: row.status });
      throw new ConflictError(
        `Request ${id} is ${row.status}; only pending requests can be ${verdict === 'approve' ? 'approved' : 'denied'}.`,
      );
    }
    if (row.expiresAt && row.expiresAt <= now().toISOString()) {
      await expireRequest(deps.store, row);
      throw new ConflictError(`Request ${id} expired at ${row.expiresAt}; it can no longer be decided.`, {
        hint: 'Ask again if the access is still needed.',
      });
    }
    const me = principal.person.login;
    const check = await eligibility(row, principal);
    if (!check.step) {
      await refuse(id, principal, verdict, check.rule);
      throw new ForbiddenError(check.why, { details: { rule: check.rule } });
    }
    if (verdict === 'approve') await recheckOrCancel(row, principal);
    const d = decisionOf(row);
    const progress = { ...d.progress, [check.step]: [...(d.progress[check.step] ?? []), me] };
    const next = { ...d, progress, approverIds: [...(d.approverIds ?? []), check.approverId!] };
    const status: RequestStatus = verdict === 'deny' ? 'denied' : allStepsMet(next) ? 'approved' : 'pending';
    const at = now().toISOString();
    await deps.store
      .withTransaction(async (tx) => {
        if (!(await tx.insertApproval({ requestId: id, approverLogin: me, decision: verdict, comment, at }))) {
          throw new ConflictError(`${me} already decided request ${id}; a decision cannot be repeated or replayed.`);
        }
        const patch =
          verdict === 'deny'
            ? { status: 'denied' as const, failureReason: comment ?? 'denied' }
            : { status, decision: next as never };
        if (!(await tx.updateRequest(id, row.version, patch)))
          throw new ConflictError(`Request ${id} changed while deciding; fetch it and decide again.`);
        // In the same transaction: a crash after an approval commits must not leave it (and what it lets run) out of the audit log.
        await tx.appendAudit({
          actor: actorOf(principal),
          action: verdict === 'deny' ? 'request.denied' : 'request.approved',
          tool: row.tool,
          target: `user:${row.subject}`,
          outcome: status === 'pending' ? 'pending' : 'ok',
          requestId: id,
          args: { step: check.step, comment, status, ...(opts.via ? { via: opts.via } : {}) },
        });
      })
      .catch(async (err: unknown) => {
        // Lost a race (another decision landed first) or a replay: the refusal is on the record too, after the rollback.
        if (err instanceof ConflictError) await refuse(id, principal, verdict, 'conflict', { status: row.status });
        throw err;
      });
    const view = toView((await deps.store.getRequest(id))!);
    deps.onDecided?.(view);
    if (status === 'approved') deps.onApproved(id);
    return view;
  }

  /** The first unmet step this person may approve, or why they may not. */
  async function eligibility(
    row: AccessRequestRow,
    principal: Principal,
    dir: ApprovalReads = deps.directory,
  ): Promise<{ step?: string; approverId?: string; rule: string; why: string }> {
    const d = decisionOf(row);
    const { change, requesterPersonId } = payloadOf(row);
    const person = principal.person!;
    const [me, subject] = await Promise.all([dir.getUser(person.login), dir.getUser(change.userId)]);
    if (!me || me.status !== 'ACTIVE')
      return { rule: 'approvals.approver-inactive', why: `${person.login} is not an active person in the directory.` };
    // Separation of duties by directory id as well as by login, so a renamed login cannot slip past it.
    if (requesterPersonId && requesterPersonId === me.id)
      return { rule: 'sod.requester', why: `${me.login} asked for this change and cannot approve their own request.` };
    if (subject && subject.id === me.id)
      return { rule: 'sod.subject', why: `${me.login} is the person this request is about and cannot approve it.` };
    if ((d.approverIds ?? []).includes(me.id))
      return {
        rule: 'sod.repeat-approver',
        why: `${me.login} already approved this request; it needs a different person.`,
      };
    const groups = (await dir.listUserGroups(me.id)).map((g) => g.name);
    const owners = await ownersOf(dir, change, deps.policyOwners);
    const facts = {
      login: me.login,
      isAgent: false,
      groups,
      isManagerOfSubject: !!subject?.managerId && subject.managerId === me.id,
      isOwnerOfResource: owners.some((o) => o.toLowerCase() === me.login.toLowerCase()),
    };
    const request = {
      requesterLogin: row.requesterPerson,
      subjectLogin: row.subject,
      priorApprovers: Object.values(d.progress).flat(),
      priorApprovalsByStep: d.progress,
    };
    let firstDenial: { rule: string; why: string } | undefined;
    for (const step of d.steps) {
      if ((d.progress[step.id]?.length ?? 0) >= step.count) continue;
      const c = canApprove(d as never, { approver: facts, request, step });
      if (c.effect === 'allow') return { step: step.id, approverId: me.id, rule: c.rule, why: c.why };
      if (c.rule.startsWith('sod.')) return { rule: c.rule, why: c.why };
      firstDenial ??= { rule: c.rule, why: c.why };
    }
    return firstDenial ?? { rule: 'approvals.none-open', why: 'Every approval step of this request is already met.' };
  }

  async function refuse(
    id: string,
    principal: Principal,
    verdict: Verdict,
    rule: string,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    await deps.audit.append({
      actor: actorOf(principal),
      action: verdict === 'deny' ? 'request.deny-refused' : 'request.approve-refused',
      outcome: 'denied',
      requestId: id,
      args: { rule, ...extra },
    });
  }

  /**
   * Before an approval counts: the subject, the resource, earlier approvers and the current policy must still support the
   * change. If not, the request is cancelled (with its audit record, in one transaction) and the approver is told why.
   */
  async function recheckOrCancel(row: AccessRequestRow, principal: Principal): Promise<void> {
    const r = await recheckRequest(
      { directory: deps.directory, policy: deps.policy, policyOwners: deps.policyOwners, downstream: deps.downstream },
      row,
    );
    if (r.ok) return;
    const reason = `Cancelled when ${principal.person!.login} tried to approve it: ${r.why}`;
    const cancelled = await deps.store.withTransaction(async (tx) => {
      if (!(await tx.updateRequest(row.id, row.version, { status: 'cancelled', failureReason: reason }))) return false;
      await tx.appendAudit({
        actor: actorOf(principal),
        action: 'request.cancelled',
        tool: row.tool,
        target: `user:${row.subject}`,
        outcome: 'denied',
        requestId: row.id,
        args: { rule: r.rule, reason: r.why },
      });
      return true;
    });
    if (!cancelled) {
      await refuse(row.id, principal, 'approve', 'conflict', { status: row.status });
      throw new ConflictError(`Request ${row.id} changed while deciding; fetch it and decide again.`);
    }
    deps.onDecided?.(toView((await deps.store.getRequest(row.id))!));
    throw new ConflictError(`Request ${row.id} can no longer be approved and has been cancelled: ${r.why}`, {
      details: { rule: r.rule },
      hint: 'Nothing was changed in the directory or any connected app. Ask again if the access is still needed.',
    });
  }

  /** Whether this person could decide the request now (for a request's page). */
  async function canDecide(
    row: AccessRequestRow,
    principal: Principal,
    dir: ApprovalReads = deps.directory,
  ): Promise<boolean> {
    if (principal.kind !== 'person' || !principal.person || row.status !== 'pending') return false;
    return !!(await eligibility(row, principal, dir)).step;
  }

  /** canDecide for many rows (an inbox page): each directory read is made once for the whole batch. */
  async function canDecideEach(rows: AccessRequestRow[], principal: Principal): Promise<boolean[]> {
    const dir = memoizedReads(deps.directory);
    const out: boolean[] = new Array(rows.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < rows.length; i = next++) out[i] = await canDecide(rows[i]!, principal, dir);
    };
    await Promise.all(Array.from({ length: Math.min(4, rows.length) }, worker));
    return out;
  }

  return { decide, canDecide, canDecideEach };
}
