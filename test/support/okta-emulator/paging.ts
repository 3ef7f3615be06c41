// Raw query parsing, cursor paging and absolute Link headers (self + next) in Okta's style.
import type { Context } from 'hono';

/** Parses a raw query string; accepts both %20 and `+` for spaces. Throws on bad percent-encoding. */
export function parseQuery(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
    const value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    out.set(key, value);
  }
  return out;
}

/** The raw query string of a request (without `?`), exactly as sent. */
export function rawQuery(c: Context): string {
  const url = c.req.url;
  const i = url.indexOf('?');
  return i < 0 ? '' : url.slice(i + 1);
}

/**
 * Reads `limit`, clamped to [1, max], or the default; `paging` overrides both (tests force small pages).
 * Returns null when `limit` is not a number.
 */
export function readLimit(
  q: Map<string, string>,
  def: number,
  max: number,
  paging: { pageSizeDefault?: number; pageSizeMax?: number } = {},
): number | null {
  const cap = Math.min(max, paging.pageSizeMax ?? max);
  const raw = q.get('limit');
  if (raw === undefined || raw === '') return Math.min(paging.pageSizeDefault ?? def, cap);
  const n = Number(raw);
  if (!Number.isInteger(n)) return null;
  return Math.min(Math.max(n, 1), cap);
}

/**
 * One page of `items` (already in a stable order) after the item whose key is `after`.
 * `nextAfter` is the cursor for the following page, or undefined on the last page.
 */
export function paginate<T>(
  items: T[],
  key: (item: T) => string,
  after: string | undefined,
  limit: number,
): { page: T[]; nextAfter?: string } {
  let start = 0;
  if (after) {
    const idx = items.findIndex((it) => key(it) === after);
    start = idx >= 0 ? idx + 1 : items.findIndex((it) => key(it) > after);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return { page, nextAfter: more && page.length ? key(page[page.length - 1]!) : undefined };
}

/** Sets `Link` headers: absolute self, and next = every original param plus `after`. */
export function setLinks(c: Context, baseUrl: string, nextAfter: string | undefined): void {
  const path = new URL(c.req.url).pathname;
  const raw = rawQuery(c);
  const self = `${baseUrl}${path}${raw ? `?${raw}` : ''}`;
  c.header('Link', `<${self}>; rel="self"`, { append: true });
  if (nextAfter === undefined) return;
  const kept = raw.split('&').filter((p) => p && !p.startsWith('after='));
  kept.push(`after=${encodeURIComponent(nextAfter)}`);
  c.header('Link', `<${baseUrl}${path}?${kept.join('&')}>; rel="next"`, { append: true });
}
