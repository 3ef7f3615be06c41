// CI floor for retrieval on the demo knowledge base: fails when the offline default (full-text search) regresses.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runRetrievalEval, type EvalResult } from '../../evals/retrieval/run-eval.js';

/**
 * Set just under the measured values of the offline default, full-text search with multi-word terms: R@5 0.90,
 * MRR 0.77 on 20 questions (issue 11: the offline hybrid measured 0.90 / 0.80 here but did not beat full text
 * on held-out handbook questions, so it was removed and the MRR floor went from 0.77 to 0.75).
 */
const FLOOR = { fts: { recallAt5: 0.85, mrr: 0.75 }, keywordRecallAt5: 0.9 };

describe('retrieval eval: acme knowledge base', () => {
  let dir = '';
  let result: EvalResult;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('indexes the demo docs for full-text search (no embedder) and scores it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'warden-acme-eval-'));
    result = await runRetrievalEval('acme', { cacheDir: dir });
    expect(result.questions).toBeGreaterThanOrEqual(20);
    expect(result.index.offline.embedder).toBe('full-text');
    expect(result.modes.map((m) => m.mode)).toEqual(['fts']);
  }, 120_000);

  it(`keeps full-text recall@5 ≥ ${FLOOR.fts.recallAt5} and MRR ≥ ${FLOOR.fts.mrr}`, () => {
    const fts = result.modes.find((m) => m.mode === 'fts')!;
    expect(fts.all.recallAt5, JSON.stringify(fts.misses)).toBeGreaterThanOrEqual(FLOOR.fts.recallAt5);
    expect(fts.all.mrr).toBeGreaterThanOrEqual(FLOOR.fts.mrr);
    expect(fts.keyword.recallAt5).toBeGreaterThanOrEqual(FLOOR.keywordRecallAt5);
  });
});
