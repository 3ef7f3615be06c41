// diffPolicies: each kind of edit a reviewer must see is listed with the right direction; relabelling an agent as a person app is an escalation.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, type Io } from '../../src/cli/args.js';
import { policyCommand } from '../../src/cli/policy.js';
import { loadConfig } from '../../src/config.js';
import { diffPolicies, formatPolicyDiff, policyDiffArgs } from '../../src/policies/diff.js';
import { PolicyFileYaml, type PolicyFile } from '../../src/policies/schema.js';
import { ACME } from '../support/harness.js';

const ROOT = resolve(import.meta.dirname, '../..');

const base = (): PolicyFile =>
  PolicyFileYaml.parse({
    version: 1,
    defaults: { requestsPerHour: 20, reason: { required: true, minLength: 15 } },
    tags: { privileged: { groups: ['*-Admins', 'Security-Team'] } },
    clients: {
      bot: {
        kind: 'agent',
        toolsets: ['identity'],
        departments: ['Sales'],
        hiddenFields: ['employeeNumber'],
        tools: { deny: ['recent_access_changes'] },
      },
      web: { kind: 'person-app', toolsets: '*', requestsPerHour: 200 },
    },
    rules: [
      { id: 'agent-deny', tools: ['request_group_add'], match: { principalKind: 'agent' }, effect: 'deny' },
      {
        id: 'grant',
        tools: ['request_group_add'],
        effect: 'approval',
        maxDuration: '8h',
        approvals: [
          { id: 'security', anyOf: [{ group: 'Security-Team' }], count: 2 },
          { id: 'owner', anyOf: ['owner'] },
        ],
        reason: { required: true, minLength: 15, pattern: '^CHG-\\d+' },
      },
    ],
  });

