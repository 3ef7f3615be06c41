// Access requests: the only way anything changes. Create (policy-checked, dry-run diff), read, list and cancel.
import type { Logger } from 'pino';
import type { DirectoryPort, DirectoryUser } from '../../core/directory.js';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RateLimitedError,
} from '../../core/errors.js';
import type { ClientScope, PolicyPort } from '../../core/policy.js';
import type { DownstreamPort } from '../../core/connectors.js';
import type { Principal } from '../../core/principal.js';
import {
  OpenRequestExistsError,
  RequestLimitReachedError,
  type RequestFilter,
  type RequestStatus,
  type Store,
} from '../../core/store.js';
import type { AuditSink } from '../types.js';
import type { NewRequest, RequestPort } from '../../core/requests.js';
import {
  alreadyInPlace,
  diffOf,
  isInPlace,
  openKeyOf,
  resourceKey,
  summaryOf,
  TOOL_CHANGE,
  touchesDirectory,
  type Change,
} from './changes.js';
import { eligibleBySteps } from './approvers.js';
import { checkAccountChange } from './account-change.js';
import { decideChange } from './policy-facts.js';
import { grantToStoppedAccount } from './recheck.js';
import { toView, type RequestDecision, type RequestPayload, type RequestView } from './request-view.js';
import { actorOf } from './actor.js';
import { assertNoCredential } from '../../core/secret-scan.js';

export interface RequestServiceDeps {
  store: Store;
  /** The unscoped directory: approver facts need people outside the caller's scope. */
  directory: DirectoryPort;
  policy: PolicyPort & { ownersFor?(kind: 'group' | 'app', name: string): readonly string[] };
  audit: AuditSink;
  log: Logger;
  notify?: (event: 'created' | 'decided' | 'applied' | 'failed', view: RequestView) => void;
  now?: () => Date;
  /** Connected apps: the dry-run diff lists what each will do. */
  downstream?: DownstreamPort;
}

export type { NewRequest, RequestSubject } from '../../core/requests.js';

const OPEN: RequestStatus[] = ['pending', 'approved', 'executing'];

export type RequestService = ReturnType<typeof createRequestService>;

