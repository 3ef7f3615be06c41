// The demo persona picker exists only on the demo company; against a real directory it is not there at all.
import { afterEach, describe, expect, it } from 'vitest';
import { webRig } from './support.js';

let rig: Awaited<ReturnType<typeof webRig>> | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('demo persona picker', () => {
  it('offers the helpdesk agent, a manager, a group owner and security on the demo company', async () => {
    rig = await webRig();
    const html = await (await rig.client().req('/auth/sign-in')).text();
    for (const who of ['Helpdesk agent', 'Manager', 'Group owner', 'Security engineer']) expect(html).toContain(who);
    expect(html).toContain('gabriel.reddy@acme.example');
  });

  it('signs in only the listed personas, never an arbitrary login', async () => {
    rig = await webRig();
    const b = rig.client();
    const res = await b.req('/auth/demo', { form: { _csrf: await b.csrf(), persona: 'jose.wagner@acme.example' } });
    expect(res.status).toBe(400);
    expect((await b.req('/inbox')).status).toBe(303);
  });

  it('does not exist when Warden runs against a real directory', async () => {
    rig = await webRig({ demo: false });
    const b = rig.client();
    const page = await (await b.req('/auth/sign-in')).text();
    expect(page).not.toContain('/auth/demo');
    expect(page).not.toContain('persona');
    expect(page).toMatch(/No sign-in method is configured/);
    const token = await b.csrf();
    const res = await b.req('/auth/demo', { form: { _csrf: token, persona: 'security' } });
    expect(res.status).toBe(404);
    expect((await b.req('/auth/demo')).status).toBe(404);
    expect((await b.req('/audit')).status).toBe(303);
  });
});
