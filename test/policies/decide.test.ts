// decide() over the example policy: every rule, the defaults, client scope, reasons and durations.
import { describe, expect, it } from 'vitest';
import type { CallFacts } from '../../src/core/policy.js';
import { buildFacts, type CallSpec } from '../../src/policies/build-facts.js';
import { decide } from '../../src/policies/decide.js';
import { loadPolicy } from '../../src/policies/loader.js';
import { stepLabel } from '../../src/policies/approval-steps.js';

const loaded = loadPolicy('examples/acme/policy.yaml');
if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
const policy = loaded.policy;

const agent = { kind: 'agent' as const, clientId: 'claude-desktop', person: 'gabriel.reddy@acme.example' };
const person = { kind: 'person' as const, clientId: 'warden-web', person: 'jose.wagner@acme.example' };
const dmitri = { login: 'dmitri.li@acme.example', department: 'Engineering', manager: 'ayesha.nwosu@acme.example' };
const owners = {
  groups: {
    'Proj-Atlas': ['lena.nguyen@acme.example'],
    'AWS-Prod-Admins': ['sana.suzuki@acme.example'],
    'App-NetSuite-Users': ['santiago.wu@acme.example'],
  },
};
const good = 'Joining the Atlas re-architecture team';

const facts = (call: Omit<CallSpec, 'subject'> & { subject?: CallSpec['subject'] }): CallFacts =>
  buildFacts(policy, { subject: dmitri, ...call }, { owners });

interface Case {
  name: string;
  call: Parameters<typeof facts>[0];
  effect: string;
  rule: string;
  steps?: string[];
  grant?: number;
  why?: RegExp;
}

