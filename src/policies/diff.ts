// Pure diff of two policies: the effective permission changes a reviewer must see (wider, narrower, escalations).
import { TOOLSETS } from '../core/tool.js';
import { parseDuration } from './duration.js';
import type { ApproverFile, ClientFile, PolicyFile, ReasonRuleFile, RuleFile } from './schema.js';

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

type Change = Omit<PolicyChange, 'escalation'> & { escalation?: boolean };

const list = (xs: readonly string[]): string => xs.join(', ');
const added = (a: readonly string[], b: readonly string[]): string[] => b.filter((x) => !a.includes(x));
const removed = (a: readonly string[], b: readonly string[]): string[] => a.filter((x) => !b.includes(x));
const toolsets = (c: ClientFile): string[] => (c.toolsets === '*' ? [...TOOLSETS] : [...c.toolsets]);
const rate = (c: ClientFile, p: PolicyFile): number | undefined => c.requestsPerHour ?? p.defaults.requestsPerHour;
const showRate = (r: number | undefined): string => (r === undefined ? 'unlimited' : `${r}/hour`);

function diffClient(id: string, a: ClientFile, b: ClientFile, pa: PolicyFile, pb: PolicyFile, out: Change[]): void {
  const subject = `clients.${id}`;
  const push = (code: string, direction: ChangeDirection, message: string, escalation = false) =>
    out.push({ subject, code, direction, message, escalation });
  if (a.kind !== b.kind) {
    if (b.kind === 'person-app') {
      push(
        'client.kind',
        'wider',
        `kind ${a.kind} → person-app: PRIVILEGE ESCALATION, its keys can now act as people and approve access requests`,
        true,
      );
    } else {
      push(
        'client.kind',
        a.kind === 'person-app' ? 'narrower' : 'changed',
        `kind ${a.kind} → ${b.kind}${a.kind === 'person-app' ? ': its keys can no longer approve' : ''}`,
      );
    }
  }
  const [ta, tb] = [toolsets(a), toolsets(b)];
  if (added(ta, tb).length) push('client.toolsets', 'wider', `gains toolset(s) ${list(added(ta, tb))}`);
  if (removed(ta, tb).length) push('client.toolsets', 'narrower', `loses toolset(s) ${list(removed(ta, tb))}`);
  const [allowA, allowB] = [a.tools?.allow, b.tools?.allow];
  if (allowA && !allowB)
    push(
      'client.tools.allow',
      'wider',
      `tools.allow removed: every tool of its toolsets is callable (was only ${list(allowA)})`,
    );
  else if (!allowA && allowB) push('client.tools.allow', 'narrower', `tools.allow added: only ${list(allowB)}`);
  else if (allowA && allowB) {
    if (added(allowA, allowB).length)
      push('client.tools.allow', 'wider', `gains tool(s) ${list(added(allowA, allowB))}`);
    if (removed(allowA, allowB).length)
      push('client.tools.allow', 'narrower', `loses tool(s) ${list(removed(allowA, allowB))}`);
  }
  const [denyA, denyB] = [a.tools?.deny ?? [], b.tools?.deny ?? []];
  if (removed(denyA, denyB).length)
    push('client.tools.deny', 'wider', `no longer denied tool(s) ${list(removed(denyA, denyB))}`);
  if (added(denyA, denyB).length)
    push('client.tools.deny', 'narrower', `now denied tool(s) ${list(added(denyA, denyB))}`);
  diffScope(a, b, push);
  const [ra, rb] = [rate(a, pa), rate(b, pb)];
  if (ra !== rb) {
    const wider = rb === undefined || (ra !== undefined && rb > ra);
    push('client.requestsPerHour', wider ? 'wider' : 'narrower', `request limit ${showRate(ra)} → ${showRate(rb)}`);
  }
}

/** Data scope: departments, hidden fields and knowledge audiences. */
function diffScope(a: ClientFile, b: ClientFile, push: (code: string, d: ChangeDirection, m: string) => void): void {
  if (a.departments !== b.departments) {
    if (b.departments === '*') push('client.departments', 'wider', 'data scope widened to every department');
    else if (a.departments === '*')
      push('client.departments', 'narrower', `data scope narrowed to ${list(b.departments)}`);
    else {
      if (added(a.departments, b.departments).length)
        push(
          'client.departments',
          'wider',
          `data scope gains department(s) ${list(added(a.departments, b.departments))}`,
        );
      if (removed(a.departments, b.departments).length)
        push(
          'client.departments',
          'narrower',
          `data scope loses department(s) ${list(removed(a.departments, b.departments))}`,
        );
    }
  }
  if (removed(a.hiddenFields, b.hiddenFields).length)
    push('client.hiddenFields', 'wider', `now sees field(s) ${list(removed(a.hiddenFields, b.hiddenFields))}`);
  if (added(a.hiddenFields, b.hiddenFields).length)
    push('client.hiddenFields', 'narrower', `no longer sees field(s) ${list(added(a.hiddenFields, b.hiddenFields))}`);
  if (added(a.knowledgeAudiences, b.knowledgeAudiences).length)
    push(
      'client.knowledgeAudiences',
      'wider',
      `reads knowledge audience(s) ${list(added(a.knowledgeAudiences, b.knowledgeAudiences))}`,
    );
  if (removed(a.knowledgeAudiences, b.knowledgeAudiences).length)
    push(
      'client.knowledgeAudiences',
      'narrower',
      `no longer reads knowledge audience(s) ${list(removed(a.knowledgeAudiences, b.knowledgeAudiences))}`,
    );
}

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

function diffRule(a: RuleFile, b: RuleFile, pa: PolicyFile, pb: PolicyFile, out: Change[]): void {
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
function ruleExistence(rule: RuleFile, present: 'added' | 'removed'): Change {
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

/** Owners the policy names for apps and groups approve `owner` steps: a new owner is one more person who can approve. */
function diffOwners(before: PolicyFile, after: PolicyFile, out: Change[]): void {
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
function diffTags(before: PolicyFile, after: PolicyFile, out: Change[]): void {
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
  const out: Change[] = [];
  const [ca, cb] = [before.clients ?? {}, after.clients ?? {}];
  for (const [id, c] of Object.entries(cb)) {
    const old = ca[id];
    if (!old) {
      const approves = c.kind === 'person-app';
      out.push({
        subject: `clients.${id}`,
        code: 'client.added',
        direction: 'wider',
        escalation: approves,
        message: `client added (${c.kind}; toolsets ${list(toolsets(c))}; departments ${c.departments === '*' ? 'all' : list(c.departments)}; ${showRate(rate(c, after))})${approves ? ': a person app, its keys act as people and can approve access requests' : ''}`,
      });
    } else diffClient(id, old, c, before, after, out);
  }
  for (const [id, c] of Object.entries(ca)) {
    if (!(id in cb))
      out.push({
        subject: `clients.${id}`,
        code: 'client.removed',
        direction: 'narrower',
        message: `client removed (was ${c.kind}): its keys can call nothing`,
      });
  }
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
