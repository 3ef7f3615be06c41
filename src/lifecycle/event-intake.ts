// Accepts directory events from any source (hook, log poller): one ledger mark and one job per new event, in one transaction.
import type { DirectoryEvent } from '../core/directory.js';
import type { Store } from '../core/store.js';
import { eventJob } from './okta-event.js';

export interface IntakeResult {
  accepted: number;
  replayed: string[];
}

/**
 * Marks each event processed and enqueues its job atomically: an event is either recorded and queued,
 * or neither (so a crash never loses one). An event seen before (a retry, a duplicate delivery, the
 * poller and the hook both reporting it) is counted as replayed and ignored.
 */
export async function acceptEvents(
  store: Store,
  events: DirectoryEvent[],
  opts: { source: string; delayMs?: number },
): Promise<IntakeResult> {
  const replayed: string[] = [];
  let accepted = 0;
  await store.withTransaction(async (tx) => {
    for (const e of events) {
      if (!(await tx.markEventProcessed(`okta:${e.uuid}`, opts.source))) {
        replayed.push(e.uuid);
        continue;
      }
      await tx.enqueueJob(eventJob(e, opts.source, opts.delayMs ?? 1_000));
      accepted++;
    }
  });
  return { accepted, replayed };
}
