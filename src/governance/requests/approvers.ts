// Who may approve: resolving approval steps to people, and the facts about one approver that canApprove needs.
import type { DirectoryPort, DirectoryUser } from '../../core/directory.js';
import type { ApprovalStep, ApproverSpec } from '../../core/policy.js';
import type { Change } from './changes.js';

/** Owners of the change's group (from the directory) or app (from the policy). */
export async function ownersOf(
  dir: Pick<DirectoryPort, 'listGroupOwners'>,
  c: Change,
  policyOwners: (kind: 'group' | 'app', name: string) => readonly string[],
): Promise<string[]> {
  if ('groupId' in c) {
    const fromDir = (await dir.listGroupOwners(c.groupId)).map((o) => o.login);
    return [...new Set([...fromDir, ...policyOwners('group', c.groupName)])];
  }
  if ('appId' in c) return [...policyOwners('app', c.appName)];
  return [];
}

/** The subject's manager login, if the directory knows one. */
export async function managerOf(
  dir: DirectoryPort,
  subject: Pick<DirectoryUser, 'managerId'>,
): Promise<string | undefined> {
  if (!subject.managerId) return undefined;
  return (await dir.getUser(subject.managerId))?.login;
}

/** People who could approve each step (at most 20 per step), never the requester or the subject. */
export async function eligibleBySteps(
  dir: DirectoryPort,
  steps: ApprovalStep[],
  ctx: { managerLogin?: string; ownerLogins: string[]; exclude: string[] },
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const excluded = new Set(ctx.exclude.map((x) => x.toLowerCase()));
  for (const s of steps) {
    const people = new Set<string>();
    for (const a of s.anyOf)
      for (const l of await resolve(dir, a, ctx)) if (!excluded.has(l.toLowerCase())) people.add(l);
    out[s.id] = [...people].slice(0, 20);
  }
  return out;
}

async function resolve(
  dir: DirectoryPort,
  a: ApproverSpec,
  ctx: { managerLogin?: string; ownerLogins: string[] },
): Promise<string[]> {
  switch (a.kind) {
    case 'manager':
      return ctx.managerLogin ? [ctx.managerLogin] : [];
    case 'owner':
      return ctx.ownerLogins;
    case 'person':
      return [a.login];
    case 'group': {
      const g = await dir.getGroup(a.group);
      if (!g) return [];
      const page = await dir.listGroupMembers(g.id, { limit: 50 });
      return page.items.filter((u) => u.status === 'ACTIVE').map((u) => u.login);
    }
  }
}
