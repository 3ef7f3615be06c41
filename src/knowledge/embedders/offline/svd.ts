// Truncated SVD of a sparse matrix by a randomized range finder with power iterations (Halko et al., 2011).

import { gram, symmetricEigen, timesSmall } from './dense.js';
import { fillGaussian } from './prng.js';
import { csrTimesDense, csrTransposeTimesDense, type Csr } from './sparse.js';

export interface SvdOptions {
  rank: number;
  oversample: number;
  powerIterations: number;
  seed: number;
}

export interface TruncatedSvd {
  /** Left singular vectors, rows × rank, row-major. */
  u: Float32Array;
  singularValues: Float64Array;
  rank: number;
}

/** Orthonormalizes the columns of Y through the eigenvectors of YᵀY, dropping numerically null directions. */
function orthonormalize(y: Float32Array, rows: number, k: number): { q: Float32Array; k: number } {
  const { values, vectors } = symmetricEigen(gram(y, rows, k), k);
  const keep = values.filter((v) => v > values[0]! * 1e-10).length;
  const m = new Float64Array(k * keep);
  for (let a = 0; a < k; a++) {
    for (let c = 0; c < keep; c++) m[a * keep + c] = vectors[a * k + c]! / Math.sqrt(values[c]!);
  }
  return { q: timesSmall(y, rows, k, m, keep), k: keep };
}

/** Computes the top `rank` left singular vectors and values of A. */
export function truncatedSvd(a: Csr, { rank, oversample, powerIterations, seed }: SvdOptions): TruncatedSvd {
  let l = Math.min(rank + oversample, a.rows, a.cols);
  const omega = fillGaussian(new Float32Array(a.cols * l), seed);
  let { q, k } = orthonormalize(csrTimesDense(a, omega, l), a.rows, l);
  l = k;
  // Power iterations sharpen the spectrum. Only A·Z is re-orthonormalized: AᵀQ keeps the conditioning of A,
  // which float32 holds comfortably for the few iterations used here, and each orthonormalization costs ~V·l².
  for (let it = 0; it < powerIterations; it++) {
    ({ q, k: l } = orthonormalize(csrTimesDense(a, csrTransposeTimesDense(a, q, l), l), a.rows, l));
  }
  // B = Qᵀ·A; its left singular vectors come from B·Bᵀ = (AᵀQ)ᵀ(AᵀQ).
  const z = csrTransposeTimesDense(a, q, l);
  const { values, vectors } = symmetricEigen(gram(z, a.cols, l), l);
  const r = Math.min(rank, l);
  const sel = new Float64Array(l * r);
  for (let i = 0; i < l; i++) for (let c = 0; c < r; c++) sel[i * r + c] = vectors[i * l + c]!;
  const singularValues = Float64Array.from(values.subarray(0, r), (v) => Math.sqrt(Math.max(v, 0)));
  return { u: timesSmall(q, a.rows, l, sel, r), singularValues, rank: r };
}
