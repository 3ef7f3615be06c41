#!/usr/bin/env node
// Builds dist/ from src/ (native tsc, then the static assets, then the start-up bundle in dist/bundle). `--if-stale` builds only when dist/ is missing or older than src/.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from './bundle.mjs';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const SRC = join(ROOT, 'src');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-stamp');
const INPUTS = [
  SRC,
  join(ROOT, 'tsconfig.json'),
  join(ROOT, 'tsconfig.build.json'),
  join(ROOT, 'package-lock.json'),
  join(ROOT, 'scripts', 'bundle.mjs'),
];

/** Newest modification time under a path (files and folders: a deleted file changes its folder's time). */
function newest(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of readdirSync(path)) max = Math.max(max, newest(join(path, e)));
  return max;
}

export function isStale() {
  const stamp = statSync(STAMP, { throwIfNoEntry: false });
  return !stamp || INPUTS.some((p) => newest(p) > stamp.mtimeMs);
}

function tscPath() {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  } catch {
    return undefined;
  }
}

export async function build() {
  const tsc = tscPath();
  if (!tsc) {
    console.error(
      'warden build: TypeScript is not installed (a production install without dev dependencies needs a dist/ built elsewhere: run `npm ci && npm run build` there).',
    );
    return 1;
  }
  rmSync(DIST, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) return r.status ?? 1;
  // Files the code reads at run time next to itself (page assets).
  const copy = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const from = join(dir, e.name);
      if (e.isDirectory()) copy(from);
      else if (!/\.(ts|tsx|md)$/.test(e.name)) cpSync(from, join(DIST, relative(SRC, from)));
    }
  };
  copy(SRC);
  const b = await bundle(ROOT);
  if (!b.bundled) console.error(`warden build: no start-up bundle (${b.why}); bin/warden.mjs runs dist/cli.js`);
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale && !isStale()) process.exit(0);
  if (ifStale && existsSync(STAMP) && !tscPath()) process.exit(0); // built artifact without a compiler: use it as shipped
  const started = Date.now();
  const code = await build();
  if (code === 0) console.error(`warden: built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(code);
}
