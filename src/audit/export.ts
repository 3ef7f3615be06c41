// JSON-lines export of the audit log for a SIEM, streamed page by page with backpressure.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Store } from '../core/store.js';

export interface ExportOptions {
  /** Only records at or after this ISO instant. */
  since?: string;
  /** Only records before this ISO instant. */
  until?: string;
  pageSize?: number;
}

/** Writes one JSON object per line, oldest first; resolves with how many were written and the last seq. */
export async function exportAuditJsonl(
  store: Store,
  out: Writable,
  opts: ExportOptions = {},
): Promise<{ count: number; lastSeq: number }> {
  const { since, until, pageSize = 5_000 } = opts;
  let afterSeq = 0;
  let count = 0;
  for (;;) {
    const page = await store.listAudit({ since, until, afterSeq, limit: pageSize, order: 'asc' });
    if (page.length === 0) break;
    const chunk = page.map((r) => JSON.stringify(r)).join('\n') + '\n';
    if (!out.write(chunk)) await once(out, 'drain');
    count += page.length;
    afterSeq = page[page.length - 1]!.seq;
    if (page.length < pageSize) break;
  }
  return { count, lastSeq: afterSeq };
}
