// Windowed, distance-weighted word co-occurrence counts gathered sparsely into a symmetric CSR matrix.

import type { Csr } from './sparse.js';

export interface CooccurrenceOptions {
  /** Words on each side that count as context. */
  window: number;
}

/** Counts co-occurrences within `window` tokens, weighting a pair at distance d by 1/d. */
export function countCooccurrences(docs: Int32Array[], vocabSize: number, { window }: CooccurrenceOptions): Csr {
  const rows: Map<number, number>[] = Array.from({ length: vocabSize }, () => new Map());
  for (const ids of docs) {
    for (let i = 0; i < ids.length; i++) {
      const a = ids[i]!;
      const end = Math.min(ids.length, i + window + 1);
      for (let j = i + 1; j < end; j++) {
        const b = ids[j]!;
        if (a === b) continue;
        const w = 1 / (j - i);
        const ra = rows[a]!;
        ra.set(b, (ra.get(b) ?? 0) + w);
        const rb = rows[b]!;
        rb.set(a, (rb.get(a) ?? 0) + w);
      }
    }
  }
  return toCsr(rows, vocabSize);
}

function toCsr(rows: Map<number, number>[], n: number): Csr {
  const rowPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rowPtr[i + 1] = rowPtr[i]! + rows[i]!.size;
  const nnz = rowPtr[n]!;
  const colIdx = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  for (let i = 0; i < n; i++) {
    const entries = [...rows[i]!].sort((x, y) => x[0] - y[0]);
    let p = rowPtr[i]!;
    for (const [c, v] of entries) {
      colIdx[p] = c;
      values[p++] = v;
    }
    rows[i] = new Map();
  }
  return { rows: n, cols: n, rowPtr, colIdx, values };
}
