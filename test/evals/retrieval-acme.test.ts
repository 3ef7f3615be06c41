// CI floor for retrieval on the demo knowledge base: fails when hybrid search regresses.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runRetrievalEval, type EvalResult } from '../../evals/retrieval/run-eval.js';

/** Set just under the measured values (hybrid, offline embedder: R@5 0.90, MRR 0.80 on 20 questions). */
const FLOOR = { hybrid: { recallAt5: 0.85, mrr: 0.77 }, keywordRecallAt5: 0.9 };

describe('retrieval eval: acme knowledge base', () => {
  let dir = '';
  let result: EvalResult;
  afterAll(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

  it('indexes the demo docs with the offline embedder and scores every mode', async () => {
    dir = await mkdtemp(join(tmpdir(), 'warden-acme-eval-'));
    result = await runRetrievalEval('acme', { cacheDir: dir });
    expect(result.questions).toBeGreaterThanOrEqual(20);
    expect(result.index.offline.embedder).toMatch(/^offline-ppmi-svd-v1:[0-9a-f]{16}$/);
    expect(result.modes.map((m) => m.mode)).toEqual(['fts', 'vector', 'hybrid']);
  }, 120_000);

  it(`keeps hybrid recall@5 ≥ ${FLOOR.hybrid.recallAt5} and MRR ≥ ${FLOOR.hybrid.mrr}`, () => {
    const hybrid = result.modes.find((m) => m.mode === 'hybrid')!;
    expect(hybrid.all.recallAt5, JSON.stringify(hybrid.misses)).toBeGreaterThanOrEqual(FLOOR.hybrid.recallAt5);
    expect(hybrid.all.mrr).toBeGreaterThanOrEqual(FLOOR.hybrid.mrr);
    expect(hybrid.keyword.recallAt5).toBeGreaterThanOrEqual(FLOOR.keywordRecallAt5);
  });
});
