// At phone width (390 px) the request page and the inbox fit the screen: no sideways scrolling of the document; wide tables scroll inside their own box.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig, PROJECT_ROOT } from '../../src/config.js';
import { createWarden, startHttp, type Warden } from '../../src/server.js';
import { memoryLogger, personas } from '../support/harness.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.js';

const SHOTS = join(PROJECT_ROOT, 'artifacts/screenshots');
const PHONE = { width: 390, height: 844 };

let w: Warden;
let http: { url: string; close(): Promise<void> };
let browser: Browser;
let dataDir: string;
const ids: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'warden-phone-'));
  w = await createWarden(loadConfig({ WARDEN_DATA_DIR: dataDir, WARDEN_PORT: '0' }), { log: memoryLogger().log });
  http = await startHttp(w);
  const helpdesk = (await w.directory.getUser(personas.helpdesk as string))!;
  const principal = {
    kind: 'agent' as const,
    clientId: 'helpdesk-assistant',
    auth: 'session' as const,
    person: { id: helpdesk.id, login: helpdesk.login, displayName: helpdesk.displayName },
  };
  // Requests about the manager's direct report, so the manager decides them; long reasons and names are the usual overflow.
  for (const group of ['Proj-Atlas', 'Proj-Helios']) {
    const out = await w.governance.call({
      principal,
      tool: 'request_group_add',
      input: {
        user: 'zara.hayashi@acme.example',
        group,
        reason:
          'Joining the launch team for Q1; ticket REQ-20431 has the details and the sign-off from the programme lead',
      },
    });
    if (!out.ok) throw new Error(JSON.stringify(out.error));
    ids.push((out.output as { id: string }).id);
  }
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await http?.close();
  await w?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function phoneAs(persona: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  const p = await context.newPage();
  await p.goto(`${http.url}/auth/sign-in?next=%2Finbox`);
  await p.check(`#persona-${persona}`);
  await Promise.all([
    p.waitForURL((u) => !u.pathname.startsWith('/auth/')),
    p.click('form.personas button[type=submit]'),
  ]);
  return p;
}

/**
 * The document's width against the phone's 390 px, and the elements that stick out (to say what to fix when it fails).
 * A mobile browser widens its layout viewport to fit wide content (and zooms out), so the bound is the phone's width, not innerWidth.
 */
async function overflow(p: Page) {
  return p.evaluate((vw) => {
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > vw + 0.5 && !e.closest('.table-wrap'))
      .slice(0, 5)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} → ${Math.round(e.getBoundingClientRect().right)}px`,
      );
    return { scrollWidth: document.documentElement.scrollWidth, viewport: vw, wide };
  }, PHONE.width);
}

describe('pages at 390 px', () => {
  it('the request page (with its decision form and history) does not overflow', { timeout: 120_000 }, async () => {
    const p = await phoneAs('manager');
    await p.goto(`${http.url}/requests/${ids[0]}`);
    await p.locator('form.decide').waitFor();
    const o = await overflow(p);
    await p.screenshot({ path: join(SHOTS, 'phone-request.png'), fullPage: true });
    expect(o.wide).toEqual([]);
    expect(o.scrollWidth).toBeLessThanOrEqual(o.viewport);
    await p.context().close();
  });

  it('the inbox (cards to decide, and my requests) does not overflow', { timeout: 120_000 }, async () => {
    const manager = await phoneAs('manager');
    await manager.goto(`${http.url}/inbox`);
    await manager.locator(`article[data-request-id="${ids[1]}"]`).waitFor();
    const o = await overflow(manager);
    await manager.screenshot({ path: join(SHOTS, 'phone-inbox-approver.png'), fullPage: true });
    expect(o.wide).toEqual([]);
    expect(o.scrollWidth).toBeLessThanOrEqual(o.viewport);
    await manager.context().close();

    const helpdesk = await phoneAs('helpdesk');
    await helpdesk.goto(`${http.url}/inbox?status=all`);
    await helpdesk.locator(`tr[data-request-id="${ids[0]}"]`).waitFor();
    const mine = await overflow(helpdesk);
    await helpdesk.screenshot({ path: join(SHOTS, 'phone-inbox-requester.png'), fullPage: true });
    expect(mine.wide).toEqual([]);
    expect(mine.scrollWidth).toBeLessThanOrEqual(mine.viewport);
    await helpdesk.context().close();
  });
});
