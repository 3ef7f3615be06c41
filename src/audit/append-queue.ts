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
 * Order of appends from this process is preserved. A record is either committed (resolve) or the caller is told
 * it was not (reject; `unavailable` while the store is away): nothing is retried behind the caller's back.
 */
export function createAppendQueue(store: Store, { maxBatch = 500 }: { maxBatch?: number } = {}): (input: AuditInput) => Promise<AuditRecord> {
  const queue: Pending[] = [];
  let flushing = false;

  const flush = async (): Promise<void> => {
    flushing = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, maxBatch);
        try {
          const records = await store.appendAuditBatch(batch.map((p) => p.input));
          batch.forEach((p, i) => p.resolve(records[i]!));
        } catch (err) {
          batch.forEach((p) => p.reject(err));
          // The store is away: what queued up meanwhile fails now too, instead of each batch waiting out its own timeout.
          if (isUnavailable(err)) queue.splice(0).forEach((p) => p.reject(err));
        }
      }
    } finally {
      flushing = false;
    }
  };

  return (input) =>
    new Promise<AuditRecord>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      if (!flushing) void flush();
    });
}