export function createRequestService(deps: RequestServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const policyOwners = (kind: 'group' | 'app', name: string) => deps.policy.ownersFor?.(kind, name) ?? [];

  function precheck(r: Pick<NewRequest, 'principal' | 'reason'>): void {
    assertNoCredential('reason', r.reason);
    // Built in: without the person behind an agent, nobody could stop them approving their own request.
    if (r.principal.kind === 'agent' && !r.principal.person) {
      throw new ForbiddenError('Access requests through an agent must say which person they are for.', {
        hint: 'Use an OAuth token issued to a person, set WARDEN_STDIO_PERSON for stdio, or an API key bound to a person (`warden keys create <client-id> --person <login>`; an agent client also needs `--force`).',
      });
    }
  }

  async function create(r: NewRequest): Promise<RequestView> {
    if (TOOL_CHANGE[r.tool] !== r.change.kind) throw new Error(`tool ${r.tool} cannot ask for ${r.change.kind}`);
    precheck(r);
    if (
      r.change.kind === 'user_create' &&
      (r.subject.id !== r.change.userId || r.subject.login !== r.change.profile.login)
    ) {
      throw new Error(
        'a user_create request is about the account it creates: subject id and login must be the new login',
      );
    }
    // A connected app can still hold an active account the directory no longer shows (a leaver's, an app Okta does not
    // provision), or one no person holds at all (an orphan: checked live in the app, and nothing to do in the directory).
    const downstreamOnly =
      (await checkAccountChange(deps.downstream, r.change, r.subject)) ||
      ((await deps.downstream?.pendingRemoval?.(r.change)) ?? false);
    if (r.subject.status === 'DEPROVISIONED' && !downstreamOnly) {
      throw new ConflictError(
        `${r.subject.login} is deactivated (DEPROVISIONED); access requests for them are not possible.`,
        { hint: 'Reactivation is done by IT in the directory, not through Warden.' },
      );
    }
    if (grantToStoppedAccount(r.change, r.subject.status)) {
      throw new ConflictError(`${r.subject.login} is suspended; access is not granted to a suspended account.`, {
        hint: 'Ask again once the account is active; removals are still possible.',
      });
    }
    if (!downstreamOnly && (await isInPlace(deps.directory, r.change))) {
      throw new ConflictError(`Nothing to do: ${alreadyInPlace(r.change)}.`, {
        hint: 'Check with check_access or list_user_access.',
      });
    }
    const resource = resourceKey(r.change);
    const dup = await deps.store.listRequests({
      status: OPEN,
      tool: r.tool,
      subject: r.subject.login,
      resource,
      limit: 1,
    });
    if (dup[0]) throw duplicate(dup[0]);
    const limit = r.scope.requestsPerHour;
    if (limit !== undefined) {
      const since = new Date(now().getTime() - 3_600_000).toISOString();
      const recent = await deps.store.countRequests({ requesterClient: r.principal.clientId, createdAfter: since });
      if (recent >= limit) throw overLimit(r.principal.clientId, recent, limit);
    }
    const {
      decision,
      managerLogin,
      ownerLogins,
      resource: res,
    } = await decideChange(deps.directory, deps.policy, policyOwners, {
      principal: r.principal,
      tool: r.tool,
      change: r.change,
      subject: r.subject,
      reason: r.reason,
      durationSeconds: r.durationSeconds,
    });
    const targets = [
      { type: 'user', id: r.subject.id, login: r.subject.login },
      ...(res ? [{ type: res.kind, id: res.id, name: res.name }] : []),
    ];
    const auditBase = {
      actor: actorOf(r.principal),
      tool: r.tool,
      target: `user:${r.subject.login}`,
      targets,
      args: { change: r.change.kind, resource: res?.name, reason: r.reason, durationSeconds: r.durationSeconds },
      decision: { effect: decision.effect, rule: decision.rule, policyHash: decision.policyHash },
    };
    if (decision.effect !== 'approval') {
      const why =
        decision.effect === 'allow'
          ? `policy rule ${decision.rule} would allow this change without approval, but every directory change needs a person's approval; the policy must name approvers`
          : decision.why;
      await deps.audit.append({ ...auditBase, action: 'request.refused', outcome: 'denied' });
      throw new ForbiddenError(`Request refused: ${why}`, { details: { rule: decision.rule } });
    }
    const grantDurationSeconds = r.durationSeconds ?? decision.maxDurationSeconds;
    const exclude = [r.subject.login, ...(r.principal.person ? [r.principal.person.login] : [])];
    const stored: RequestDecision = {
      effect: 'approval',
      rule: decision.rule,
      why: decision.why,
      policyHash: decision.policyHash,
      steps: decision.steps,
      progress: Object.fromEntries(decision.steps.map((s) => [s.id, []])),
      eligible: await eligibleBySteps(deps.directory, decision.steps, { managerLogin, ownerLogins, exclude }),
      subjectManagerLogin: managerLogin,
      ownerLogins,
    };
    const plan = deps.downstream?.plan(r.change);
    const payload: RequestPayload = {
      change: r.change,
      diff: [...diffOf(r.change), ...(plan?.diff ?? [])],
      summary: summaryOf(r.change),
      grantDurationSeconds,
      requesterPersonId: r.principal.person?.id,
      requesterKind: r.principal.kind,
      requestedDurationSeconds: r.durationSeconds,
      // A change only in apps (an orphan account) lists just its app; others list the directory and at least one app.
      ...(plan && (plan.systems.length > 1 || (!touchesDirectory(r.change) && plan.systems.length))
        ? {
            downstream: {
              systems: plan.systems,
              ...(touchesDirectory(r.change) ? {} : { appsOnly: true }),
              outcomes: {},
            },
          }
        : {}),
    };
    // The request and its audit record are written together: a crash can never leave one without the other. The insert
    // itself enforces one open request per change and the hourly limit, atomically across processes (the checks above only answer sooner).
    const row = await deps.store
      .withTransaction(async (tx) => {
        const inserted = await tx.insertRequest(
          {
            status: 'pending',
            createdAt: now().toISOString(),
            tool: r.tool,
            payload: payload as never,
            requesterClient: r.principal.clientId,
            requesterPerson: r.principal.person?.login,
            subject: r.subject.login,
            resource,
            reason: r.reason,
            decision: stored as never,
            policyHash: decision.policyHash,
            expiresAt: new Date(now().getTime() + decision.pendingExpirySeconds * 1000).toISOString(),
            openKey: openKeyOf(r.change),
          },
          limit === undefined
            ? undefined
            : { perClient: { since: new Date(now().getTime() - 3_600_000).toISOString(), limit } },
        );
        await tx.appendAudit({ ...auditBase, action: 'request.created', outcome: 'pending', requestId: inserted.id });
        return inserted;
      })
      .catch((err: unknown) => {
        if (err instanceof OpenRequestExistsError) throw duplicate(err.existing);
        if (err instanceof RequestLimitReachedError) throw overLimit(r.principal.clientId, err.count, err.limit);
        throw err;
      });
    const view = toView(row);
    deps.notify?.('created', view);
    return view;
  }

  async function get(id: string): Promise<RequestView> {
    const row = await deps.store.getRequest(id);
    if (!row) throw new NotFoundError(`No access request ${id}.`, { hint: 'Use list_requests to see your requests.' });
    return toView(row);
  }

  async function list(filter: RequestFilter): Promise<RequestView[]> {
    return (await deps.store.listRequests(filter)).map(toView);
  }

  /** Withdraws a pending request; only the client (or person) that asked may cancel it. */
  async function cancel(id: string, principal: Principal, comment?: string): Promise<RequestView> {
    assertNoCredential('comment', comment);
    const row = await deps.store.getRequest(id);
    if (!row) throw new NotFoundError(`No access request ${id}.`);
    // The person who asked (a client id such as claude-desktop is shared by many people, so it is not enough).
    const me = principal.person?.login.toLowerCase();
    const mine = me
      ? row.requesterPerson?.toLowerCase() === me
      : row.requesterClient === principal.clientId && !row.requesterPerson;
    if (!mine) throw new ForbiddenError('Only the person who asked for a request may cancel it.');
    if (row.status !== 'pending')
      throw new ConflictError(`Request ${id} is ${row.status}; only pending requests can be cancelled.`);
    const done = await deps.store.withTransaction(async (tx) => {
      if (!(await tx.updateRequest(id, row.version, { status: 'cancelled', failureReason: comment ?? null })))
        return false;
      await tx.appendAudit({
        actor: actorOf(principal),
        action: 'request.cancelled',
        tool: row.tool,
        target: `user:${row.subject}`,
        outcome: 'ok',
        requestId: id,
        args: { comment },
      });
      return true;
    });
    if (!done) throw new ConflictError(`Request ${id} changed while cancelling; fetch it and try again.`);
    return get(id);
  }

  /** Who decided a request, when, and what they said. */
  const approvalsOf = (id: string) => deps.store.listApprovals(id);

  const port: RequestPort = { precheck, create, get, list, cancel, approvalsOf };
  return port;
}

const duplicate = (open: { id: string; status: RequestStatus }) =>
  new ConflictError(`An open request for this change already exists: ${open.id} (${open.status}).`, {
    hint: `Track it with get_request id=${open.id}.`,
    details: { requestId: open.id },
  });

const overLimit = (clientId: string, count: number, limit: number) =>
  new RateLimitedError(
    `Client ${clientId} has made ${count} access requests in the last hour; the policy allows ${limit}.`,
    { hint: 'Wait, or ask a person to use the Warden inbox.' },
  );
