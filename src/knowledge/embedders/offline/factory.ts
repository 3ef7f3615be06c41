// The offline TrainableEmbedderFactory: trains on the indexed corpus, serializes, and loads models.

import type { Embedder, TrainableEmbedderFactory } from '../../embedder.js';
import { deserializeModel, modelId, serializeModel } from './model.js';
import { SifEncoder } from './sentence.js';
import { trainModel, type TrainOptions } from './trainer.js';

/** Builds an embedder from model bytes; the id carries a hash of those bytes. */
export function loadOfflineEmbedder(bytes: Uint8Array): Embedder {
  const model = deserializeModel(bytes);
  const encoder = new SifEncoder(model);
  return {
    id: modelId(bytes),
    dimensions: model.dimensions,
    // Queries are short, so an unknown word matters: back off to similar-looking known words.
    embed: async (texts, kind) => texts.map((t) => encoder.encode(t, kind === 'query')),
  };
}

/** Creates an offline factory; options override the training defaults (tests use small dimensions). */
export function createOfflineEmbedderFactory(options: Partial<TrainOptions> = {}): TrainableEmbedderFactory {
  return {
    name: 'offline',
    async train(texts) {
      const model = serializeModel(trainModel(texts, options));
      // The embedder comes from the serialized bytes, so a reloaded model embeds identically.
      return { embedder: loadOfflineEmbedder(model), model };
    },
    load: loadOfflineEmbedder,
  };
}

/** The default offline embedder factory: PPMI + SVD word vectors learned from the corpus, SIF sentences. */
export const offlineEmbedderFactory: TrainableEmbedderFactory = createOfflineEmbedderFactory();
