// Turns zod issues into positioned, readable policy errors ("rules[2].effect: must be one of …").
import type { z } from 'zod';
import { formatPath, type PolicyError, type YamlSource } from './yaml-source.js';

type Issue = z.core.$ZodIssue;

const show = (v: unknown): string => (typeof v === 'string' ? `"${v}"` : (JSON.stringify(v) ?? String(v)));

/** Deepest path among a union branch's issues: the branch that got furthest is the one the author meant. */
const depth = (branch: readonly Issue[]): number => Math.max(0, ...branch.map((i) => i.path.length));

/** Flattens unions to the branch that got furthest, so "Invalid input" becomes the real problem. */
function flatten(issues: readonly Issue[], prefix: PropertyKey[] = []): Array<{ path: PropertyKey[]; issue: Issue }> {
  const out: Array<{ path: PropertyKey[]; issue: Issue }> = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && isDefault(issue.message) && issue.errors.length > 0) {
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0]!;
      if (depth(best) > 0) {
        out.push(...flatten(best, path));
        continue;
      }
    }
    out.push({ path, issue });
  }
  return out;
}

/** zod's own messages start with "Invalid"; anything else was written in the schema and is kept. */
const isDefault = (message: string): boolean => /^Invalid/.test(message);

/** "must be \"*\" or a array": what each union branch wanted at the top level. */
function unionWants(issue: Extract<Issue, { code: 'invalid_union' }>): string {
  const wants = issue.errors.flatMap((branch) =>
    branch.map((i) =>
      i.code === 'invalid_value'
        ? i.values.map(show).join(' or ')
        : i.code === 'invalid_type'
          ? `a ${i.expected === 'array' ? 'list' : i.expected}`
          : i.message,
    ),
  );
  return `must be ${[...new Set(wants)].join(' or ')}`;
}

function describe(issue: Issue): string {
  const got = issue.input === undefined ? '' : ` (got ${show(issue.input)})`;
  if (!isDefault(issue.message) && issue.code !== 'too_small' && issue.code !== 'custom')
    return `${issue.message}${got}`;
  switch (issue.code) {
    case 'invalid_value':
      if (issue.input === undefined) return `is required: one of ${issue.values.map(show).join(', ')}`;
      return `must be one of ${issue.values.map(show).join(', ')}${got}`;
    case 'invalid_type':
      if (issue.input === undefined) return `is required (${issue.expected})`;
      return `must be ${issue.expected === 'int' ? 'a whole number' : `a ${issue.expected}`} (got ${show(issue.input)})`;
    case 'invalid_union':
      return `${unionWants(issue)}${got}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `needs at least ${String(issue.minimum)} item(s)`
        : `must be at least ${String(issue.minimum)}`;
    default:
      return issue.message;
  }
}

/** Maps zod issues onto the YAML source. Unknown keys point at the key itself. */
export function zodIssuesToErrors(issues: readonly Issue[], source: YamlSource): PolicyError[] {
  const errors: PolicyError[] = [];
  for (const { path, issue } of flatten(issues)) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors.push(source.errorAt(path, `${formatPath([...path, key])}: unknown key "${key}"`, key));
      }
      continue;
    }
    errors.push(source.errorAt(path, `${formatPath(path)}: ${describe(issue)}`));
  }
  return errors.sort((a, b) => a.line - b.line || a.column - b.column);
}
