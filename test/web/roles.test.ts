// Roles from the directory decide what a person sees and may do: helpdesk chats, approvers decide what policy routes to them, security audits.
import { afterEach, describe, expect, it } from 'vitest';
import { fileRequest, HELPDESK, MANAGER, SUBJECT, webRig } from './support.js';

let rig: Awaited<ReturnType<typeof webRig>> | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('roles and pages', () => {
  it('keeps the helpdesk persona out of /audit and /policy, and away from requests they may not decide', async () => {
    rig = await webRig();
    const id = await fileRequest(rig.w);
    const b = rig.client();
    await b.signInAs('helpdesk');
    expect((await b.req('/')).status).toBe(200);
    for (const path of ['/audit', '/audit?tool=x', '/policy']) {
      const res = await b.req(path);
      expect(res.status, path).toBe(403);
      expect(await res.text()).toMatch(/for the security team/);
    }
    const token = await b.csrf('/inbox');
    expect(
      (await b.req('/policy/simulate', { form: { _csrf: token, client: 'warden-web', tool: 'lookup_user' } })).status,
    ).toBe(403);

    const inbox = await (await b.req('/inbox')).text();
    expect(inbox).toContain('Nothing is waiting for your decision.');
    expect(inbox).toMatch(
      /My requests[\s\S]*Add zara.hayashi@acme.example to group Proj-Atlas|My requests[\s\S]*Proj-Atlas/,
    );
    // They asked for it, so they cannot approve it, even with a valid form.
    const res = await b.req(`/inbox/${id}/decide`, { form: { _csrf: token, verdict: 'approve' } });
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/Not allowed/);
    expect((await rig.w.store.getRequest(id))!.status).toBe('pending');
    expect((await rig.w.audit.query({ requestId: id })).map((r) => r.action)).toContain('request.approve-refused');
  });

  it('shows the manager the request with who, for whom, why, the diff and the rule; approving applies it', async () => {
    rig = await webRig();
    const id = await fileRequest(rig.w);
    const b = rig.client();
    await b.signInAs('manager');
    expect((await b.req('/')).headers.get('location')).toBe('/inbox');
    const html = await (await b.req('/inbox')).text();
    expect(html).toContain(`data-request-id="${id}"`);
    for (const text of [
      HELPDESK,
      'via helpdesk-assistant',
      SUBJECT,
      'Joining the Atlas launch team for Q1',
      'rules.group-add',
      '+ add',
      'Proj-Atlas',
      'name="verdict" value="approve"',
    ])
      expect(html).toContain(text);

    const res = await b.req(`/inbox/${id}/decide`, {
      form: { _csrf: await b.csrf('/inbox'), verdict: 'approve', comment: 'welcome to Atlas', next: '/inbox' },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/inbox?decided=${id}&verdict=approve`);
    await rig.w.executor.idle();
    expect((await rig.w.store.getRequest(id))!.status).toBe('applied');
    expect(await (await b.req(res.headers.get('location')!)).text()).toContain(`You approved ${id}.`);

    const story = await (await b.req(`/requests/${id}`)).text();
    for (const text of ['request.created', 'request.approved', 'request.executed', 'welcome to Atlas', 'Applied'])
      expect(story).toContain(text);
    const json = await (await b.req(`/requests/${id}`, { headers: { accept: 'application/json' } })).json();
    expect(json).toMatchObject({ id, status: 'applied', final: true, statusLabel: 'Applied' });
    // A second decision is refused (already decided).
    expect(
      (await b.req(`/inbox/${id}/decide`, { form: { _csrf: await b.csrf('/inbox'), verdict: 'deny' } })).status,
    ).toBe(409);
  });

  it('hides a request from people it does not involve', async () => {
    rig = await webRig();
    const id = await fileRequest(rig.w);
    const b = rig.client();
    await b.signInAs('groupOwner');
    expect((await b.req(`/requests/${id}`)).status).toBe(404);
    expect((await b.req(`/requests/${id}`, { headers: { accept: 'application/json' } })).status).toBe(404);
    expect(await (await b.req('/inbox')).text()).not.toContain(id);
    const anon = rig.client();
    expect((await anon.req(`/requests/${id}`, { headers: { accept: 'application/json' } })).status).toBe(401);
  });

  it('shows security the verified chain with filters and paging, and the policy with a simulator on live facts', async () => {
    rig = await webRig();
    const id = await fileRequest(rig.w);
    const b = rig.client();
    await b.signInAs('security');
    const audit = await (await b.req('/audit')).text();
    expect(audit).toContain('Chain verified');
    expect(audit).toContain(`/requests/${id}`);
    const filtered = await (await b.req(`/audit?tool=request_group_add&actor=${encodeURIComponent(HELPDESK)}`)).text();
    expect(filtered).toContain('request.created');
    expect(filtered).not.toContain('web.signed-in');
    expect(await (await b.req('/audit?outcome=error')).text()).toContain('No records match.');
    await rig.w.audit.appendBatch(
      Array.from({ length: 60 }, () => ({
        actor: { kind: 'system' as const, clientId: 'warden' },
        action: 'test.filler',
        outcome: 'ok',
      })),
    );
    const page1 = await (await b.req('/audit')).text();
    const older = /href="(\/audit\?before=\d+)"/.exec(page1)![1]!;
    expect(await (await b.req(older)).text()).toContain('request.created');

    const policy = await (await b.req('/policy')).text();
    expect(policy).toContain(rig.w.policy.hash);
    expect(policy).toContain('privileged-via-agent-deny');
    const sim = async (form: Record<string, string>) =>
      (await b.req('/policy/simulate', { form: { _csrf: await b.csrf('/policy'), ...form } })).text();
    const normal = await sim({
      client: 'helpdesk-assistant',
      tool: 'request_group_add',
      person: HELPDESK,
      user: SUBJECT,
      group: 'Proj-Atlas',
      reason: 'Joining the Atlas launch team',
    });
    expect(normal).toMatch(/Decision: APPROVAL/);
    expect(normal).toContain('rules.group-add');
    // Live directory facts: the subject's manager is named.
    expect(normal).toContain(`manager ${MANAGER}`);
    const privileged = await sim({
      client: 'helpdesk-assistant',
      tool: 'request_group_add',
      person: HELPDESK,
      user: SUBJECT,
      group: 'Security-Team',
      reason: 'x',
    });
    expect(privileged).toMatch(/Decision: DENY[\s\S]*rules.privileged-via-agent-deny/);
    expect(await sim({ client: 'warden-web', tool: 'lookup_user', user: 'nobody@acme.example' })).toMatch(
      /Could not simulate: No person/,
    );
  });
});
