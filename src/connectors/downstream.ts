// The executor's downstream step: an approved change applied in every connected app it concerns, once, with outcomes recorded.
import type { Logger } from 'pino';
import type { AuditInput } from '../core/audit.js';
import type {
  ConnectorWriter,
  DownstreamApplyOptions,
  DownstreamChange,
  DownstreamPlan,
  DownstreamPort,
  DownstreamRecord,
  SystemOutcome,
} from '../core/connectors.js';
import { DownstreamRetryLater } from '../core/connectors.js';
import type { DirectoryPort } from '../core/directory.js';
import { isAppError } from '../core/errors.js';
import type { Store } from '../core/store.js';
import { removeOrphanAccount } from './downstream-remove-account.js';
import { orphanAccountCheck } from './orphan-account.js';
import { appsOnly, stepsFor, systemsTouched, type Step } from './downstream-steps.js';
import type { Connector, ConnectorRegistry } from './registry.js';

export interface DownstreamDeps {
  registry: ConnectorRegistry;
  directory: DirectoryPort;
  store: Store;
  log: Logger;
  now?: () => Date;
}

const SYSTEM = { kind: 'system' as const, clientId: 'warden' };

export function createDownstream(deps: DownstreamDeps): DownstreamPort & { directorySystem: string } {
  const now = deps.now ?? (() => new Date());
  const directorySystem = deps.directory.kind === 'okta' ? 'Okta' : 'Directory';

  function plan(c: DownstreamChange): DownstreamPlan {
    const steps = stepsFor(deps.registry, c);
    const diff: DownstreamPlan['diff'] = [];
    for (const { connector, step } of steps) {
      const app = connector.def.app;
      if (step.op === 'remove-account') continue; // the change's own diff line says it all
      if (step.op === 'ensure') {
        diff.push({
          op: 'add',
          field: `${app} account`,
          value: `${c.userLogin} (created, or reactivated if it exists)`,
        });
        if (step.group) diff.push({ op: 'add', field: `${app} groups`, value: step.group });
      } else if (step.op === 'leave-group') {
        diff.push({ op: 'remove', field: `${app} groups`, value: step.group });
        diff.push({
          op: 'set',
          field: `${app} account`,
          value: `${connector.def.deprovision === 'delete' ? 'deleted' : 'inactive'} unless ${app} is still assigned in the directory`,
        });
      } else {
        diff.push({
          op: 'set',
          field: `${app} account`,
          value: `${step.mode === 'delete' ? 'deleted' : 'inactive'}${step.unlessStillAssigned ? ` unless ${app} is still assigned through a group` : ''}`,
        });
      }
    }
    return { systems: systemsTouched(directorySystem, c, steps), diff };
  }

  async function apply<
    R extends { id: string; version: number; tool: string; subject?: string; payload: Record<string, unknown> },
  >(row: R, c: DownstreamChange, opts: DownstreamApplyOptions = {}): Promise<R | null> {
    const steps = stepsFor(deps.registry, c);
    if (!steps.length) return row;
    let current = row;
    // A time-bound grant's revocation keeps its own outcomes beside the execution's.
    const key =
      (row.payload.change as { kind?: string } | undefined)?.kind === c.kind ? 'downstream' : 'downstreamRevocation';
    const record = (): DownstreamRecord =>
      (current.payload[key] as DownstreamRecord | undefined) ?? {
        systems: systemsTouched(directorySystem, c, steps),
        ...(appsOnly(c) ? { appsOnly: true } : {}),
        outcomes: {},
      };
    /** Writes one app's outcome (and its audit record, when given) while this worker still holds the claim. */
    const put = async (
      o: SystemOutcome,
      audit?: Omit<AuditInput, 'actor' | 'tool' | 'target' | 'requestId'>,
    ): Promise<boolean> => {
      const prev = record();
      const next: DownstreamRecord = {
        ...prev,
        systems: prev.systems.includes(o.system) ? prev.systems : [...prev.systems, o.system],
        outcomes: { ...prev.outcomes, [o.system]: { ...o, at: now().toISOString() } },
      };
      const payload = { ...current.payload, [key]: next };
      const ok = await deps.store.withTransaction(async (tx) => {
        if (!(await tx.updateRequest(current.id, current.version, { payload }))) return false;
        if (audit)
          await tx.appendAudit({
            ...audit,
            actor: SYSTEM,
            tool: current.tool,
            target: `user:${current.subject ?? c.userLogin}`,
            requestId: current.id,
          });
        return true;
      });
      if (ok) current = { ...current, payload, version: current.version + 1 };
      return ok;
    };
    for (const { connector, step } of steps) {
      const app = connector.def.app;
      const before = record().outcomes[app]?.status;
      if (before === 'applied' || before === 'unchanged') continue; // done before a crash
      // Started before (a crash or a lost claim): what this run finds in place may be that earlier run's work.
      const resumed = before === 'pending' || before === 'retrying';
      if (!(await put({ system: app, status: 'pending' }))) return null;
      let lost = false;
      const onRetry = async ({ attempt, waitMs, detail }: { attempt: number; waitMs: number; detail: string }) => {
        if (
          !lost &&
          !(await put({
            system: app,
            status: 'retrying',
            detail: `${detail} (attempt ${attempt}, next in ${Math.ceil(waitMs / 1000)} s)`,
          }))
        )
          lost = true;
      };
      try {
        const { changed, detail } = await run(connector.client, connector, step, c, onRetry);
        if (lost) return null;
        const status = changed || resumed ? 'applied' : 'unchanged';
        const said = !changed && resumed ? `completed after a restart: ${detail}` : detail;
        const ok = await put(
          { system: app, status, detail: said },
          {
            action: status === 'applied' ? 'downstream.applied' : 'downstream.unchanged',
            outcome: 'ok',
            args: { app, operation: step.op, detail: said },
          },
        );
        if (!ok) return null;
      } catch (err) {
        if (lost) return null;
        const reason = isAppError(err) ? err.message : `${app}: unexpected error`;
        if (opts.retryLater?.(err)) {
          // The caller tries the whole request again later: the app is waited for, not failed (and logged there).
          if (!(await put({ system: app, status: 'retrying', detail: reason }))) return null;
          throw new DownstreamRetryLater(current, err);
        }
        deps.log.error({ err: isAppError(err) ? undefined : err, app, requestId: row.id }, 'downstream change failed');
        if (
          !(await put(
            { system: app, status: 'failed', detail: reason },
            { action: 'downstream.failed', outcome: 'error', args: { app, operation: step.op, reason } },
          ))
        )
          return null;
      }
    }
    return current;
  }

  /** Reads state first, then changes only what differs: a retry after a crash re-finds the account it created. */
  async function run(
    w: ConnectorWriter,
    connector: Connector,
    step: Step,
    c: DownstreamChange,
    onRetry: Parameters<ConnectorWriter['setActive']>[2],
  ): Promise<{ changed: boolean; detail: string }> {
    if (step.op === 'remove-account') return removeOrphanAccount(w, c, onRetry);
    const found = await w.findAccount({ externalId: c.userId, userName: c.userLogin });
    if (step.op === 'ensure') {
      let account = found;
      const done: string[] = [];
      if (!account) {
        const u = await deps.directory.getUser(c.userId);
        account = await w.createAccount(
          {
            userName: c.userLogin,
            externalId: c.userId,
            givenName: u?.firstName ?? c.userName.split(' ')[0]!,
            familyName: u?.lastName ?? c.userName.split(' ').slice(1).join(' '),
            displayName: u?.displayName ?? c.userName,
            email: u?.email ?? c.userLogin,
          },
          onRetry,
        );
        done.push(`created account ${account.userName}`);
      } else if (!account.active) {
        await w.setActive(account.id, true, onRetry);
        done.push(`reactivated account ${account.userName}`);
      }
      if (step.group) {
        const g = await w.findGroup(step.group);
        if (!g) throw new Error(`group ${step.group} does not exist in ${connector.def.app}`);
        if (!g.memberIds.includes(account.id)) {
          await w.addToGroup(g.id, account.id, onRetry);
          done.push(`added to ${step.group}`);
        }
      }
      return done.length
        ? { changed: true, detail: done.join('; ') }
        : {
            changed: false,
            detail: `account ${account.userName} already active${step.group ? ` and in ${step.group}` : ''}`,
          };
    }
    if (!found) return { changed: false, detail: 'no account in the app' };
    const done: string[] = [];
    if (step.op === 'leave-group') {
      const g = await w.findGroup(step.group);
      if (g?.memberIds.includes(found.id)) {
        await w.removeFromGroup(g.id, found.id, onRetry);
        done.push(`removed from ${step.group}`);
      }
    }
    const gone = ['DEPROVISIONED', 'SUSPENDED'].includes((await deps.directory.getUser(c.userId))?.status ?? '');
    const stillAssigned =
      !gone && (step.op === 'leave-group' || (step.op === 'deprovision' && step.unlessStillAssigned))
        ? (await deps.directory.listUserAppAssignments(c.userId)).some((a) => connectorMatches(connector, a.app))
        : false;
    const mode = step.op === 'deprovision' ? step.mode : connector.def.deprovision;
    if (stillAssigned) done.push(`account kept: ${connector.def.app} is still assigned in the directory`);
    else if (mode === 'delete') {
      await w.deleteAccount(found.id, onRetry);
      done.push(`deleted account ${found.userName}`);
    } else if (found.active) {
      await w.setActive(found.id, false, onRetry);
      done.push(`deactivated account ${found.userName}`);
    }
    const changed = done.some((d) => !d.startsWith('account kept'));
    return { changed, detail: done.length ? done.join('; ') : `account ${found.userName} already inactive` };
  }

  /** A leaver's or suspended person's live account, or an app removal the directory already shows: the app still has work. */
  async function pendingRemoval(c: DownstreamChange): Promise<boolean> {
    if (c.kind !== 'app_unassign') return false;
    const connector = deps.registry.forApp({ label: c.appLabel, name: c.appName });
    if (!connector) return false;
    const found = await connector.client.findAccount({ externalId: c.userId, userName: c.userLogin });
    return !!found?.active;
  }

  const accountCheck: DownstreamPort['accountCheck'] = (c, o) =>
    orphanAccountCheck(deps.registry, deps.directory, c, o);
  return { plan, apply, pendingRemoval, accountCheck, directorySystem };
}

const connectorMatches = (c: Connector, app: { label: string; name: string }) =>
  [app.label.toLowerCase(), app.name.toLowerCase()].includes(c.def.app.toLowerCase());
