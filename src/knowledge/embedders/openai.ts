// Embeddings from OpenAI or any OpenAI-compatible endpoint (Ollama, vLLM, Azure proxies), batched with retries.
import OpenAI from 'openai';
import { AppError, RateLimitedError, UpstreamUnavailableError } from '../../core/errors.js';
import type { Embedder } from '../embedder.js';

export interface OpenAIEmbedderOptions {
  apiKey: string;
  /** An OpenAI-compatible base URL, e.g. `http://localhost:11434/v1`; default the OpenAI API. */
  baseURL?: string;
  model: string;
  /** Ask the model for shorter vectors (text-embedding-3 models only). */
  dimensions?: number;
  /** Inputs per request (default 96). */
  batchSize?: number;
  /** Retries of failed requests (429, 5xx, connection errors) with backoff; default 4. */
  maxRetries?: number;
  timeoutMs?: number;
  /** Inputs longer than this are cut (embedding models reject inputs over their token limit). */
  maxInputChars?: number;
}

const KNOWN_DIMENSIONS: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

/** The id recorded in the index: the model, and the endpoint when it is not OpenAI's. */
export function openAIEmbedderId(o: Pick<OpenAIEmbedderOptions, 'baseURL' | 'model' | 'dimensions'>): string {
  const host = o.baseURL ? new URL(o.baseURL).host : '';
  const where = host && host !== 'api.openai.com' ? `@${host}` : '';
  return `openai:${o.model}${o.dimensions ? `:d${o.dimensions}` : ''}${where}`;
}

function safeError(e: unknown): AppError {
  if (e instanceof OpenAI.RateLimitError)
    return new RateLimitedError('The embedding service is rate limiting requests.', {
      hint: 'Retry later or lower the indexing rate.',
    });
  if (e instanceof OpenAI.AuthenticationError || e instanceof OpenAI.PermissionDeniedError) {
    return new UpstreamUnavailableError('The embedding service rejected the API key.', {
      hint: 'Check the configured OpenAI API key.',
    });
  }
  if (e instanceof OpenAI.APIError && e.status !== undefined) {
    return new UpstreamUnavailableError(`The embedding service answered with HTTP ${e.status}.`, {
      hint: 'Check the model name and endpoint.',
    });
  }
  return new UpstreamUnavailableError('The embedding service could not be reached.', {
    hint: 'Check the endpoint URL and network.',
  });
}

/** Creates an embedder over the `/embeddings` endpoint; vectors come back in input order. */
export function openAIEmbedder(o: OpenAIEmbedderOptions): Embedder {
  const client = new OpenAI({
    apiKey: o.apiKey,
    baseURL: o.baseURL,
    maxRetries: o.maxRetries ?? 4,
    timeout: o.timeoutMs ?? 60_000,
  });
  const batchSize = o.batchSize ?? 96;
  const maxChars = o.maxInputChars ?? 24_000;
  let dimensions = o.dimensions ?? KNOWN_DIMENSIONS[o.model] ?? 0;
  const embedBatch = async (input: string[]): Promise<Float32Array[]> => {
    let res;
    try {
      res = await client.embeddings.create({
        model: o.model,
        input: input.map((t) => (t.length > maxChars ? t.slice(0, maxChars) : t || ' ')),
        encoding_format: 'float',
        ...(o.dimensions ? { dimensions: o.dimensions } : {}),
      });
    } catch (e) {
      throw safeError(e);
    }
    const out = new Array<Float32Array | undefined>(input.length);
    for (const d of res.data) out[d.index] = Float32Array.from(d.embedding);
    if (out.some((v) => !v))
      throw new UpstreamUnavailableError('The embedding service returned fewer vectors than inputs.');
    return out as Float32Array[];
  };
  return {
    id: openAIEmbedderId(o),
    get dimensions() {
      return dimensions;
    },
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) out.push(...(await embedBatch(texts.slice(i, i + batchSize))));
      const first = out[0];
      if (first) {
        if (dimensions && first.length !== dimensions) {
          throw new UpstreamUnavailableError(
            `The embedding model returned ${first.length} dimensions, expected ${dimensions}.`,
          );
        }
        dimensions = first.length;
      }
      return out;
    },
  };
}
