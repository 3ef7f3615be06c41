// Part of the executor's downstream step (called only from downstream.ts): removing an account no person holds, once.
import type { ConnectorWriter, DownstreamChange, RetryNotice } from '../core/connectors.js';

/** Deactivates or deletes the account, reading it first: already inactive (deactivate) or absent is done, not an error. */
export async function removeOrphanAccount(
  w: ConnectorWriter,
  c: DownstreamChange,
  onRetry?: RetryNotice,
): Promise<{ changed: boolean; detail: string }> {
  const found = await w.getAccount(c.accountId ?? '');
  if (!found) return { changed: false, detail: `account ${c.accountUserName} is not in the app (already gone)` };
  if (c.mode === 'delete') {
    await w.deleteAccount(found.id, onRetry);
    return { changed: true, detail: `deleted account ${found.userName}` };
  }
  if (!found.active) return { changed: false, detail: `account ${found.userName} already inactive` };
  await w.setActive(found.id, false, onRetry);
  return { changed: true, detail: `deactivated account ${found.userName}` };
}
