// Real Chromium against a real Warden: the helpdesk asks, the manager approves in the inbox, the card turns applied, security sees the chain verified.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig, PROJECT_ROOT } from '../../src/config.js';
import { createWarden, startHttp, type Warden } from '../../src/server.js';
import { callTool, say, startFakeOpenAI, when, type FakeOpenAI } from '../support/fake-openai.js';
import { memoryLogger } from '../support/harness.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.js';

const SUBJECT = 'zara.hayashi@acme.example';
const SHOTS = join(PROJECT_ROOT, 'artifacts/screenshots');

let fake: FakeOpenAI;
let w: Warden;
let http: { url: string; close(): Promise<void> };
let context: BrowserContext;
let profile: string;
const problems: string[] = [];

beforeAll(async () => {
  fake = await startFakeOpenAI({
    apiKey: 'sk-browser-test',
    chat: {
      rules: [
        when(
          { user: /salesforce/i, noToolResult: true },
          callTool('check_access', { user: SUBJECT, target: 'Salesforce' }, { delayMs: 5 }),
        ),
        when({ afterTool: 'check_access' }, (req) =>
          say(String(req.toolResults.at(-1)!.json.answer), { chunkSize: 8, delayMs: 5 }),
        ),
        when(
          { user: /add (her|zara)/i, noToolResult: true },
          callTool('request_group_add', {
            user: SUBJECT,
            group: 'Proj-Atlas',
            reason: 'Joining the Atlas launch team for Q1',
          }),
        ),
        when({ afterTool: 'request_group_add' }, (req) =>
          say(`I filed request ${req.toolResults.at(-1)!.json.id}; her manager decides it in the Warden inbox.`),
        ),
      ],
    },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'warden-browser-'));
  w = await createWarden(
    loadConfig({
      WARDEN_DATA_DIR: dataDir,
      WARDEN_PORT: '0',
      OPENAI_API_KEY: 'sk-browser-test',
      OPENAI_BASE_URL: fake.baseURL,
      WARDEN_CHAT_MODEL: 'scripted-model',
    }),
    { log: memoryLogger().log },
  );
  http = await startHttp(w);
  mkdirSync(SHOTS, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), 'warden-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1200, height: 900 },
  });
  context.on('page', (p) => watch(p));
  for (const p of context.pages()) watch(p);
}, 60_000);

