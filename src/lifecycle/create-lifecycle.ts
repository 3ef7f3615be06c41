// createLifecycle(deps): the job handlers, runner, hook routes, pollers and timers of the lifecycle automations, wired.
import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { DirectoryEvent, DirectoryPort } from '../core/directory.js';
import type { HrPort } from '../core/hr.js';
import type { Store } from '../core/store.js';
import { isUnavailable } from '../core/errors.js';
import type { AccessRequests } from '../governance/requests/index.js';
import type { AuditSink } from '../governance/types.js';
import type { PolicyEngine } from '../policies/engine.js';
import { createAlertSink, type AlertSink } from './alerts.js';
import { bambooHooksRoutes } from './bamboohr-hooks-routes.js';
import type { LifecycleContext } from './context.js';
import { checkEvent, scanTerminatedButActive } from './drift.js';
import { classifyHrChange, LIFECYCLE_JOBS } from './hr-classify.js';
import { HR_JOBS, runHrFetch, syncHrChangedSince, syncHrExport, type HrSyncResult } from './hr-sync.js';
import { createJobRunner, type JobHandler, type JobRunner, type JobRunnerOptions } from './job-runner.js';
import { runActivate, runJoiner } from './joiner.js';
import { runLeaver } from './leaver.js';
import { createLogPoller, type LogPoller } from './log-poller.js';
import { runMover } from './mover.js';
import { runOffboardingReport } from './offboarding-report.js';
import { OKTA_EVENT_JOB } from './okta-event.js';
import { oktaHooksRoutes } from './okta-hooks-routes.js';
import { dayOf } from './context.js';
import type { HrRecord } from '../core/hr.js';

/** The lifecycle's context (minus what it builds itself: alerts, and a default clock) plus its settings. */
export interface LifecycleDeps extends Omit<LifecycleContext, 'alerts' | 'now'> {
  /** Slack-compatible webhook for drift/risk alerts and mover notices; alerts always reach the audit log. */
  alertWebhookUrl?: string;
  /** The event hook's shared secret; without it /hooks/okta is not mounted. */
  oktaHookSecret?: string;
  /** BambooHR webhook key; without it /hooks/bamboohr is not mounted. */
  bambooWebhookKey?: string;
  /** Poll the directory's event log (for orgs whose Okta cannot reach Warden); 0 turns it off. Default 60 s. */
  logPollIntervalMs?: number;
  /** HR poll: export diff (file) or changed-since (BambooHR); 0 turns it off. Default 5 min. */
  hrPollIntervalMs?: number;
  /** Terminated-in-HR-but-active reconciliation; 0 turns it off. Default 1 h. */
  driftScanIntervalMs?: number;
  /** How often an offboarding report re-checks its requests (default 60 s). */
  reportCheckMs?: number;
  /** How often a joiner waiting for its account request re-checks whether the account exists (default 60 s). */
  joinerCheckMs?: number;
  reorderDelayMs?: number;
  runner?: Partial<Omit<JobRunnerOptions, 'store' | 'handlers' | 'log'>>;
  now?: () => Date;
  fetch?: typeof fetch;
}

