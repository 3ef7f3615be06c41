// explainDecision() and `policy explain`: the rule, the why, the approvers, durations and the policy hash.
import { describe, expect, it } from 'vitest';
import { policyExplain } from '../../src/cli/policy-commands.js';

const path = 'examples/acme/policy.yaml';

describe('policy explain', () => {
  it('explains a privileged request by a person: rule, approvers, grant and expiry, hash', () => {
    const text = policyExplain({
      path,
      client: 'warden-web',
      person: 'ayesha.nwosu@acme.example',
      tool: 'request_group_add',
      input: {
        user: 'dmitri.li@acme.example',
        group: 'AWS-Prod-Admins',
        reason: 'CHG-2041 rotate prod database credentials',
        duration: '4h',
      },
      people: { 'dmitri.li@acme.example': { department: 'Engineering', manager: 'ayesha.nwosu@acme.example' } },
      owners: { groups: { 'AWS-Prod-Admins': ['sana.suzuki@acme.example', 'christopher.rivera@acme.example'] } },
    });
    expect(text).toContain('Decision: APPROVAL');
    expect(text).toContain('Rule:     rules.privileged-grant');
    expect(text).toContain(
      '1. security: 2 distinct approvals from a member of Security-Team   [group:Security-Team x2]',
    );
    expect(text).toContain(
      '2. owner: 1 approval from the owner of AWS-Prod-Admins (sana.suzuki@acme.example, christopher.rivera@acme.example)',
    );
    expect(text).toContain('Grant:    4h (maximum 8h), then revoked automatically');
    expect(text).toContain('Pending:  the request expires if not approved within 24h');
    expect(text).toMatch(/Resource: group AWS-Prod-Admins tags \[privileged\]/);
    expect(text).toMatch(/Policy:   [0-9a-f]{16}/);
  });

  it('explains a denial with what the reason must look like', () => {
    const text = policyExplain({
      path,
      client: 'claude-desktop',
      person: 'gabriel.reddy@acme.example',
      tool: 'request_user_suspend',
      input: { user: 'santiago.wu@acme.example', reason: '.' },
    });
    expect(text).toContain('Decision: DENY');
    expect(text).toContain('Rule:     rules.suspend-or-deactivate.reason');
    expect(text).toContain('starts with a ticket id (INC-, REQ- or HR- and a number)');
  });

  it('explains a read for a client by its toolset', () => {
    const text = policyExplain({ path, client: 'reporting-bot', tool: 'lookup_user', input: { query: 'mina' } });
    expect(text).toContain('Rule:     clients.reporting-bot.toolsets');
    expect(text).toContain('Tool:     lookup_user (toolset identity, read-only)');
  });
});
