// Helpers for model error messages that any chat-model adapter uses (no credentials, no stacks), and the unconfigured notice.

/** Removes anything that looks like a credential from text a model endpoint sent back. */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  return out
    .replace(/\b(sk|pk|rk)-[A-Za-z0-9_*-]{6,}/g, '[redacted]')
    .replace(/Bearer\s+\S+/gi, 'Bearer [redacted]')
    .slice(0, 300);
}

/** The endpoint's origin without credentials, for messages ("http://127.0.0.1:11434"). */
export function endpointOf(baseURL?: string): string {
  if (!baseURL) return 'the OpenAI API';
  try {
    return new URL(baseURL).origin;
  } catch {
    return 'the configured endpoint';
  }
}

/** What an unconfigured assistant says. */
export const NOT_CONFIGURED =
  'The assistant has no model configured. Set OPENAI_API_KEY (any value for local servers), WARDEN_CHAT_MODEL (e.g. gpt-4.1-mini, or llama3.1 on Ollama) ' +
  'and, for a server other than OpenAI, OPENAI_BASE_URL (e.g. http://localhost:11434/v1 for Ollama or your Azure/vLLM endpoint), then restart Warden.';
