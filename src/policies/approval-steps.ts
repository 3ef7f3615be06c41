// Approval steps in words, and whether a step can ever be satisfied for a given request.
import type { ApprovalStep, ApproverSpec, CallFacts } from '../core/policy.js';

/** `manager`, `owner`, `group:Security-Team`, `person:jane.doe`: the compact form tests and explain use. */
export function approverLabel(a: ApproverSpec): string {
  return a.kind === 'group' ? `group:${a.group}` : a.kind === 'person' ? `person:${a.login}` : a.kind;
}

/** `group:Security-Team x2` or `manager|owner`: one step in compact form (alternatives sorted). */
export function stepLabel(step: ApprovalStep): string {
  const alts = step.anyOf.map(approverLabel).sort().join('|');
  return step.count > 1 ? `${alts} x${step.count}` : alts;
}

function approverWords(a: ApproverSpec, facts?: CallFacts): string {
  switch (a.kind) {
    case 'manager':
      return facts?.subject?.managerLogin
        ? `the subject's manager (${facts.subject.managerLogin})`
        : "the subject's manager";
    case 'owner': {
      const owners = facts?.resource?.ownerLogins ?? [];
      const what = facts?.resource ? `the owner of ${facts.resource.name}` : 'the resource owner';
      return owners.length ? `${what} (${owners.join(', ')})` : what;
    }
    case 'group':
      return `a member of ${a.group}`;
    case 'person':
      return a.login;
  }
}

/** "2 distinct approvals from: a member of Security-Team". */
export function stepWords(step: ApprovalStep, facts?: CallFacts): string {
  const who = step.anyOf.map((a) => approverWords(a, facts)).join(' or ');
  const n = step.count === 1 ? '1 approval' : `${step.count} ${step.distinct ? 'distinct ' : ''}approvals`;
  return `${n} from ${who}`;
}

/**
 * Why a step can never be met for this request, or undefined. Only statically known approvers count:
 * group membership is resolved at approval time, so a step naming a group is always possible here.
 * The requester and the subject never count (separation of duties).
 */
export function unsatisfiable(step: ApprovalStep, facts: CallFacts): string | undefined {
  if (step.anyOf.some((a) => a.kind === 'group')) return undefined;
  const excluded = new Set(
    [facts.principal.person?.login, facts.subject?.login].filter(Boolean).map((l) => l!.toLowerCase()),
  );
  const candidates = new Set<string>();
  const gaps: string[] = [];
  for (const a of step.anyOf) {
    const logins =
      a.kind === 'manager'
        ? facts.subject?.managerLogin
          ? [facts.subject.managerLogin]
          : []
        : a.kind === 'owner'
          ? (facts.resource?.ownerLogins ?? [])
          : a.kind === 'person'
            ? [a.login]
            : [];
    const eligible = logins.filter((l) => !excluded.has(l.toLowerCase()));
    eligible.forEach((l) => candidates.add(l.toLowerCase()));
    if (eligible.length === 0) {
      gaps.push(
        a.kind === 'manager'
          ? facts.subject?.managerLogin
            ? 'the manager is the requester or the subject'
            : 'the subject has no manager on record'
          : a.kind === 'owner'
            ? logins.length
              ? 'every owner is the requester or the subject'
              : `${facts.resource?.name ?? 'the resource'} has no owner on record (add one under owners: in the policy)`
            : `${approverLabel(a)} is the requester or the subject`,
      );
    }
  }
  const needed = step.distinct ? step.count : 1;
  if (candidates.size >= needed) return undefined;
  return `Step "${step.id}" needs ${stepWords(step, facts)}, which nobody eligible can give: ${gaps.join('; ') || `only ${candidates.size} eligible approver(s)`}.`;
}
