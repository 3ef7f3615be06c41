// canApprove(): may this person approve this step of this request? Separation of duties is built in.
import type { ApprovalStep, ApproverSpec, Decision } from '../core/policy.js';
import { sameIgnoringCase } from '../core/text.js';
import { stepWords } from './approval-steps.js';
import type { CompiledPolicy } from './compiled-policy.js';

export interface ApproverFacts {
  login: string;
  isAgent: boolean;
  /** Directory groups of the approver, by name. */
  groups: readonly string[];
  isManagerOfSubject: boolean;
  isOwnerOfResource: boolean;
}

export interface ApprovalRequestFacts {
  requesterLogin?: string;
  subjectLogin?: string;
  /** Everyone who already approved this request, in any step. */
  priorApprovers: readonly string[];
  /** Prior approvers per step id, when known; lets a non-distinct step accept a repeat from the same step. */
  priorApprovalsByStep?: Readonly<Record<string, readonly string[]>>;
}

export interface ApprovalCheck {
  effect: 'allow' | 'deny';
  /** `sod.agent`, `sod.requester`, `sod.subject`, `sod.repeat-approver`, `approvals.<step>.not-eligible`, `approvals.<step>.eligible`. */
  rule: string;
  why: string;
  /** Which approver spec the person satisfied, when allowed. */
  via?: ApproverSpec;
}

function satisfies(a: ApproverSpec, who: ApproverFacts): boolean {
  switch (a.kind) {
    case 'manager':
      return who.isManagerOfSubject;
    case 'owner':
      return who.isOwnerOfResource;
    case 'group':
      return who.groups.some((g) => g.toLowerCase() === a.group.toLowerCase());
    case 'person':
      return sameIgnoringCase(a.login, who.login);
  }
}

/**
 * Whether `approver` may approve `step`. Always denies agents, the requester, the subject, and anyone
 * who already approved the request (a repeat within a non-distinct step is the only exception).
 * `step` may be an ApprovalStep or a step id of `policyOrDecision` when that is an approval decision.
 */
export function canApprove(
  policyOrDecision: CompiledPolicy | Decision,
  args: { approver: ApproverFacts; request: ApprovalRequestFacts; step: ApprovalStep | string },
): ApprovalCheck {
  const { approver, request } = args;
  const step = typeof args.step === 'string' ? findStep(policyOrDecision, args.step) : args.step;
  const deny = (rule: string, why: string): ApprovalCheck => ({ effect: 'deny', rule, why });
  if (!step) return deny('approvals.unknown-step', `The request has no approval step "${String(args.step)}".`);
  if (approver.isAgent)
    return deny('sod.agent', 'Agents may ask for changes but never approve them; a person must approve.');
  if (sameIgnoringCase(approver.login, request.requesterLogin))
    return deny('sod.requester', `${approver.login} asked for this change and cannot approve their own request.`);
  if (sameIgnoringCase(approver.login, request.subjectLogin))
    return deny('sod.subject', `${approver.login} is the person this request is about and cannot approve it.`);
  if (request.priorApprovers.some((p) => sameIgnoringCase(p, approver.login))) {
    const inStep = request.priorApprovalsByStep?.[step.id]?.some((p) => sameIgnoringCase(p, approver.login)) ?? false;
    const elsewhere = Object.entries(request.priorApprovalsByStep ?? {}).some(
      ([id, l]) => id !== step.id && l.some((p) => sameIgnoringCase(p, approver.login)),
    );
    const allowedRepeat = !step.distinct && inStep && !elsewhere;
    if (!allowedRepeat)
      return deny(
        'sod.repeat-approver',
        `${approver.login} already approved this request; step "${step.id}" needs a different person.`,
      );
  }
  const via = step.anyOf.find((a) => satisfies(a, approver));
  if (!via)
    return deny(
      `approvals.${step.id}.not-eligible`,
      `${approver.login} is not eligible for step "${step.id}", which needs ${stepWords(step)}.`,
    );
  return {
    effect: 'allow',
    rule: `approvals.${step.id}.eligible`,
    why: `${approver.login} may approve step "${step.id}" as ${describe(via)}.`,
    via,
  };
}

function findStep(p: CompiledPolicy | Decision, id: string): ApprovalStep | undefined {
  if ('effect' in p) return p.effect === 'approval' ? p.steps.find((s) => s.id === id) : undefined;
  return undefined;
}

const describe = (a: ApproverSpec): string =>
  a.kind === 'group' ? `a member of ${a.group}` : a.kind === 'person' ? 'a named approver' : `the ${a.kind}`;
