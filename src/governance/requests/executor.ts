// The executor: applies approved requests exactly once (claim → read state → apply → confirm), revokes
// time-bound grants at expiry, expires pending requests, and resumes whatever a crash left behind.
import type { Logger } from 'pino';
import type { AuditInput } from '../../core/audit.js';
import type { DownstreamPort } from '../../core/connectors.js';
import type { DirectoryPort, MutationReceipt } from '../../core/directory.js';
import { isAppError } from '../../core/errors.js';
import type { AccessRequestPatch, AccessRequestRow, Store } from '../../core/store.js';
import type { AuditSink } from '../types.js';
import { applyChange, isInPlace, revocationOf } from './changes.js';
import { payloadOf, toView, type RequestView } from './request-view.js';
import { SYSTEM_ACTOR } from './actor.js';
import { expireRequest } from './expire.js';
import { claimantIsDead } from './worker-id.js';

export interface ExecutorDeps {
  store: Store;
  directory: DirectoryPort;
  /** Revocations and expiries; execution outcomes are appended through `store`, in the transaction that records them. */
  audit: AuditSink;
  log: Logger;
  /** Unique per process; recorded on the claimed row. */
  workerId: string;
  /** An `executing` claim older than this is a crashed worker's and is taken over. */
  staleAfterMs?: number;
  onFinished?: (view: RequestView) => void;
  /** Connected apps (SCIM): applied after the directory change is confirmed, each app's outcome recorded on the request. */
  downstream?: DownstreamPort;
  now?: () => Date;
  /** Test hook: called between steps (of an execution, and of a revocation) so a test can crash the process at a chosen point. */
  checkpoint?: (point: 'claimed' | 'applied' | 'downstream' | 'recorded', id: string) => void;
}

export type Executor = ReturnType<typeof createExecutor>;