type Edit = (p: PolicyFile) => void;
const cases: Array<{
  name: string;
  edit: Edit;
  expect: Array<{ subject: string; code: string; direction: string; escalation?: boolean; message?: RegExp }>;
}> = [
  { name: 'no edit', edit: () => undefined, expect: [] },
  {
    name: 'agent relabelled as person-app',
    edit: (p) => {
      p.clients!.bot!.kind = 'person-app';
    },
    expect: [
      {
        subject: 'clients.bot',
        code: 'client.kind',
        direction: 'wider',
        escalation: true,
        message: /PRIVILEGE ESCALATION.*approve/,
      },
    ],
  },
  {
    name: 'person-app relabelled as agent',
    edit: (p) => {
      p.clients!.web!.kind = 'agent';
    },
    expect: [{ subject: 'clients.web', code: 'client.kind', direction: 'narrower', escalation: false }],
  },
  {
    name: 'client gains a toolset',
    edit: (p) => {
      p.clients!.bot!.toolsets = ['identity', 'audit'];
    },
    expect: [
      { subject: 'clients.bot', code: 'client.toolsets', direction: 'wider', message: /gains toolset\(s\) audit/ },
    ],
  },
  {
    name: 'client toolsets become *',
    edit: (p) => {
      p.clients!.bot!.toolsets = '*';
    },
    expect: [
      {
        subject: 'clients.bot',
        code: 'client.toolsets',
        direction: 'wider',
        message: /access-requests, knowledge, audit/,
      },
    ],
  },
  {
    name: 'client loses a toolset',
    edit: (p) => {
      p.clients!.web!.toolsets = ['identity', 'access-requests', 'knowledge'];
    },
    expect: [{ subject: 'clients.web', code: 'client.toolsets', direction: 'narrower', message: /audit/ }],
  },
  {
    name: 'tool no longer denied',
    edit: (p) => {
      delete p.clients!.bot!.tools;
    },
    expect: [
      { subject: 'clients.bot', code: 'client.tools.deny', direction: 'wider', message: /recent_access_changes/ },
    ],
  },
  {
    name: 'tools.allow added',
    edit: (p) => {
      p.clients!.web!.tools = { allow: ['lookup_user'] };
    },
    expect: [{ subject: 'clients.web', code: 'client.tools.allow', direction: 'narrower' }],
  },
  {
    name: 'data scope widened to all departments',
    edit: (p) => {
      p.clients!.bot!.departments = '*';
    },
    expect: [{ subject: 'clients.bot', code: 'client.departments', direction: 'wider' }],
  },
  {
    name: 'hidden field shown',
    edit: (p) => {
      p.clients!.bot!.hiddenFields = [];
    },
    expect: [{ subject: 'clients.bot', code: 'client.hiddenFields', direction: 'wider', message: /employeeNumber/ }],
  },
  {
    name: 'request limit raised through the defaults',
    edit: (p) => {
      p.defaults.requestsPerHour = 50;
    },
    expect: [
      { subject: 'clients.bot', code: 'client.requestsPerHour', direction: 'wider', message: /20\/hour → 50\/hour/ },
    ],
  },
  {
    name: 'request limit removed',
    edit: (p) => {
      delete p.clients!.web!.requestsPerHour;
      delete p.defaults.requestsPerHour;
    },
    expect: [
      { subject: 'clients.bot', code: 'client.requestsPerHour', direction: 'wider', message: /unlimited/ },
      { subject: 'clients.web', code: 'client.requestsPerHour', direction: 'wider', message: /200\/hour → unlimited/ },
    ],
  },
  {
    name: 'agent client added',
    edit: (p) => {
      p.clients!.new = {
        kind: 'agent',
        toolsets: ['knowledge'],
        departments: '*',
        hiddenFields: [],
        knowledgeAudiences: [],
      };
    },
    expect: [{ subject: 'clients.new', code: 'client.added', direction: 'wider', escalation: false }],
  },
  {
    name: 'person-app client added',
    edit: (p) => {
      p.clients!.new = {
        kind: 'person-app',
        toolsets: ['identity'],
        departments: '*',
        hiddenFields: [],
        knowledgeAudiences: [],
      };
    },
    expect: [
      { subject: 'clients.new', code: 'client.added', direction: 'wider', escalation: true, message: /can approve/ },
    ],
  },
  {
    name: 'client removed',
    edit: (p) => {
      delete p.clients!.bot;
    },
    expect: [{ subject: 'clients.bot', code: 'client.removed', direction: 'narrower' }],
  },
  {
    name: 'fewer approvals in a step',
    edit: (p) => {
      p.rules![1]!.approvals![0]!.count = 1;
    },
    expect: [
      {
        subject: 'rules.grant',
        code: 'rule.approvals',
        direction: 'wider',
        message: /needs 2 approval\(s\) \(was 3\)/,
      },
    ],
  },
  {
    name: 'a step dropped',
    edit: (p) => {
      p.rules![1]!.approvals!.pop();
    },
    expect: [
      { subject: 'rules.grant', code: 'rule.approvals', direction: 'wider' },
      {
        subject: 'rules.grant',
        code: 'rule.steps',
        direction: 'wider',
        message: /1 approval step\(s\) \(was 2: security, owner\)/,
      },
    ],
  },
  {
    name: 'more approvers',
    edit: (p) => {
      p.rules![1]!.approvals![1]!.anyOf.push('manager');
    },
    expect: [{ subject: 'rules.grant', code: 'rule.approvers', direction: 'wider', message: /manager/ }],
  },
  {
    name: 'non-distinct approvals',
    edit: (p) => {
      p.rules![1]!.approvals![0]!.distinct = false;
    },
    expect: [{ subject: 'rules.grant', code: 'rule.approvers', direction: 'wider' }],
  },
  {
    name: 'longer grants',
    edit: (p) => {
      p.rules![1]!.maxDuration = '30d';
    },
    expect: [{ subject: 'rules.grant', code: 'rule.maxDuration', direction: 'wider', message: /8h → 30d/ }],
  },
  {
    name: 'no maximum duration',
    edit: (p) => {
      delete p.rules![1]!.maxDuration;
    },
    expect: [{ subject: 'rules.grant', code: 'rule.maxDuration', direction: 'wider', message: /unlimited/ }],
  },
  {
    name: 'shorter grants',
    edit: (p) => {
      p.rules![1]!.maxDuration = '1h';
    },
    expect: [{ subject: 'rules.grant', code: 'rule.maxDuration', direction: 'narrower' }],
  },
  {
    name: 'reason pattern dropped',
    edit: (p) => {
      delete p.rules![1]!.reason!.pattern;
    },
    expect: [{ subject: 'rules.grant', code: 'rule.reason', direction: 'wider', message: /dropped/ }],
  },
  {
    name: 'reason rule dropped falls back to the defaults',
    edit: (p) => {
      delete p.rules![1]!.reason;
    },
    expect: [{ subject: 'rules.grant', code: 'rule.reason', direction: 'wider', message: /pattern .* dropped/ }],
  },
  {
    name: 'reason no longer required',
    edit: (p) => {
      p.rules![1]!.reason!.required = false;
    },
    expect: [{ subject: 'rules.grant', code: 'rule.reason', direction: 'wider', message: /no longer requires/ }],
  },
  {
    name: 'deny rule removed',
    edit: (p) => {
      p.rules!.shift();
    },
    expect: [{ subject: 'rules.agent-deny', code: 'rule.removed', direction: 'wider' }],
  },
  {
    name: 'deny rule becomes approval',
    edit: (p) => {
      p.rules![0]!.effect = 'approval';
      p.rules![0]!.approvals = [{ id: 'm', anyOf: ['manager'], count: 1, distinct: true }];
    },
    expect: [{ subject: 'rules.agent-deny', code: 'rule.effect', direction: 'wider', message: /deny → approval/ }],
  },
  {
    name: 'allow rule added',
    edit: (p) => {
      p.rules!.push({ id: 'open', tools: ['request_app_assignment'], effect: 'allow' });
    },
    expect: [{ subject: 'rules.open', code: 'rule.added', direction: 'wider' }],
  },
  {
    name: 'app owner added',
    edit: (p) => {
      p.owners = { apps: { salesforce: ['mara.novak@acme.example'] } };
    },
    expect: [{ subject: 'owners.apps.salesforce', code: 'owners', direction: 'wider', message: /mara\.novak/ }],
  },
  {
    name: 'group untagged',
    edit: (p) => {
      p.tags!.privileged!.groups = ['*-Admins'];
    },
    expect: [
      {
        subject: 'tags.privileged.groups',
        code: 'tags',
        direction: 'changed',
        message: /no longer tagged privileged: Security-Team/,
      },
    ],
  },
  {
    name: 'rules reordered',
    edit: (p) => {
      p.rules!.reverse();
    },
    expect: [{ subject: 'rules', code: 'rule.order', direction: 'changed', message: /grant, agent-deny/ }],
  },
];

