// Compiles a validated, merged policy file into a CompiledPolicy (globs → RegExps, durations → seconds).
import { TOOLSETS } from '../core/tool.js';
import type { ApprovalStep, ApproverSpec } from '../core/policy.js';
import { compileGlobs, globToRegExp } from './glob.js';
import { parseDuration } from './duration.js';
import type { CompiledClient, CompiledPolicy, CompiledReason, CompiledRule } from './compiled-policy.js';
import type { ApproverFile, PolicyFile, ReasonRuleFile, RuleFile } from './schema.js';

const seconds = (d: string): number => parseDuration(d)!;
/** Descriptions are used as the first sentence of a decision's why. */
const sentence = (s: string): string => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

function compileReason(r: ReasonRuleFile | undefined): CompiledReason | undefined {
  if (!r) return undefined;
  return {
    required: r.required,
    minLength: r.minLength ?? 0,
    ...(r.pattern !== undefined ? { pattern: new RegExp(r.pattern) } : {}),
    ...(r.patternHint !== undefined ? { patternHint: r.patternHint } : {}),
  };
}

function approver(a: ApproverFile): ApproverSpec {
  if (a === 'manager' || a === 'owner') return { kind: a };
  return 'group' in a ? { kind: 'group', group: a.group } : { kind: 'person', login: a.person };
}

function compileRule(rule: RuleFile, defaultExpiry: number): CompiledRule {
  const m = rule.match ?? {};
  const list = <T>(v: T | T[] | undefined): T[] | undefined =>
    v === undefined ? undefined : Array.isArray(v) ? v : [v];
  const steps: ApprovalStep[] = (rule.approvals ?? []).map((s) =>
    Object.freeze({
      id: s.id,
      anyOf: Object.freeze(s.anyOf.map(approver)) as ApproverSpec[],
      count: s.count,
      distinct: s.distinct,
    }),
  );
  return {
    ruleId: `rules.${rule.id}`,
    id: rule.id,
    ...(rule.description !== undefined ? { description: sentence(rule.description) } : {}),
    tools: new Set(rule.tools),
    match: {
      ...(m.tags ? { tags: m.tags } : {}),
      ...(m.resource ? { resource: compileGlobs(m.resource) } : {}),
      ...(m.resourceKind ? { resourceKind: m.resourceKind } : {}),
      ...(m.subjectDepartment ? { departments: new Set(list(m.subjectDepartment)!.map((d) => d.toLowerCase())) } : {}),
      ...(m.clients ? { clients: compileGlobs(m.clients) } : {}),
      ...(m.principalKind ? { kinds: new Set(list(m.principalKind)) } : {}),
    },
    effect: rule.effect,
    steps: Object.freeze(steps),
    ...(rule.reason ? { reason: compileReason(rule.reason) } : {}),
    ...(rule.maxDuration ? { maxDurationSeconds: seconds(rule.maxDuration) } : {}),
    pendingExpirySeconds: rule.pendingExpiry ? seconds(rule.pendingExpiry) : defaultExpiry,
  };
}

function compileClient(
  id: string,
  c: NonNullable<PolicyFile['clients']>[string],
  defaultRate: number | undefined,
): CompiledClient {
  const toolsets = c.toolsets === '*' ? [...TOOLSETS] : c.toolsets;
  const audiences = [...new Set(['public', ...c.knowledgeAudiences])];
  const rate = c.requestsPerHour ?? defaultRate;
  const scope = Object.freeze({
    clientId: id,
    toolsets: [...toolsets],
    ...(c.tools?.allow ? { tools: [...c.tools.allow] } : {}),
    ...(c.tools?.deny ? { denyTools: [...c.tools.deny] } : {}),
    departments: c.departments === '*' ? ('*' as const) : [...c.departments],
    hiddenFields: [...c.hiddenFields],
    knowledgeAudiences: audiences,
    ...(rate !== undefined ? { requestsPerHour: rate } : {}),
  });
  return {
    id,
    kind: c.kind,
    toolsets: new Set(toolsets),
    ...(c.tools?.allow ? { allow: compileGlobs(c.tools.allow) } : {}),
    ...(c.tools?.deny ? { deny: compileGlobs(c.tools.deny) } : {}),
    scope,
  };
}

const ownerMap = (rec: Record<string, string[]> | undefined) =>
  new Map(Object.entries(rec ?? {}).map(([k, v]) => [k.toLowerCase(), Object.freeze([...v])] as const));

/** Builds the runtime policy. `file` must already be validated and merged. */
export function compilePolicy(file: PolicyFile, hash: string, files: string[]): CompiledPolicy {
  const expiry = seconds(file.defaults.pendingExpiry);
  const rules = (file.rules ?? []).map((r) => compileRule(r, expiry));
  const rulesByTool = new Map<string, CompiledRule[]>();
  for (const rule of rules)
    for (const tool of rule.tools) rulesByTool.set(tool, [...(rulesByTool.get(tool) ?? []), rule]);
  const defaultReason = compileReason(file.defaults.reason);
  return {
    hash,
    files: Object.freeze([...files]),
    defaults: {
      pendingExpirySeconds: expiry,
      ...(file.defaults.requestsPerHour !== undefined ? { requestsPerHour: file.defaults.requestsPerHour } : {}),
      ...(defaultReason ? { reason: defaultReason } : {}),
    },
    clients: new Map(
      Object.entries(file.clients ?? {}).map(([id, c]) => [id, compileClient(id, c, file.defaults.requestsPerHour)]),
    ),
    tags: Object.entries(file.tags ?? {}).map(([name, t]) => ({
      name,
      groups: compileGlobs(t.groups ?? []),
      apps: compileGlobs(t.apps ?? []),
    })),
    owners: { groups: ownerMap(file.owners?.groups), apps: ownerMap(file.owners?.apps) },
    rules,
    rulesByTool,
    knowledge: {
      audiences: (file.knowledge?.audiences ?? []).map((a) => ({ ...a, re: globToRegExp(a.path, { path: true }) })),
    },
    tagCache: new Map(),
    source: file,
  };
}
