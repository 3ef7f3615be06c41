// The executor's sweep: pending requests expired past their expiry, and time-bound grants revoked past theirs, exactly once.
import type { Logger } from 'pino';
import type { DownstreamPort } from '../../core/connectors.js';
import type { DirectoryPort } from '../../core/directory.js';
import type { AccessRequestRow, Store } from '../../core/store.js';
import { SYSTEM_ACTOR } from './actor.js';
import { applyChange, revocationOf } from './changes.js';
import { expireRequest } from './expire.js';
import type { RecordOutcome } from './record-outcome.js';
import { payloadOf } from './request-view.js';
import { errorText, isTransient, nextAttemptDelayMs, type RetryPolicy } from './retry-policy.js';
import { heldByLiveWorker } from './worker-id.js';

export interface SweepDeps {
  store: Store;
  directory: DirectoryPort;
  downstream?: DownstreamPort;
  log: Logger;
  workerId: string;
  /** A claim older than this is a crashed worker's and is taken over. */
  staleAfterMs: number;
  retryPolicy: RetryPolicy;
  now: () => Date;
  finish: RecordOutcome;
  checkpoint?: (point: 'claimed' | 'applied' | 'downstream' | 'recorded', id: string) => void;
}

/** The sweep: expires pending requests past their expiry and revokes time-bound grants past theirs. */
export function createSweep(deps: SweepDeps): () => Promise<{ expired: number; revoked: number }> {
  return async function sweep() {
    const t = deps.now().toISOString();
    let expired = 0;
    let revoked = 0;
    for (const r of await deps.store.listRequests({ status: 'pending', expiresBefore: t, limit: 1000 })) {
      if (await expireRequest(deps.store, r)) expired++;
    }
    const cutoff = new Date(deps.now().getTime() - deps.staleAfterMs).toISOString();
    for (const r of await deps.store.listRequests({ status: 'applied', grantExpiresBefore: t, limit: 1000 })) {
      if (heldByLiveWorker(r, cutoff, deps.workerId)) continue; // another worker is revoking it
      if (r.retryAt && r.retryAt > t) continue; // backing off after a failed revocation
      if (await revoke(deps, r)) revoked++;
    }
    return { expired, revoked };
  };
}

/**
 * Revokes one expired grant. The row stays `applied` while this worker holds a claim on it, so a crash before the
 * directory call leaves it to the next sweep (once the claim is stale) instead of marking it revoked with the access still in place.
 */
async function revoke(deps: SweepDeps, r: AccessRequestRow): Promise<boolean> {
  const undo = revocationOf(payloadOf(r).change);
  if (!undo) return false;
  if (
    !(await deps.store.updateRequest(r.id, r.version, {
      claimedBy: deps.workerId,
      claimedAt: deps.now().toISOString(),
    }))
  )
    return false;
  const claimed = { ...r, version: r.version + 1 };
  deps.checkpoint?.('claimed', r.id);
  try {
    const receipt = await applyChange(deps.directory, undo);
    deps.checkpoint?.('applied', r.id);
    const after = deps.downstream ? await deps.downstream.apply(claimed, undo) : claimed;
    if (!after) return false;
    const mine = await deps.finish(
      after,
      { status: 'revoked', retryAt: null, failureReason: null },
      {
        actor: SYSTEM_ACTOR,
        action: 'grant.revoked',
        tool: r.tool,
        target: `user:${r.subject}`,
        outcome: 'ok',
        requestId: r.id,
        directoryRequestId: receipt.directoryRequestId,
        args: { grantExpiresAt: r.grantExpiresAt, changed: receipt.changed },
      },
    );
    deps.checkpoint?.('recorded', r.id);
    return mine;
  } catch (err) {
    // Retried by a later sweep, with backoff; one audit record per episode of failures, not one per attempt.
    deps.log[isTransient(err) ? 'warn' : 'error'](
      { err, requestId: r.id },
      'revoking an expired grant failed; will retry',
    );
    const p = payloadOf(r);
    const attempts = (p.revokeRetry?.attempts ?? 0) + 1;
    const since = p.revokeRetry?.since ?? deps.now().toISOString();
    const retryAt = new Date(deps.now().getTime() + nextAttemptDelayMs(err, attempts, deps.retryPolicy)).toISOString();
    const lastError = errorText(err);
    await deps.finish(
      claimed,
      {
        retryAt,
        failureReason: `Revoking the expired grant failed (${lastError}); next attempt after ${retryAt}.`,
        payload: { ...p, revokeRetry: { since, attempts, lastError } } as never,
      },
      p.revokeRetry
        ? undefined
        : {
            actor: SYSTEM_ACTOR,
            action: 'grant.revoke-retrying',
            tool: r.tool,
            target: `user:${r.subject}`,
            outcome: 'error',
            requestId: r.id,
            args: { error: lastError, retryAt },
          },
    );
    return false;
  }
}
