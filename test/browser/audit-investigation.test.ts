// Real Chromium on /audit: every column visible at 1280 px (no table overflow), and no sideways scrolling at phone width (390 px).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig, PROJECT_ROOT } from '../../src/config.js';
import { createWarden, startHttp, type Warden } from '../../src/server.js';
import { agent, memoryLogger, personas } from '../support/harness.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.js';

const SHOTS = join(PROJECT_ROOT, 'artifacts/screenshots');

let w: Warden;
let http: { url: string; close(): Promise<void> };
let browser: Browser;
let dataDir: string;
const problems: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'warden-browser-audit-'));
  w = await createWarden(loadConfig({ WARDEN_DATA_DIR: dataDir, WARDEN_PORT: '0' }), { log: memoryLogger().log });
  http = await startHttp(w);
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  // Records with long values in every column: what makes a table overflow.
  const helpdesk = (await w.directory.getUser(personas.helpdesk as string))!;
  const as = agent('claude-desktop', { id: helpdesk.id, login: helpdesk.login });
  await w.governance.call({ principal: as, tool: 'lookup_user', input: { query: 'zara.hayashi@acme.example' } });
  await w.governance.call({ principal: as, tool: 'list_user_access', input: { user: 'zara.hayashi@acme.example' } });
  await w.governance.call({
    principal: as,
    tool: 'request_group_add',
    input: { user: 'zara.hayashi@acme.example', group: 'Proj-Atlas', reason: 'Joining the Atlas launch team for Q1' },
  });
  await w.audit.append({
    actor: { kind: 'system', clientId: 'warden-lifecycle-with-a-rather-long-client-identifier' },
    action: 'lifecycle.joiner-account-requested',
    target: `user:${'very.long.login.name'.repeat(3)}@subsidiary.acme.example`,
    outcome: 'pending',
    requestId: 'req_0123456789abcdef0123456789abcdef',
    decision: {
      effect: 'approval',
      rule: 'rules.lifecycle-joiner-account-with-a-long-name',
      policyHash: 'f'.repeat(64),
    },
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await http?.close();
  await w?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function securityPage(width: number, height: number): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width, height } });
  const p = await ctx.newPage();
  p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // The record page's 404 test is not here; a favicon request is the only 404 a page makes.
  p.on('console', (m) => {
    if (m.type() === 'error' && !/status of 404/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await p.goto(`${http.url}/auth/sign-in?next=${encodeURIComponent('/audit')}`);
  await p.check('#persona-security');
  await Promise.all([p.waitForURL((u) => u.pathname === '/audit'), p.click('form.personas button[type=submit]')]);
  return p;
}

/** Widths that reveal overflow: the page's and (when present) the audit table's own. */
const widths = (p: Page) =>
  p.evaluate(() => {
    const t = document.querySelector<HTMLElement>('table.audit-log');
    return {
      page: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
      table: t
        ? {
            scroll: t.scrollWidth,
            client: t.clientWidth,
            parent: t.parentElement!.clientWidth,
            right: t.getBoundingClientRect().right,
          }
        : null,
      // Cells whose content spills into the next column (text that cannot wrap).
      spilling: t
        ? [...t.querySelectorAll<HTMLElement>('td')]
            .filter((td) => td.scrollWidth > td.clientWidth + 1)
            .map((td) => td.textContent)
        : [],
    };
  });

describe('/audit in Chromium', () => {
  it('shows every column at 1280 px and opens a record from its row', async () => {
    const p = await securityPage(1280, 900);
    expect(await p.locator('.chain h2').textContent()).toBe('Chain verified');
    const w1 = await widths(p);
    expect(w1.table).not.toBeNull();
    expect(w1.table!.scroll).toBeLessThanOrEqual(w1.table!.client);
    expect(w1.table!.client).toBeLessThanOrEqual(w1.table!.parent);
    expect(w1.page).toBeLessThanOrEqual(w1.viewport);
    expect(w1.spilling).toEqual([]);
    for (const h of ['#', 'When', 'Actor', 'Action', 'Touched', 'Outcome', 'Request'])
      await expect(p.locator('table.audit-log th', { hasText: h }).first().isVisible()).resolves.toBe(true);
    await p.screenshot({ path: join(SHOTS, 'audit-1280.png'), fullPage: true });

    await p.fill('#f-target', 'Zara');
    await p.fill('#f-since', '30d');
    await Promise.all([p.waitForURL(/target=Zara/), p.click('.filters button[type=submit]')]);
    const rows = p.locator('table.audit-log tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    expect(await p.locator('table.audit-log').textContent()).toContain('lookup_user');
    const exportHref = await p.locator('a', { hasText: 'Export these records as JSON lines' }).getAttribute('href');
    expect(exportHref).toBe('/audit/export?target=Zara&since=30d');
    await Promise.all([
      p.waitForURL(/\/audit\/records\/\d+$/),
      rows.first().locator('td').first().locator('a').click(),
    ]);
    expect(await p.locator('h1').textContent()).toMatch(/^Audit record \d+$/);
    expect(await p.locator('.record').textContent()).toMatch(
      /Previous hash[0-9a-f]{64}Hash[0-9a-f]{64} matches the content/,
    );
    expect(problems).toEqual([]);
  }, 60_000);

  it('has no sideways scrolling at phone width, on the list and on a record', async () => {
    const p = await securityPage(390, 844);
    const list = await widths(p);
    expect(list.page).toBeLessThanOrEqual(list.viewport);
    expect(list.table!.right).toBeLessThanOrEqual(list.viewport);
    expect(list.spilling).toEqual([]);
    await p.screenshot({ path: join(SHOTS, 'audit-390.png'), fullPage: true });
    const last = (await w.audit.head()).seq;
    await p.goto(`${http.url}/audit/records/${last}`);
    const rec = await widths(p);
    expect(rec.page).toBeLessThanOrEqual(rec.viewport);
    await p.screenshot({ path: join(SHOTS, 'audit-record-390.png'), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);
});
