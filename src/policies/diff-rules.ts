// The policy diff for rules: effect, tools, match, approval steps and approvers, durations and reason rules; added and removed rules.
import type { ChangeDirection, PolicyChangeDraft } from './diff.js';
import { added, list, removed } from './diff-lists.js';
import { parseDuration } from './duration.js';
import type { ApproverFile, PolicyFile, ReasonRuleFile, RuleFile } from './schema.js';

const approverText = (s: ApproverFile): string =>
  typeof s === 'string' ? s : 'group' in s ? `group ${s.group}` : `person ${s.person}`;
const approvalsNeeded = (r: RuleFile): number => (r.approvals ?? []).reduce((n, s) => n + s.count, 0);
const seconds = (d: string | undefined): number => (d === undefined ? Infinity : (parseDuration(d) ?? Infinity));

/** Effective reason rule (the rule's own, else the defaults'), as comparable facts. */
function reasonOf(r: RuleFile, p: PolicyFile): { required: boolean; minLength: number; pattern?: string } {
  const rr: ReasonRuleFile | undefined = r.reason ?? p.defaults.reason;
  if (!rr) return { required: false, minLength: 0 };
  return {
    required: rr.required,
    minLength: rr.minLength ?? 0,
    ...(rr.pattern !== undefined ? { pattern: rr.pattern } : {}),
  };
}

const EFFECT_RANK = { deny: 0, approval: 1, allow: 2 } as const;

/** How a rule present in both policies changed. */
export function diffRule(a: RuleFile, b: RuleFile, pa: PolicyFile, pb: PolicyFile, out: PolicyChangeDraft[]): void {
  const subject = `rules.${b.id}`;
  const push = (code: string, direction: ChangeDirection, message: string) =>
    out.push({ subject, code, direction, message });
  if (a.effect !== b.effect) {
    push(
      'rule.effect',
      EFFECT_RANK[b.effect] > EFFECT_RANK[a.effect] ? 'wider' : 'narrower',
      `effect ${a.effect} → ${b.effect}`,
    );
  }
  const [ta, tb] = [[...a.tools], [...b.tools]];
  if (added(ta, tb).length || removed(ta, tb).length)
    push('rule.tools', 'changed', `applies to ${list(tb)} (was ${list(ta)})`);
  if (JSON.stringify(a.match ?? {}) !== JSON.stringify(b.match ?? {}))
    push('rule.match', 'changed', `matches ${JSON.stringify(b.match ?? {})} (was ${JSON.stringify(a.match ?? {})})`);
  if (a.effect === 'approval' && b.effect === 'approval') diffApprovals(a, b, push);
  const [da, db] = [seconds(a.maxDuration), seconds(b.maxDuration)];
  if (da !== db)
    push(
      'rule.maxDuration',
      db > da ? 'wider' : 'narrower',
      `maximum duration ${a.maxDuration ?? 'unlimited'} → ${b.maxDuration ?? 'unlimited'}`,
    );
  if (b.effect !== 'deny') diffReason(reasonOf(a, pa), reasonOf(b, pb), push);
  const [ea, eb] = [a.pendingExpiry ?? pa.defaults.pendingExpiry, b.pendingExpiry ?? pb.defaults.pendingExpiry];
  if (ea !== eb) push('rule.pendingExpiry', 'changed', `unapproved requests expire after ${eb} (was ${ea})`);
}

function diffApprovals(a: RuleFile, b: RuleFile, push: (code: string, d: ChangeDirection, m: string) => void): void {
  const [na, nb] = [approvalsNeeded(a), approvalsNeeded(b)];
  if (na !== nb) push('rule.approvals', nb < na ? 'wider' : 'narrower', `needs ${nb} approval(s) (was ${na})`);
  const [sa, sb] = [a.approvals ?? [], b.approvals ?? []];
  if (sa.length !== sb.length)
    push(
      'rule.steps',
      sb.length < sa.length ? 'wider' : 'narrower',
      `${sb.length} approval step(s) (was ${sa.length}: ${list(sa.map((s) => s.id))})`,
    );
  for (const step of sb) {
    const old = sa.find((s) => s.id === step.id);
    if (!old) continue;
    const [pa, pb] = [old.anyOf.map(approverText), step.anyOf.map(approverText)];
    if (added(pa, pb).length)
      push('rule.approvers', 'wider', `step ${step.id}: more people may approve (${list(added(pa, pb))})`);
    if (removed(pa, pb).length)
      push(
        'rule.approvers',
        'narrower',
        `step ${step.id}: fewer people may approve (no longer ${list(removed(pa, pb))})`,
      );
    if (old.distinct && !step.distinct)
      push('rule.approvers', 'wider', `step ${step.id}: one person may now count more than once`);
    if (!old.distinct && step.distinct)
      push('rule.approvers', 'narrower', `step ${step.id}: approvals must now come from distinct people`);
  }
}

function diffReason(
  a: ReturnType<typeof reasonOf>,
  b: ReturnType<typeof reasonOf>,
  push: (code: string, d: ChangeDirection, m: string) => void,
): void {
  if (a.required && !b.required) return push('rule.reason', 'wider', 'no longer requires a reason');
  if (!a.required && b.required) return push('rule.reason', 'narrower', 'now requires a reason');
  if (!b.required) return;
  if (b.minLength < a.minLength) push('rule.reason', 'wider', `reason minimum length ${a.minLength} → ${b.minLength}`);
  if (b.minLength > a.minLength)
    push('rule.reason', 'narrower', `reason minimum length ${a.minLength} → ${b.minLength}`);
  if (a.pattern !== undefined && b.pattern === undefined)
    push('rule.reason', 'wider', `reason pattern ${a.pattern} dropped`);
  else if (a.pattern === undefined && b.pattern !== undefined)
    push('rule.reason', 'narrower', `reason must match ${b.pattern}`);
  else if (a.pattern !== b.pattern) push('rule.reason', 'changed', `reason pattern ${a.pattern} → ${b.pattern}`);
}

/** A rule that appeared or disappeared: its direction follows its effect (a removed deny widens, a removed allow narrows). */
export function ruleExistence(rule: RuleFile, present: 'added' | 'removed'): PolicyChangeDraft {
  const widening = present === 'added' ? rule.effect === 'allow' : rule.effect === 'deny';
  const narrowing = present === 'added' ? rule.effect === 'deny' : rule.effect === 'allow';
  const what =
    rule.effect === 'approval'
      ? `approval by ${list((rule.approvals ?? []).map((s) => `${s.count}× ${s.anyOf.map(approverText).join('|')}`))}`
      : rule.effect;
  return {
    subject: `rules.${rule.id}`,
    code: `rule.${present}`,
    direction: widening ? 'wider' : narrowing ? 'narrower' : 'changed',
    message: `rule ${present} (${what} for ${list(rule.tools)})`,
  };
}
