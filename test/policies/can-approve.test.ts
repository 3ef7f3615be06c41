// canApprove(): separation of duties that no policy can switch off, and step eligibility.
import { describe, expect, it } from 'vitest';
import type { ApprovalStep, Decision } from '../../src/core/policy.js';
import { canApprove, type ApproverFacts } from '../../src/policies/can-approve.js';

const security: ApprovalStep = {
  id: 'security',
  anyOf: [{ kind: 'group', group: 'Security-Team' }],
  count: 2,
  distinct: true,
};
const owner: ApprovalStep = { id: 'owner', anyOf: [{ kind: 'owner' }], count: 1, distinct: true };
const managerOrOwner: ApprovalStep = {
  id: 'manager-or-owner',
  anyOf: [{ kind: 'manager' }, { kind: 'owner' }],
  count: 1,
  distinct: true,
};
const named: ApprovalStep = {
  id: 'ciso',
  anyOf: [{ kind: 'person', login: 'sana.suzuki@acme.example' }],
  count: 2,
  distinct: false,
};

const thomas: ApproverFacts = {
  login: 'thomas.edwards@acme.example',
  isAgent: false,
  groups: ['Security-Team', 'Dept-Security'],
  isManagerOfSubject: false,
  isOwnerOfResource: false,
};
const request = {
  requesterLogin: 'ayesha.nwosu@acme.example',
  subjectLogin: 'dmitri.li@acme.example',
  priorApprovers: [] as string[],
};
const decision: Decision = {
  effect: 'approval',
  rule: 'rules.privileged-grant',
  why: '',
  policyHash: 'x',
  steps: [security, owner],
  pendingExpirySeconds: 3600,
};

const cases: Array<{
  name: string;
  approver: Partial<ApproverFacts>;
  req?: Partial<typeof request> & { priorApprovalsByStep?: Record<string, string[]> };
  step: ApprovalStep;
  effect: 'allow' | 'deny';
  rule: string;
}> = [
  {
    name: 'a Security-Team member approves the security step',
    approver: {},
    step: security,
    effect: 'allow',
    rule: 'approvals.security.eligible',
  },
  {
    name: 'an agent never approves, even in the right group',
    approver: { isAgent: true },
    step: security,
    effect: 'deny',
    rule: 'sod.agent',
  },
  {
    name: 'the requester never approves their own request',
    approver: { login: 'ayesha.nwosu@acme.example', isManagerOfSubject: true },
    step: managerOrOwner,
    effect: 'deny',
    rule: 'sod.requester',
  },
  {
    name: 'the subject never approves a request about themselves',
    approver: { login: 'DMITRI.LI@acme.example', isOwnerOfResource: true },
    step: owner,
    effect: 'deny',
    rule: 'sod.subject',
  },
  {
    name: 'someone outside the approver set is refused',
    approver: { groups: ['Dept-Security'] },
    step: security,
    effect: 'deny',
    rule: 'approvals.security.not-eligible',
  },
  {
    name: 'a repeat approver in a distinct step is refused',
    approver: {},
    req: { priorApprovers: ['thomas.edwards@acme.example'] },
    step: security,
    effect: 'deny',
    rule: 'sod.repeat-approver',
  },
  {
    name: 'one person cannot satisfy two steps',
    approver: { isOwnerOfResource: true },
    req: {
      priorApprovers: ['thomas.edwards@acme.example'],
      priorApprovalsByStep: { security: ['thomas.edwards@acme.example'] },
    },
    step: owner,
    effect: 'deny',
    rule: 'sod.repeat-approver',
  },
  {
    name: 'the owner approves the owner step',
    approver: { isOwnerOfResource: true, groups: [] },
    step: owner,
    effect: 'allow',
    rule: 'approvals.owner.eligible',
  },
  {
    name: 'the manager approves a manager-or-owner step',
    approver: { login: 'mara.harris@acme.example', isManagerOfSubject: true, groups: [] },
    step: managerOrOwner,
    effect: 'allow',
    rule: 'approvals.manager-or-owner.eligible',
  },
  {
    name: 'a named person approves; group names match case-insensitively',
    approver: { login: 'Sana.Suzuki@acme.example', groups: [] },
    step: named,
    effect: 'allow',
    rule: 'approvals.ciso.eligible',
  },
  {
    name: 'a non-distinct step accepts a repeat from the same step',
    approver: { login: 'sana.suzuki@acme.example' },
    req: { priorApprovers: ['sana.suzuki@acme.example'], priorApprovalsByStep: { ciso: ['sana.suzuki@acme.example'] } },
    step: named,
    effect: 'allow',
    rule: 'approvals.ciso.eligible',
  },
];

describe('canApprove', () => {
  it.each(cases)('$name', ({ approver, req, step, effect, rule }) => {
    const r = canApprove(decision, { approver: { ...thomas, ...approver }, request: { ...request, ...req }, step });
    expect(r.effect).toBe(effect);
    expect(r.rule).toBe(rule);
    expect(r.why).toMatch(/\S{3,}/);
  });

  it('resolves a step by id from an approval decision', () => {
    expect(canApprove(decision, { approver: thomas, request, step: 'security' }).effect).toBe('allow');
    expect(canApprove(decision, { approver: thomas, request, step: 'nope' }).rule).toBe('approvals.unknown-step');
  });

  it('explains who is needed when someone is not eligible', () => {
    const r = canApprove(decision, { approver: { ...thomas, groups: [] }, request, step: security });
    expect(r.why).toContain('2 distinct approvals from a member of Security-Team');
  });
});
