// Stand-in offline embedder: feature-hashed TF-IDF over word stems, with IDF fitted on the corpus.
import { createHash } from 'node:crypto';
import type { Embedder, TrainableEmbedderFactory } from '../embedder.js';
import { tokenize } from '../tokenize.js';

const VERSION = 'hashing-tfidf-v1';

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return h >>> 0;
}

function vectorize(text: string, idf: Float32Array): Float32Array {
  const dims = idf.length;
  const tf = new Map<number, number>();
  for (const t of tokenize(text)) { const h = fnv1a(t); tf.set(h, (tf.get(h) ?? 0) + 1); }
  const v = new Float32Array(dims);
  for (const [h, n] of tf) {
    const b = h % dims;
    v[b]! += ((h >>> 31) & 1 ? -1 : 1) * (1 + Math.log(n)) * idf[b]!;
  }
  let norm = 0;
  for (const x of v) norm += x * x;
  // A vector of zeros has no cosine; a tiny constant keeps stores and distance maths well-defined.
  if (norm === 0) { v[0] = 1e-6; return v; }
  const inv = 1 / Math.sqrt(norm);
  for (let i = 0; i < dims; i++) v[i]! *= inv;
  return v;
}

function makeEmbedder(idf: Float32Array, model: Uint8Array): Embedder {
  const hash = createHash('sha256').update(model).digest('hex').slice(0, 12);
  return {
    id: `${VERSION}:d${idf.length}:${hash}`,
    dimensions: idf.length,
    embed: async (texts) => texts.map((t) => vectorize(t, idf)),
  };
}

/** Feature-hashed TF-IDF; `dimensions` buckets (default 1024). */
export function hashingEmbedderFactory(opts: { dimensions?: number } = {}): TrainableEmbedderFactory {
  const dims = opts.dimensions ?? 1024;
  const load = (model: Uint8Array): Embedder => {
    const copy = new Uint8Array(model); // aligned copy for the Float32Array view
    const idf = new Float32Array(copy.buffer, 0, Math.floor(copy.byteLength / 4));
    if (idf.length === 0) throw new Error('hashing embedder: empty model');
    return makeEmbedder(idf, copy);
  };
  return {
    name: 'hashing',
    load,
    async train(texts) {
      const df = new Float64Array(dims);
      for (const t of texts) for (const b of new Set(tokenize(t).map((w) => fnv1a(w) % dims))) df[b]! += 1;
      const idf = new Float32Array(dims);
      for (let i = 0; i < dims; i++) idf[i] = Math.log((texts.length + 1) / (df[i]! + 1)) + 1;
      const model = new Uint8Array(idf.buffer.slice(0));
      return { embedder: makeEmbedder(idf, model), model };
    },
  };
}
