// The access-request port: what a change is, how a request looks to callers, and what tools may do with requests.
import type { SystemOutcome } from './connectors.js';
import type { DirectoryUser, NewDirectoryUser } from './directory.js';
import type { ClientScope } from './policy.js';
import type { Principal } from './principal.js';
import type { ApprovalRow, RequestFilter, RequestStatus } from './store.js';

interface UserPart {
  userId: string;
  userLogin: string;
  userName: string;
}
interface GroupPart {
  groupId: string;
  groupName: string;
}
interface AppPart {
  appId: string;
  appName: string;
  appLabel: string;
}
/** A joiner's account: the profile to create; `userId` is the login until the account exists. */
interface NewUserPart {
  profile: NewDirectoryUser;
  managerLogin?: string;
}

/**
 * An account in a connected app that matches no person in the directory (a reconcile orphan). The account stands in for
 * the person: `userId` is `account:<app>:<accountId>` (never a directory id), `userLogin` the account's userName.
 */
interface AccountPart {
  /** The connected app as the connectors file names it (e.g. Jira). */
  connectorApp: string;
  /** The app's id for the account (SCIM `id`). */
  accountId: string;
  accountUserName: string;
  /** The connector's `deprovision` setting when the request was filed: what approvers approve is what happens. */
  mode: 'deactivate' | 'delete';
}

/** One change an access request carries: in the directory, or (downstream_account_remove) only in a connected app. */
export type Change =
  | ({ kind: 'group_add' } & UserPart & GroupPart)
  | ({ kind: 'group_remove' } & UserPart & GroupPart)
  | ({ kind: 'app_assign' } & UserPart & AppPart)
  | ({ kind: 'app_unassign' } & UserPart & AppPart)
  | ({ kind: 'user_suspend' } & UserPart)
  | ({ kind: 'user_deactivate' } & UserPart)
  | ({ kind: 'user_create' } & UserPart & NewUserPart)
  | ({ kind: 'user_activate' } & UserPart)
  | ({ kind: 'downstream_account_remove' } & UserPart & AppPart & AccountPart);

export type ChangeKind = Change['kind'];

/** One line of a dry-run diff. */
export interface DiffLine {
  op: 'add' | 'remove' | 'set';
  /** What changes, e.g. `groups`, `apps`, `status`. */
  field: string;
  value: string;
  from?: string;
}

/** A request as its requester and approvers see it. */
export interface RequestView {
  id: string;
  status: RequestStatus;
  tool: string;
  summary: string;
  diff: DiffLine[];
  requester: { client: string; person?: string };
  subject?: string;
  reason?: string;
  approvals: Array<{ step: string; needs: number; distinct: boolean; approvedBy: string[]; eligible: string[] }>;
  rule: string;
  why: string;
  policyHash?: string;
  createdAt: string;
  expiresAt?: string;
  grantDurationSeconds?: number;
  grantExpiresAt?: string;
  directoryRequestId?: string;
  failureReason?: string;
  /** Every system the request touches (the directory first) and what happened there; only when it touches connected apps. */
  systems?: SystemOutcome[];
}

/**
 * The person a request is about, as far as filing it needs them. A directory user, or for `user_create` a provisional
 * subject built from the HR record (id = login, STAGED, the resolved manager's id) because the account does not exist yet;
 * for `downstream_account_remove`, the orphan account itself (id `account:<app>:<id>`, login = its userName, no status).
 */
export type RequestSubject = Pick<DirectoryUser, 'id' | 'login' | 'department' | 'managerId'> & {
  /** Absent for an account no person holds (downstream_account_remove). */
  status?: DirectoryUser['status'];
};

/** What filing a request needs. */
export interface NewRequest {
  principal: Principal;
  scope: ClientScope;
  tool: string;
  change: Change;
  subject: RequestSubject;
  reason: string;
  durationSeconds?: number;
}

/** What tools may do with access requests: file, read, list and withdraw them. Deciding is not here (people decide). */
export interface RequestPort {
  /**
   * The checks on who files and what they wrote that need nothing read: throws when an agent names no person, or the
   * reason carries a credential. Tools call it before reading the directory or an app; `create` runs it again.
   */
  precheck(r: Pick<NewRequest, 'principal' | 'reason'>): void;
  create(r: NewRequest): Promise<RequestView>;
  get(id: string): Promise<RequestView>;
  list(filter: RequestFilter): Promise<RequestView[]>;
  /** Withdraws a pending request; only the person (or client) that asked may. */
  cancel(id: string, principal: Principal, comment?: string): Promise<RequestView>;
  /** Who decided a request, when, and what they said. */
  approvalsOf(id: string): Promise<ApprovalRow[]>;
}
