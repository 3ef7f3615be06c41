// The trained offline model and its compact binary form (int8 vectors with a float32 scale per word).

import { createHash } from 'node:crypto';

export const MODEL_FORMAT = 'offline-ppmi-svd-v1';
const MAGIC = 0x31455057; // "WPE1", little-endian

export interface OfflineModel {
  readonly dimensions: number;
  readonly words: readonly string[];
  /** SIF weight a / (a + p(w)) per word. */
  readonly weights: Float32Array;
  /** Unit-length word vectors, words × dimensions, row-major. */
  readonly vectors: Float32Array;
  /** First principal component of the training texts' embeddings, removed from every embedding. */
  readonly pc: Float32Array;
  /** Weight given to a word found only through sub-word back-off. */
  readonly oovWeight: number;
}

/** Serializes a model to bytes; vectors are quantized to int8 per row. */
export function serializeModel(m: OfflineModel): Uint8Array {
  const words = new TextEncoder().encode(m.words.join('\n'));
  const header = new TextEncoder().encode(
    JSON.stringify({ format: MODEL_FORMAT, dimensions: m.dimensions, vocab: m.words.length, oovWeight: m.oovWeight }),
  );
  const v = m.words.length;
  const d = m.dimensions;
  const floats = new Float32Array(v + v + d); // weights, scales, pc
  floats.set(m.weights, 0);
  floats.set(m.pc, 2 * v);
  const q = new Int8Array(v * d);
  for (let w = 0; w < v; w++) {
    let max = 0;
    for (let c = 0; c < d; c++) max = Math.max(max, Math.abs(m.vectors[w * d + c]!));
    const scale = max / 127 || 1;
    floats[v + w] = scale;
    for (let c = 0; c < d; c++) q[w * d + c] = Math.round(m.vectors[w * d + c]! / scale);
  }
  const size = 12 + header.length + words.length;
  const pad = (4 - (size % 4)) % 4;
  const out = new Uint8Array(size + pad + floats.byteLength + q.byteLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.length, true);
  view.setUint32(8, words.length, true);
  out.set(header, 12);
  out.set(words, 12 + header.length);
  out.set(new Uint8Array(floats.buffer), size + pad);
  out.set(new Uint8Array(q.buffer), size + pad + floats.byteLength);
  return out;
}

/** Reads a model written by `serializeModel`; throws on foreign or truncated bytes. */
export function deserializeModel(bytes: Uint8Array): OfflineModel {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || view.getUint32(0, true) !== MAGIC) throw new Error('not an offline embedder model');
  const headerLen = view.getUint32(4, true);
  const wordsLen = view.getUint32(8, true);
  const dec = new TextDecoder();
  const header = JSON.parse(dec.decode(bytes.subarray(12, 12 + headerLen))) as {
    format: string; dimensions: number; vocab: number; oovWeight: number;
  };
  if (header.format !== MODEL_FORMAT) throw new Error(`unsupported model format ${header.format}`);
  const text = dec.decode(bytes.subarray(12 + headerLen, 12 + headerLen + wordsLen));
  const words = header.vocab === 0 ? [] : text.split('\n');
  const v = header.vocab;
  const d = header.dimensions;
  const size = 12 + headerLen + wordsLen;
  const start = size + ((4 - (size % 4)) % 4);
  const need = start + (2 * v + d) * 4 + v * d;
  if (words.length !== v || bytes.byteLength < need) throw new Error('truncated offline embedder model');
  // Copy so the views are aligned whatever the caller's buffer offset (Uint8Array's slice: a Node Buffer's
  // own slice is a view into a shared pool, not a copy).
  const copy = (from: number, to: number): ArrayBuffer => Uint8Array.prototype.slice.call(bytes, from, to).buffer as ArrayBuffer;
  const floats = new Float32Array(copy(start, start + (2 * v + d) * 4));
  const q = new Int8Array(copy(start + (2 * v + d) * 4, need));
  const vectors = new Float32Array(v * d);
  for (let w = 0; w < v; w++) {
    const scale = floats[v + w]!;
    for (let c = 0; c < d; c++) vectors[w * d + c] = q[w * d + c]! * scale;
  }
  return {
    dimensions: d, words, oovWeight: header.oovWeight,
    weights: floats.slice(0, v), vectors, pc: floats.slice(2 * v, 2 * v + d),
  };
}

/** A stable id for the model: format plus a SHA-256 prefix of its bytes. */
export function modelId(bytes: Uint8Array): string {
  return `${MODEL_FORMAT}:${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`;
}