export function createExecutor(deps: ExecutorDeps) {
  const now = deps.now ?? (() => new Date());
  // Longer than the slowest directory call (Okta retries and rate-limit waits); a dead local claimant is detected sooner.
  const staleAfterMs = deps.staleAfterMs ?? 300_000;
  const inFlight = new Map<string, Promise<void>>();

  /** Applies one approved request if this worker wins the claim; safe to call any number of times. */
  function execute(id: string): Promise<void> {
    const running = inFlight.get(id);
    if (running) return running;
    const p = run(id).finally(() => inFlight.delete(id));
    inFlight.set(id, p);
    return p;
  }

  async function run(id: string): Promise<void> {
    let row = await deps.store.claimRequestForExecution(id, deps.workerId);
    if (!row) return; // not approved (any more), or another worker has it
    deps.checkpoint?.('claimed', id);
    const change = payloadOf(row).change;
    const base = { actor: SYSTEM_ACTOR, tool: row.tool, target: `user:${row.subject}`, requestId: id };
    let receipt: MutationReceipt;
    try {
      receipt = await applyChange(deps.directory, change);
      deps.checkpoint?.('applied', id);
      if (!(await isInPlace(deps.directory, change))) throw new Error('the directory does not show the change after applying it');
      if (deps.downstream) {
        const after = await deps.downstream.apply(row, change); // per-app outcomes on the request; app failures are outcomes, not a failed request
        if (!after) return; // another worker took the claim over
        row = after;
        deps.checkpoint?.('downstream', id);
      }
    } catch (err) {
      const reason = isAppError(err) ? err.message : 'the directory call failed unexpectedly';
      deps.log.error({ err, requestId: id }, 'executing request failed');
      await finish(row, { status: 'failed', failureReason: reason }, { ...base, action: 'request.failed', outcome: 'error', args: { reason } });
      return;
    }
    const duration = payloadOf(row).grantDurationSeconds;
    const grantExpiresAt = duration && revocationOf(change) ? new Date(now().getTime() + duration * 1000).toISOString() : undefined;
    await finish(row, { status: 'applied', directoryRequestId: receipt.directoryRequestId, grantExpiresAt: grantExpiresAt ?? null, failureReason: null },
      { ...base, action: 'request.executed', outcome: 'ok', directoryRequestId: receipt.directoryRequestId, args: { changed: receipt.changed, grantExpiresAt } });
    deps.checkpoint?.('recorded', id);
  }

  /**
   * Records the outcome and its audit record in one transaction (a crash leaves both or neither), and only while
   * this worker still holds the claim (`row.version` is the claim's): a worker whose stale claim was taken over records nothing.
   */
  async function finish(row: AccessRequestRow, patch: AccessRequestPatch, record: AuditInput): Promise<boolean> {
    const mine = await deps.store.withTransaction(async (tx) => {
      if (!(await tx.updateRequest(row.id, row.version, { ...patch, claimedBy: null, claimedAt: null }))) return false;
      await tx.appendAudit(record);
      return true;
    });
    if (!mine) {
      deps.log.warn({ requestId: row.id }, 'another worker took this request over while it was executing here; leaving the outcome to it');
      return false;
    }
    if (patch.status === 'applied' || patch.status === 'failed') deps.onFinished?.(toView((await deps.store.getRequest(row.id))!));
    return true;
  }

  /** Start-up and periodic recovery: take over stale claims, then execute everything approved. */
  async function resume(): Promise<number> {
    const cutoff = new Date(now().getTime() - staleAfterMs).toISOString();
    for (const r of await deps.store.listRequests({ status: 'executing', order: 'asc', limit: 1000 })) {
      if (r.claimedAt && r.claimedAt > cutoff && r.claimedBy !== deps.workerId && !claimantIsDead(r.claimedBy, deps.workerId)) continue;
      if (inFlight.has(r.id)) continue;
      const reset = await deps.store.withTransaction(async (tx) => {
        if (!(await tx.updateRequest(r.id, r.version, { status: 'approved', claimedBy: null, claimedAt: null }))) return false;
        await tx.appendAudit({ actor: SYSTEM_ACTOR, action: 'request.resumed', tool: r.tool, target: `user:${r.subject}`, outcome: 'ok', requestId: r.id, args: { claimedBy: r.claimedBy, claimedAt: r.claimedAt } });
        return true;
      });
      if (reset) deps.log.warn({ requestId: r.id, claimedBy: r.claimedBy }, 'resuming a request a stopped worker was executing');
    }
    const approved = await deps.store.listRequests({ status: 'approved', order: 'asc', limit: 1000 });
    for (const r of approved) await execute(r.id);
    return approved.length;
  }

  /** Expires pending requests past their expiry and revokes time-bound grants past theirs. */
  async function sweep(): Promise<{ expired: number; revoked: number }> {
    const t = now().toISOString();
    let expired = 0;
    let revoked = 0;
    for (const r of await deps.store.listRequests({ status: 'pending', expiresBefore: t, limit: 1000 })) {
      if (await expireRequest(deps.store, r)) expired++;
    }
    const cutoff = new Date(now().getTime() - staleAfterMs).toISOString();
    for (const r of await deps.store.listRequests({ status: 'applied', grantExpiresBefore: t, limit: 1000 })) {
      if (r.claimedAt && r.claimedAt > cutoff && r.claimedBy !== deps.workerId && !claimantIsDead(r.claimedBy, deps.workerId)) continue; // another worker is revoking it
      if (await revoke(r)) revoked++;
    }
    return { expired, revoked };
  }

  /**
   * Revokes one expired grant. The row stays `applied` while this worker holds a claim on it, so a crash before the
   * directory call leaves it to the next sweep (once the claim is stale) instead of marking it revoked with the access still in place.
   */
  async function revoke(r: AccessRequestRow): Promise<boolean> {
    const undo = revocationOf(payloadOf(r).change);
    if (!undo) return false;
    if (!(await deps.store.updateRequest(r.id, r.version, { claimedBy: deps.workerId, claimedAt: now().toISOString() }))) return false;
    const claimed = { ...r, version: r.version + 1 };
    deps.checkpoint?.('claimed', r.id);
    try {
      const receipt = await applyChange(deps.directory, undo);
      deps.checkpoint?.('applied', r.id);
      const after = deps.downstream ? await deps.downstream.apply(claimed, undo) : claimed;
      if (!after) return false;
      const mine = await finish(after, { status: 'revoked' }, { actor: SYSTEM_ACTOR, action: 'grant.revoked', tool: r.tool, target: `user:${r.subject}`, outcome: 'ok', requestId: r.id, directoryRequestId: receipt.directoryRequestId, args: { grantExpiresAt: r.grantExpiresAt, changed: receipt.changed } });
      deps.checkpoint?.('recorded', r.id);
      return mine;
    } catch (err) {
      await deps.store.updateRequest(r.id, claimed.version, { claimedBy: null, claimedAt: null }); // retried on the next sweep
      deps.log.error({ err, requestId: r.id }, 'revoking an expired grant failed; will retry');
      return false;
    }
  }

  /** An operator puts a failed request back in line. */
  async function retry(id: string): Promise<void> {
    const r = await deps.store.getRequest(id);
    if (!r || r.status !== 'failed') throw new Error(`request ${id} is not failed`);
    const queued = await deps.store.withTransaction(async (tx) => {
      if (!(await tx.updateRequest(id, r.version, { status: 'approved', failureReason: null }))) return false;
      await tx.appendAudit({ actor: SYSTEM_ACTOR, action: 'request.retried', tool: r.tool, target: `user:${r.subject}`, outcome: 'ok', requestId: id, args: { previousFailure: r.failureReason } });
      return true;
    });
    if (queued) await execute(id);
  }

  /** Runs resume + sweep every `intervalMs` until stopped. */
  function start(intervalMs = 5_000): { stop(): Promise<void> } {
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const tick = async () => {
      try { await resume(); await sweep(); } catch (err) { deps.log.error({ err }, 'executor tick failed'); }
      if (!stopped) timer = setTimeout(tick, intervalMs);
    };
    void tick();
    return { async stop() { stopped = true; clearTimeout(timer); await Promise.allSettled(inFlight.values()); } };
  }

  return { execute, resume, sweep, retry, start, idle: () => Promise.allSettled([...inFlight.values()]) };
}
