// Connected apps wired together: registry (file + demo), the executor's downstream step, reconcile (scheduled and on demand), and the reader tools use.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type {
  DownstreamAccess,
  DownstreamAccessReader,
  DownstreamChange,
  DownstreamRecord,
} from '../core/connectors.js';
import { ConflictError, NotFoundError } from '../core/errors.js';
import type { DirectoryPort } from '../core/directory.js';
import { isAppError } from '../core/errors.js';
import type { AccessRequestRow } from '../core/store.js';
import type { Store } from '../core/store.js';
import type { AuditSink } from '../governance/types.js';
import { openDemoJira } from './demo/demo-jira.js';
import { createDownstream } from './downstream.js';
import { createAccountFinder } from './orphan-account.js';
import { createConnectorRegistry, type ConnectorRegistry, type ConnectorRegistryOptions } from './registry.js';
import { reconcileApp, type ReconcileReport, type SnapshotAccount } from './reconcile.js';

export interface ConnectorsDeps {
  config: Config['connectors'];
  dataDir: string;
  directory: DirectoryPort;
  store: Store;
  audit: AuditSink;
  log: Logger;
  watch?: boolean;
  http?: ConnectorRegistryOptions['http'];
  /** Raised for orphans and leavers' live accounts (the lifecycle's drift alert sink). */
  alerts?: {
    raise(a: {
      kind: string;
      severity: 'info' | 'warning' | 'critical';
      what: string;
      who: string;
      subject?: string;
      suggestion: { text: string; tool?: string; input?: Record<string, unknown> };
    }): Promise<void>;
  };
}

const SNAPSHOT_KEY = (app: string) => `connectors.snapshot.${app.toLowerCase()}`;

interface Snapshot {
  report: ReconcileReport;
  accounts: SnapshotAccount[];
}

