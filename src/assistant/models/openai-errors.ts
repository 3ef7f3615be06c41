// Turns an OpenAI client error into a message safe to show in the chat: what went wrong and what to check, never a key or a stack.
import OpenAI from 'openai';
import { endpointOf, scrubSecrets } from '../model-errors.js';

export interface ModelErrorContext {
  model: string;
  baseURL?: string;
  apiKey: string;
}

/** A clear, secret-free sentence for the chat; `null` when the error is not the model endpoint's (a bug: log it). */
export function describeModelError(err: unknown, c: ModelErrorContext): string | null {
  const where = endpointOf(c.baseURL);
  if (err instanceof OpenAI.APIConnectionTimeoutError)
    return `The model endpoint at ${where} did not answer in time. Try again, or check that the model server is healthy.`;
  if (err instanceof OpenAI.APIConnectionError)
    return `The model endpoint at ${where} could not be reached. Check OPENAI_BASE_URL and that the model server is running.`;
  if (err instanceof OpenAI.AuthenticationError)
    return `The model endpoint at ${where} rejected the API key (HTTP 401). Check OPENAI_API_KEY.`;
  if (err instanceof OpenAI.PermissionDeniedError)
    return `The model endpoint at ${where} refused access (HTTP 403). Check that the API key may use model ${c.model}.`;
  if (err instanceof OpenAI.NotFoundError)
    return `The model endpoint at ${where} does not know model "${c.model}" (HTTP 404). Check WARDEN_CHAT_MODEL and OPENAI_BASE_URL.`;
  if (err instanceof OpenAI.RateLimitError)
    return `The model endpoint at ${where} is rate limiting requests (HTTP 429). Wait a moment and try again.`;
  if (err instanceof OpenAI.APIError && err.status !== undefined && err.status >= 400 && err.status < 500) {
    return `The model endpoint at ${where} refused the request (HTTP ${err.status}): ${scrubSecrets(err.message, [c.apiKey])}. Check that model "${c.model}" supports tool calling.`;
  }
  if (err instanceof OpenAI.APIError && err.status !== undefined)
    return `The model endpoint at ${where} failed (HTTP ${err.status}). Try again later.`;
  if (err instanceof OpenAI.OpenAIError)
    return `The model endpoint at ${where} sent an answer the assistant could not read. Check that it is OpenAI-compatible.`;
  return null;
}
