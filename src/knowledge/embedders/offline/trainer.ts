// Fits an offline model on a corpus: tokens -> vocabulary -> co-occurrence -> PPMI -> truncated SVD -> SIF.

import { countCooccurrences } from './cooccurrence.js';
import type { OfflineModel } from './model.js';
import { ppmi } from './ppmi.js';
import { firstPrincipalComponent } from './principal-component.js';
import { averageWordVectors } from './sentence.js';
import { truncatedSvd } from './svd.js';
import { createTokenizer } from './tokenizer.js';
import { buildVocabulary, toIds } from './vocabulary.js';

export interface TrainOptions {
  dimensions: number;
  window: number;
  minCount: number;
  maxVocab: number;
  /** Context-distribution smoothing exponent. */
  alpha: number;
  maxContextsPerWord: number;
  /** Singular-value exponent for word vectors (0.5 = symmetric weighting). */
  eigenWeight: number;
  /** SIF smoothing constant a in a / (a + p(w)). */
  sifA: number;
  powerIterations: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  dimensions: 256, window: 5, minCount: 2, maxVocab: 30_000, alpha: 0.75, maxContextsPerWord: 400,
  eigenWeight: 0.5, sifA: 1e-3, powerIterations: 1, seed: 20_240_611,
};

/** Trains word vectors and sentence-embedding parameters from the texts themselves. */
export function trainModel(texts: string[], options: Partial<TrainOptions> = {}): OfflineModel {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const tokenize = createTokenizer();
  const tokens = texts.map(tokenize);
  const vocab = buildVocabulary(tokens, { minCount: o.minCount, maxSize: o.maxVocab });
  const docs = tokens.map((t) => toIds(t, vocab.index));
  tokens.length = 0;
  const v = vocab.words.length;
  const d = o.dimensions;
  const vectors = new Float32Array(v * d);
  if (v > 1) {
    const counts = countCooccurrences(docs, v, { window: o.window });
    const m = ppmi(counts, { alpha: o.alpha, maxPerRow: o.maxContextsPerWord });
    const svd = truncatedSvd(m, { rank: Math.min(d, v - 1), oversample: 10, powerIterations: o.powerIterations, seed: o.seed });
    const scale = Array.from(svd.singularValues, (s) => Math.pow(s, o.eigenWeight));
    for (let w = 0; w < v; w++) {
      let norm = 0;
      for (let c = 0; c < svd.rank; c++) norm += (svd.u[w * svd.rank + c]! * scale[c]!) ** 2;
      const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let c = 0; c < svd.rank; c++) vectors[w * d + c] = svd.u[w * svd.rank + c]! * scale[c]! * inv;
    }
  }
  const total = Math.max(vocab.totalTokens, 1);
  const weights = Float32Array.from(vocab.counts, (c) => o.sifA / (o.sifA + c / total));
  const sentences = docs.filter((ids) => ids.length > 0).map((ids) => {
    const w = Array.from(ids, (id) => weights[id]!);
    return averageWordVectors(ids, w, vectors, d);
  });
  const pc = firstPrincipalComponent(sentences, d, o.seed);
  return { dimensions: d, words: vocab.words, weights, vectors, pc, oovWeight: 0.5 };
}
