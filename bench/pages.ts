// Page weight (bytes on the wire) and load time of / (helpdesk chat) and /inbox (manager, one pending request) in Chromium, median of N loads.
// Run: npx tsx bench/pages.ts [--runs 5]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { numberFlag } from './lib/args.js';
import { persona } from './lib/personas.js';
import { median } from './lib/stats.js';
import { fmt, printTable } from './lib/table.js';
import { startWardenHttp } from './lib/warden-http.js';
import { CHROMIUM_ARGS } from '../test/support/chromium.js';

const runs = Math.max(1, Math.round(numberFlag('runs', 5)));

const warden = await startWardenHttp({ logLevel: 'error' });
const profile = mkdtempSync(join(tmpdir(), 'warden-bench-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_ARGS,
});

/** One navigation: bytes received (encoded, headers included) for every response it caused, and navigation timing. */
async function load(page: Page, cdp: CDPSession, url: string) {
  let bytes = 0;
  let requests = 0;
  const done = (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
    requests++;
  };
  cdp.on('Network.loadingFinished', done);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(50); // let the last loadingFinished events arrive
  cdp.off('Network.loadingFinished', done);
  const t = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      ttfb: n.responseStart - n.startTime,
      dcl: n.domContentLoadedEventEnd - n.startTime,
      load: n.loadEventEnd - n.startTime,
      html: n.encodedBodySize,
    };
  });
  return { bytes, requests, ...t };
}

async function signIn(page: Page, who: string) {
  await page.context().clearCookies();
  await page.goto(`${warden.url}/auth/sign-in`);
  await page.check(`#persona-${who}`);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/auth/')),
    page.click('form.personas button[type=submit]'),
  ]);
}

try {
  // One pending request for the manager's inbox, filed as the chat would.
  const helpdesk = (await warden.warden.directory.getUser(persona('helpdesk')))!;
  const filed = await warden.warden.governance.call({
    principal: {
      kind: 'agent',
      clientId: 'helpdesk-assistant',
      auth: 'session',
      person: { id: helpdesk.id, login: helpdesk.login },
    },
    tool: 'request_group_add',
    input: { user: 'zara.hayashi@acme.example', group: 'Proj-Atlas', reason: 'Joining the Atlas launch team for Q1' },
  });
  if (!filed.ok) throw new Error(`could not file the request: ${filed.error.message}`);

  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const rows: (string | number)[][] = [];
  for (const [path, who] of [
    ['/', 'helpdesk'],
    ['/inbox', 'manager'],
  ] as const) {
    await signIn(page, who);
    for (const cache of ['cold', 'warm'] as const) {
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: cache === 'cold' });
      await load(page, cdp, `${warden.url}${path}`); // warm-up (server JIT, and fills the cache for the warm rows)
      const samples: Awaited<ReturnType<typeof load>>[] = [];
      for (let i = 0; i < runs; i++) samples.push(await load(page, cdp, `${warden.url}${path}`));
      const m = (k: keyof Awaited<ReturnType<typeof load>>) => median(samples.map((s) => s[k]));
      rows.push([
        path,
        who,
        cache,
        fmt(m('requests')),
        fmt(m('bytes')),
        fmt(m('html')),
        fmt(m('ttfb'), 1),
        fmt(m('dcl'), 1),
        fmt(m('load'), 1),
      ]);
    }
  }
  console.log(
    `Chromium ${context.browser()?.version() ?? '(persistent context)'}; ${runs} loads per row after one warm-up; Warden on ${warden.url} (demo company, SQLite); node ${process.version}`,
  );
  printTable(
    'Page weight and load time (medians)',
    [
      'page',
      'persona',
      'cache',
      'responses',
      'bytes transferred',
      'HTML bytes (encoded)',
      'TTFB ms',
      'DOMContentLoaded ms',
      'load ms',
    ],
    rows,
  );
  console.log(
    'cold = browser cache disabled (every asset fetched); warm = cache on (CSS/JS are served immutable by content hash, so only the HTML is fetched).',
  );
} finally {
  await context.close();
  await warden.close();
  rmSync(profile, { recursive: true, force: true });
}