describe('diffPolicies', () => {
  it.each(cases)('$name', ({ edit, expect: wanted }) => {
    const after = base();
    edit(after);
    const diff = diffPolicies(base(), after);
    expect(diff.changes.map((c) => ({ subject: c.subject, code: c.code, direction: c.direction }))).toEqual(
      wanted.map((w) => ({ subject: w.subject, code: w.code, direction: w.direction })),
    );
    diff.changes.forEach((c, i) => {
      if (wanted[i]!.escalation !== undefined) expect(c.escalation).toBe(wanted[i]!.escalation);
      if (wanted[i]!.message) expect(c.message).toMatch(wanted[i]!.message!);
    });
    expect(diff.escalations).toEqual(diff.changes.filter((c) => c.escalation));
  });

  it('formats one line per change with a summary, escalations marked with !', () => {
    const after = base();
    after.clients!.bot!.kind = 'person-app';
    after.rules![1]!.maxDuration = '30d';
    const text = formatPolicyDiff(diffPolicies(base(), after));
    expect(text.split('\n')).toEqual([
      expect.stringMatching(/^! clients\.bot: kind agent → person-app: PRIVILEGE ESCALATION/),
      '+ rules.grant: maximum duration 8h → 30d',
      '2 change(s): 2 wider, 1 privilege escalation(s)',
    ]);
    expect(formatPolicyDiff(diffPolicies(base(), base()))).toBe('no effective permission changes');
    expect(policyDiffArgs(diffPolicies(base(), after)).escalations).toEqual([expect.stringMatching(/^! clients\.bot/)]);
  });
});

describe('warden policy diff', () => {
  it(
    'prints the changes between two files and exits 0; flags the relabelled agent (a real process)',
    { timeout: 120_000 },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'warden-diff-'));
      const after = join(dir, 'policy.yaml');
      writeFileSync(
        after,
        readFileSync(`${ACME}/policy.yaml`, 'utf8').replace(/(reporting-bot:\n\s+)kind: agent/, '$1kind: person-app'),
      );
      const out = execFileSync(
        process.execPath,
        [join(ROOT, 'bin/warden.mjs'), 'policy', 'diff', `${ACME}/policy.yaml`, after],
        { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', WARDEN_DATA_DIR: dir } },
      );
      expect(out).toMatch(/^! clients\.reporting-bot: kind agent → person-app: PRIVILEGE ESCALATION/m);
      expect(out).toMatch(/1 privilege escalation/);
    },
  );

  it('fails with positioned errors when a file is invalid, and is a usage error without two files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-diff-'));
    const bad = join(dir, 'bad.yaml');
    copyFileSync(`${ACME}/policy.yaml`, bad);
    writeFileSync(bad, readFileSync(bad, 'utf8').replace('    effect: deny\n', '    effect: nope\n'));
    const config = loadConfig({ WARDEN_DATA_DIR: dir });
    const never = () => {
      throw new Error('must not read the directory');
    };
    const io = { stdout: { write: () => true }, stderr: { write: () => true } } as unknown as Io;
    await expect(policyCommand(['diff', `${ACME}/policy.yaml`, bad], config, never, io)).rejects.toThrow(
      /^invalid policy .*bad\.yaml:\n.*bad\.yaml:\d+:\d+: rules\[0\]\.effect/,
    );
    await expect(policyCommand(['diff', `${ACME}/policy.yaml`], config, never, io)).rejects.toThrow(UsageError);
  });
});
