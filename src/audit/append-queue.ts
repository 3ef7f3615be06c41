// Group commit for audit appends: concurrent appends from one process share one chained transaction.
import type { AuditInput, AuditRecord } from '../core/audit.js';
import type { Store } from '../core/store.js';
import { isUnavailable } from '../core/errors.js';

interface Pending {
  input: AuditInput;
  resolve: (r: AuditRecord) => void;
  reject: (e: unknown) => void;
}

/**
 * Returns an `append` that resolves once the record is committed. While one transaction is in
 * flight, later appends wait and then go together in the next one (up to `maxBatch`), so the
 * chain-head lock and the commit are paid once per batch instead of once per record.
 * The first append waits for the end of the current event-loop turn (setImmediate) before the
 * transaction starts: with a synchronous driver (SQLite) a flush never yields, so without that
 * pause every concurrent request would commit alone. Order of appends from this process is preserved.
 * A record is either committed (resolve) or the caller is told it was not (reject; `unavailable` while the store is away).
 */
export function createAppendQueue(
  store: Store,
  { maxBatch = 500 }: { maxBatch?: number } = {},
): (input: AuditInput) => Promise<AuditRecord> {
  const queue: Pending[] = [];
  let flushing = false;
  let scheduled = false;

  const flush = async (): Promise<void> => {
    flushing = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, maxBatch);
        try {
          const records = await store.appendAuditBatch(batch.map((p) => p.input));
          batch.forEach((p, i) => p.resolve(records[i]!));
        } catch (err) {
          if (isUnavailable(err)) {
            // The store is away: what queued up meanwhile fails now too, instead of each batch waiting out its own timeout.
            batch.forEach((p) => p.reject(err));
            queue.splice(0).forEach((p) => p.reject(err));
          } else if (batch.length === 1) batch[0]!.reject(err);
          // One unstorable record must not fail the others that happened to share its transaction: retry each alone.
          else for (const p of batch) await store.appendAuditBatch([p.input]).then((r) => p.resolve(r[0]!), p.reject);
        }
      }
    } finally {
      flushing = false;
    }
  };

  return (input) =>
    new Promise<AuditRecord>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      if (!flushing && !scheduled) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          if (!flushing) void flush();
        });
      }
    });
}
