// The helpdesk chat in the browser: posts a message, reads the server-sent events from the response body, and shows text, tool calls, request cards and sources as they arrive.
(() => {
  'use strict';
  const form = document.getElementById('chat-form');
  if (!form || !window.fetch || !window.TextDecoderStream) return; // the form still works without this script
  const log = document.getElementById('chat-log');
  const status = document.getElementById('chat-status');
  const input = document.getElementById('message');
  const button = form.querySelector('button[type="submit"]');
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const LABELS = {
    pending: 'Pending approval',
    approved: 'Approved, applying',
    executing: 'Applying',
    applied: 'Applied',
    denied: 'Denied',
    cancelled: 'Cancelled',
    expired: 'Expired',
    failed: 'Failed',
    revoked: 'Revoked',
  };

  function el(tag, cls, text) {
    const n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  }

  /** Text with its http(s) URLs as links; never parsed as HTML. */
  function linkify(target, text) {
    target.textContent = '';
    let last = 0;
    for (const m of text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)) {
      target.append(text.slice(last, m.index));
      const a = el('a', null, m[0]);
      a.href = m[0];
      a.rel = 'noopener noreferrer';
      target.append(a);
      last = m.index + m[0].length;
    }
    target.append(text.slice(last));
  }

  function message(role) {
    const li = el('li', 'msg msg-' + role);
    li.append(el('p', 'who', role === 'user' ? 'You' : 'Assistant'));
    log.append(li);
    const empty = document.getElementById('chat-empty');
    if (empty) empty.remove();
    return li;
  }

  const argsText = (args) =>
    Object.entries(args || {})
      .map(([k, v]) => k + ': ' + (typeof v === 'string' ? v : JSON.stringify(v)))
      .join(', ');

  function chip(r) {
    const card = el('article', 'card chip');
    card.dataset.requestId = r.id;
    card.dataset.status = r.status;
    card.setAttribute('aria-label', 'Access request: ' + r.summary);
    const a = el('a', null, r.summary);
    a.href = '/requests/' + encodeURIComponent(r.id);
    const badge = el('span', 'status status-' + r.status, LABELS[r.status] || r.status);
    badge.dataset.role = 'status';
    badge.setAttribute('aria-live', 'polite');
    card.append(a, ' ', badge, ' ', el('span', 'muted id', r.id));
    if (window.wardenCards) window.wardenCards.watch(card);
    return card;
  }

  function turnView(li) {
    const tools = el('ol', 'tools');
    tools.setAttribute('aria-label', 'Tools used');
    const text = el('div', 'text');
    const cards = el('div', 'cards');
    const sources = el('div', 'sources');
    const sourceList = el('ul');
    sources.append(el('p', 'label', 'Sources'), sourceList);
    li.append(tools, text, cards, sources);
    const calls = new Map();
    let said = '';
    return {
      text(delta) {
        said += delta;
        text.textContent = said;
      },
      done(full) {
        linkify(text, full || said);
      },
      error(msg) {
        li.classList.add('msg-error');
        text.textContent = msg;
      },
      call(e) {
        const item = el('li', 'tool tool-running');
        item.append(
          el('code', null, e.name),
          ' ',
          el('span', 'args', argsText(e.arguments)),
          ' ',
          el('span', 'state', 'running…'),
        );
        tools.append(item);
        calls.set(e.id, item);
      },
      result(e) {
        const item = calls.get(e.id);
        if (item) {
          item.className = 'tool ' + (e.ok ? 'tool-ok' : 'tool-failed');
          item.querySelector('.state').textContent = e.ok ? '✓ done' : '✗ failed';
          if (e.note) item.append(el('p', 'note', e.note));
        }
        for (const r of e.requests || [])
          if (!cards.querySelector('[data-request-id="' + CSS.escape(r.id) + '"]')) cards.append(chip(r));
        for (const c of e.citations || []) {
          const label = c.title + (c.heading ? ' › ' + c.heading : '');
          const li2 = el('li');
          if (c.url) {
            const a = el('a', null, label);
            a.href = c.url;
            a.rel = 'noopener noreferrer';
            li2.append(a);
          } else {
            li2.append(label + ' ', el('code', null, c.path));
          }
          sourceList.append(li2);
        }
      },
    };
  }

  function handle(view, frame) {
    const data = frame
      .split('\n')
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).replace(/^ /, ''))
      .join('\n');
    if (!data) return;
    const e = JSON.parse(data);
    if (e.type === 'text') view.text(e.delta);
    else if (e.type === 'tool_call') view.call(e);
    else if (e.type === 'tool_result') view.result(e);
    else if (e.type === 'done') view.done(e.text);
    else if (e.type === 'error') view.error(e.message);
  }

  async function send(text) {
    message('user').append(el('div', 'text', text));
    const li = message('assistant');
    li.setAttribute('aria-busy', 'true');
    const view = turnView(li);
    button.disabled = true;
    status.textContent = 'The assistant is answering…';
    try {
      const res = await fetch('/chat', {
        method: 'POST',
        credentials: 'same-origin',
        body: new URLSearchParams({ message: text }),
        headers: {
          Accept: 'text/event-stream',
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-CSRF-Token': csrf,
        },
      });
      if (!res.ok || !res.body) {
        throw new Error(
          res.status === 403
            ? 'Your session expired or this page is stale: reload it and try again.'
            : res.status === 409
              ? 'The assistant is still answering your previous message.'
              : 'The server answered ' + res.status + '.',
        );
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          handle(view, buf.slice(0, i));
          buf = buf.slice(i + 2);
        }
      }
    } catch (err) {
      view.error(err instanceof Error ? err.message : 'The chat failed.');
    } finally {
      li.setAttribute('aria-busy', 'false');
      button.disabled = false;
      status.textContent = 'The answer is complete.';
      input.focus();
    }
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = input.value.trim();
    if (!text || button.disabled) return;
    input.value = '';
    send(text);
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      form.requestSubmit();
    }
  });
})();
