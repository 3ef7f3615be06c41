// CSRF: every POST to the pages needs the session's token and a same-origin Origin; /mcp and /api are not affected.
import { afterEach, describe, expect, it } from 'vitest';
import { fileRequest, webRig } from './support.js';

let rig: Awaited<ReturnType<typeof webRig>> | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('csrf', () => {
  it("refuses POSTs without the token, with a wrong token, another session's token, or a foreign Origin", async () => {
    rig = await webRig();
    const id = await fileRequest(rig.w);
    const manager = rig.client();
    await manager.signInAs('manager');
    const token = await manager.csrf('/inbox');
    const other = rig.client();
    await other.signInAs('security');
    const othersToken = await other.csrf('/inbox');
    const decide = (form: Record<string, string>, headers: Record<string, string> = {}) =>
      manager.req(`/inbox/${id}/decide`, { form: { verdict: 'approve', ...form }, headers });

    for (const [label, res] of [
      ['no token', await decide({})],
      ['wrong token', await decide({ _csrf: 'x'.repeat(32) })],
      ["another session's token", await decide({ _csrf: othersToken })],
      // An allowed host on another port passes the host check; the page still wants its own exact origin.
      ['another local origin', await decide({ _csrf: token }, { origin: 'http://localhost:3000' })],
      [
        'cross-site fetch without Origin',
        await manager.req(`/inbox/${id}/decide`, {
          method: 'POST',
          body: `verdict=approve&_csrf=${token}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
        }),
      ],
    ] as const) {
      expect(res.status, label).toBe(403);
      expect(await res.text(), label).toMatch(/not sent from a current Warden page/);
    }
    // A foreign Origin is refused before the page's own check, by the host and origin check in front of every route.
    const foreign = await decide({ _csrf: token }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toMatch(/Cross-origin requests are not accepted/);
    expect((await rig.w.store.getRequest(id))!.status).toBe('pending');
    expect(await rig.w.store.listApprovals(id)).toEqual([]);

    const ok = await decide({ _csrf: token, comment: 'welcome' });
    expect(ok.status).toBe(303);
    expect((await rig.w.store.listApprovals(id))[0]).toMatchObject({
      approverLogin: 'ayesha.nwosu@acme.example',
      decision: 'approve',
    });
  });

  it('accepts the token in the X-CSRF-Token header (the chat script) and protects sign-in and sign-out forms too', async () => {
    rig = await webRig();
    const b = rig.client();
    expect((await b.req('/auth/demo', { form: { persona: 'manager' } })).status).toBe(403);
    await b.signInAs('manager');
    expect((await b.req('/auth/sign-out', { form: {} })).status).toBe(403);
    expect((await b.req('/inbox')).status).toBe(200);
    const token = await b.csrf('/inbox');
    const res = await b.req('/auth/sign-out', {
      method: 'POST',
      headers: { 'x-csrf-token': token, origin: 'http://localhost' },
    });
    expect(res.status).toBe(303);
  });

  it('leaves /mcp and /api to their own bearer auth (a foreign browser Origin is refused before it)', async () => {
    rig = await webRig();
    const foreign = await rig.app.request('http://localhost/mcp', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    const mcp = await rig.app.request('http://localhost/mcp', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(mcp.status).toBe(401);
    expect(mcp.headers.get('set-cookie')).toBeNull();
    expect((await rig.app.request('http://localhost/api/requests')).status).toBe(401);
  });
});
