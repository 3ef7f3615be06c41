// The executor: applies approved requests exactly once (claim → read state → apply → confirm), revokes
// time-bound grants at expiry, expires pending requests, and resumes whatever a crash left behind.
import type { Logger } from 'pino';
import type { AuditInput } from '../../core/audit.js';
import { DownstreamRetryLater, type DownstreamPort } from '../../core/connectors.js';
import type { DirectoryPort, MutationReceipt } from '../../core/directory.js';
import { isAppError } from '../../core/errors.js';
import type { PolicyPort } from '../../core/policy.js';
import {
  OpenRequestExistsError,
  type AccessRequestPatch,
  type AccessRequestRow,
  type Store,
} from '../../core/store.js';
import { formatDuration } from '../../policies/duration.js';
import type { AuditSink } from '../types.js';
import { applyChange, isInPlace, openKeyOf, revocationOf, touchesDirectory } from './changes.js';
import { appsOnlyFailure, payloadOf, toView, type RequestPayload, type RequestView } from './request-view.js';
import { recheckRequest } from './recheck.js';
import { DEFAULT_RETRY, isTransient, nextAttemptDelayMs, type RetryPolicy } from './retry-policy.js';
import { SYSTEM_ACTOR } from './actor.js';
import { expireRequest } from './expire.js';
import { claimantIsDead } from './worker-id.js';

export interface ExecutorDeps {
  store: Store;
  directory: DirectoryPort;
  /** The live policy: just before applying, the executor re-checks that it still routes the change as approved. */
  policy: PolicyPort;
  policyOwners: (kind: 'group' | 'app', name: string) => readonly string[];
  /**
   * Transient directory failures (429, 5xx, network) are retried across cycles with backoff until the deadline; so are an
   * app's, for a change made only in apps (it has no directory change to stand on).
   */
  retry?: Partial<RetryPolicy>;
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
  const retryPolicy: RetryPolicy = { ...DEFAULT_RETRY, ...deps.retry };
  const errorText = (err: unknown) => (isAppError(err) ? err.message : 'the directory call failed unexpectedly');

  /** Applies one approved request if this worker wins the claim; safe to call any number of times. */
  function execute(id: string): Promise<void> {
    const running = inFlight.get(id);
    if (running) return running;
    const p = run(id).finally(() => inFlight.delete(id));
    inFlight.set(id, p);
    return p;
  }

