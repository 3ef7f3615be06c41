// The shipped example policy: it checks clean, its own test file passes, and the committed JSON Schema is current.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { policyCheck, policyTest } from '../../src/cli/policy-commands.js';
import { policyJsonSchema } from '../../src/policies/json-schema.js';
import { runPolicyTests } from '../../src/policies/test-runner.js';

describe('examples/acme policy', () => {
  it('passes policy check', () => {
    const r = policyCheck('examples/acme/policy.yaml');
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('warns about tool names nobody knows (a typo would silently never match)', () => {
    const r = policyCheck('test/policies/fixtures/typo-policy.yaml');
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual(['rules.no-suspend.tools: unknown tool "request_user_suspnd"']);
  });

  it('passes every case in policy.test.yaml (at least 20)', () => {
    const run = runPolicyTests('examples/acme/policy.yaml', ['examples/acme/policy.test.yaml']);
    expect(run.errors).toEqual([]);
    expect(run.results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.problems.join('; ')}`)).toEqual([]);
    expect(run.passed).toBeGreaterThanOrEqual(20);
    expect(run.failed).toBe(0);
  });

  it('reports a failing expectation with file, line and what differed', () => {
    const out = policyTest({
      path: 'test/policies/fixtures/minimal-policy.yaml',
      tests: ['test/policies/fixtures/failing.test.yaml'],
    });
    expect(out.failed).toBe(1);
    expect(out.text).toMatch(/FAIL {2}expects the wrong rule {2}\(.*failing\.test\.yaml:6\)/);
    expect(out.text).toContain('rule: expected rules.wrong, got rules.no-suspend');
    expect(out.text).toContain('1 passed, 1 failed');
  });

  it('starts with a yaml-language-server schema line, and the committed schema matches the code', () => {
    expect(readFileSync('examples/acme/policy.yaml', 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../schema/policy.schema.json',
    );
    const committed = JSON.parse(readFileSync('schema/policy.schema.json', 'utf8')) as unknown;
    expect(committed).toEqual(policyJsonSchema());
  });
});
