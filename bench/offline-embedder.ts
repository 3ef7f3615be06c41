// Benchmark: training the offline embedder on both handbooks (time, peak RSS, model size, embed throughput).
// Run: npx tsx bench/offline-embedder.ts [folder...]   (default: the handbooks in WARDEN_EVAL_CORPORA)

import { resolve } from 'node:path';
import { HANDBOOK_FOLDERS, handbookCorporaDir } from '../evals/retrieval/corpora.js';
import { collectDocuments } from '../src/knowledge/collect.js';
import { passageText } from '../src/knowledge/indexer.js';
import { offlineEmbedderFactory } from '../src/knowledge/embedders/offline/index.js';

const folders = process.argv.length > 2
  ? process.argv.slice(2)
  : HANDBOOK_FOLDERS.map((f) => resolve(handbookCorporaDir(), f));

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const { docs } = await collectDocuments(folders, { audienceOf: () => 'public' });
const texts = docs.flatMap((d) => d.chunks.map((c) => passageText(d.doc.title, c.heading, c.text)));
const chars = texts.reduce((n, t) => n + t.length, 0);
const rssBefore = process.memoryUsage().rss;

const t0 = performance.now();
const { embedder, model } = await offlineEmbedderFactory.train(texts);
const trainMs = performance.now() - t0;

const t1 = performance.now();
await embedder.embed(texts, 'document');
const embedMs = performance.now() - t1;

const queries = ['how do I get reimbursed for travel', 'expense claims for trips', 'who approves admin access', 'lost my phone'];
const t2 = performance.now();
for (let i = 0; i < 250; i++) await embedder.embed([queries[i % queries.length]!], 'query');
const queryMs = (performance.now() - t2) / 250;

console.log(`corpus           ${docs.length} files, ${texts.length} chunks, ${(chars / 1e6).toFixed(1)} M chars`);
console.log(`train            ${(trainMs / 1000).toFixed(1)} s  (${embedder.id}, ${embedder.dimensions} dims)`);
console.log(`model            ${(model.length / 1024).toFixed(0)} KiB`);
console.log(`embed documents  ${(embedMs / 1000).toFixed(1)} s  (${(texts.length / (embedMs / 1000)).toFixed(0)} chunks/s)`);
console.log(`embed one query  ${queryMs.toFixed(2)} ms`);
console.log(`RSS              before training ${mb(rssBefore)}, peak ${mb(process.resourceUsage().maxRSS * 1024)}`);
