// CLI-facing policy commands (`warden policy check|explain|test`); src/cli.ts prints what they return.
import type { Principal } from '../core/principal.js';
import { buildFacts, type CallSpec, type FactFixtures } from '../policies/build-facts.js';
import { decide } from '../policies/decide.js';
import { diffPolicies, formatPolicyDiff, type PolicyDiff } from '../policies/diff.js';
import { formatError } from '../policies/engine.js';
import { explainDecision } from '../policies/explain.js';
import { writePolicyJsonSchema } from '../policies/json-schema.js';
import { loadPolicy } from '../policies/loader.js';
import { runPolicyTests } from '../policies/test-runner.js';
import { DEFAULT_TOOL_CATALOG, type ToolCatalog } from '../policies/tool-catalog.js';
import type { PolicyError } from '../policies/yaml-source.js';

export interface CheckResult {
  ok: boolean;
  errors: PolicyError[];
  /** Valid but suspicious: tool names no catalog knows (a typo there silently never matches). */
  warnings: string[];
  hash?: string;
  text: string;
}

/** Validates a policy file. With `schemaOut`, also writes the JSON Schema there (e.g. `schema/policy.schema.json`). */
export function policyCheck(path: string, opts: { schemaOut?: string; catalog?: ToolCatalog } = {}): CheckResult {
  if (opts.schemaOut) writePolicyJsonSchema(opts.schemaOut);
  const r = loadPolicy(path);
  if (!r.ok) return { ok: false, errors: r.errors, warnings: [], text: r.errors.map(formatError).join('\n') };
  const p = r.policy;
  const catalog = opts.catalog ?? DEFAULT_TOOL_CATALOG;
  const unknown = (where: string, names: readonly string[]) =>
    names.filter((n) => !/[*?]/.test(n) && !catalog.has(n)).map((n) => `${where}: unknown tool "${n}"`);
  const warnings = [
    ...p.rules.flatMap((rule) => unknown(`rules.${rule.id}.tools`, [...rule.tools])),
    ...[...p.clients.values()].flatMap((c) => [
      ...unknown(`clients.${c.id}.tools.allow`, c.allow?.patterns ?? []),
      ...unknown(`clients.${c.id}.tools.deny`, c.deny?.patterns ?? []),
    ]),
  ];
  const summary = `${path}: OK (policy ${p.hash}; ${p.clients.size} clients, ${p.tags.length} tags, ${p.rules.length} rules)`;
  return {
    ok: true,
    errors: [],
    warnings,
    hash: p.hash,
    text: [...warnings.map((w) => `warning: ${w}`), summary].join('\n'),
  };
}

export interface ExplainArgs extends FactFixtures {
  path: string;
  client: string;
  tool: string;
  input?: Record<string, unknown>;
  /** Defaults to `person` for person-app clients, `system` for system clients, `agent` otherwise. */
  kind?: Principal['kind'];
  /** Login of the person the client acts for. */
  person?: string;
  subject?: CallSpec['subject'];
  resource?: CallSpec['resource'];
  catalog?: ToolCatalog;
}

/** Decides one described call and explains it. Throws an Error (with positioned messages) when the policy is invalid. */
export function policyExplain(args: ExplainArgs): string {
  const r = loadPolicy(args.path);
  if (!r.ok) throw new Error(`invalid policy:\n${r.errors.map(formatError).join('\n')}`);
  const client = r.policy.clients.get(args.client);
  const kind = args.kind ?? (client?.kind === 'person-app' ? 'person' : client?.kind === 'system' ? 'system' : 'agent');
  const facts = buildFacts(
    r.policy,
    {
      principal: { kind, clientId: args.client, ...(args.person ? { person: args.person } : {}) },
      tool: args.tool,
      input: args.input ?? {},
      ...(args.subject ? { subject: args.subject } : {}),
      ...(args.resource ? { resource: args.resource } : {}),
    },
    {
      ...(args.catalog ? { catalog: args.catalog } : {}),
      ...(args.people ? { people: args.people } : {}),
      ...(args.owners ? { owners: args.owners } : {}),
    },
  );
  return explainDecision(decide(r.policy, facts), facts);
}

/** Runs policy test files; `failed > 0` means the CLI exits non-zero. */
export function policyTest(args: {
  path: string;
  tests: readonly string[];
  catalog?: ToolCatalog;
  verbose?: boolean;
}): { text: string; failed: number; passed: number } {
  const run = runPolicyTests(args.path, args.tests, args.catalog ? { catalog: args.catalog } : {});
  const lines: string[] = [];
  for (const e of run.errors) lines.push(`ERROR ${formatError(e)}`);
  for (const r of run.results) {
    if (r.ok) {
      if (args.verbose) lines.push(`PASS  ${r.name}`);
      continue;
    }
    lines.push(`FAIL  ${r.name}  (${r.file}:${r.line})`);
    for (const p of r.problems) lines.push(`      ${p}`);
    if (r.decision) lines.push(`      why: ${r.decision.why}`);
  }
  const hash = run.policyHash ? ` against policy ${run.policyHash}` : '';
  lines.push(`${run.passed} passed, ${run.failed} failed${hash}`);
  return { text: lines.join('\n'), failed: run.failed, passed: run.passed };
}

/** Effective permission changes from the policy at `before` to the one at `after`. Throws (with positioned messages) when either is invalid. */
export function policyDiff(before: string, after: string): { diff: PolicyDiff; text: string } {
  const load = (path: string) => {
    const r = loadPolicy(path);
    if (!r.ok) throw new Error(`invalid policy ${path}:\n${r.errors.map(formatError).join('\n')}`);
    return r.policy.source;
  };
  const diff = diffPolicies(load(before), load(after));
  return { diff, text: formatPolicyDiff(diff) };
}
