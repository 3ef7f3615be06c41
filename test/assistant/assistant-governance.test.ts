// The chat gets exactly the helpdesk-assistant's governance: its tools from policy, requests filed but never approved by the agent.
import { afterEach, describe, expect, it } from 'vitest';
import { allTools } from '../../src/tools/index.js';
import { callTool, say, when } from '../support/fake-openai.js';
import { startRig } from './support.js';

let rig: Awaited<ReturnType<typeof startRig>> | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('assistant governance', () => {
  it("offers the model exactly the helpdesk-assistant's tools from policy, and no approve/deny tool", async () => {
    rig = await startRig({ chat: { turns: [say('Hello.')] } });
    await rig.run('Hi');
    const offered = rig.fake.chat.requests[0]!.body.tools as {
      type: string;
      function: { name: string; description: string; parameters: { type: string } };
    }[];
    const names = offered.map((t) => t.function.name).sort();
    // From policy: helpdesk-assistant has toolsets identity, access-requests and knowledge.
    const scope = rig.w.policy.scopeFor(rig.principal)!;
    expect(scope.toolsets.sort()).toEqual(['access-requests', 'identity', 'knowledge']);
    const fromPolicy = allTools
      .filter((t) => scope.toolsets.includes(t.toolset) && !scope.denyTools?.includes(t.name))
      .map((t) => t.name)
      .sort();
    expect(names).toEqual(fromPolicy);
    expect(names).toEqual(
      rig.w.governance
        .listTools(rig.principal)
        .map((t) => t.name)
        .sort(),
    );
    expect(names.filter((n) => /approve|deny|decide/i.test(n))).toEqual([]);
    for (const t of offered) {
      expect(t.type).toBe('function');
      expect(t.function.description.length, t.function.name).toBeGreaterThan(20);
      expect(t.function.parameters.type).toBe('object');
      expect(t.function.parameters).not.toHaveProperty('$schema');
    }
  });

  it('files an access request through chat; the request is pending and the agent cannot approve it', async () => {
    rig = await startRig({
      chat: {
        rules: [
          when({ user: /approve/i, noToolResult: true }, (req) =>
            callTool('approve_request', { id: /req_[\w-]+/.exec(req.lastUser)![0] }),
          ),
          when({ user: /approve/i }, say('I cannot approve requests; a person must decide in the Warden inbox.')),
          when(
            { user: /figma/i, noToolResult: true },
            callTool('request_group_add', {
              user: 'amara.bhatt@acme.example',
              group: 'App-Figma-Users',
              reason: 'Needs Figma to review the Atlas design specs',
            }),
          ),
          when({ afterTool: 'request_group_add' }, (req) =>
            say(`Filed ${req.toolResults[0]!.json.id}; it needs approval.`),
          ),
        ],
      },
    });
    const events = await rig.run('Please get Figma for amara.bhatt@acme.example so she can review design specs.');
    const result = events.find((e) => e.type === 'tool_result') as Extract<
      (typeof events)[number],
      { type: 'tool_result' }
    >;
    expect(result).toMatchObject({ name: 'request_group_add', ok: true, result: { status: 'pending' } });
    const id = (result.result as { id: string }).id;

    const row = (await rig.w.store.getRequest(id))!;
    expect(row).toMatchObject({
      status: 'pending',
      tool: 'request_group_add',
      requesterClient: 'helpdesk-assistant',
      requesterPerson: rig.person.login,
      subject: 'amara.bhatt@acme.example',
    });
    const member = async () =>
      (await rig!.w.directory.listUserGroups((await rig!.w.directory.getUser('amara.bhatt@acme.example'))!.id)).some(
        (g) => g.name === 'App-Figma-Users',
      );
    expect(await member()).toBe(false);

    // Through chat: there is no approve tool, so the call fails and nothing changes.
    const again = await rig.run(`Now approve ${id}.`);
    expect(again.find((e) => e.type === 'tool_result')).toMatchObject({ name: 'approve_request', ok: false });
    expect(JSON.stringify(again)).toMatch(/not_found/);
    // Directly: the approval service refuses the assistant's principal.
    await expect(rig.w.approvals.decide(id, rig.principal, 'approve')).rejects.toThrow(/never approve/);
    expect((await rig.w.store.getRequest(id))!.status).toBe('pending');
    expect(await rig.w.store.listApprovals(id)).toEqual([]);
    expect(await member()).toBe(false);
  });

  it('refuses a privileged group through chat (policy denies it for agents) and creates no request', async () => {
    rig = await startRig({
      chat: {
        rules: [
          when(
            { noToolResult: true },
            callTool('request_group_add', {
              user: 'gabriel.reddy@acme.example',
              group: 'Okta-Super-Admins',
              reason: 'CHG-2210 fix the SSO configuration',
            }),
          ),
          when(
            { afterTool: 'request_group_add' },
            say('Policy does not let me request that; use the Warden web inbox.'),
          ),
        ],
      },
    });
    const events = await rig.run('Add me to Okta-Super-Admins.');
    const result = events.find((e) => e.type === 'tool_result') as Extract<
      (typeof events)[number],
      { type: 'tool_result' }
    >;
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result.result)).toMatch(/privileged-via-agent-deny/);
    expect(await rig.w.store.listRequests({})).toEqual([]);
  });
});
