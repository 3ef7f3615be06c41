// The dominant direction of a set of vectors (uncentred, as in SIF), by power iteration on XᵀX.

import { mulberry32 } from './prng.js';

/** First principal component of `rows` (each of length d); a unit vector, or zeros when there is no data. */
export function firstPrincipalComponent(rows: Float64Array[], d: number, seed: number, iterations = 50): Float32Array {
  const rand = mulberry32(seed);
  let v = Float64Array.from({ length: d }, () => rand() - 0.5);
  for (let it = 0; it < iterations; it++) {
    const next = new Float64Array(d);
    for (const x of rows) {
      let dot = 0;
      for (let c = 0; c < d; c++) dot += x[c]! * v[c]!;
      for (let c = 0; c < d; c++) next[c]! += dot * x[c]!;
    }
    const norm = Math.sqrt(next.reduce((s, a) => s + a * a, 0));
    if (norm < 1e-20) return new Float32Array(d);
    v = next.map((a) => a / norm);
  }
  return Float32Array.from(v);
}
