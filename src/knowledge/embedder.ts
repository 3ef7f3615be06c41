// The embedder contract shared by the index pipeline and every embedder (hashing, offline, OpenAI).

/** Turns texts into vectors. `id` names the embedder and its parameters (recorded in the index; mixing is refused). */
export interface Embedder {
  /** e.g. 'offline-ppmi-svd-v1:<modelHash>' or 'openai:text-embedding-3-small'. */
  readonly id: string;
  readonly dimensions: number;
  embed(texts: string[], kind: 'document' | 'query'): Promise<Float32Array[]>;
}

/** An embedder that must be fitted on the corpus before use (the offline one). */
export interface TrainableEmbedderFactory {
  /** e.g. 'offline'. */
  readonly name: string;
  /** Fit on all chunk texts of the corpus; returns the embedder and a serializable model. */
  train(texts: string[]): Promise<{ embedder: Embedder; model: Uint8Array }>;
  load(model: Uint8Array): Embedder;
}
