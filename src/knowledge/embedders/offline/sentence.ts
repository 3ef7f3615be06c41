// Sentence embeddings: SIF-weighted average of word vectors with the common component removed (Arora et al., 2017).

import type { OfflineModel } from './model.js';
import { SubwordIndex, type SubwordMatch } from './subword.js';
import { createTokenizer, type Tokenizer } from './tokenizer.js';

/** Weighted average of word vectors; no principal-component removal, no normalization. */
export function averageWordVectors(
  ids: ArrayLike<number>, weights: ArrayLike<number>, vectors: Float32Array, d: number, out = new Float64Array(d),
): Float64Array {
  out.fill(0);
  for (let i = 0; i < ids.length; i++) {
    const w = weights[i]!;
    const off = ids[i]! * d;
    for (let c = 0; c < d; c++) out[c]! += w * vectors[off + c]!;
  }
  return out;
}

/** Removes the projection on `pc` (unit) and scales to unit length, in place. */
export function finishEmbedding(v: Float64Array, pc: Float32Array): Float32Array {
  const d = v.length;
  let dot = 0;
  for (let c = 0; c < d; c++) dot += v[c]! * pc[c]!;
  let norm = 0;
  for (let c = 0; c < d; c++) {
    v[c]! -= dot * pc[c]!;
    norm += v[c]! ** 2;
  }
  const out = new Float32Array(d);
  if (norm < 1e-20) return out.fill(1 / Math.sqrt(d));
  const inv = 1 / Math.sqrt(norm);
  for (let c = 0; c < d; c++) out[c] = v[c]! * inv;
  return out;
}

/** Turns text into unit vectors with a loaded model; unknown words fall back to similar-looking known words. */
export class SifEncoder {
  private readonly tokenize: Tokenizer = createTokenizer();
  private readonly index: Map<string, number>;
  private subwords?: SubwordIndex;
  private readonly oov = new Map<string, SubwordMatch[]>();

  constructor(private readonly model: OfflineModel) {
    this.index = new Map(model.words.map((w, i) => [w, i]));
  }

  encode(text: string, backoff: boolean): Float32Array {
    const ids: number[] = [];
    const weights: number[] = [];
    for (const token of this.tokenize(text)) {
      const id = this.index.get(token);
      if (id !== undefined) {
        ids.push(id);
        weights.push(this.model.weights[id]!);
      } else if (backoff) {
        for (const m of this.lookupOov(token)) {
          ids.push(m.id);
          weights.push(this.model.oovWeight * m.similarity);
        }
      }
    }
    const d = this.model.dimensions;
    return finishEmbedding(averageWordVectors(ids, weights, this.model.vectors, d), this.model.pc);
  }

  private lookupOov(token: string): SubwordMatch[] {
    let hit = this.oov.get(token);
    if (!hit) {
      this.subwords ??= new SubwordIndex(this.model.words);
      hit = /^[a-z]+$/.test(token) ? this.subwords.nearest(token) : [];
      if (this.oov.size < 100_000) this.oov.set(token, hit);
    }
    return hit;
  }
}
