// Which embedder the knowledge base is configured with (none: full-text only), and whether an index fits it.
import { ConflictError } from '../core/errors.js';
import type { Embedder } from './embedder.js';
import type { IndexMeta } from './index-meta.js';

export type EmbedderChoice = { kind: 'remote'; name: string; embedder: Embedder } | { kind: 'none' };

/** A short description of the configured embedder, for messages. */
export const describeChoice = (c: EmbedderChoice): string =>
  c.kind === 'remote' ? c.embedder.id : 'full-text search only (no embedding endpoint)';

/** The id an index built without vectors records. */
export const FULL_TEXT_ID = 'full-text';

/**
 * True when an index with `meta` can be searched with `choice`. Every index has the full-text index, so a
 * knowledge base without an embedder searches any of them; vectors can only be compared with the same embedder's.
 */
export function searchable(meta: IndexMeta, choice: EmbedderChoice): boolean {
  if (choice.kind === 'none') return true;
  return meta.embedder.kind === 'remote' && meta.embedder.id === choice.embedder.id;
}

/**
 * How an index with `meta` may be updated with `choice`: incrementally, rebuilt from scratch (an index of the
 * removed offline embedder: its vectors are dropped), or only after `--rebuild` (vectors someone paid for).
 */
export function updatable(meta: IndexMeta, choice: EmbedderChoice): 'incremental' | 'rebuild' | 'conflict' {
  if (choice.kind === 'none') {
    return meta.embedder.kind === 'none' ? 'incremental' : meta.embedder.kind === 'trainable' ? 'rebuild' : 'conflict';
  }
  return searchable(meta, choice) ? 'incremental' : 'conflict';
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