export async function openConnectors(deps: ConnectorsDeps) {
  const builtIn = deps.config.demo ? [await openDemoJira({ dataDir: deps.dataDir, directory: deps.directory })] : [];
  const registry: ConnectorRegistry = createConnectorRegistry({
    path: deps.config.path,
    token: deps.config.token,
    log: deps.log,
    watch: deps.watch,
    http: deps.http,
    builtIn,
    onReload: (r) =>
      void deps.audit
        .append({
          actor: { kind: 'system', clientId: 'warden' },
          action: 'connectors.reloaded',
          outcome: r.ok ? 'ok' : 'error',
          args: { apps: r.apps, error: r.error },
        })
        .catch(() => undefined),
  });
  const downstream = createDownstream({ registry, directory: deps.directory, store: deps.store, log: deps.log });

  /** Reconciles every app (or one), stores what it saw for tools, audits and alerts on orphans and leavers' live accounts. */
  async function reconcile(opts: { app?: string; alert?: boolean } = {}): Promise<ReconcileReport[]> {
    const targets = registry.all().filter((c) => !opts.app || c.def.app.toLowerCase() === opts.app.toLowerCase());
    const out: ReconcileReport[] = [];
    for (const c of targets) {
      let report: ReconcileReport;
      try {
        const r = await reconcileApp(c.def, c.client, deps.directory);
        report = r.report;
        await deps.store.setMeta(
          SNAPSHOT_KEY(c.def.app),
          JSON.stringify({ report: { ...report, rows: [] }, accounts: r.snapshot } satisfies Snapshot),
        );
      } catch (err) {
        report = {
          app: c.def.app,
          at: new Date().toISOString(),
          ok: false,
          error: isAppError(err) ? err.message : 'unexpected error',
          accounts: 0,
          active: 0,
          groups: 0,
          requests: 0,
          ms: 0,
          rows: [],
        };
        if (!isAppError(err)) deps.log.error({ err, app: c.def.app }, 'reconcile failed');
      }
      await deps.audit.append({
        actor: { kind: 'system', clientId: 'warden' },
        action: 'connectors.reconciled',
        target: `app:${c.def.app}`,
        outcome: report.ok ? 'ok' : 'error',
        args: {
          accounts: report.accounts,
          active: report.active,
          findings: report.rows.length,
          orphans: report.rows.filter((r) => r.finding === 'orphan').length,
          error: report.error,
        },
      });
      if (opts.alert !== false && deps.alerts) {
        for (const r of report.rows.filter(
          (x) => x.finding === 'orphan' || x.finding === 'leaver-active' || x.finding === 'suspended-active',
        )) {
          await deps.alerts.raise({
            kind: r.finding === 'orphan' ? 'drift.downstream-orphan' : 'drift.downstream-leaver-active',
            severity: 'warning',
            what:
              r.finding === 'orphan'
                ? `${r.app} account ${r.userName} matches no person in the directory.`
                : `${r.person?.login} (${r.person?.status}) still has an active ${r.app} account.`,
            who: `${r.app} reconcile`,
            subject: r.person?.login ?? r.userName,
            suggestion: r.suggestion,
          });
        }
      }
      out.push(report);
    }
    return out;
  }

  /**
   * Re-applies an applied request's change in the apps where it failed (an operator's `warden connectors retry`). The change
   * was approved; this only finishes it, and each step still reads the app first.
   */
  async function retryFailed(requestId: string): Promise<AccessRequestRow> {
    const row = await deps.store.getRequest(requestId);
    if (!row) throw new NotFoundError(`No access request ${requestId}.`);
    const d = row.payload.downstream as DownstreamRecord | undefined;
    const failed = Object.values(d?.outcomes ?? {}).filter(
      (o) => o.status === 'failed' || o.status === 'retrying' || o.status === 'pending',
    );
    if (row.status !== 'applied' || !failed.length)
      throw new ConflictError(`Request ${requestId} has no failed app outcome to retry (status ${row.status}).`, {
        hint: 'A request that failed in the directory is retried with `warden requests retry`.',
      });
    const after = await downstream.apply(row, row.payload.change as DownstreamChange);
    if (!after) throw new ConflictError(`Request ${requestId} changed while retrying; try again.`);
    return after;
  }

  /** What tools see: accounts from the last reconcile, never a live call to an app. */
  const reader: DownstreamAccessReader = {
    async accountsOf(user) {
      const out: DownstreamAccess[] = [];
      for (const c of registry.all()) {
        const raw = await deps.store.getMeta(SNAPSHOT_KEY(c.def.app));
        if (!raw) continue;
        const snap = JSON.parse(raw) as Snapshot;
        for (const a of snap.accounts) {
          if (
            a.personId === user.id ||
            a.externalId === user.id ||
            a.userName.toLowerCase() === user.login.toLowerCase()
          ) {
            out.push({
              app: c.def.app,
              userName: a.userName,
              active: a.active,
              groups: a.groups,
              seenAt: snap.report.at,
            });
          }
        }
      }
      return out;
    },
    async seats() {
      const out: Array<{ app: string; active: number; total: number; reconciledAt: string }> = [];
      for (const c of registry.all()) {
        const raw = await deps.store.getMeta(SNAPSHOT_KEY(c.def.app));
        if (!raw) continue;
        const snap = JSON.parse(raw) as Snapshot;
        out.push({
          app: c.def.app,
          active: snap.report.active,
          total: snap.report.accounts,
          reconciledAt: snap.report.at,
        });
      }
      return out;
    },
  };

  let timer: NodeJS.Timeout | undefined;
  return {
    registry,
    downstream,
    reader,
    /** Live account reads for filing the removal of an account no person holds. */
    finder: createAccountFinder(registry, deps.directory),
    reconcile,
    retryFailed,
    /** Scheduled reconcile every `reconcileIntervalMs` (0: off); the first run comes one interval after start (right away on the demo). */
    start() {
      const ms = deps.config.reconcileIntervalMs;
      if (!ms || !registry.all().length) return;
      if (deps.config.demo) void reconcile().catch((err: unknown) => deps.log.error({ err }, 'demo reconcile failed'));
      const tick = async () => {
        try {
          await reconcile();
        } catch (err) {
          deps.log.error({ err }, 'scheduled reconcile failed');
        }
        timer = setTimeout(() => void tick(), ms);
        timer.unref();
      };
      timer = setTimeout(() => void tick(), ms);
      timer.unref();
    },
    close() {
      clearTimeout(timer);
      registry.close();
    },
  };
}

export type Connectors = Awaited<ReturnType<typeof openConnectors>>;
export type { ReconcileReport, ReconcileRow } from './reconcile.js';
