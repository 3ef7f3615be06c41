// An operator puts a failed request back in line (`warden requests retry`): approved again, audited, a fresh retry episode.
import { OpenRequestExistsError, type Store } from '../../core/store.js';
import { SYSTEM_ACTOR } from './actor.js';
import { openKeyOf } from './changes.js';
import { payloadOf } from './request-view.js';

/**
 * Re-opens a failed request as `approved` (the executor then runs it). False when it changed since it was read;
 * throws when it is not failed, or when a newer request for the same change is open.
 */
export async function requeueFailed(store: Store, id: string): Promise<boolean> {
  const r = await store.getRequest(id);
  if (!r || r.status !== 'failed') throw new Error(`request ${id} is not failed`);
  const { retry: _episode, ...payload } = payloadOf(r);
  return store
    .withTransaction(async (tx) => {
      // Open again: it takes the change's open key back, unless a newer request for the same change is open (OpenRequestExistsError).
      if (
        !(await tx.updateRequest(id, r.version, {
          status: 'approved',
          failureReason: null,
          retryAt: null,
          openKey: openKeyOf(payload.change),
          payload: payload as never,
        }))
      )
        return false;
      await tx.appendAudit({
        actor: SYSTEM_ACTOR,
        action: 'request.retried',
        tool: r.tool,
        target: `user:${r.subject}`,
        outcome: 'ok',
        requestId: id,
        args: { previousFailure: r.failureReason },
      });
      return true;
    })
    .catch((err: unknown) => {
      if (err instanceof OpenRequestExistsError)
        throw new Error(
          `request ${id} cannot be retried: ${err.existing.id} (${err.existing.status}) is open for the same change`,
        );
      throw err;
    });
}
