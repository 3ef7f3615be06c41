// Turns a failure to reach the model into a message safe to show in the chat: what went wrong and what to check, never a key or a stack.
import OpenAI from 'openai';

/** Removes anything that looks like a credential from text a model endpoint sent back. */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  return out.replace(/\b(sk|pk|rk)-[A-Za-z0-9_*-]{6,}/g, '[redacted]').replace(/Bearer\s+\S+/gi, 'Bearer [redacted]').slice(0, 300);
}

/** The endpoint's origin without credentials, for messages ("http://127.0.0.1:11434"). */
export function endpointOf(baseURL?: string): string {
  if (!baseURL) return 'the OpenAI API';
  try { return new URL(baseURL).origin; } catch { return 'the configured endpoint'; }
}

export interface ModelErrorContext {
  model: string;
  baseURL?: string;
  apiKey: string;
}

/** A clear, secret-free sentence for the chat; `null` when the error is not the model endpoint's (a bug: log it). */
export function describeModelError(err: unknown, c: ModelErrorContext): string | null {
  const where = endpointOf(c.baseURL);
  if (err instanceof OpenAI.APIConnectionTimeoutError) return `The model endpoint at ${where} did not answer in time. Try again, or check that the model server is healthy.`;
  if (err instanceof OpenAI.APIConnectionError) return `The model endpoint at ${where} could not be reached. Check OPENAI_BASE_URL and that the model server is running.`;
  if (err instanceof OpenAI.AuthenticationError) return `The model endpoint at ${where} rejected the API key (HTTP 401). Check OPENAI_API_KEY.`;
  if (err instanceof OpenAI.PermissionDeniedError) return `The model endpoint at ${where} refused access (HTTP 403). Check that the API key may use model ${c.model}.`;
  if (err instanceof OpenAI.NotFoundError) return `The model endpoint at ${where} does not know model "${c.model}" (HTTP 404). Check WARDEN_CHAT_MODEL and OPENAI_BASE_URL.`;
  if (err instanceof OpenAI.RateLimitError) return `The model endpoint at ${where} is rate limiting requests (HTTP 429). Wait a moment and try again.`;
  if (err instanceof OpenAI.APIError && err.status !== undefined && err.status >= 400 && err.status < 500) {
    return `The model endpoint at ${where} refused the request (HTTP ${err.status}): ${scrubSecrets(err.message, [c.apiKey])}. Check that model "${c.model}" supports tool calling.`;
  }
  if (err instanceof OpenAI.APIError && err.status !== undefined) return `The model endpoint at ${where} failed (HTTP ${err.status}). Try again later.`;
  if (err instanceof OpenAI.OpenAIError) return `The model endpoint at ${where} sent an answer the assistant could not read. Check that it is OpenAI-compatible.`;
  return null;
}

/** What an unconfigured assistant says. */
export const NOT_CONFIGURED =
  'The assistant has no model configured. Set OPENAI_API_KEY (any value for local servers), WARDEN_CHAT_MODEL (e.g. gpt-4.1-mini, or llama3.1 on Ollama) ' +
  'and, for a server other than OpenAI, OPENAI_BASE_URL (e.g. http://localhost:11434/v1 for Ollama or your Azure/vLLM endpoint), then restart Warden.';
