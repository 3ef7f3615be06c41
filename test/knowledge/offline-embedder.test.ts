// The offline embedder: deterministic training, lossless reload, and vectors that put related words together.

import { describe, expect, it } from 'vitest';
import { createOfflineEmbedderFactory } from '../../src/knowledge/embedders/offline/index.js';
import { mulberry32 } from '../../src/knowledge/embedders/offline/prng.js';

/** Two topics whose synonyms never co-occur with each other, only with shared context words. */
function syntheticCorpus(n = 400, seed = 7): string[] {
  const rand = mulberry32(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const topics = [
    { heads: ['car', 'automobile'], context: ['drive', 'road', 'wheel', 'engine', 'garage', 'fuel', 'highway'] },
    { heads: ['banana', 'mango'], context: ['eat', 'sweet', 'ripe', 'peel', 'fruit', 'juice', 'breakfast'] },
    { heads: ['invoice', 'bill'], context: ['pay', 'amount', 'due', 'finance', 'vendor', 'approve', 'ledger'] },
  ];
  return Array.from({ length: n }, () => {
    const t = pick(topics);
    const words = Array.from({ length: 12 }, (_, i) => (i % 4 === 0 ? pick(t.heads) : pick(t.context)));
    return words.join(' ') + '.';
  });
}

const cos = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);
const factory = createOfflineEmbedderFactory({ dimensions: 16 });

describe('offline embedder', () => {
  it('trains deterministically: same corpus, same model bytes and id', async () => {
    const a = await factory.train(syntheticCorpus());
    const b = await factory.train(syntheticCorpus());
    expect(Buffer.from(a.model).equals(Buffer.from(b.model))).toBe(true);
    expect(a.embedder.id).toBe(b.embedder.id);
    expect(a.embedder.id).toMatch(/^offline-ppmi-svd-v1:[0-9a-f]{16}$/);
    const other = await factory.train(syntheticCorpus(400, 8));
    expect(other.embedder.id).not.toBe(a.embedder.id);
  });

  it('reloads a serialized model into an embedder with identical vectors', async () => {
    const { embedder, model } = await factory.train(syntheticCorpus());
    const copy = new Uint8Array(model.length + 3).subarray(3); // unaligned on purpose
    copy.set(model);
    const loaded = factory.load(copy);
    expect(loaded.id).toBe(embedder.id);
    expect(loaded.dimensions).toBe(16);
    const texts = ['drive the car on the road', 'a ripe mango for breakfast', 'automobiles'];
    for (const kind of ['document', 'query'] as const) {
      expect(await loaded.embed(texts, kind)).toEqual(await embedder.embed(texts, kind));
    }
    // A Node Buffer from readFile: its slice() is a view into a shared pool, which must not be read as the model.
    const pooled = Buffer.concat([Buffer.from('xyz'), Buffer.from(model)]).subarray(3);
    expect(await factory.load(pooled).embed(texts, 'query')).toEqual(await embedder.embed(texts, 'query'));
  });

  it('puts related words closer than unrelated ones, and returns unit vectors', async () => {
    const { embedder } = await factory.train(syntheticCorpus());
    const [car, automobile, banana, mango, invoice] = await embedder.embed(['car', 'automobile', 'banana', 'mango', 'invoice'], 'query');
    expect(cos(car!, automobile!)).toBeGreaterThan(cos(car!, banana!) + 0.3);
    expect(cos(banana!, mango!)).toBeGreaterThan(cos(banana!, invoice!) + 0.3);
    for (const v of [car!, banana!]) expect(Math.hypot(...v)).toBeCloseTo(1, 4);
  });

  it('backs off to similar-looking known words for an unknown query word', async () => {
    const { embedder } = await factory.train(syntheticCorpus());
    const [typo, car, banana] = await embedder.embed(['automobil', 'car', 'banana'], 'query');
    expect(cos(typo!, car!)).toBeGreaterThan(cos(typo!, banana!));
  });

  it('rejects bytes that are not a model', () => {
    expect(() => factory.load(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))).toThrow(/not an offline embedder model/);
  });

  it('copes with an empty corpus and empty texts', async () => {
    const { embedder } = await factory.train([]);
    const [v] = await embedder.embed([''], 'query');
    expect(v).toHaveLength(16);
    expect(v!.every(Number.isFinite)).toBe(true);
  });
});