  async function run(id: string): Promise<void> {
    let row = await deps.store.claimRequestForExecution(id, deps.workerId, now().toISOString());
    if (!row) return; // not approved (any more), waiting to retry, or another worker has it
    deps.checkpoint?.('claimed', id);
    const p = payloadOf(row);
    const change = p.change;
    const base = { actor: SYSTEM_ACTOR, tool: row.tool, target: `user:${row.subject}`, requestId: id };
    let receipt: MutationReceipt;
    try {
      // Today's world, not the one the approvers saw: a stopped subject, a deleted group or a stricter policy ends it here.
      const check = await recheckRequest(
        {
          directory: deps.directory,
          policy: deps.policy,
          policyOwners: deps.policyOwners,
          downstream: deps.downstream,
        },
        row,
      );
      if (!check.ok) {
        const reason = `Not applied: ${check.why}`;
        await finish(
          row,
          { status: 'failed', failureReason: reason, retryAt: null },
          { ...base, action: 'request.failed', outcome: 'denied', args: { rule: check.rule, reason } },
        );
        return;
      }
      receipt = await applyChange(deps.directory, change);
      deps.checkpoint?.('applied', id);
      if (!(await isInPlace(deps.directory, change)))
        throw new Error('the directory does not show the change after applying it');
      if (deps.downstream) {
        // Per-app outcomes on the request: an app's failure is its outcome, not a failed request, unless the change is only
        // in apps; then a transient one comes back here (DownstreamRetryLater) to wait and retry like the directory's.
        const retryLater = touchesDirectory(change) ? undefined : { retryLater: isTransient };
        const after = await deps.downstream.apply(row, change, retryLater);
        if (!after) return; // another worker took the claim over
        row = after;
        deps.checkpoint?.('downstream', id);
      }
      const appFailure = appsOnlyFailure(row); // a change only in apps stands or falls with them
      if (appFailure) {
        const args = { reason: appFailure };
        await finish(
          row,
          { status: 'failed', failureReason: appFailure, retryAt: null },
          { ...base, action: 'request.failed', outcome: 'error', args },
        );
        return;
      }
    } catch (caught) {
      // The app's outcome (`retrying`) is recorded on the row, which moved on with it.
      if (caught instanceof DownstreamRetryLater) row = caught.row as AccessRequestRow;
      const err = caught instanceof DownstreamRetryLater ? caught.appError : caught;
      if (isTransient(err))
        deps.log.warn({ err, requestId: id }, 'executing request failed transiently; retrying later');
      else deps.log.error({ err, requestId: id }, 'executing request failed');
      if (isTransient(err) && (await postpone(row, payloadOf(row), err))) return;
      const reason = p.retry
        ? `Gave up after ${p.retry.attempts + 1} attempts since ${p.retry.since}: ${errorText(err)}`
        : errorText(err);
      await finish(
        row,
        { status: 'failed', failureReason: reason, retryAt: null },
        {
          ...base,
          action: 'request.failed',
          outcome: 'error',
          args: { reason, ...(p.retry ? { attempts: p.retry.attempts + 1 } : {}) },
        },
      );
      return;
    }
    const duration = p.grantDurationSeconds;
    const grantExpiresAt =
      duration && revocationOf(change) ? new Date(now().getTime() + duration * 1000).toISOString() : undefined;
    await finish(
      row,
      {
        status: 'applied',
        directoryRequestId: receipt.directoryRequestId || undefined,
        grantExpiresAt: grantExpiresAt ?? null,
        failureReason: null,
        retryAt: null,
      },
      {
        ...base,
        action: 'request.executed',
        outcome: 'ok',
        directoryRequestId: receipt.directoryRequestId || undefined,
        args: { changed: receipt.changed, grantExpiresAt, ...(p.retry ? { attempts: p.retry.attempts + 1 } : {}) },
      },
    );
    deps.checkpoint?.('recorded', id);
  }

  /**
   * A transient failure: back in line (`approved`, not claimable before retryAt) with the wait in failureReason for people
   * to see. The first failure of an episode is audited (`request.retrying`); later attempts only update the row.
   * False when the episode's deadline has passed (the caller fails the request).
   */
  async function postpone(row: AccessRequestRow, p: RequestPayload, err: unknown): Promise<boolean> {
    const t = now().getTime();
    const since = p.retry?.since ?? new Date(t).toISOString();
    const deadline = Date.parse(since) + retryPolicy.deadlineMs;
    if (t >= deadline) return false;
    const attempts = (p.retry?.attempts ?? 0) + 1;
    const retryAt = new Date(Math.min(deadline, t + nextAttemptDelayMs(err, attempts, retryPolicy))).toISOString();
    const lastError = errorText(err);
    const failureReason = `Waiting to retry: ${lastError} Attempt ${attempts} failed; next attempt after ${retryAt}; Warden gives up at ${new Date(deadline).toISOString()}.`;
    await finish(
      row,
      { status: 'approved', retryAt, failureReason, payload: { ...p, retry: { since, attempts, lastError } } as never },
      p.retry
        ? undefined
        : {
            actor: SYSTEM_ACTOR,
            action: 'request.retrying',
            tool: row.tool,
            target: `user:${row.subject}`,
            outcome: 'error',
            requestId: row.id,
            args: {
              error: lastError,
              code: isAppError(err) ? err.code : undefined,
              retryAt,
              giveUpAt: new Date(deadline).toISOString(),
              deadline: formatDuration(retryPolicy.deadlineMs / 1000),
            },
          },
    );
    return true;
  }

