// Knowledge benchmark: full-text index of both handbooks (time, peak RSS), incremental re-index, bare search p50/p99.
// Run: LANCEDB_LOG=error npx tsx bench/knowledge.ts --corpora DIR (or WARDEN_EVAL_CORPORA) [--queries 50] [--rounds 3]
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { numberFlag, stringFlag } from './lib/args.js';
import { HANDBOOK_FOLDERS, handbookCorporaDir } from '../evals/retrieval/corpora.js';
import { percentile } from './lib/stats.js';
import { fmt, printTable } from './lib/table.js';

const CORPORA = handbookCorporaDir(stringFlag('corpora'));
const SOURCES = HANDBOOK_FOLDERS.map((f) => join(CORPORA, f));
const QUERIES = [
  'paid parental leave',
  'how do I request time off',
  'travel reimbursement per diem',
  'telework policy',
  'onboarding checklist for new hires',
  'code review guidelines',
  'on-call rotation',
  'incident postmortem',
  'security incident reporting',
  'laptop setup',
  'performance review process',
  'compensation bands',
  'expense reports',
  'hiring process interview loop',
  'engineering career ladder',
  'remote work equipment stipend',
  'slack etiquette',
  'github organization access',
  'password manager',
  'two-factor authentication',
  'accessibility section 508',
  'privacy impact assessment',
  'authority to operate ATO',
  'FedRAMP',
  'agile coaching',
  'user research recruiting',
  'content style guide',
  'product roadmap planning',
  'sales commission plan',
  'customer support escalation',
  'release process',
  'feature flags',
  'monitoring and alerting',
  'database migrations',
  'search ranking',
  'who approves my leave',
  'how do I get paid back for a trip',
  'what happens in my first week',
  'where to ask for help with my computer',
  'how are salaries decided',
  'rules for working from home',
  'what to do when production breaks',
  'how we write documentation',
  'meeting notes template',
  'team offsite planning',
  'conflict of interest ethics',
  'gifts from vendors',
  'holidays and time off calendar',
  'learning and development budget',
  'leaving the company offboarding',
];

const queries = Math.min(QUERIES.length, numberFlag('queries', 50));
const rounds = numberFlag('rounds', 3);
const mb = (kb: number): string => fmt(kb / 1024, 0);

// Work on a private copy: the corpora are read-only, and the incremental step must change a file.
const work = mkdtempSync(join(tmpdir(), 'warden-bench-knowledge-'));
const folders = SOURCES.map((s, i) => {
  const to = join(work, ['18f-handbook', 'sourcegraph-handbook'][i]!);
  cpSync(s, to, { recursive: true });
  return to;
});
const { openKnowledgeBase } = await import('../src/knowledge/index.js');

try {
  const rssBefore = process.resourceUsage().maxRSS;
  const kb = await openKnowledgeBase({ dbDir: join(work, 'db'), embedder: 'offline' });
  const full = await kb.indexFolders(folders);
  const rssPeak = process.resourceUsage().maxRSS;
  const stats = await kb.stats();
  const unchanged = await kb.indexFolders(folders);
  appendFileSync(
    join(folders[0]!, 'travel-and-leave/leave.md'),
    '\n\n## Benchmark note\n\nA line appended by the knowledge benchmark.\n',
  );
  const touched = await kb.indexFolders(folders);

  const lat: Record<string, number[]> = { fts: [] };
  for (const mode of ['fts'] as const) {
    await kb.search(QUERIES[0]!, { limit: 5, audiences: ['public'], mode }); // warm-up
    for (let r = 0; r < rounds; r++) {
      for (const q of QUERIES.slice(0, queries)) {
        const t = performance.now();
        await kb.search(q, { limit: 5, audiences: ['public'], mode });
        lat[mode]!.push(performance.now() - t);
      }
    }
  }
  // The same queries through MCP: an SDK client → Warden's governance path (scope, validate, audit) → search_knowledge.
  const { createTestWarden } = await import('../test/support/harness.js');
  const { connectInProcess, cachedValidator } = await import('../src/mcp/in-process-client.js');
  const w = await createTestWarden({ knowledge: kb });
  const client = await connectInProcess({
    governance: w.governance,
    policy: w.policy,
    principal: { kind: 'agent', clientId: 'claude-desktop', auth: 'api_key' },
    validator: cachedValidator(),
  });
  const mcp: number[] = [];
  await client.callTool('search_knowledge', { query: QUERIES[0]!, limit: 5 });
  for (let r = 0; r < rounds; r++) {
    for (const q of QUERIES.slice(0, queries)) {
      const t = performance.now();
      const res = await client.callTool('search_knowledge', { query: q, limit: 5 });
      if (res.isError) throw new Error(res.text);
      mcp.push(performance.now() - t);
    }
  }
  await client.close();
  await w.close();
  await kb.close();
  const rssEnd = process.resourceUsage().maxRSS;

  printTable(
    'Indexing (full text, no embedder, both handbooks)',
    ['step', 'ms', 'files', 'chunks', 're-indexed files', 'skipped'],
    [
      ['full index', full.ms, full.files, full.chunks, full.embedded, full.skipped.length],
      [
        're-index, nothing changed',
        unchanged.ms,
        unchanged.files,
        unchanged.chunks,
        unchanged.embedded,
        unchanged.skipped.length,
      ],
      [
        're-index, one file touched',
        touched.ms,
        touched.files,
        touched.chunks,
        touched.embedded,
        touched.skipped.length,
      ],
    ],
  );
  console.log(
    `\nembedder ${stats.embedder} (${stats.dimensions} dims); peak RSS ${mb(rssPeak)} MB after indexing (${mb(rssBefore)} MB before; ${mb(rssEnd)} MB after the searches)`,
  );
  const row = (label: string, xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return [label, fmt(percentile(s, 50), 1), fmt(percentile(s, 99), 1), fmt(s.at(-1)!, 1)];
  };
  printTable(
    `Search latency, ${queries} queries × ${rounds} rounds, limit 5`,
    ['path', 'p50 ms', 'p99 ms', 'max ms'],
    [row('bare fts', lat.fts!), row('search_knowledge via MCP (fts)', mcp)],
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
