// Offset-cursor paging over an in-memory list.
import type { Page } from '../../core/directory.js';

/** Returns one page; the cursor is an opaque offset. */
export function paginate<T>(all: T[], limit: number, cursor?: string): Page<T> {
  const start = cursor ? Math.max(0, Number.parseInt(Buffer.from(cursor, 'base64url').toString(), 10) || 0) : 0;
  const items = all.slice(start, start + limit);
  const next = start + limit;
  return next < all.length ? { items, nextCursor: Buffer.from(String(next)).toString('base64url') } : { items };
}
