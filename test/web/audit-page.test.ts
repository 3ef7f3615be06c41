// /audit for investigations: "who looked up Zara", sign-ins hidden unless asked, a record in full, and the filter exported as JSON lines.
import { afterEach, describe, expect, it } from 'vitest';
import { agent } from '../support/harness.js';
import { fileRequest, HELPDESK, SUBJECT, webRig } from './support.js';

let rig: Awaited<ReturnType<typeof webRig>> | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('/audit', () => {
  it('finds who looked someone up, hides sign-ins by default, opens a record in full and exports the filter', async () => {
    rig = await webRig();
    const id = await fileRequest(rig.w);
    const helpdesk = (await rig.w.directory.getUser(HELPDESK))!;
    const zara = (await rig.w.directory.getUser(SUBJECT))!;
    expect(
      (
        await rig.w.call(
          'lookup_user',
          { query: SUBJECT },
          agent('claude-desktop', { id: helpdesk.id, login: helpdesk.login }),
        )
      ).ok,
    ).toBe(true);
    const b = rig.client();
    await b.signInAs('security');

    const all = await (await b.req('/audit')).text();
    expect(all).not.toContain('web.signed-in');
    expect(all).toContain('Sign-ins and sign-outs are hidden.');
    expect(await (await b.req('/audit?signIns=1')).text()).toContain('web.signed-in');

    const byName = await (await b.req(`/audit?target=Zara&since=30d&action=tool.call`)).text();
    expect(byName).toContain('lookup_user');
    expect(byName).toContain(zara.displayName);
    expect(byName.match(/<tr data-seq=/g)).toHaveLength(1);
    const seq = Number(/<tr data-seq="(\d+)">/.exec(byName)![1]);
    expect(await (await b.req(`/audit?target=${zara.id}&action=tool.call`)).text()).toContain(`data-seq="${seq}"`);
    expect(await (await b.req('/audit?target=Zara&until=2000-01-01')).text()).toContain('No records match.');

    const bad = await b.req('/audit?since=last+week');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('since must be a duration like 30d');

    const [record] = await rig.w.audit.query({ afterSeq: seq - 1, limit: 1 });
    const page = await (await b.req(`/audit/records/${seq}`)).text();
    for (const text of [
      record!.hash,
      record!.prevHash,
      record!.decision!.policyHash,
      record!.decision!.rule,
      'matches the content',
      zara.id,
    ])
      expect(page).toContain(text);
    expect((await b.req('/audit/records/999999')).status).toBe(404);

    const exported = await b.req(`/audit/export?target=${encodeURIComponent(SUBJECT)}`);
    expect(exported.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    const lines = (await exported.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; requestId?: string; hash: string });
    expect(lines.map((l) => l.action)).toEqual(['tool.call', 'request.created']);
    expect(lines.find((l) => l.action === 'request.created')!.requestId).toBe(id);

    const hd = rig.client();
    await hd.signInAs('helpdesk');
    for (const path of [`/audit/records/${seq}`, '/audit/export']) expect((await hd.req(path)).status, path).toBe(403);
  });
});
