// Group commit for the audit log: appends that arrive together are written in one transaction, and each
// caller still waits until its own record is durable before answering.
import type { AuditInput } from '../core/audit.js';
import type { AuditSink } from './types.js';

interface Pending { input: AuditInput; resolve: () => void; reject: (e: unknown) => void }

/** Wraps a batch appender as an AuditSink; at most `maxBatch` records per transaction. */
export function batchedAuditSink(target: { appendBatch(inputs: AuditInput[]): Promise<unknown> }, opts: { maxBatch?: number } = {}): AuditSink {
  const maxBatch = opts.maxBatch ?? 200;
  let queue: Pending[] = [];
  let scheduled = false;
  let writing: Promise<void> = Promise.resolve();

  const flush = () => {
    scheduled = false;
    const batch = queue.splice(0, maxBatch);
    if (queue.length) schedule();
    // Batches are written one after another so the chain order matches the order calls finished.
    writing = writing.then(async () => {
      try {
        await target.appendBatch(batch.map((p) => p.input));
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    });
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  return {
    append(input) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        schedule();
      });
    },
  };
}
