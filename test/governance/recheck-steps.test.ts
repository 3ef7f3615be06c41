// When do approvals gathered under a request's stored steps still satisfy the current policy's steps? Table-driven.
import { expect, it } from 'vitest';
import type { ApprovalStep } from '../../src/core/policy.js';
import { uncovered } from '../../src/governance/requests/recheck.js';

const step = (id: string, anyOf: ApprovalStep['anyOf'], count = 1, distinct = true): ApprovalStep => ({
  id,
  anyOf,
  count,
  distinct,
});
const managerOrOwner = step('manager-or-owner', [{ kind: 'manager' }, { kind: 'owner' }]);

it.each<[string, ApprovalStep[], ApprovalStep[], RegExp | undefined]>([
  ['the same steps', [managerOrOwner], [managerOrOwner], undefined],
  [
    'a looser step (accepts more people)',
    [step('manager-or-owner', [{ kind: 'manager' }, { kind: 'owner' }, { kind: 'group', group: 'IT' }])],
    [managerOrOwner],
    undefined,
  ],
  ['fewer steps', [], [managerOrOwner], undefined],
  [
    'more approvals',
    [step('manager-or-owner', [{ kind: 'manager' }, { kind: 'owner' }], 2)],
    [managerOrOwner],
    /2 approvals instead of 1/,
  ],
  [
    'a new step',
    [managerOrOwner, step('security', [{ kind: 'group', group: 'Security-Team' }])],
    [managerOrOwner],
    /new approval step "security"/,
  ],
  [
    'a step that no longer accepts the manager',
    [step('manager-or-owner', [{ kind: 'owner' }])],
    [managerOrOwner],
    /no longer accepts manager/,
  ],
  [
    'distinct approvers now required',
    [step('s', [{ kind: 'owner' }], 1, true)],
    [step('s', [{ kind: 'owner' }], 1, false)],
    /distinct/,
  ],
])('%s', (_label, current, stored, expected) => {
  const gap = uncovered(current, stored);
  if (expected) expect(gap).toMatch(expected);
  else expect(gap).toBeUndefined();
});
