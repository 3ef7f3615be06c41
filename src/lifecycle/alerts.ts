// Drift/risk alerts and lifecycle notices: one audit record each, and a Slack-compatible webhook post when configured.
import type { Logger } from 'pino';
import type { AuditSink } from '../governance/types.js';
import { postWebhook } from './webhook-post.js';

export interface Alert {
  /** e.g. `drift.unapproved-membership`, `risk.admin-role-granted`, `lifecycle.mover`. */
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  /** What happened, in one sentence. */
  what: string;
  /** Who did it (actor login or source). */
  who: string;
  /** Login (or id) of the person it is about. */
  subject?: string;
  /** What Warden suggests; `tool`+`input` is a prefilled request a person can file in one step. */
  suggestion: { text: string; tool?: string; input?: Record<string, unknown> };
  /** People to mention (e.g. the new manager). */
  recipients?: string[];
  /** The directory event behind it. */
  eventId?: string;
}

export interface AlertSink {
  raise(alert: Alert): Promise<void>;
}

const ICON = { info: ':information_source:', warning: ':warning:', critical: ':rotating_light:' } as const;

/** Slack-compatible message: `text` for simple receivers, `blocks` for Slack. */
export function alertPayload(a: Alert) {
  const prefilled = a.suggestion.tool ? `\n\`${a.suggestion.tool} ${JSON.stringify(a.suggestion.input ?? {})}\`` : '';
  const cc = a.recipients?.length ? ` (cc ${a.recipients.join(', ')})` : '';
  return {
    text: `${ICON[a.severity]} ${a.what} Done by: ${a.who}. Warden suggests: ${a.suggestion.text}${cc}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${ICON[a.severity]} *${a.what}*` } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*Done by*\n${a.who}` },
          { type: 'mrkdwn', text: `*Warden suggests*\n${a.suggestion.text}${prefilled}` },
          ...(a.recipients?.length ? [{ type: 'mrkdwn', text: `*For*\n${a.recipients.join(', ')}` }] : []),
        ],
      },
    ],
    metadata: {
      event_type: `warden.${a.kind}`,
      event_payload: { subject: a.subject, eventId: a.eventId, suggestion: a.suggestion },
    },
  };
}

/** Alerts go to the audit log always, and to the webhook when a URL is set (failures are logged, never thrown). */
export function createAlertSink(opts: {
  audit: AuditSink;
  log: Logger;
  webhookUrl?: string;
  clientId?: string;
  fetch?: typeof fetch;
}): AlertSink {
  return {
    async raise(a) {
      opts.log.warn({ alert: a.kind, subject: a.subject, eventId: a.eventId }, `alert: ${a.what}`);
      await opts.audit.append({
        actor: { kind: 'system', clientId: opts.clientId ?? 'warden-lifecycle' },
        action: `alert.${a.kind}`,
        target: a.subject ? `user:${a.subject}` : undefined,
        outcome: 'ok',
        args: {
          severity: a.severity,
          what: a.what,
          who: a.who,
          suggestion: a.suggestion,
          eventId: a.eventId,
          recipients: a.recipients,
        },
      });
      if (opts.webhookUrl)
        postWebhook({ url: opts.webhookUrl, body: alertPayload(a), log: opts.log, fetch: opts.fetch, what: a.kind });
    },
  };
}
