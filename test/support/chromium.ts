// Debian's Chromium for browser tests and page benchmarks: its path and the flags that keep it quiet on a closed network.
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, no sandbox (root in CI), and no background network calls (they fail here and slow every start). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
