// Ranking metrics for the retrieval eval: rank of the first expected document, recall@k and MRR.

export interface Scores {
  n: number;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
}

/** 0-based rank of the first expected path among the distinct documents in `paths`, or -1. */
export function firstRelevantRank(paths: string[], expected: string[]): number {
  const docs: string[] = [];
  for (const p of paths) if (!docs.includes(p)) docs.push(p);
  return docs.findIndex((p) => expected.includes(p));
}

/** Aggregates ranks (-1 = not found) into recall@1, recall@5 and mean reciprocal rank. */
export function score(ranks: number[]): Scores {
  const n = ranks.length;
  const frac = (f: (r: number) => boolean): number => (n ? ranks.filter(f).length / n : 0);
  return {
    n,
    recallAt1: frac((r) => r === 0),
    recallAt5: frac((r) => r >= 0 && r < 5),
    mrr: n ? ranks.reduce((s, r) => s + (r >= 0 ? 1 / (r + 1) : 0), 0) / n : 0,
  };
}
