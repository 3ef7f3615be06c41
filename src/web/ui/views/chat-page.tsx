// The helpdesk chat: the conversation so far (tool calls, request cards, cited sources), the composer, and setup help without a model.
import type { Citation, ToolTrace, Turn } from '../chat/conversations.js';
import type { RequestRef } from '../chat/chat-events.js';
import { CsrfField } from './layout.js';
import { RequestChip } from './request-card.js';

const URL_RE = /(https?:\/\/[^\s<>"')\]]+)/g;

/** Plain text with its http(s) URLs as links (the text itself is escaped by JSX). */
export function Linkified(p: { text: string }) {
  const parts = p.text.split(URL_RE);
  return (
    <>
      {parts.map((s, i) =>
        i % 2 === 1 ? (
          <a href={s} rel="noopener noreferrer">
            {s}
          </a>
        ) : (
          s
        ),
      )}
    </>
  );
}

export const argsText = (args: Record<string, unknown>): string =>
  Object.entries(args)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');

const Tools = (p: { tools: ToolTrace[] }) => (
  <ol class="tools" aria-label="Tools used">
    {p.tools.map((t) => (
      <li class={`tool ${t.ok ? 'tool-ok' : 'tool-failed'}`}>
        <code>{t.name}</code> <span class="args">{argsText(t.arguments)}</span>{' '}
        <span class="state">{t.ok ? '✓ done' : '✗ failed'}</span>
        {t.note && <p class="note">{t.note}</p>}
      </li>
    ))}
  </ol>
);

export const Sources = (p: { citations: Citation[] }) => (
  <div class="sources">
    <p class="label">Sources</p>
    <ul>
      {p.citations.map((c) => (
        <li>
          {c.url ? (
            <a href={c.url} rel="noopener noreferrer">
              {c.title}
              {c.heading ? ` › ${c.heading}` : ''}
            </a>
          ) : (
            <span>
              {c.title}
              {c.heading ? ` › ${c.heading}` : ''} <code>{c.path}</code>
            </span>
          )}
        </li>
      ))}
    </ul>
  </div>
);

function Message(p: { turn: Turn; requests: Map<string, RequestRef> }) {
  const t = p.turn;
  const cards = (t.requests ?? []).map((id) => p.requests.get(id)).filter((r): r is RequestRef => !!r);
  return (
    <li class={`msg msg-${t.role}${t.error ? ' msg-error' : ''}`}>
      <p class="who">{t.role === 'user' ? 'You' : 'Assistant'}</p>
      {t.tools?.length ? <Tools tools={t.tools} /> : null}
      <div class="text">
        <Linkified text={t.content} />
      </div>
      {cards.length > 0 && (
        <div class="cards">
          {cards.map((r) => (
            <RequestChip {...r} />
          ))}
        </div>
      )}
      {t.citations?.length ? <Sources citations={t.citations} /> : null}
    </li>
  );
}

export function ChatPage(p: {
  turns: Turn[];
  requests: Map<string, RequestRef>;
  configured: boolean;
  setupHelp: string;
  csrf: string;
}) {
  return (
    <>
      <h1>Helpdesk assistant</h1>
      {!p.configured && (
        <section class="notice" aria-labelledby="setup-h">
          <h2 id="setup-h">No model is configured</h2>
          <p>{p.setupHelp}</p>
          <p>
            Everything else works without it: the <a href="/inbox">approvals inbox</a>, request pages, and the audit and
            policy pages for the security team.
          </p>
        </section>
      )}
      <ol id="chat-log" class="chat" role="log" aria-live="polite" aria-label="Conversation">
        {p.turns.map((t) => (
          <Message turn={t} requests={p.requests} />
        ))}
      </ol>
      {p.turns.length === 0 && (
        <p class="empty" id="chat-empty">
          Ask about a person, their access, or an IT policy. Try “does zara.hayashi@acme.example have access to
          Salesforce?”
        </p>
      )}
      <div id="chat-status" class="visually-hidden" role="status"></div>
      <form id="chat-form" method="post" action="/chat" class="composer">
        <CsrfField csrf={p.csrf} />
        <label for="message">Your message</label>
        <textarea id="message" name="message" rows={3} maxlength={4000} required disabled={!p.configured}></textarea>
        <div class="buttons">
          <button type="submit" disabled={!p.configured}>
            Send
          </button>
          <small>Press Ctrl+Enter to send.</small>
        </div>
      </form>
      {p.turns.length > 0 && (
        <form method="post" action="/chat/reset" class="reset">
          <CsrfField csrf={p.csrf} />
          <button type="submit" class="link">
            Start a new conversation
          </button>
        </form>
      )}
    </>
  );
}
