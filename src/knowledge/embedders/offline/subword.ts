// Sub-word back-off: an unknown word borrows the vectors of known words sharing most character trigrams.

export interface SubwordMatch {
  id: number;
  similarity: number;
}

function trigrams(word: string): string[] {
  const w = `<${word}>`;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= w.length; i++) out.add(w.slice(i, i + 3));
  return [...out];
}

/** An index from character trigrams to vocabulary ids, queried by Dice similarity. */
export class SubwordIndex {
  private readonly postings = new Map<string, number[]>();
  private readonly sizes: Int32Array;

  constructor(words: readonly string[]) {
    this.sizes = new Int32Array(words.length);
    words.forEach((word, id) => {
      const grams = trigrams(word);
      this.sizes[id] = grams.length;
      for (const g of grams) {
        const list = this.postings.get(g);
        if (list) list.push(id);
        else this.postings.set(g, [id]);
      }
    });
  }

  /** Known words most similar to `word` (Dice ≥ minSimilarity), best first. */
  nearest(word: string, limit = 3, minSimilarity = 0.5): SubwordMatch[] {
    if (word.length < 4) return [];
    const grams = trigrams(word);
    const shared = new Map<number, number>();
    for (const g of grams) for (const id of this.postings.get(g) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    const out: SubwordMatch[] = [];
    for (const [id, n] of shared) {
      const similarity = (2 * n) / (grams.length + this.sizes[id]!);
      if (similarity >= minSimilarity) out.push({ id, similarity });
    }
    out.sort((a, b) => b.similarity - a.similarity || a.id - b.id);
    return out.slice(0, limit);
  }
}
