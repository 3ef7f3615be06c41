// /policy opens with who may do what: each client's kind, tools, data scope and limit; each rule's match, approvers, duration and reason; the YAML collapsed.
import { afterEach, describe, expect, it } from 'vitest';
import { webRig } from './support.js';

let rig: Awaited<ReturnType<typeof webRig>> | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** The text of one table row (tags stripped, whitespace collapsed). */
const row = (html: string, attr: string, id: string): string => {
  const m = new RegExp(`<tr data-${attr}="${id}">([\\s\\S]*?)</tr>`).exec(html);
  if (!m) throw new Error(`no row ${attr}=${id}`);
  return m[1]!
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
};

describe('/policy summary', () => {
  it('summarises clients and rules before the simulator, with the YAML collapsed below', async () => {
    rig = await webRig();
    const b = rig.client();
    await b.signInAs('security');
    const html = await (await b.req('/policy')).text();
    const order = ['id="summary-h"', 'id="sim-h"', 'id="src-h"'].map((s) => html.indexOf(s));
    expect(order.every((n) => n > 0)).toBe(true);
    expect([...order].sort((a, z) => a - z)).toEqual(order);
    expect(html).toMatch(/<details><summary><code>[^<]*policy\.yaml<\/code>/);
    expect(html).not.toMatch(/<details open/);

    const bot = row(html, 'client', 'reporting-bot');
    expect(bot).toContain('agent: may ask, never approve');
    expect(bot).toMatch(/toolsets identity except recent_access_changes/);
    expect(bot).toMatch(/departments Sales, Marketing hidden: location, employeeNumber, costCenter/);
    expect(bot).toMatch(/none \(0\)$/);
    const web = row(html, 'client', 'warden-web');
    expect(web).toMatch(/person app: acts as the signed-in person, who may approve/);
    expect(web).toMatch(/toolsets all/);
    expect(web).toMatch(/200$/);
    expect(row(html, 'client', 'claude-desktop')).toMatch(/20$/);

    const grant = row(html, 'rule', 'privileged-grant');
    expect(grant).toContain('request_group_add, request_app_assignment tagged privileged');
    expect(grant).toMatch(
      /approval security : 2 distinct approvals from a member of Security-Team owner : 1 approval from the resource owner/,
    );
    expect(grant).toMatch(/8h at least 15 characters; starts with the incident, request or change ticket/);
    expect(row(html, 'rule', 'privileged-via-agent-deny')).toMatch(/tagged privileged; asked by agent deny — —$/);
    expect(row(html, 'rule', 'defaults.deny')).toContain('anything no rule matches deny');
  });
});