  /**
   * Records the outcome and its audit record in one transaction (a crash leaves both or neither), and only while
   * this worker still holds the claim (`row.version` is the claim's): a worker whose stale claim was taken over records nothing.
   */
  async function finish(row: AccessRequestRow, patch: AccessRequestPatch, record?: AuditInput): Promise<boolean> {
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
  }

  /** Start-up and periodic recovery: take over stale claims, then execute everything approved. */
  async function resume(): Promise<number> {
    const cutoff = new Date(now().getTime() - staleAfterMs).toISOString();
    for (const r of await deps.store.listRequests({ status: 'executing', order: 'asc', limit: 1000 })) {
      if (
        r.claimedAt &&
        r.claimedAt > cutoff &&
        r.claimedBy !== deps.workerId &&
        !claimantIsDead(r.claimedBy, deps.workerId)
      )
        continue;
      if (inFlight.has(r.id)) continue;
      const reset = await deps.store.withTransaction(async (tx) => {
        if (!(await tx.updateRequest(r.id, r.version, { status: 'approved', claimedBy: null, claimedAt: null })))
          return false;
        await tx.appendAudit({
          actor: SYSTEM_ACTOR,
          action: 'request.resumed',
          tool: r.tool,
          target: `user:${r.subject}`,
          outcome: 'ok',
          requestId: r.id,
          args: { claimedBy: r.claimedBy, claimedAt: r.claimedAt },
        });
        return true;
      });
      if (reset)
        deps.log.warn({ requestId: r.id, claimedBy: r.claimedBy }, 'resuming a request a stopped worker was executing');
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
      if (
        r.claimedAt &&
        r.claimedAt > cutoff &&
        r.claimedBy !== deps.workerId &&
        !claimantIsDead(r.claimedBy, deps.workerId)
      )
        continue; // another worker is revoking it
      if (r.retryAt && r.retryAt > t) continue; // backing off after a failed revocation
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
    if (
      !(await deps.store.updateRequest(r.id, r.version, { claimedBy: deps.workerId, claimedAt: now().toISOString() }))
    )
      return false;
    const claimed = { ...r, version: r.version + 1 };
    deps.checkpoint?.('claimed', r.id);
    try {
      const receipt = await applyChange(deps.directory, undo);
      deps.checkpoint?.('applied', r.id);
      const after = deps.downstream ? await deps.downstream.apply(claimed, undo) : claimed;
      if (!after) return false;
      const mine = await finish(
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
      const since = p.revokeRetry?.since ?? now().toISOString();
      const retryAt = new Date(now().getTime() + nextAttemptDelayMs(err, attempts, retryPolicy)).toISOString();
      const lastError = errorText(err);
      await finish(
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

  /** An operator puts a failed request back in line. */
  async function retry(id: string): Promise<void> {
    const r = await deps.store.getRequest(id);
    if (!r || r.status !== 'failed') throw new Error(`request ${id} is not failed`);
    const { retry: _episode, ...payload } = payloadOf(r);
    const queued = await deps.store
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
    if (queued) await execute(id);
  }

  /** Runs resume + sweep every `intervalMs` until stopped; while the store is unavailable, backs off (up to 10 s or the interval) and resumes when it returns. */
  function start(intervalMs = 5_000): { stop(): Promise<void> } {
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    let outages = 0;
    const tick = async () => {
      try {
        await resume();
        await sweep();
        outages = 0;
      } catch (err) {
        // The store logs the outage once; a tick that meets it only waits longer.
        if (isAppError(err) && err.code === 'unavailable') outages++;
        else deps.log.error({ err }, 'executor tick failed');
      }
      if (!stopped)
        timer = setTimeout(
          tick,
          outages ? Math.min(Math.max(intervalMs, 10_000), intervalMs * 2 ** outages) : intervalMs,
        );
    };
    void tick();
    return {
      async stop() {
        stopped = true;
        clearTimeout(timer);
        await Promise.allSettled(inFlight.values());
      },
    };
  }

  return { execute, resume, sweep, retry, start, idle: () => Promise.allSettled([...inFlight.values()]) };
}
