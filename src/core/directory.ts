// Directory domain types and the DirectoryPort that the local and Okta adapters implement.

export const USER_STATUSES = [
  'STAGED',
  'PROVISIONED',
  'ACTIVE',
  'RECOVERY',
  'LOCKED_OUT',
  'PASSWORD_EXPIRED',
  'SUSPENDED',
  'DEPROVISIONED',
] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** A person in the directory, with the profile attributes Warden reads. Dates are ISO strings. */
export interface DirectoryUser {
  id: string;
  status: UserStatus;
  login: string;
  email: string;
  firstName: string;
  lastName: string;
  displayName: string;
  title?: string;
  department?: string;
  employeeNumber?: string;
  /** Directory id of the manager. */
  managerId?: string;
  location?: string;
  costCenter?: string;
  created: string;
  activated?: string | null;
  statusChanged?: string | null;
  lastLogin?: string | null;
  lastUpdated: string;
}

/** Just enough to name a person in an answer. */
export interface UserRef {
  id: string;
  login: string;
  displayName: string;
}

export interface DirectoryGroup {
  id: string;
  name: string;
  description?: string;
  type: 'OKTA_GROUP' | 'APP_GROUP' | 'BUILT_IN';
  created: string;
  lastUpdated: string;
  lastMembershipUpdated?: string;
  /** Member count, when the directory returned it with the group (Okta: `expand=stats`); else ask countGroupMembers. */
  memberCount?: number;
}

export interface DirectoryApp {
  id: string;
  /** Okta app name / key, e.g. `salesforce`. */
  name: string;
  /** What people call it, e.g. `Salesforce`. */
  label: string;
  status: 'ACTIVE' | 'INACTIVE';
  signOnMode: string;
  created: string;
}

/** A user's assignment to an app: directly (USER) or through a group (GROUP). */
export interface AppAssignment {
  appId: string;
  userId: string;
  scope: 'USER' | 'GROUP';
  status: string;
  created?: string;
  /** For scope GROUP: the group the directory says the assignment comes through (Okta: the AppUser's `_links.group`). */
  viaGroupId?: string;
}

/** A group assigned to an app. */
export interface AppGroupAssignment {
  appId: string;
  groupId: string;
  /** The group's name, when the directory returns it with the assignment (saves a group lookup). */
  groupName?: string;
  priority?: number;
  created?: string;
}

/** An app a user can reach, with the user's assignment to it (scope USER: direct; GROUP: only through groups). */
export interface UserAppAssignment {
  app: DirectoryApp;
  assignment: AppAssignment;
}

/** A user's app as the directory lists it (Okta appLinks). */
export interface AppLink {
  appId: string;
  appName: string;
  label: string;
}

export interface AdminRole {
  id: string;
  type: string;
  label: string;
  status: string;
  created?: string;
  assignmentType: 'USER' | 'GROUP';
}

/** One entry of the directory's event log (Okta System Log shape, trimmed). */
export interface DirectoryEvent {
  uuid: string;
  published: string;
  eventType: string;
  displayMessage: string;
  severity: string;
  actor: { id: string; type: string; alternateId: string; displayName: string };
  target: Array<{ id: string; type: string; alternateId: string; displayName: string }>;
  outcome: { result: string; reason?: string | null };
  /** Okta `debugContext.debugData` (e.g. `privilegeGranted`), when the source has it. */
  debugData?: Record<string, unknown>;
}

/** A new directory user (created STAGED: no sign-in, no access, until activated). */
export type NewDirectoryUser = Pick<DirectoryUser, 'login' | 'email' | 'firstName' | 'lastName'> &
  Partial<Pick<DirectoryUser, 'title' | 'department' | 'employeeNumber' | 'managerId' | 'location' | 'costCenter'>>;

/** One page of the event log read forward from a cursor (polling); pass `cursor` back for the next page. */
export interface EventLogPage {
  events: DirectoryEvent[];
  cursor: string;
}

/** One page of a listing; `nextCursor` is absent on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Structured user search; every field is optional and fields combine with AND. */
export interface UserQuery {
  /** Prefix of first name, last name, full name or email. */
  name?: string;
  employeeNumber?: string;
  department?: string;
  title?: string;
  managerId?: string;
  status?: UserStatus;
  limit?: number;
  cursor?: string;
}

/** Result of a directory mutation: what the directory calls the operation (request id) for the audit log. */
export interface MutationReceipt {
  /** Directory-side request id (Okta `X-Okta-Request-Id`, or the local event uuid). */
  directoryRequestId: string;
  /** False when the directory was already in the target state (idempotent no-op). */
  changed: boolean;
}

