// Fire-and-forget JSON POST to a webhook with retries and backoff (the notifier's delivery rules); never throws.
import type { Logger } from 'pino';

export interface WebhookPost {
  url: string;
  body: unknown;
  log: Logger;
  what: string;
  attempts?: number;
  baseDelayMs?: number;
  fetch?: typeof fetch;
}

/** Retries 5xx, 429 and network errors with exponential backoff; a 4xx is final. Returns the delivery promise (for tests). */
export function postWebhook(p: WebhookPost): Promise<boolean> {
  const attempts = p.attempts ?? 4;
  const base = p.baseDelayMs ?? 500;
  const doFetch = p.fetch ?? fetch;
  const body = JSON.stringify(p.body);
  return (async () => {
    for (let i = 1; i <= attempts; i++) {
      try {
        const res = await doFetch(p.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
          signal: AbortSignal.timeout(5_000),
        });
        if (res.ok) return true;
        if (res.status < 500 && res.status !== 429) {
          p.log.warn(
            { what: p.what, status: res.status },
            'alert webhook refused the message; it stays in the audit log',
          );
          return false;
        }
      } catch {
        /* retried */
      }
      if (i < attempts) await new Promise((r) => setTimeout(r, base * 2 ** (i - 1)));
    }
    p.log.warn({ what: p.what }, 'alert webhook not delivered after retries; it stays in the audit log');
    return false;
  })();
}
