// Warden pages: request cards and rows poll /requests/:id until their status is final; the chat adds its cards through window.wardenCards.
(() => {
  'use strict';
  const FINAL = new Set(['applied', 'denied', 'cancelled', 'expired', 'failed', 'revoked']);
  const POLL_MS = 2000;
  const watched = new Set();

  function update(el, s) {
    if (!s || typeof s.status !== 'string') return;
    el.dataset.status = s.status;
    const badge = el.querySelector('[data-role="status"]');
    if (badge) {
      badge.textContent = s.statusLabel || s.status;
      badge.className = 'status status-' + s.status;
    }
  }

  async function poll() {
    for (const el of Array.from(watched)) {
      if (!el.isConnected || FINAL.has(el.dataset.status)) {
        watched.delete(el);
        continue;
      }
      try {
        const res = await fetch('/requests/' + encodeURIComponent(el.dataset.requestId), {
          headers: { Accept: 'application/json' },
          credentials: 'same-origin',
        });
        if (res.ok) update(el, await res.json());
        else if (res.status === 401 || res.status === 404) watched.delete(el);
      } catch (_) {
        /* offline for a moment: try again next round */
      }
    }
  }

  function watch(el) {
    if (el && el.dataset.requestId && !FINAL.has(el.dataset.status)) watched.add(el);
  }

  window.wardenCards = { watch };
  document.addEventListener('DOMContentLoaded', () => {
    document.querySelectorAll('[data-request-id]').forEach(watch);
  });
  let running = false;
  setInterval(async () => {
    if (running || !watched.size || document.hidden) return;
    running = true;
    try {
      await poll();
    } finally {
      running = false;
    }
  }, POLL_MS);
})();
