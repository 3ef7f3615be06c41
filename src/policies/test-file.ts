// Policy test files (YAML): the schema of a case and how its expectation is compared with a decision.
import { z } from 'zod';
import type { Decision } from '../core/policy.js';
import { stepLabel } from './approval-steps.js';
import { formatDuration } from './duration.js';

const Person = z.strictObject({
  id: z.string().optional(),
  department: z.string().optional(),
  manager: z.string().optional(),
  managerLogin: z.string().optional(),
  status: z.string().optional(),
});

export const TestCaseYaml = z.strictObject({
  name: z.string().min(1),
  principal: z.strictObject({
    kind: z.enum(['agent', 'person', 'system']),
    clientId: z.string().min(1),
    person: z.union([z.string(), z.strictObject({ login: z.string(), id: z.string().optional() })]).optional(),
  }),
  tool: z.string().min(1),
  toolset: z.string().optional(),
  mutating: z.boolean().optional(),
  input: z.record(z.string(), z.unknown()).default({}),
  subject: Person.extend({ login: z.string() }).optional(),
  resource: z
    .strictObject({
      kind: z.enum(['group', 'app']).optional(),
      name: z.string(),
      tags: z.array(z.string()).optional(),
      owners: z.array(z.string()).optional(),
    })
    .optional(),
  expect: z.strictObject({
    effect: z.enum(['allow', 'deny', 'approval']),
    rule: z.string().optional(),
    /** One entry per step, e.g. `group:Security-Team x2`, `owner`, `manager|owner`. */
    approvers: z.array(z.string()).optional(),
    /** Expected grant duration, e.g. `8h`. */
    maxDuration: z.string().optional(),
    /** Text the decision's why must contain. */
    why: z.string().optional(),
    flags: z.array(z.string()).optional(),
  }),
});

export const TestFileYaml = z.strictObject({
  /** Subject facts by login, used when a case names `input.user` without a `subject`. */
  people: z.record(z.string(), Person).default({}),
  /** Group/app owners as the directory would report them (the policy's own owners are used too). */
  owners: z
    .strictObject({
      groups: z.record(z.string(), z.array(z.string())).optional(),
      apps: z.record(z.string(), z.array(z.string())).optional(),
    })
    .default({}),
  cases: z.array(TestCaseYaml).min(1),
});

export type TestCase = z.infer<typeof TestCaseYaml>;
export type Expectation = TestCase['expect'];

/** `manager | owner x2` → `manager|owner x2`: alternatives sorted, spacing normalised. */
export function normaliseStepLabel(label: string): string {
  const m = /^(.*?)(?:\s+x(\d+))?$/.exec(label.trim())!;
  const alts = m[1]!
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean)
    .sort()
    .join('|');
  return m[2] && m[2] !== '1' ? `${alts} x${m[2]}` : alts;
}

/** Differences between what a case expects and what the policy decided (empty when it passes). */
export function compareExpectation(expect: Expectation, d: Decision): string[] {
  const problems: string[] = [];
  if (d.effect !== expect.effect) problems.push(`effect: expected ${expect.effect}, got ${d.effect}`);
  if (expect.rule !== undefined && d.rule !== expect.rule)
    problems.push(`rule: expected ${expect.rule}, got ${d.rule}`);
  if (expect.approvers !== undefined) {
    const want = expect.approvers.map(normaliseStepLabel);
    const got = d.effect === 'approval' ? d.steps.map(stepLabel) : [];
    if (want.join(' AND ') !== got.join(' AND '))
      problems.push(`approvers: expected [${want.join(', ')}], got [${got.join(', ')}]`);
  }
  if (expect.maxDuration !== undefined) {
    const got =
      d.effect === 'approval' && d.maxDurationSeconds !== undefined ? formatDuration(d.maxDurationSeconds) : 'none';
    if (got !== expect.maxDuration) problems.push(`maxDuration: expected ${expect.maxDuration}, got ${got}`);
  }
  if (expect.why !== undefined && !d.why.toLowerCase().includes(expect.why.toLowerCase()))
    problems.push(`why: expected to contain "${expect.why}", got "${d.why}"`);
  if (expect.flags !== undefined && [...expect.flags].sort().join(',') !== [...(d.flags ?? [])].sort().join(',')) {
    problems.push(`flags: expected [${expect.flags.join(', ')}], got [${(d.flags ?? []).join(', ')}]`);
  }
  return problems;
}
