#!/usr/bin/env node
// Architecture rules for src/ (see the README's "Architecture"): import cycles, vendor SDKs confined to their adapters,
// layers that may not see each other. Run by `npm run lint`. Reads import statements directly: TypeScript 7's native
// compiler has no JavaScript API for a dependency tool to parse with, and Warden's imports are plain ES module syntax.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const SRC = join(ROOT, process.argv[2] ?? 'src');

/** Vendor packages and the only folders (under src/) that may import them. */
const VENDORS = [
  { pkg: /^@okta\//, allowed: ['directory/okta/'], why: 'the Okta SDK stays behind the directory port' },
  { pkg: /^@modelcontextprotocol\//, allowed: ['mcp/'], why: 'only src/mcp/ speaks MCP' },
  { pkg: /^(@lancedb\/|apache-arrow)/, allowed: ['knowledge/'], why: 'LanceDB stays in the knowledge adapter' },
  {
    pkg: /^openai(\/|$)/,
    allowed: ['assistant/models/', 'knowledge/embedders/'],
    why: 'the OpenAI client lives behind the chat-model and embedder ports',
  },
  { pkg: /^(pg|better-sqlite3)(\/|$)/, allowed: ['store/'], why: 'database drivers stay behind the Store port' },
  {
    pkg: /^(scimmy|scimmy-routers)(\/|$)/,
    allowed: ['connectors/'],
    why: 'SCIM libraries stay in the connector adapters',
  },
  { pkg: /^openid-client(\/|$)/, allowed: ['web/session/'], why: 'the OIDC client stays in web sign-in' },
];

/** Layers: files under `from` may import (relative) only files under one of `only`, or never under `never`. */
const LAYERS = [
  { from: 'core/', only: ['core/'], why: 'core/ holds types and ports and depends on no other layer' },
  {
    from: 'tools/',
    only: ['core/', 'tools/'],
    why: 'a tool sees the world through its context: core and tools/shared only',
  },
  { from: 'web/', never: ['mcp/'], why: 'the web app and MCP are siblings mounted by the composition root' },
  { from: 'policies/decide.ts', only: ['policies/', 'core/'], why: 'decide() is pure' },
];

/** Files whose whole import closure must be free of Node built-ins (pure and portable). */
const PURE = ['policies/decide.ts'];

const IMPORT =
  /(?:^|[;\s])(import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? walk(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Each import of a file: specifier, whether it is type-only (erased at build), and the resolved src file if relative. */
function importsOf(file) {
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const out = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[3] ?? m[4];
    const typeOnly = !!m[2];
    let target;
    if (spec.startsWith('.')) {
      const base = resolve(dirname(file), spec).replace(/\.js$/, '');
      target = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((c) => existsSync(c));
    }
    out.push({ spec, typeOnly, target });
  }
  return out;
}

const files = walk(SRC);
const rel = (f) => relative(SRC, f).split('\\').join('/');
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const errors = [];

for (const [file, imports] of graph) {
  const from = rel(file);
  for (const imp of imports) {
    if (imp.spec.startsWith('.') && !imp.target) errors.push(`${from}: cannot resolve '${imp.spec}'`);
    const vendor = VENDORS.find((v) => v.pkg.test(imp.spec));
    if (vendor && !vendor.allowed.some((a) => from.startsWith(a)))
      errors.push(`${from}: imports ${imp.spec} (${vendor.why}; allowed in ${vendor.allowed.join(', ')})`);
    if (!imp.target) continue;
    const to = rel(imp.target);
    for (const l of LAYERS) {
      if (!from.startsWith(l.from)) continue;
      if (l.only && !l.only.some((o) => to.startsWith(o))) errors.push(`${from}: imports ${to} (${l.why})`);
      if (l.never?.some((n) => to.startsWith(n))) errors.push(`${from}: imports ${to} (${l.why})`);
    }
  }
}

// Purity: nothing reachable from a pure file (through value imports) imports a Node built-in.
for (const start of PURE) {
  const seen = new Set();
  const stack = [join(SRC, start)];
  while (stack.length) {
    const f = stack.pop();
    if (seen.has(f) || !graph.has(f)) continue;
    seen.add(f);
    for (const imp of graph.get(f)) {
      if (imp.typeOnly) continue;
      if (
        /^node:|^(fs|path|crypto|os|child_process|net|http|https|url|util|stream|events|worker_threads|zlib)$/.test(
          imp.spec,
        )
      )
        errors.push(`${rel(f)}: imports ${imp.spec}, reachable from ${start} (decide() must stay pure)`);
      if (imp.target) stack.push(imp.target);
    }
  }
}

// Cycles among value imports (type-only imports are erased and cannot cycle at run time): Tarjan's SCCs.
let index = 0;
const idx = new Map(),
  low = new Map(),
  onStack = new Set(),
  stack = [];
function strong(v) {
  idx.set(v, index);
  low.set(v, index);
  index++;
  stack.push(v);
  onStack.add(v);
  for (const imp of graph.get(v) ?? []) {
    const w = imp.target;
    if (!w || imp.typeOnly) continue;
    if (!idx.has(w)) {
      strong(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const comp = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      comp.push(w);
    } while (w !== v);
    if (comp.length > 1) errors.push(`import cycle: ${comp.map(rel).sort().join(' -> ')}`);
  }
}
for (const f of files) if (!idx.has(f)) strong(f);

if (errors.length) {
  console.error(
    `check-boundaries: ${errors.length} violation(s) in ${files.length} files\n${errors.map((e) => `  ${e}`).join('\n')}`,
  );
  process.exit(1);
}
console.log(`check-boundaries: ${files.length} files, no violations`);
