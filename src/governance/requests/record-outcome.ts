// Recording what an execution or revocation did: the row's new state and its audit record, together, only while the claim holds.
import type { Logger } from 'pino';
import type { AuditInput } from '../../core/audit.js';
import type { AccessRequestPatch, AccessRequestRow, Store } from '../../core/store.js';
import { toView, type RequestView } from './request-view.js';

/** Writes `patch` (and `record`) if this worker still holds the claim on `row`; false when another worker took it over. */
export type RecordOutcome = (row: AccessRequestRow, patch: AccessRequestPatch, record?: AuditInput) => Promise<boolean>;

/**
 * Records the outcome and its audit record in one transaction (a crash leaves both or neither), and only while
 * this worker still holds the claim (`row.version` is the claim's): a worker whose stale claim was taken over records nothing.
 */
export function outcomeRecorder(deps: {
  store: Store;
  log: Logger;
  onFinished?: (view: RequestView) => void;
}): RecordOutcome {
  return async (row, patch, record) => {
    const mine = await deps.store.withTransaction(async (tx) => {
      if (!(await tx.updateRequest(row.id, row.version, { ...patch, claimedBy: null, claimedAt: null }))) return false;
      if (record) await tx.appendAudit(record);
      return true;
    });
    if (!mine) {
      deps.log.warn(
        { requestId: row.id },
        'another worker took this request over while it was executing here; leaving the outcome to it',
      );
      return false;
    }
    if (patch.status === 'applied' || patch.status === 'failed')
      deps.onFinished?.(toView((await deps.store.getRequest(row.id))!));
    return true;
  };
}
