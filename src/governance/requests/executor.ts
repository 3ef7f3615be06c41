// The executor: applies approved requests exactly once (claim → read state → apply → confirm), resumes whatever a crash
// left behind, and runs the sweep (grant-revocation.ts) and the loop (executor-loop.ts) that keep it going.
import type { Logger } from 'pino';
import { DownstreamRetryLater, type DownstreamPort } from '../../core/connectors.js';
import type { DirectoryPort, MutationReceipt } from '../../core/directory.js';
import { isAppError } from '../../core/errors.js';
import type { PolicyPort } from '../../core/policy.js';
import type { AccessRequestRow, Store } from '../../core/store.js';
import { formatDuration } from '../../policies/duration.js';
import type { AuditSink } from '../types.js';
import { SYSTEM_ACTOR } from './actor.js';
import { applyChange, isInPlace, revocationOf, touchesDirectory } from './changes.js';
import { startExecutorLoop } from './executor-loop.js';
import { createSweep } from './grant-revocation.js';
import { recheckRequest } from './recheck.js';
import { outcomeRecorder } from './record-outcome.js';
import { requeueFailed } from './requeue.js';
import { appsOnlyFailure, payloadOf, type RequestPayload, type RequestView } from './request-view.js';
import { DEFAULT_RETRY, errorText, isTransient, nextAttemptDelayMs, type RetryPolicy } from './retry-policy.js';
import { heldByLiveWorker } from './worker-id.js';

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
  const finish = outcomeRecorder(deps);

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

  /** Start-up and periodic recovery: take over stale claims, then execute everything approved. */
  async function resume(): Promise<number> {
    const cutoff = new Date(now().getTime() - staleAfterMs).toISOString();
    for (const r of await deps.store.listRequests({ status: 'executing', order: 'asc', limit: 1000 })) {
      if (heldByLiveWorker(r, cutoff, deps.workerId) || inFlight.has(r.id)) continue;
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

  const sweep = createSweep({ ...deps, staleAfterMs, retryPolicy, now, finish });

  /** An operator puts a failed request back in line. */
  async function retry(id: string): Promise<void> {
    if (await requeueFailed(deps.store, id)) await execute(id);
  }

  const idle = () => Promise.allSettled([...inFlight.values()]);
  /** Runs resume + sweep every `intervalMs` until stopped (backing off while the store is unavailable). */
  const start = (intervalMs = 5_000) =>
    startExecutorLoop(
      {
        tick: async () => {
          await resume();
          await sweep();
        },
        settle: idle,
        log: deps.log,
      },
      intervalMs,
    );

  return { execute, resume, sweep, retry, start, idle };
}
