// Small dense linear algebra on row-major arrays: Gram matrices, products, Jacobi eigendecomposition.

/** G (k × k) = Yᵀ·Y for Y (rows × k) row-major, accumulated in float64. */
export function gram(y: Float32Array, rows: number, k: number): Float64Array {
  const g = new Float64Array(k * k);
  for (let r = 0; r < rows; r++) {
    const off = r * k;
    for (let a = 0; a < k; a++) {
      const ya = y[off + a]!;
      if (ya === 0) continue;
      const ga = a * k;
      for (let b = a; b < k; b++) g[ga + b]! += ya * y[off + b]!;
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) g[a * k + b] = g[b * k + a]!;
  return g;
}

/** Y (rows × m) = X (rows × k) · M (k × m), all row-major. */
export function timesSmall(x: Float32Array, rows: number, k: number, m: Float64Array, mCols: number): Float32Array {
  const out = new Float32Array(rows * mCols);
  const acc = new Float64Array(mCols);
  for (let r = 0; r < rows; r++) {
    acc.fill(0);
    const off = r * k;
    for (let a = 0; a < k; a++) {
      const xa = x[off + a]!;
      if (xa === 0) continue;
      const ma = a * mCols;
      for (let c = 0; c < mCols; c++) acc[c]! += xa * m[ma + c]!;
    }
    out.set(acc, r * mCols);
  }
  return out;
}

export { symmetricEigen } from './symmetric-eigen.js';
