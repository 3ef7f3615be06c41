// The policy decision for a change, from today's directory facts: used when a request is filed and again when it is re-checked.
import type { DirectoryPort } from '../../core/directory.js';
import type { Decision, PolicyPort } from '../../core/policy.js';
import type { Principal } from '../../core/principal.js';
import type { Change } from './changes.js';
import { managerOf, ownersOf } from './approvers.js';

/** The facts about the person a change is about that the policy looks at. */
export interface SubjectFacts {
  id: string;
  login: string;
  status?: string;
  department?: string;
  managerId?: string;
}

export interface DecideChangeInput {
  principal: Principal;
  tool: string;
  change: Change;
  subject: SubjectFacts;
  reason: string;
  durationSeconds?: number;
}

export interface ChangeDecision {
  decision: Decision;
  managerLogin?: string;
  ownerLogins: string[];
  resource?: { kind: 'group' | 'app'; id: string; name: string };
}

/** Gathers the subject's manager and the resource's owners and tags, then asks the policy. */
export async function decideChange(
  dir: DirectoryPort,
  policy: PolicyPort,
  policyOwners: (kind: 'group' | 'app', name: string) => readonly string[],
  r: DecideChangeInput,
): Promise<ChangeDecision> {
  const managerLogin = await managerOf(dir, r.subject);
  const ownerLogins = await ownersOf(dir, r.change, policyOwners);
  const c = r.change;
  const resource =
    'groupId' in c
      ? { kind: 'group' as const, id: c.groupId, name: c.groupName }
      : 'appId' in c
        ? { kind: 'app' as const, id: c.appId, name: c.appName }
        : undefined;
  const decision = policy.decide({
    principal: r.principal,
    tool: r.tool,
    toolset: 'access-requests',
    mutating: true,
    input: {
      user: r.subject.login,
      reason: r.reason,
      ...(r.durationSeconds ? { durationSeconds: r.durationSeconds } : {}),
      ...(resource ? { [resource.kind]: resource.name } : {}),
    },
    subject: {
      id: r.subject.id,
      login: r.subject.login,
      department: r.subject.department,
      status: r.subject.status,
      managerLogin,
    },
    resource: resource ? { ...resource, tags: policy.tagsFor(resource.kind, resource.name), ownerLogins } : undefined,
    durationSeconds: r.durationSeconds,
    reason: r.reason,
  });
  return { decision, managerLogin, ownerLogins, resource };
}
