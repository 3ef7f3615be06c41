// Bundles the compiled dist/ into dist/bundle/ (esbuild, ES modules with code splitting): `warden` loads one file and
// a few chunks at start instead of ~750 modules, and what starts lazily (Okta SDK, OpenAI, LanceDB, PostgreSQL) stays
// in chunks loaded on first use. Native addons stay external. Without esbuild (a production install), nothing is
// bundled and bin/warden.mjs runs dist/cli.js.
import { cpSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Modules that must be loaded from node_modules at run time: native addons and optional peers. */
const EXTERNAL = ['better-sqlite3', '@lancedb/lancedb', 'pg-native', 'playwright-core'];
// Bundled CommonJS dependencies call require(); ES module output has none, so each chunk gets one.
const REQUIRE_SHIM =
  "import { createRequire as __wardenCreateRequire } from 'node:module'; const require = __wardenCreateRequire(import.meta.url);";

export async function bundle(root) {
  let esbuild;
  try {
    esbuild = createRequire(join(root, 'package.json'))('esbuild');
  } catch {
    return { bundled: false, why: 'esbuild is not installed' };
  }
  const dist = join(root, 'dist');
  const out = join(dist, 'bundle');
  await esbuild.build({
    entryPoints: [join(dist, 'cli.js')],
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    banner: { js: REQUIRE_SHIM },
    logLevel: 'error',
  });
  // The pages read their assets next to the module that serves them: in the bundle, next to every chunk.
  const assets = join(dist, 'web', 'ui', 'assets');
  if (existsSync(assets)) cpSync(assets, join(out, 'assets'), { recursive: true });
  return { bundled: true };
}