const cases: Case[] = [
  {
    name: 'read tool allowed by toolset',
    call: { principal: agent, tool: 'lookup_user' },
    effect: 'allow',
    rule: 'clients.claude-desktop.toolsets',
  },
  {
    name: 'unknown client',
    call: { principal: { ...agent, clientId: 'nobody' }, tool: 'lookup_user' },
    effect: 'deny',
    rule: 'clients.unknown',
    why: /not listed/,
  },
  {
    name: 'tool not in toolset',
    call: {
      principal: { kind: 'agent', clientId: 'reporting-bot' },
      tool: 'request_group_add',
      input: { group: 'Proj-Atlas', reason: good },
    },
    effect: 'deny',
    rule: 'clients.reporting-bot.toolsets',
    why: /toolsets identity/,
  },
  {
    name: 'tool on the deny list',
    call: { principal: { kind: 'agent', clientId: 'reporting-bot' }, tool: 'recent_access_changes' },
    effect: 'deny',
    rule: 'clients.reporting-bot.tools.deny',
  },
  {
    name: 'privileged via agent',
    call: {
      principal: agent,
      tool: 'request_group_add',
      input: { group: 'AWS-Prod-Admins', reason: 'CHG-1 rotate database credentials' },
    },
    effect: 'deny',
    rule: 'rules.privileged-via-agent-deny',
  },
  {
    name: 'privileged via person',
    call: {
      principal: person,
      tool: 'request_group_add',
      input: { group: 'AWS-Prod-Admins', reason: 'CHG-1 rotate database credentials' },
    },
    effect: 'approval',
    rule: 'rules.privileged-grant',
    steps: ['group:Security-Team x2', 'owner'],
    grant: 8 * 3600,
  },
  {
    name: 'privileged removal',
    call: {
      principal: agent,
      tool: 'request_group_remove',
      input: { group: 'AWS-Prod-Admins', reason: 'left the on-call rota' },
    },
    effect: 'approval',
    rule: 'rules.privileged-removal',
    steps: ['group:Security-Team|owner'],
  },
  {
    name: 'sensitive group',
    call: {
      principal: agent,
      tool: 'request_group_add',
      input: { group: 'App-NetSuite-Users', reason: 'Reconciling vendor invoices' },
    },
    effect: 'approval',
    rule: 'rules.sensitive-group-add',
    steps: ['owner', 'manager'],
    grant: 90 * 86400,
  },
  {
    name: 'ordinary group',
    call: { principal: agent, tool: 'request_group_add', input: { group: 'Proj-Atlas', reason: good } },
    effect: 'approval',
    rule: 'rules.group-add',
    steps: ['manager|owner'],
    grant: 90 * 86400,
  },
  {
    name: 'app assignment',
    call: {
      principal: agent,
      tool: 'request_app_assignment',
      input: { app: 'salesforce', reason: 'New account executive needs CRM' },
    },
    effect: 'approval',
    rule: 'rules.app-assignment',
    steps: ['owner'],
  },
  {
    name: 'removal',
    call: { principal: agent, tool: 'request_app_removal', input: { app: 'slack', reason: 'left team' } },
    effect: 'approval',
    rule: 'rules.removal',
    steps: ['manager|owner'],
  },
  {
    name: 'suspend with ticket',
    call: {
      principal: agent,
      tool: 'request_user_suspend',
      input: { reason: 'INC-5521 laptop stolen at the airport' },
    },
    effect: 'approval',
    rule: 'rules.suspend-or-deactivate',
    steps: ['group:IT-Access-Approvers', 'manager'],
  },
  {
    name: 'suspend without ticket',
    call: { principal: agent, tool: 'request_user_suspend', input: { reason: 'laptop stolen at the airport today' } },
    effect: 'deny',
    rule: 'rules.suspend-or-deactivate.reason',
    why: /ticket id \(INC-, REQ- or HR-/,
  },
  {
    name: 'reason "."',
    call: { principal: agent, tool: 'request_group_add', input: { group: 'Proj-Atlas', reason: '.' } },
    effect: 'deny',
    rule: 'rules.group-add.reason',
    why: /no words.*at least 15 characters/,
  },
  {
    name: 'reason too short',
    call: { principal: agent, tool: 'request_group_add', input: { group: 'Proj-Atlas', reason: 'need it' } },
    effect: 'deny',
    rule: 'rules.group-add.reason',
    why: /7 characters long; at least 15/,
  },
  {
    name: 'reason missing',
    call: { principal: agent, tool: 'request_group_add', input: { group: 'Proj-Atlas' } },
    effect: 'deny',
    rule: 'rules.group-add.reason',
    why: /required/,
  },
  {
    name: 'duration above max',
    call: {
      principal: agent,
      tool: 'request_group_add',
      input: { group: 'Proj-Atlas', reason: good, duration: '91d' },
    },
    effect: 'deny',
    rule: 'rules.group-add.maxDuration',
    why: /91d is longer than the maximum 90d; ask for 90d or less/,
  },
  {
    name: 'duration within max',
    call: { principal: agent, tool: 'request_group_add', input: { group: 'Proj-Atlas', reason: good, duration: '7d' } },
    effect: 'approval',
    rule: 'rules.group-add',
    grant: 7 * 86400,
  },
  {
    name: 'no rule for the tool → default deny',
    call: {
      principal: person,
      tool: 'request_widget',
      toolset: 'access-requests',
      mutating: true,
      input: { reason: good },
    },
    effect: 'deny',
    rule: 'defaults.deny',
    why: /default is deny/,
  },
  {
    name: 'person app without a person',
    call: {
      principal: { kind: 'person', clientId: 'warden-cli' },
      tool: 'request_group_add',
      input: { group: 'Proj-Atlas', reason: good },
    },
    effect: 'deny',
    rule: 'builtin.person-required',
  },
  {
    name: 'agent client posing as a person',
    call: {
      principal: { ...agent, kind: 'person' },
      tool: 'request_group_add',
      input: { group: 'Okta-Super-Admins', reason: 'CHG-9 rotate database credentials' },
    },
    effect: 'deny',
    rule: 'rules.privileged-via-agent-deny',
  },
  {
    name: 'owner missing → unsatisfiable',
    call: {
      principal: agent,
      tool: 'request_app_assignment',
      input: { app: 'legacy_crm', reason: 'New account executive needs CRM' },
    },
    effect: 'deny',
    rule: 'rules.app-assignment.unsatisfiable',
    why: /no owner on record/,
  },
];

describe('decide() on the example policy', () => {
  it.each(cases)('$name', ({ call, effect, rule, steps, grant, why }) => {
    const d = decide(policy, facts(call));
    expect(d.effect).toBe(effect);
    expect(d.rule).toBe(rule);
    expect(d.policyHash).toBe(policy.hash);
    expect(d.why.length).toBeGreaterThan(10);
    if (why) expect(d.why).toMatch(why);
    if (steps) expect(d.effect === 'approval' ? d.steps.map(stepLabel) : []).toEqual(steps);
    if (grant !== undefined) expect(d.effect === 'approval' ? d.maxDurationSeconds : undefined).toBe(grant);
    if (d.effect === 'approval')
      expect(d.pendingExpirySeconds).toBe(rule === 'rules.privileged-grant' ? 24 * 3600 : 72 * 3600);
  });

  it('records a request about the requester themselves, without refusing it', () => {
    const d = decide(
      policy,
      facts({
        principal: { ...agent, person: dmitri.login },
        tool: 'request_group_add',
        input: { group: 'Proj-Atlas', reason: good },
      }),
    );
    expect(d.effect).toBe('approval');
    expect(d.flags).toEqual(['self-request']);
    expect(d.why).toMatch(/cannot approve it/);
  });

  it('is pure: the same facts give the same decision and the facts are not changed', () => {
    const f = facts({ principal: agent, tool: 'request_group_add', input: { group: 'Proj-Atlas', reason: good } });
    const before = JSON.stringify(f);
    expect(decide(policy, f)).toEqual(decide(policy, f));
    expect(JSON.stringify(f)).toBe(before);
  });

  it('matches tags case-insensitively, so a name in different case is still privileged', () => {
    const d = decide(
      policy,
      facts({
        principal: agent,
        tool: 'request_group_add',
        input: { group: 'aws-prod-admins', reason: 'CHG-1 rotate database credentials' },
      }),
    );
    expect(d.rule).toBe('rules.privileged-via-agent-deny');
  });
});
