// Pure diff of two policies: the effective permission changes a reviewer must see (wider, narrower, escalations).
import { clientAdded, clientRemoved, diffClient } from './diff-clients.js';
import { added, list, removed } from './diff-lists.js';
import { diffRule, ruleExistence } from './diff-rules.js';
import type { PolicyFile } from './schema.js';

/** wider: someone may do or see more; narrower: less; changed: depends (a new approval rule, a different match). */
export type ChangeDirection = 'wider' | 'narrower' | 'changed';

export interface PolicyChange {
  /** `clients.<id>`, `rules.<id>` or `defaults`. */
  subject: string;
  /** Stable code, e.g. `client.kind`, `rule.approvals`. */
  code: string;
  direction: ChangeDirection;
  /** A privilege escalation: a client's credentials can now approve (relabelled or added as a person app). */
  escalation: boolean;
  message: string;
}

export interface PolicyDiff {
  changes: PolicyChange[];
  escalations: PolicyChange[];
}

/** A change as the parts of the diff build it: `escalation` defaults to false. */
export type PolicyChangeDraft = Omit<PolicyChange, 'escalation'> & { escalation?: boolean };

/** Owners the policy names for apps and groups approve `owner` steps: a new owner is one more person who can approve. */
function diffOwners(before: PolicyFile, after: PolicyFile, out: PolicyChangeDraft[]): void {
  for (const kind of ['apps', 'groups'] as const) {
    const [a, b] = [before.owners?.[kind] ?? {}, after.owners?.[kind] ?? {}];
    for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const [la, lb] = [a[name] ?? [], b[name] ?? []];
      const subject = `owners.${kind}.${name}`;
      if (added(la, lb).length)
        out.push({
          subject,
          code: 'owners',
          direction: 'wider',
          message: `may now approve as owner: ${list(added(la, lb))}`,
        });
      if (removed(la, lb).length)
        out.push({
          subject,
          code: 'owners',
          direction: 'narrower',
          message: `no longer approve as owner: ${list(removed(la, lb))}`,
        });
    }
  }
}

/** Tags decide which rules a group or app falls under; a changed tag moves resources between rules (e.g. out of `privileged`). */
function diffTags(before: PolicyFile, after: PolicyFile, out: PolicyChangeDraft[]): void {
  const [a, b] = [before.tags ?? {}, after.tags ?? {}];
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    for (const kind of ['groups', 'apps'] as const) {
      const [la, lb] = [a[name]?.[kind] ?? [], b[name]?.[kind] ?? []];
      const subject = `tags.${name}.${kind}`;
      if (removed(la, lb).length)
        out.push({
          subject,
          code: 'tags',
          direction: 'changed',
          message: `no longer tagged ${name}: ${list(removed(la, lb))} (rules matching the tag stop applying to them)`,
        });
      if (added(la, lb).length)
        out.push({
          subject,
          code: 'tags',
          direction: 'changed',
          message: `now tagged ${name}: ${list(added(la, lb))}`,
        });
    }
  }
}

/** Every effective permission change from `before` to `after`. Pure; takes the merged policy files. */
export function diffPolicies(before: PolicyFile, after: PolicyFile): PolicyDiff {
  const out: PolicyChangeDraft[] = [];
  const [ca, cb] = [before.clients ?? {}, after.clients ?? {}];
  for (const [id, c] of Object.entries(cb)) {
    const old = ca[id];
    if (!old) out.push(clientAdded(id, c, after));
    else diffClient(id, old, c, before, after, out);
  }
  for (const [id, c] of Object.entries(ca)) if (!(id in cb)) out.push(clientRemoved(id, c));
  const [ra, rb] = [before.rules ?? [], after.rules ?? []];
  for (const rule of rb) {
    const old = ra.find((r) => r.id === rule.id);
    if (!old) out.push(ruleExistence(rule, 'added'));
    else diffRule(old, rule, before, after, out);
  }
  for (const rule of ra) if (!rb.some((r) => r.id === rule.id)) out.push(ruleExistence(rule, 'removed'));
  const common = (ids: string[], other: string[]) => ids.filter((id) => other.includes(id));
  const [ia, ib] = [ra.map((r) => r.id), rb.map((r) => r.id)];
  if (common(ia, ib).join() !== common(ib, ia).join()) {
    out.push({
      subject: 'rules',
      code: 'rule.order',
      direction: 'changed',
      message: `rules reordered (first match wins): ${list(common(ib, ia))}`,
    });
  }
  diffOwners(before, after, out);
  diffTags(before, after, out);
  const changes = out.map((c) => ({ ...c, escalation: c.escalation ?? false }));
  return { changes, escalations: changes.filter((c) => c.escalation) };
}

const MARK: Record<ChangeDirection, string> = { wider: '+', narrower: '-', changed: '~' };

/** One line per change: `!` escalation, `+` wider, `-` narrower, `~` changed. */
export function formatPolicyDiff(diff: PolicyDiff): string {
  if (diff.changes.length === 0) return 'no effective permission changes';
  const lines = diff.changes.map((c) => `${c.escalation ? '!' : MARK[c.direction]} ${c.subject}: ${c.message}`);
  const wider = diff.changes.filter((c) => c.direction === 'wider').length;
  const summary = `${diff.changes.length} change(s): ${wider} wider, ${diff.escalations.length} privilege escalation(s)`;
  return [...lines, summary].join('\n');
}

/** The diff as audit record args: one line per change, escalations repeated so a filter or SIEM rule can key on them. */
export function policyDiffArgs(diff: PolicyDiff | undefined): { changes?: string[]; escalations?: string[] } {
  if (!diff) return {};
  const line = (c: PolicyChange) => `${c.escalation ? '!' : MARK[c.direction]} ${c.subject}: ${c.message}`;
  return {
    changes: diff.changes.map(line),
    ...(diff.escalations.length ? { escalations: diff.escalations.map(line) } : {}),
  };
}
