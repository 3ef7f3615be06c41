// Which embedder the knowledge base is configured with, and whether an existing index was built by it.
import { ConflictError } from '../core/errors.js';
import type { Embedder, TrainableEmbedderFactory } from './embedder.js';
import type { IndexMeta } from './index-meta.js';

export type EmbedderChoice =
  | { kind: 'remote'; name: string; embedder: Embedder }
  | { kind: 'trainable'; factory: TrainableEmbedderFactory };

/** A short description of the configured embedder, for messages. */
export const describeChoice = (c: EmbedderChoice): string => (c.kind === 'remote' ? c.embedder.id : `${c.factory.name} (trained on the corpus)`);

/** True when vectors in an index with `meta` can be compared with vectors from `choice`. */
export function compatible(meta: IndexMeta, choice: EmbedderChoice): boolean {
  if (choice.kind === 'remote') return meta.embedder.kind === 'remote' && meta.embedder.id === choice.embedder.id;
  return meta.embedder.kind === 'trainable' && meta.embedder.name === choice.factory.name;
}

/** The error for an index built by another embedder: safe to show a model (no paths). */
export function mismatchError(meta: IndexMeta, choice: EmbedderChoice): ConflictError {
  return new ConflictError(
    `The knowledge index was built with embedder "${meta.embedder.id}", but Warden is configured to use "${describeChoice(choice)}". Vectors from different embedders cannot be mixed.`,
    {
      hint: 'Re-index with `warden knowledge index --rebuild <folder>...`, or configure the embedder the index was built with.',
      details: { indexEmbedder: meta.embedder.id, configuredEmbedder: describeChoice(choice) },
    },
  );
}
