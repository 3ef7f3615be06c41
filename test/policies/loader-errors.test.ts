// Loader errors name the file, line and column of the problem, and say what is wrong.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policies/loader.js';
import { policyCheck } from '../../src/cli/policy-commands.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-policy-'));
let n = 0;
const write = (text: string, name = `p${n++}.yaml`): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const base = (rule: string) => `version: 1
clients:
  bot: { kind: agent, toolsets: [identity] }
rules:
${rule}`;

const cases = [
  {
    name: 'bad enum value',
    text: base(`  - id: r1\n    tools: [request_group_add]\n    effect: aprove\n`),
    line: 7,
    column: 13,
    message: /rules\[0\]\.effect: must be one of "deny", "allow", "approval" \(got "aprove"\)/,
  },
  {
    name: 'unknown key',
    text: base(`  - id: r1\n    tools: [request_group_add]\n    effect: deny\n    efect: deny\n`),
    line: 8,
    column: 5,
    message: /rules\[0\]\.efect: unknown key "efect"/,
  },
  {
    name: 'bad duration',
    text: base(
      `  - id: r1\n    tools: [request_group_add]\n    effect: approval\n    approvals: [{ id: a, anyOf: [owner] }]\n    maxDuration: 30 days\n`,
    ),
    line: 9,
    column: 18,
    message: /rules\[0\]\.maxDuration: must be a duration like 30m, 8h, 7d or 2w \(got "30 days"\)/,
  },
  {
    name: 'YAML syntax error',
    text: `version: 1\nclients:\n  bot: { kind: agent, toolsets: [identity]\nrules: []\n`,
    line: 4,
    column: 1,
    message: /YAML syntax error/,
  },
  {
    name: 'bad toolset inside a list',
    text: `version: 1\nclients:\n  bot:\n    kind: agent\n    toolsets: [identity, admin]\n`,
    line: 5,
    column: 26,
    message: /clients\.bot\.toolsets\[1\]: must be one of "identity", "access-requests", "knowledge", "audit"/,
  },
  {
    name: 'bad approver form',
    text: base(
      `  - id: r1\n    tools: [request_group_add]\n    effect: approval\n    approvals:\n      - id: a\n        anyOf: [boss]\n`,
    ),
    line: 10,
    column: 17,
    message: /anyOf\[0\]: must be 'manager', 'owner', \{ group: <group name> \} or \{ person: <login> \}/,
  },
  {
    name: 'approval without approvals',
    text: base(`  - id: r1\n    tools: [request_group_add]\n    effect: approval\n`),
    line: 7,
    column: 13,
    message: /effect "approval" needs at least one entry under approvals/,
  },
  {
    name: 'invalid reason pattern',
    text: base(`  - id: r1\n    tools: [request_group_add]\n    effect: deny\n    reason: { pattern: '^(INC' }\n`),
    line: 8,
    column: 24,
    message: /not a valid regular expression/,
  },
  {
    name: 'duplicate rule id',
    text: base(
      `  - { id: r1, tools: [request_group_add], effect: deny }\n  - { id: r1, tools: [request_group_add], effect: deny }\n`,
    ),
    line: 6,
    column: 11,
    message: /duplicate rule id "r1"/,
  },
  {
    name: 'missing version',
    text: `clients: {}\n`,
    line: 1,
    column: 1,
    message: /version: version must be 1/,
  },
];

describe('policy loader errors', () => {
  it.each(cases)('$name', ({ text, line, column, message }) => {
    const file = write(text);
    const r = loadPolicy(file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const e = r.errors[0]!;
    expect(e.file).toBe(file);
    expect(e.message).toMatch(message);
    expect({ line: e.line, column: e.column }).toEqual({ line, column });
  });

  it('reports a missing file without throwing', () => {
    const r = policyCheck(join(dir, 'absent.yaml'));
    expect(r.ok).toBe(false);
    expect(r.errors[0]!.message).toMatch(/cannot read policy file \(ENOENT\)/);
  });

  it('merges include files, and positions errors inside them', () => {
    write(
      `clients:\n  extra: { kind: person-app, toolsets: '*' }\nrules:\n  - { id: extra-deny, tools: [request_user_suspend], effect: deny }\n`,
      'inc-ok.yaml',
    );
    const main = write(`version: 1\ninclude: [inc-ok.yaml]\nclients:\n  bot: { kind: agent, toolsets: [identity] }\n`);
    const r = loadPolicy(main);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect([...r.policy.clients.keys()]).toEqual(['bot', 'extra']);
      expect(r.policy.rules.map((x) => x.ruleId)).toEqual(['rules.extra-deny']);
      expect(r.policy.files).toHaveLength(2);
    }
    const bad = write(`clients:\n  bot: { kind: agent, toolsets: [identity] }\n`, 'inc-dup.yaml');
    const main2 = write(
      `version: 1\ninclude: [inc-dup.yaml, missing.yaml]\nclients:\n  bot: { kind: agent, toolsets: [identity] }\n`,
    );
    const r2 = loadPolicy(main2);
    expect(r2.ok).toBe(false);
    if (!r2.ok) {
      expect(
        r2.errors.map((e) => `${e.file.endsWith('inc-dup.yaml') ? 'inc' : 'main'}:${e.line}: ${e.message}`),
      ).toEqual([
        'inc:2: clients.bot: already defined in an earlier file',
        'main:2: include[1]: cannot read policy file (ENOENT): missing.yaml',
      ]);
    }
    void bad;
  });
});