/**
 * Reading the directory: what tools, approvals and the lifecycle look at. Lookups return `null` for "no such thing";
 * other failures throw AppError subclasses.
 */
export interface DirectoryReader {
  readonly kind: 'local' | 'okta';
  /** By directory id, login or email. */
  getUser(idOrLogin: string): Promise<DirectoryUser | null>;
  findUsers(query: UserQuery): Promise<Page<DirectoryUser>>;
  listUserGroups(userId: string): Promise<DirectoryGroup[]>;
  listUserAppLinks(userId: string): Promise<AppLink[]>;
  listUserRoles(userId: string): Promise<AdminRole[]>;
  /** By id or exact name (case-insensitive). */
  getGroup(idOrName: string): Promise<DirectoryGroup | null>;
  /** Name prefix search; no query lists all. */
  findGroups(opts: { q?: string; limit?: number; cursor?: string }): Promise<Page<DirectoryGroup>>;
  listGroupMembers(groupId: string, opts: { limit?: number; cursor?: string }): Promise<Page<DirectoryUser>>;
  countGroupMembers(groupId: string): Promise<number>;
  /**
   * The group's owners. Read live by default (approvals rest on them); `catalogue` lets an adapter answer from its
   * short-lived configuration cache, for explanations only (who to ask), never for deciding who may approve.
   */
  listGroupOwners(groupId: string, opts?: { catalogue?: boolean }): Promise<UserRef[]>;
  /** By id, name or label (case-insensitive). Apps are configuration: may come from the catalogue cache; a miss is re-checked live. */
  getApp(idOrName: string): Promise<DirectoryApp | null>;
  /** Every app (configuration, may come from the catalogue cache). */
  listApps(): Promise<DirectoryApp[]>;
  /**
   * The groups assigned to the app. This is configuration, not access state: an adapter may serve it
   * from a short-lived catalogue cache; `fresh` forces a read from the directory (and refreshes the cache).
   */
  listAppGroups(appId: string, opts?: { fresh?: boolean }): Promise<AppGroupAssignment[]>;
  /** The apps the group is assigned to (configuration, may come from the catalogue cache). */
  listAppsForGroup(groupId: string): Promise<DirectoryApp[]>;
  /** Every app the user can reach, each with the user's live assignment (always read from the directory). */
  listUserAppAssignments(userId: string): Promise<UserAppAssignment[]>;
  /** The user's assignment to the app, or null when the user has no access to it. */
  getAppAssignment(appId: string, userId: string): Promise<AppAssignment | null>;
  /** Events that target the given id (user or group), newest first. */
  listEvents(opts: { targetId?: string; since?: string; limit?: number }): Promise<DirectoryEvent[]>;
  // Lifecycle reads: app seats, and the event log read forward.
  /** Everyone with access to the app, directly (USER) or through a group (GROUP). */
  listAppUsers(appId: string): Promise<AppAssignment[]>;
  /** Events after `cursor`, oldest first; without a cursor, starts at the current end of the log. */
  readEventLog(opts: { cursor?: string; limit?: number }): Promise<EventLogPage>;
}

/**
 * Changing the directory. Only the governance executor's change list holds one, and calls it for an approved
 * access request; each method is idempotent.
 */
export interface DirectoryWriter {
  addGroupMember(groupId: string, userId: string): Promise<MutationReceipt>;
  removeGroupMember(groupId: string, userId: string): Promise<MutationReceipt>;
  assignApp(appId: string, userId: string): Promise<MutationReceipt>;
  unassignApp(appId: string, userId: string): Promise<MutationReceipt>;
  suspendUser(userId: string): Promise<MutationReceipt>;
  unsuspendUser(userId: string): Promise<MutationReceipt>;
  deactivateUser(userId: string): Promise<MutationReceipt>;
  // Lifecycle (HR joiners): creation and activation.
  /** Creates the user STAGED; idempotent on login (an existing user is returned with `changed: false`). */
  createUser(input: NewDirectoryUser): Promise<MutationReceipt & { user: DirectoryUser }>;
  /** STAGED (or DEPROVISIONED) → PROVISIONED without sending email; a no-op for users already active. */
  activateUser(userId: string): Promise<MutationReceipt>;
}

/** The whole directory adapter (composition root and executor): reads and writes. */
export interface DirectoryPort extends DirectoryReader, DirectoryWriter {}
