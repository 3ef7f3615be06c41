// Access requests: the only way anything changes. Create (policy-checked, dry-run diff), read, list and cancel.
import type { Logger } from 'pino';
import type { DirectoryPort, DirectoryUser } from '../../core/directory.js';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, RateLimitedError } from '../../core/errors.js';
import type { ClientScope, PolicyPort } from '../../core/policy.js';
import type { Principal } from '../../core/principal.js';
import type { RequestFilter, RequestStatus, Store } from '../../core/store.js';
import type { AuditSink } from '../types.js';
import { alreadyInPlace, diffOf, isInPlace, resourceKey, summaryOf, TOOL_CHANGE, type Change } from './changes.js';
import { eligibleBySteps, managerOf, ownersOf } from './approvers.js';
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
}

/**
 * The person a request is about, as far as create() needs them. A directory user, or for `user_create` a provisional
 * subject built from the HR record (id = login, STAGED, the resolved manager's id) because the account does not exist yet.
 */
export type RequestSubject = Pick<DirectoryUser, 'id' | 'login' | 'status' | 'department' | 'managerId'>;

export interface NewRequest {
  principal: Principal;
  scope: ClientScope;
  tool: string;
  change: Change;
  subject: RequestSubject;
  reason: string;
  durationSeconds?: number;
}

const OPEN: RequestStatus[] = ['pending', 'approved', 'executing'];

export type RequestService = ReturnType<typeof createRequestService>;

