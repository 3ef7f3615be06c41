// The embedder contract for vector search: an embedding endpoint (OpenAI, or any OpenAI-compatible server).

/** Turns texts into vectors. `id` names the embedder and its parameters (recorded in the index; mixing is refused). */
export interface Embedder {
  /** e.g. 'openai:text-embedding-3-small' or 'openai:nomic-embed-text@localhost:11434'. */
  readonly id: string;
  readonly dimensions: number;
  embed(texts: string[], kind: 'document' | 'query'): Promise<Float32Array[]>;
}
