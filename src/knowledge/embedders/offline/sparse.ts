// A compressed sparse row (CSR) matrix of float32 values and its products with dense row-major blocks.

export interface Csr {
  readonly rows: number;
  readonly cols: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: Float32Array;
}

/** Y (rows × k) = A · X, where X is (cols × k) row-major. */
export function csrTimesDense(a: Csr, x: Float32Array, k: number): Float32Array {
  const y = new Float32Array(a.rows * k);
  const acc = new Float64Array(k);
  for (let i = 0; i < a.rows; i++) {
    acc.fill(0);
    for (let p = a.rowPtr[i]!; p < a.rowPtr[i + 1]!; p++) {
      const v = a.values[p]!;
      const off = a.colIdx[p]! * k;
      for (let c = 0; c < k; c++) acc[c]! += v * x[off + c]!;
    }
    y.set(acc, i * k);
  }
  return y;
}

/** Y (cols × k) = Aᵀ · X, where X is (rows × k) row-major. */
export function csrTransposeTimesDense(a: Csr, x: Float32Array, k: number): Float32Array {
  const y = new Float64Array(a.cols * k);
  for (let i = 0; i < a.rows; i++) {
    const xoff = i * k;
    for (let p = a.rowPtr[i]!; p < a.rowPtr[i + 1]!; p++) {
      const v = a.values[p]!;
      const off = a.colIdx[p]! * k;
      for (let c = 0; c < k; c++) y[off + c]! += v * x[xoff + c]!;
    }
  }
  return Float32Array.from(y);
}