export function createRequestService(deps: RequestServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const policyOwners = (kind: 'group' | 'app', name: string) => deps.policy.ownersFor?.(kind, name) ?? [];

  async function create(r: NewRequest): Promise<RequestView> {
    if (TOOL_CHANGE[r.tool] !== r.change.kind) throw new Error(`tool ${r.tool} cannot ask for ${r.change.kind}`);
    assertNoCredential('reason', r.reason);
    // Built in: without the person behind an agent, nobody could stop them approving their own request.
    if (r.principal.kind === 'agent' && !r.principal.person) {
      throw new ForbiddenError('Access requests through an agent must say which person they are for.', {
        hint: 'Use an API key created with `warden keys create <client-id> --person <login>`, an OAuth token issued to a person, or set WARDEN_STDIO_PERSON for stdio.',
      });
    }
    if (r.change.kind === 'user_create' && (r.subject.id !== r.change.userId || r.subject.login !== r.change.profile.login)) {
      throw new Error('a user_create request is about the account it creates: subject id and login must be the new login');
    }
    if (r.subject.status === 'DEPROVISIONED') {
      throw new ConflictError(`${r.subject.login} is deactivated (DEPROVISIONED); access requests for them are not possible.`, { hint: 'Reactivation is done by IT in the directory, not through Warden.' });
    }
    if (await isInPlace(deps.directory, r.change)) {
      throw new ConflictError(`Nothing to do: ${alreadyInPlace(r.change)}.`, { hint: 'Check with check_access or list_user_access.' });
    }
    const resource = resourceKey(r.change);
    const dup = await deps.store.listRequests({ status: OPEN, tool: r.tool, subject: r.subject.login, resource, limit: 1 });
    if (dup[0]) throw new ConflictError(`An open request for this change already exists: ${dup[0].id} (${dup[0].status}).`, { hint: `Track it with get_request id=${dup[0].id}.`, details: { requestId: dup[0].id } });
    const limit = r.scope.requestsPerHour;
    if (limit !== undefined) {
      const since = new Date(now().getTime() - 3_600_000).toISOString();
      const recent = await deps.store.countRequests({ requesterClient: r.principal.clientId, createdAfter: since });
      if (recent >= limit) throw new RateLimitedError(`Client ${r.principal.clientId} has made ${recent} access requests in the last hour; the policy allows ${limit}.`, { hint: 'Wait, or ask a person to use the Warden inbox.' });
    }
    const managerLogin = await managerOf(deps.directory, r.subject);
    const ownerLogins = await ownersOf(deps.directory, r.change, policyOwners);
    const res = 'groupId' in r.change ? { kind: 'group' as const, id: r.change.groupId, name: r.change.groupName }
      : 'appId' in r.change ? { kind: 'app' as const, id: r.change.appId, name: r.change.appName } : undefined;
    const decision = deps.policy.decide({
      principal: r.principal, tool: r.tool, toolset: 'access-requests', mutating: true,
      input: { user: r.subject.login, reason: r.reason, ...(r.durationSeconds ? { durationSeconds: r.durationSeconds } : {}), ...(res ? { [res.kind]: res.name } : {}) },
      subject: { id: r.subject.id, login: r.subject.login, department: r.subject.department, status: r.subject.status, managerLogin },
      resource: res ? { ...res, tags: deps.policy.tagsFor(res.kind, res.name), ownerLogins } : undefined,
      durationSeconds: r.durationSeconds, reason: r.reason,
    });
    const targets = [{ type: 'user', id: r.subject.id, login: r.subject.login }, ...(res ? [{ type: res.kind, id: res.id, name: res.name }] : [])];
    const auditBase = { actor: actorOf(r.principal), tool: r.tool, target: `user:${r.subject.login}`, targets, args: { change: r.change.kind, resource: res?.name, reason: r.reason, durationSeconds: r.durationSeconds }, decision: { effect: decision.effect, rule: decision.rule, policyHash: decision.policyHash } };
    if (decision.effect !== 'approval') {
      const why = decision.effect === 'allow'
        ? `policy rule ${decision.rule} would allow this change without approval, but every directory change needs a person's approval; the policy must name approvers`
        : decision.why;
      await deps.audit.append({ ...auditBase, action: 'request.refused', outcome: 'denied' });
      throw new ForbiddenError(`Request refused: ${why}`, { details: { rule: decision.rule } });
    }
    const grantDurationSeconds = r.durationSeconds ?? decision.maxDurationSeconds;
    const exclude = [r.subject.login, ...(r.principal.person ? [r.principal.person.login] : [])];
    const stored: RequestDecision = {
      effect: 'approval', rule: decision.rule, why: decision.why, policyHash: decision.policyHash, steps: decision.steps,
      progress: Object.fromEntries(decision.steps.map((s) => [s.id, []])),
      eligible: await eligibleBySteps(deps.directory, decision.steps, { managerLogin, ownerLogins, exclude }),
      subjectManagerLogin: managerLogin, ownerLogins,
    };
    const payload: RequestPayload = { change: r.change, diff: diffOf(r.change), summary: summaryOf(r.change), grantDurationSeconds, requesterPersonId: r.principal.person?.id };
    // The request and its audit record are written together: a crash can never leave one without the other.
    const row = await deps.store.withTransaction(async (tx) => {
      const inserted = await tx.insertRequest({
        status: 'pending', createdAt: now().toISOString(), tool: r.tool, payload: payload as never, requesterClient: r.principal.clientId, requesterPerson: r.principal.person?.login,
        subject: r.subject.login, resource, reason: r.reason, decision: stored as never, policyHash: decision.policyHash,
        expiresAt: new Date(now().getTime() + decision.pendingExpirySeconds * 1000).toISOString(),
      });
      await tx.appendAudit({ ...auditBase, action: 'request.created', outcome: 'pending', requestId: inserted.id });
      return inserted;
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
    const mine = me ? row.requesterPerson?.toLowerCase() === me : row.requesterClient === principal.clientId && !row.requesterPerson;
    if (!mine) throw new ForbiddenError('Only the person who asked for a request may cancel it.');
    if (row.status !== 'pending') throw new ConflictError(`Request ${id} is ${row.status}; only pending requests can be cancelled.`);
    const done = await deps.store.withTransaction(async (tx) => {
      if (!(await tx.updateRequest(id, row.version, { status: 'cancelled', failureReason: comment ?? null }))) return false;
      await tx.appendAudit({ actor: actorOf(principal), action: 'request.cancelled', tool: row.tool, target: `user:${row.subject}`, outcome: 'ok', requestId: id, args: { comment } });
      return true;
    });
    if (!done) throw new ConflictError(`Request ${id} changed while cancelling; fetch it and try again.`);
    return get(id);
  }

  /** Who decided a request, when, and what they said. */
  const approvalsOf = (id: string) => deps.store.listApprovals(id);

  return { create, get, list, cancel, approvalsOf };
}

/** Validates a reason the way every request tool needs, before policy adds its own rules. */
export function requireReason(reason: string): string {
  const r = reason.trim();
  assertNoCredential('reason', r);
  if (!/[\p{L}\p{N}]/u.test(r)) throw new InvalidInputError('reason must say why, in words (a reason of only punctuation is not accepted).');
  return r;
}
