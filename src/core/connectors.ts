// Downstream apps (SCIM 2.0 first) behind ports: readers for reports and tools, writers only for the executor's change list.

/** An account in a downstream app, as Warden reads it. */
export interface DownstreamAccount {
  /** The app's id for the account (SCIM `id`). */
  id: string;
  userName: string;
  /** Warden sets this to the directory user id when it creates the account. */
  externalId?: string;
  active: boolean;
  displayName?: string;
  emails: string[];
}

/** A group in a downstream app, with its members' account ids. */
export interface DownstreamGroup {
  id: string;
  displayName: string;
  memberIds: string[];
}

export interface DownstreamPage<T> {
  items: T[];
  /** 1-based index of the first item (SCIM `startIndex`). */
  startIndex: number;
  totalResults: number;
}

/** What a probe of the app found: reachable, authenticated, and what it supports. */
export interface ConnectorProbe {
  ok: boolean;
  checks: Array<{ check: string; ok: boolean; detail: string }>;
}

/** The account to create: `userName` is the directory login, `externalId` the directory user id. */
export interface NewDownstreamAccount {
  userName: string;
  externalId: string;
  givenName: string;
  familyName: string;
  displayName: string;
  email: string;
}

/** Reads of one app: reconcile, checks and reports. Never changes anything. */
export interface ConnectorReader {
  /** The directory app (label or name) this connector stands for. */
  readonly app: string;
  probe(): Promise<ConnectorProbe>;
  /** The account with this externalId, else the one with this userName; null when neither exists. */
  findAccount(by: { externalId?: string; userName?: string }): Promise<DownstreamAccount | null>;
  /** The account with this id (SCIM `GET /Users/{id}`); null when the app has none. */
  getAccount(id: string): Promise<DownstreamAccount | null>;
  listAccounts(opts: { startIndex?: number; count?: number }): Promise<DownstreamPage<DownstreamAccount>>;
  listGroups(opts: { startIndex?: number; count?: number }): Promise<DownstreamPage<DownstreamGroup>>;
  findGroup(displayName: string): Promise<DownstreamGroup | null>;
}

/** Called while a write waits to retry (429 / 5xx), so the request can show "retrying". */
export type RetryNotice = (info: { attempt: number; waitMs: number; detail: string }) => void | Promise<void>;

/** Changes in one app. Held only by the downstream step of the executor (an approved request's change list). */
export interface ConnectorWriter extends ConnectorReader {
  createAccount(input: NewDownstreamAccount, onRetry?: RetryNotice): Promise<DownstreamAccount>;
  setActive(accountId: string, active: boolean, onRetry?: RetryNotice): Promise<DownstreamAccount>;
  deleteAccount(accountId: string, onRetry?: RetryNotice): Promise<void>;
  addToGroup(groupId: string, accountId: string, onRetry?: RetryNotice): Promise<void>;
  removeFromGroup(groupId: string, accountId: string, onRetry?: RetryNotice): Promise<void>;
}

/** One connected app as the connectors file declares it. */
export interface ConnectorDefinition {
  app: string;
  type: 'scim';
  url: string;
  tokenEnv?: string;
  /** Directory group name → group displayName in the app. */
  groups: Record<string, string>;
  deprovision: 'deactivate' | 'delete';
}

/** What happened (or is happening) in one system for one request. */
export interface SystemOutcome {
  system: string;
  status: 'not started' | 'pending' | 'applied' | 'unchanged' | 'retrying' | 'failed' | 'skipped';
  /** What was done or why not, e.g. "created account 2819c223", the app's error. */
  detail?: string;
  at?: string;
}

/** An account seen by the last reconcile, as tools show it. */
export interface DownstreamAccess {
  app: string;
  userName: string;
  active: boolean;
  groups: string[];
  /** When the last reconcile read it. */
  seenAt: string;
}

/** An account read live from a connected app, with the directory person it belongs to (if any). */
export interface FoundDownstreamAccount {
  app: string;
  account: DownstreamAccount;
  /** The person whose id is the account's externalId, or whose login is its userName (any status); absent for an orphan. */
  person?: { id: string; login: string; status: string };
}