afterAll(async () => {
  await context?.close();
  await http?.close();
  await w?.close();
  await fake?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Page errors and console errors (CSP violations show up there) fail the test; refused pages we open on purpose do not. */
function watch(p: Page) {
  p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  p.on('console', (m) => {
    if (m.type() === 'error' && !/status of 40[34]/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
}

const shot = (p: Page, name: string, fullPage = true) => p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });

async function signIn(p: Page, base: string, persona: string, next = '/') {
  await p.goto(`${base}/auth/sign-in?next=${encodeURIComponent(next)}`);
  await p.check(`#persona-${persona}`);
  await Promise.all([
    p.waitForURL((u) => !u.pathname.startsWith('/auth/')),
    p.click('form.personas button[type=submit]'),
  ]);
}

async function ask(p: Page, text: string) {
  const before = await p.locator('.msg-assistant').count();
  await p.fill('#message', text);
  await p.click('#chat-form button[type=submit]');
  const answer = p.locator('.msg-assistant').nth(before);
  await answer.and(p.locator('[aria-busy="false"]')).waitFor();
  return answer;
}

describe('helpdesk → inbox → audit in Chromium', () => {
  it('runs the whole story with screenshots, and refuses what the helpdesk may not do', async () => {
    // Two hosts for one server keep two people's cookies apart in one browser.
    const helpdeskBase = http.url;
    const otherBase = http.url.replace('127.0.0.1', 'localhost');
    const hd = await context.newPage();
    await hd.goto(`${helpdeskBase}/`);
    expect(new URL(hd.url()).pathname).toBe('/auth/sign-in');
    await shot(hd, '01-sign-in');
    await signIn(hd, helpdeskBase, 'helpdesk');
    expect(await hd.locator('h1').textContent()).toBe('Helpdesk assistant');

    const first = await ask(hd, `Does ${SUBJECT} have access to Salesforce?`);
    await expect(first.locator('.tool-ok code').first().textContent()).resolves.toBe('check_access');
    expect(await first.locator('.tool .args').first().textContent()).toContain('target: Salesforce');
    expect(await first.locator('.text').textContent()).toMatch(/Zara Hayashi .*Salesforce/);
    await shot(hd, '02-chat-answer');

    const second = await ask(hd, 'Please add her to Proj-Atlas.');
    const card = second.locator('.chip[data-request-id]');
    await card.waitFor();
    const id = (await card.getAttribute('data-request-id'))!;
    expect(id).toMatch(/^req_/);
    expect(await card.locator('[data-role=status]').textContent()).toBe('Pending approval');
    await shot(hd, '03-chat-request-card');

    // The helpdesk persona: no audit page, no approving (not even with a valid token), no POST without the token.
    const audit403 = await hd.goto(`${helpdeskBase}/audit`);
    expect(audit403!.status()).toBe(403);
    await shot(hd, '04-helpdesk-audit-403');
    await hd.goto(`${helpdeskBase}/`);
    const attempts = await hd.evaluate(async (rid) => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')!.content;
      const post = (body: Record<string, string>) =>
        fetch(`/inbox/${rid}/decide`, { method: 'POST', body: new URLSearchParams(body), redirect: 'manual' }).then(
          (r) => r.status,
        );
      return {
        withToken: await post({ _csrf: token, verdict: 'approve' }),
        withoutToken: await post({ verdict: 'approve' }),
      };
    }, id);
    expect(attempts).toEqual({ withToken: 403, withoutToken: 403 });
    expect((await w.store.getRequest(id))!.status).toBe('pending');

    // The manager, in another tab on the other host name, approves from the inbox.
    const mgr = await context.newPage();
    await signIn(mgr, otherBase, 'manager', '/inbox');
    const inboxCard = mgr.locator(`article.request[data-request-id="${id}"]`);
    await inboxCard.waitFor();
    expect(await inboxCard.textContent()).toContain('Joining the Atlas launch team for Q1');
    await shot(mgr, '05-manager-inbox');
    await inboxCard.getByLabel('Comment for the requester and the audit log').fill('Welcome to Atlas');
    await Promise.all([mgr.waitForURL(/decided=/), inboxCard.getByRole('button', { name: 'Approve' }).click()]);
    expect(await mgr.locator('.flash').textContent()).toBe(`You approved ${id}.`);
    await w.access.executor.idle();
    await mgr.goto(`${otherBase}/requests/${id}`);
    expect(await mgr.locator('.card [data-role=status]').textContent()).toBe('Applied');
    expect(await mgr.locator('table.audit').textContent()).toContain('request.executed');
    await shot(mgr, '06-request-page');

    // The helpdesk's card turns applied by itself (polling).
    await hd.locator(`.chip[data-request-id="${id}"][data-status="applied"]`).waitFor({ timeout: 10_000 });
    expect(await hd.locator(`.chip[data-request-id="${id}"] [data-role=status]`).textContent()).toBe('Applied');
    await shot(hd, '07-chat-card-applied');

    // Security: the chain verifies; the policy page and its simulator.
    await mgr.locator('.who button').click();
    await signIn(mgr, otherBase, 'security', '/audit');
    expect(await mgr.locator('.chain h2').textContent()).toBe('Chain verified');
    expect(await mgr.locator('table.audit').textContent()).toContain('request.approved');
    await shot(mgr, '08-audit');
    await mgr.goto(`${otherBase}/policy`);
    await mgr.fill('#s-user', SUBJECT);
    await mgr.fill('#s-group', 'Proj-Atlas');
    await mgr.fill('#s-reason', 'Joining the Atlas launch team');
    await mgr.click('.filters button[type=submit]');
    expect(await mgr.locator('.sim-result pre').textContent()).toMatch(/Decision: APPROVAL/);
    await mgr.locator('.sim-result').scrollIntoViewIfNeeded();
    await shot(mgr, '09-policy-simulator', false);

    expect(problems).toEqual([]);
  }, 90_000);
});
