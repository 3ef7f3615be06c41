// Paging for list tools that hold their whole answer in order: an opaque cursor (an offset bound to the query it pages).
import { z } from 'zod';
import { InvalidInputError } from '../../core/errors.js';

/** How deep a cursor may page: past this the caller should narrow the query (every page re-reads what comes before it). */
export const MAX_OFFSET = 5_000;

export const cursorInput = z.string().max(500).optional().describe('nextCursor from the previous page');

/** The output fields every bounded list has. */
export const pageOutput = {
  complete: z.boolean().describe('True when this page is the last one'),
  nextCursor: z
    .string()
    .optional()
    .describe(
      'Pass as `cursor` to get the next page; absent when complete or when the list is too long to page on (narrow the query)',
    ),
};

/** A short fingerprint of the query a cursor belongs to (FNV-1a of its JSON), so a cursor cannot page another query. */
function fingerprint(query: unknown): string {
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify(query ?? null)) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(36);
}

/** Where the page starts: 0 without a cursor; an InvalidInputError for a cursor that is not one of ours or belongs to another query. */
export function pageStart(cursor: string | undefined, query: unknown): number {
  if (!cursor) return 0;
  const bad = (why: string) =>
    new InvalidInputError(`The cursor ${why}.`, {
      hint: 'Pass nextCursor exactly as returned, with the same other inputs, or leave cursor out to start over.',
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad('is not valid');
  }
  const c = parsed as { o?: unknown; q?: unknown };
  if (typeof c?.o !== 'number' || !Number.isInteger(c.o) || c.o < 0 || c.o > MAX_OFFSET) throw bad('is not valid');
  if (c.q !== fingerprint(query)) throw bad('belongs to a different query');
  return c.o;
}

/** How many items to read so that one page and the fact that more exist are both known. */
export const readUpTo = (start: number, limit: number): number => start + limit + 1;

/**
 * The page of `all` (read from the start, at least `readUpTo` items when there are that many) and the cursor to the next one.
 * Past `maxOffset` (a source that cannot read deeper) the page says it is incomplete but gives no cursor.
 */
export function pageOf<T>(
  all: readonly T[],
  start: number,
  limit: number,
  query: unknown,
  maxOffset = MAX_OFFSET,
): { items: T[]; complete: boolean; nextCursor?: string } {
  const items = all.slice(start, start + limit);
  if (all.length <= start + limit) return { items, complete: true };
  if (start + limit > Math.min(maxOffset, MAX_OFFSET)) return { items, complete: false };
  const nextCursor = Buffer.from(JSON.stringify({ o: start + limit, q: fingerprint(query) }), 'utf8').toString(
    'base64url',
  );
  return { items, complete: false, nextCursor };
}
