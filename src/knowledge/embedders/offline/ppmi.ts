// Positive pointwise mutual information with context-distribution smoothing (Levy et al., 2015).

import type { Csr } from './sparse.js';

export interface PpmiOptions {
  /** Exponent applied to context counts; 0.75 damps PMI's bias towards rare contexts. */
  alpha: number;
  /** Keep at most this many strongest contexts per word, bounding SVD cost. */
  maxPerRow: number;
}

/** Turns co-occurrence counts into a sparse PPMI matrix (negative and zero cells dropped). */
export function ppmi(counts: Csr, { alpha, maxPerRow }: PpmiOptions): Csr {
  const n = counts.rows;
  const rowSum = new Float64Array(n);
  const colSum = new Float64Array(counts.cols);
  for (let i = 0; i < n; i++) {
    for (let p = counts.rowPtr[i]!; p < counts.rowPtr[i + 1]!; p++) {
      rowSum[i]! += counts.values[p]!;
      colSum[counts.colIdx[p]!]! += counts.values[p]!;
    }
  }
  let smoothTotal = 0;
  for (let j = 0; j < colSum.length; j++) {
    colSum[j] = Math.pow(colSum[j]!, alpha);
    smoothTotal += colSum[j]!;
  }
  const rowPtr = new Int32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    const kept: Array<[number, number]> = [];
    for (let p = counts.rowPtr[i]!; p < counts.rowPtr[i + 1]!; p++) {
      const j = counts.colIdx[p]!;
      // PMI = log( P(w,c) / (P(w) · Pα(c)) )
      const pmi = Math.log((counts.values[p]! * smoothTotal) / (rowSum[i]! * colSum[j]!));
      if (pmi > 0) kept.push([j, pmi]);
    }
    if (kept.length > maxPerRow) {
      kept.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      kept.length = maxPerRow;
    }
    kept.sort((a, b) => a[0] - b[0]);
    for (const [j, v] of kept) {
      cols.push(j);
      vals.push(v);
    }
    rowPtr[i + 1] = cols.length;
  }
  return { rows: n, cols: counts.cols, rowPtr, colIdx: Int32Array.from(cols), values: Float32Array.from(vals) };
}
