// Expiring a pending request: the status change and its audit record are written in one transaction.
import type { AccessRequestRow, Store } from '../../core/store.js';
import { SYSTEM_ACTOR } from './actor.js';

/** Marks the request expired if it is still at the version read; false when someone changed it first. */
export function expireRequest(store: Store, row: AccessRequestRow): Promise<boolean> {
  return store.withTransaction(async (tx) => {
    if (!(await tx.updateRequest(row.id, row.version, { status: 'expired' }))) return false;
    await tx.appendAudit({
      actor: SYSTEM_ACTOR,
      action: 'request.expired',
      tool: row.tool,
      target: `user:${row.subject}`,
      outcome: 'ok',
      requestId: row.id,
      args: { expiresAt: row.expiresAt },
    });
    return true;
  });
}
