// Notifications about access requests to a webhook (Slack-compatible payload), retried with backoff. A failure never loses a request.
import type { Logger } from 'pino';
import type { RequestView } from './requests/request-view.js';

export interface NotifierOptions {
  url: string;
  log: Logger;
  /** Link to the request page, e.g. `https://warden.example.com/requests/`. */
  linkBase?: string;
  attempts?: number;
  baseDelayMs?: number;
  fetch?: typeof fetch;
}

type Event = 'created' | 'decided' | 'applied' | 'failed';

const HEADLINE: Record<Event, (v: RequestView) => string> = {
  created: (v) => `Approval needed: ${v.summary}`,
  decided: (v) => `Request ${v.status}: ${v.summary}`,
  applied: (v) => `Applied: ${v.summary}`,
  failed: (v) => `Failed to apply: ${v.summary}${v.failureReason ? ` (${v.failureReason})` : ''}`,
};

/** Slack-compatible message: `text` for simple receivers, `blocks` for Slack. */
export function slackPayload(event: Event, v: RequestView, linkBase?: string) {
  const who = v.approvals
    .map(
      (a) =>
        `${a.step}: ${a.approvedBy.length}/${a.needs}${a.eligible.length ? ` (eligible: ${a.eligible.slice(0, 5).join(', ')})` : ''}`,
    )
    .join('; ');
  const link = linkBase ? `${linkBase.replace(/\/?$/, '/')}${v.id}` : v.id;
  const text = `${HEADLINE[event](v)} — asked by ${v.requester.person ?? v.requester.client}; reason: ${v.reason ?? '-'}; ${who}; ${link}`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${HEADLINE[event](v)}*` } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*Asked by*\n${v.requester.person ?? v.requester.client}` },
          { type: 'mrkdwn', text: `*Reason*\n${v.reason ?? '-'}` },
          { type: 'mrkdwn', text: `*Approvals*\n${who || '-'}` },
          { type: 'mrkdwn', text: `*Request*\n${link}` },
        ],
      },
    ],
    metadata: { event_type: `warden.request.${event}`, event_payload: { id: v.id, status: v.status, rule: v.rule } },
  };
}

/** Returns a fire-and-forget notifier; deliveries retry with exponential backoff and log when they give up. */
export function createWebhookNotifier(opts: NotifierOptions): (event: Event, v: RequestView) => void {
  const attempts = opts.attempts ?? 4;
  const base = opts.baseDelayMs ?? 500;
  const doFetch = opts.fetch ?? fetch;
  return (event, v) => {
    void (async () => {
      const body = JSON.stringify(slackPayload(event, v, opts.linkBase));
      for (let i = 1; i <= attempts; i++) {
        try {
          const res = await doFetch(opts.url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body,
            signal: AbortSignal.timeout(5_000),
          });
          if (res.ok) return;
          if (res.status < 500 && res.status !== 429) throw new Error(`webhook answered ${res.status}`);
        } catch (err) {
          if (i === attempts || /answered 4/.test(String(err))) {
            opts.log.warn(
              { requestId: v.id, event, err: String(err) },
              'request notification not delivered; the request is unaffected',
            );
            return;
          }
        }
        await new Promise((r) => setTimeout(r, base * 2 ** (i - 1)));
      }
      opts.log.warn(
        { requestId: v.id, event },
        'request notification not delivered after retries; the request is unaffected',
      );
    })();
  };
}