/** Live reads of connected apps' accounts, for filing a removal of an account no person holds. Never changes anything. */
export interface DownstreamAccountFinder {
  /** The connector standing for a directory app (by label or name), or undefined when it has none. */
  connectorFor(app: { label: string; name: string }): { app: string; deprovision: 'deactivate' | 'delete' } | undefined;
  /** The account by userName or by id, read from the app now; null when the app has no such account. */
  find(app: string, account: string): Promise<FoundDownstreamAccount | null>;
}

/** Downstream accounts from the last reconcile of each app (tools read this; it never calls an app). */
export interface DownstreamAccessReader {
  accountsOf(user: { id: string; login: string }): Promise<DownstreamAccess[]>;
  /** Seats per app from the last reconcile (active accounts). */
  seats(): Promise<Array<{ app: string; active: number; total: number; reconciledAt: string }>>;
}

/** The part of an access request's change the downstream step reads (the governance `Change` fits it). */
export interface DownstreamChange {
  kind: string;
  userId: string;
  userLogin: string;
  userName: string;
  groupId?: string;
  groupName?: string;
  appId?: string;
  appName?: string;
  appLabel?: string;
  /** downstream_account_remove: the connected app, the account, and the deprovision mode frozen at filing. */
  connectorApp?: string;
  accountId?: string;
  accountUserName?: string;
  mode?: 'deactivate' | 'delete';
}

/** What a request will touch beyond the directory, shown in its dry-run diff before anyone approves. */
export interface DownstreamPlan {
  /** Every system, the directory first ("Okta", "Jira"). */
  systems: string[];
  diff: Array<{ op: 'add' | 'remove' | 'set'; field: string; value: string }>;
}

/** Per-system outcomes kept in a request's payload (`payload.downstream`). */
export interface DownstreamRecord {
  /** The directory first, then each app; only apps when `appsOnly`. */
  systems: string[];
  /** The change touches no directory (an account no person holds): `systems` lists only apps. */
  appsOnly?: boolean;
  outcomes: Record<string, SystemOutcome>;
}

/**
 * The executor's downstream step: after the directory change is applied and confirmed, applies it in every connected
 * app it concerns (idempotent: reads state first) and records each app's outcome on the request.
 */
export interface DownstreamPort {
  plan(change: DownstreamChange): DownstreamPlan;
  /** True when a removal has something left to do in a connected app (an active account) even though the directory has nothing. */
  pendingRemoval?(change: DownstreamChange): Promise<boolean>;
  /**
   * For a removal of an account no person holds (downstream_account_remove): the account re-read live from the app.
   * Null while the removal still applies; otherwise why not (`rule` stable, `why` safe to show). `started`: an earlier
   * run already began changing the app (after a crash), so an account found inactive or gone is that run's work, not a reason to stop.
   */
  accountCheck?(change: DownstreamChange, opts?: { started?: boolean }): Promise<{ rule: string; why: string } | null>;
  /**
   * Applies `change` downstream for the request `row` (held by this worker at `row.version`). Returns the row as
   * updated (outcomes recorded, version bumped), or null when this worker no longer holds the claim.
   */
  apply<R extends { id: string; version: number; tool: string; subject?: string; payload: Record<string, unknown> }>(
    row: R,
    change: DownstreamChange,
    opts?: DownstreamApplyOptions,
  ): Promise<R | null>;
}

export interface DownstreamApplyOptions {
  /**
   * App failures the caller retries later with the whole request (a change made only in apps, when the app failed
   * transiently): instead of a `failed` outcome, the app's outcome is left `retrying` and `apply` throws `DownstreamRetryLater`.
   */
  retryLater?: (err: unknown) => boolean;
}

/** Thrown by `apply` for a failure its caller asked to retry later: `row` is the request as recorded so far, `appError` the app's error. */
export class DownstreamRetryLater<R> extends Error {
  constructor(
    readonly row: R,
    readonly appError: unknown,
  ) {
    super('an app failed transiently; the caller retries the request later');
    this.name = 'DownstreamRetryLater';
  }
}
