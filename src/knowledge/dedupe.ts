// Near-duplicate detection for passages: Jaccard similarity of word 4-shingles.
import { tokenize } from './tokenize.js';

/** The set of 4-word shingles of a text (the words themselves for very short texts). */
export function shingles(text: string, k = 4): Set<string> {
  const words = tokenize(text);
  if (words.length < k) return new Set(words);
  const out = new Set<string>();
  for (let i = 0; i + k <= words.length; i++) out.add(words.slice(i, i + k).join(' '));
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Passages at least this similar are the same passage (copied pages, boilerplate). */
export const NEAR_DUPLICATE = 0.8;
