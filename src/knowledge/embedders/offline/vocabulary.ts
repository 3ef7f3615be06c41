// The training vocabulary: stems counted over the corpus, rare ones dropped, capped by frequency.

export interface Vocabulary {
  readonly words: string[];
  readonly index: Map<string, number>;
  /** Corpus counts, aligned with `words`. */
  readonly counts: Float64Array;
  readonly totalTokens: number;
}

export interface VocabularyOptions {
  minCount: number;
  maxSize: number;
}

/** Builds the vocabulary from tokenized texts; ties break alphabetically so the result is deterministic. */
export function buildVocabulary(docs: string[][], { minCount, maxSize }: VocabularyOptions): Vocabulary {
  const freq = new Map<string, number>();
  let totalTokens = 0;
  for (const doc of docs) {
    for (const t of doc) freq.set(t, (freq.get(t) ?? 0) + 1);
    totalTokens += doc.length;
  }
  const kept = [...freq].filter(([, c]) => c >= minCount);
  kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const top = kept.slice(0, maxSize);
  const words = top.map(([w]) => w);
  const counts = Float64Array.from(top.map(([, c]) => c));
  return { words, index: new Map(words.map((w, i) => [w, i])), counts, totalTokens };
}

/** Maps a token list to vocabulary ids, dropping unknown tokens. */
export function toIds(tokens: string[], index: Map<string, number>): Int32Array {
  const ids: number[] = [];
  for (const t of tokens) {
    const id = index.get(t);
    if (id !== undefined) ids.push(id);
  }
  return Int32Array.from(ids);
}