export interface Lifecycle {
  ctx: LifecycleContext;
  runner: JobRunner;
  handlers: Record<string, JobHandler>;
  /** Mount with createWebApp({ routes: [...lifecycle.routes] }): /hooks/okta and /hooks/bamboohr as configured. */
  routes: Hono[];
  logPoller: LogPoller;
  alerts: AlertSink;
  /** One HR poll now (export diff or changed-since, by adapter). */
  syncHr(): Promise<HrSyncResult>;
  scanDrift(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function createLifecycle(deps: LifecycleDeps): Lifecycle {
  const log = deps.log.child({ component: 'lifecycle' });
  const now = deps.now ?? (() => new Date());
  const alerts = createAlertSink({
    audit: deps.audit,
    log,
    webhookUrl: deps.alertWebhookUrl,
    clientId: deps.policy.current().source.lifecycle?.client,
    fetch: deps.fetch,
  });
  const ctx: LifecycleContext = {
    store: deps.store,
    directory: deps.directory,
    hr: deps.hr,
    policy: deps.policy,
    access: deps.access,
    audit: deps.audit,
    log,
    alerts,
    dataDir: deps.dataDir,
    now,
  };
  const enabled = () => !!deps.policy.current().source.lifecycle;

  const handlers: Record<string, JobHandler> = {
    [OKTA_EVENT_JOB]: async (job) => {
      if (enabled()) await checkEvent(ctx, job.payload.event as unknown as DirectoryEvent);
    },
    [HR_JOBS.fetch]: async (job) => void (await runHrFetch(deps.store, deps.hr, String(job.payload.employeeId))),
    [HR_JOBS.change]: async (job) => {
      if (!enabled()) return;
      const p = job.payload as { employeeId: string; before: HrRecord | null; after: HrRecord | null };
      for (const j of classifyHrChange(p.employeeId, p.before, p.after, dayOf(now()))) await deps.store.enqueueJob(j);
    },
    [LIFECYCLE_JOBS.joiner]: (job) => runJoiner(ctx, job, deps.joinerCheckMs),
    [LIFECYCLE_JOBS.activate]: (job) => runActivate(ctx, job),
    [LIFECYCLE_JOBS.mover]: (job) => runMover(ctx, job),
    [LIFECYCLE_JOBS.leaver]: (job) => runLeaver(ctx, job),
    [LIFECYCLE_JOBS.report]: (job) => runOffboardingReport(ctx, job, deps.reportCheckMs),
  };
  const runner = createJobRunner({ store: deps.store, handlers, log, ...deps.runner });
  const wake = () => runner.wake();
  const logPoller = createLogPoller({
    directory: deps.directory,
    store: deps.store,
    log,
    intervalMs: deps.logPollIntervalMs,
    onQueued: wake,
  });

  const routes: Hono[] = [];
  if (deps.oktaHookSecret)
    routes.push(
      new Hono().route(
        '/hooks/okta',
        oktaHooksRoutes({
          store: deps.store,
          log,
          secret: deps.oktaHookSecret,
          reorderDelayMs: deps.reorderDelayMs,
          onQueued: wake,
        }),
      ),
    );
  if (deps.bambooWebhookKey)
    routes.push(
      new Hono().route(
        '/hooks/bamboohr',
        bambooHooksRoutes({ store: deps.store, log, key: deps.bambooWebhookKey, now, onQueued: wake }),
      ),
    );

  async function syncHr(): Promise<HrSyncResult> {
    const r =
      deps.hr.kind === 'file'
        ? await syncHrExport(deps.store, deps.hr)
        : await syncHrChangedSince(deps.store, deps.hr, now());
    if (r.jobs) wake();
    return r;
  }

  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number | undefined, fallback: number, what: string, fn: () => Promise<unknown>) => {
    const interval = ms ?? fallback;
    if (interval <= 0) return;
    // A store outage is logged once by the store; the timer simply tries again on its next turn.
    const run = () =>
      fn().catch((err) => (isUnavailable(err) ? log.debug : log.warn).call(log, { err }, `${what} failed; will retry`));
    void run();
    timers.push(setInterval(run, interval));
  };

  return {
    ctx,
    runner,
    handlers,
    routes,
    logPoller,
    alerts,
    syncHr,
    scanDrift: () => scanTerminatedButActive(ctx),
    start() {
      if (!enabled())
        log.warn(
          'the policy has no lifecycle: section; hooks are accepted and queued, workflows do nothing until one is added',
        );
      runner.start();
      if ((deps.logPollIntervalMs ?? 60_000) > 0) logPoller.start();
      every(deps.hrPollIntervalMs, 300_000, 'HR poll', syncHr);
      every(deps.driftScanIntervalMs, 3_600_000, 'drift scan', async () =>
        enabled() ? scanTerminatedButActive(ctx) : 0,
      );
      every(86_400_000, 86_400_000, 'job pruning', () =>
        deps.store.pruneJobs(new Date(now().getTime() - 7 * 86_400_000).toISOString()),
      );
    },
    async stop() {
      for (const t of timers.splice(0)) clearInterval(t);
      await logPoller.stop();
      await runner.stop();
    },
  };
}
