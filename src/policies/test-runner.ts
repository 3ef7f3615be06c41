// runPolicyTests(): runs YAML policy test files against a policy file, like `opa test`.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Decision } from '../core/policy.js';
import { buildFacts } from './build-facts.js';
import { decide } from './decide.js';
import { loadPolicy } from './loader.js';
import { compareExpectation, TestFileYaml, type TestCase } from './test-file.js';
import type { ToolCatalog } from './tool-catalog.js';
import { parseYamlSource, type PolicyError } from './yaml-source.js';
import { zodIssuesToErrors } from './zod-issues.js';

export interface PolicyTestResult {
  file: string;
  line: number;
  name: string;
  ok: boolean;
  /** What differed; empty when the case passed. */
  problems: string[];
  expected: TestCase['expect'];
  decision?: Decision;
}

export interface PolicyTestRun {
  passed: number;
  failed: number;
  results: PolicyTestResult[];
  /** Errors in the policy or the test files themselves (each counts as a failure). */
  errors: PolicyError[];
  policyHash?: string;
}

/** Runs every case in `testPaths` against the policy at `policyPath`. */
export function runPolicyTests(
  policyPath: string,
  testPaths: readonly string[],
  opts: { catalog?: ToolCatalog } = {},
): PolicyTestRun {
  const loaded = loadPolicy(policyPath);
  if (!loaded.ok) return { passed: 0, failed: loaded.errors.length, results: [], errors: loaded.errors };
  const policy = loaded.policy;
  const results: PolicyTestResult[] = [];
  const errors: PolicyError[] = [];
  for (const rel of testPaths) {
    const file = resolve(rel);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      errors.push({
        file,
        line: 1,
        column: 1,
        message: `cannot read test file (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      });
      continue;
    }
    const { source, errors: syntax } = parseYamlSource(text, file);
    if (syntax.length) {
      errors.push(...syntax);
      continue;
    }
    const parsed = TestFileYaml.safeParse(source.doc.toJS() ?? {}, { reportInput: true });
    if (!parsed.success) {
      errors.push(...zodIssuesToErrors(parsed.error.issues, source));
      continue;
    }
    parsed.data.cases.forEach((c, i) => {
      const line = source.locate(['cases', i]).line;
      const base = { file, line, name: c.name, expected: c.expect };
      try {
        const facts = buildFacts(policy, c, { ...opts, people: parsed.data.people, owners: parsed.data.owners });
        const decision = decide(policy, facts);
        const problems = compareExpectation(c.expect, decision);
        results.push({ ...base, ok: problems.length === 0, problems, decision });
      } catch (err) {
        results.push({ ...base, ok: false, problems: [(err as Error).message] });
      }
    });
  }
  const passed = results.filter((r) => r.ok).length;
  return { passed, failed: results.length - passed + errors.length, results, errors, policyHash: policy.hash };
}
