// Opaque page cursors over Okta's `after` values, and helpers to read one page or every page of an SDK Collection.
import { InvalidInputError } from '../../core/errors.js';
import type { OktaObject } from './mappers.js';

/** The part of the SDK's Collection we use. */
export interface SdkCollection {
  nextUri?: string;
  getNextPage(): Promise<Record<string, unknown>[]>;
}

const MAX_PAGES = 10_000;

/** Wraps Okta's `after` value so callers cannot depend on (or forge) its format. */
export function encodeCursor(after: string): string {
  return Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64url');
}

/** Reads a cursor made by encodeCursor; undefined stays undefined. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string' && parsed.after.length > 0 && parsed.after.length < 512) return parsed.after;
  } catch {
    /* fall through */
  }
  throw new InvalidInputError('The page cursor is not valid.', {
    hint: 'Pass back the nextCursor from the previous page unchanged, or leave it out to start over.',
  });
}

/** `after` from the collection's next link, if there is one. */
function nextAfter(c: SdkCollection): string | undefined {
  if (!c.nextUri) return undefined;
  try {
    return new URL(c.nextUri).searchParams.get('after') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Fetches exactly one page (one HTTP call) and the cursor for the next. */
export async function onePage(collection: unknown): Promise<{ items: OktaObject[]; nextCursor?: string }> {
  const c = collection as SdkCollection;
  const items = (await c.getNextPage()) as OktaObject[];
  const after = items.length > 0 ? nextAfter(c) : undefined;
  return { items, ...(after ? { nextCursor: encodeCursor(after) } : {}) };
}

/** Follows `rel="next"` links until the last page (or an empty one). */
export async function everyPage(collection: unknown): Promise<OktaObject[]> {
  const c = collection as SdkCollection;
  const all: OktaObject[] = [];
  for (let i = 0; i < MAX_PAGES && c.nextUri; i += 1) {
    const page = (await c.getNextPage()) as OktaObject[];
    all.push(...page);
    if (page.length === 0) break;
  }
  return all;
}
