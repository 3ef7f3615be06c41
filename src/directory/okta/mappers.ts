// Okta SDK models → Warden's directory domain types (dates become ISO strings; unknown statuses are kept as-is).
import type {
  AdminRole,
  AppAssignment,
  AppGroupAssignment,
  AppLink,
  DirectoryApp,
  DirectoryEvent,
  DirectoryGroup,
  DirectoryUser,
  UserRef,
  UserStatus,
} from '../../core/directory.js';

/** SDK models are deserialized class instances; we read them structurally. */
export type OktaObject = Record<string, unknown>;

const obj = (v: unknown): OktaObject => (v && typeof v === 'object' ? (v as OktaObject) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** An ISO timestamp from a Date, a string or nothing. */
export function iso(v: unknown): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  return typeof v === 'string' && v ? v : null;
}

export function toUser(u: OktaObject): DirectoryUser {
  const p = obj(u.profile);
  const firstName = str(p.firstName) ?? '';
  const lastName = str(p.lastName) ?? '';
  return {
    id: String(u.id),
    status: String(u.status) as UserStatus,
    login: str(p.login) ?? '',
    email: str(p.email) ?? '',
    firstName,
    lastName,
    displayName: str(p.displayName) ?? `${firstName} ${lastName}`.trim(),
    title: str(p.title),
    department: str(p.department),
    employeeNumber: str(p.employeeNumber),
    managerId: str(p.managerId),
    location: str(p.city) ?? str(p.location),
    costCenter: str(p.costCenter),
    created: iso(u.created) ?? '',
    activated: iso(u.activated),
    statusChanged: iso(u.statusChanged),
    lastLogin: iso(u.lastLogin),
    lastUpdated: iso(u.lastUpdated) ?? '',
  };
}

export function toUserRef(u: OktaObject): UserRef {
  const d = toUser(u);
  return { id: d.id, login: d.login, displayName: d.displayName };
}

export function toGroup(g: OktaObject): DirectoryGroup {
  const p = obj(g.profile);
  return {
    id: String(g.id),
    name: str(p.name) ?? '',
    description: str(p.description),
    type: String(g.type) as DirectoryGroup['type'],
    created: iso(g.created) ?? '',
    lastUpdated: iso(g.lastUpdated) ?? '',
    lastMembershipUpdated: iso(g.lastMembershipUpdated) ?? undefined,
    ...memberCountOf(g),
  };
}

export function toApp(a: OktaObject): DirectoryApp {
  return {
    id: String(a.id),
    name: str(a.name) ?? '',
    label: str(a.label) ?? '',
    status: String(a.status) as DirectoryApp['status'],
    signOnMode: str(a.signOnMode) ?? '',
    created: iso(a.created) ?? '',
  };
}

/** `_embedded.stats.usersCount` of a group read with `expand=stats`. */
function memberCountOf(g: OktaObject): { memberCount?: number } {
  const n = obj(obj(g._embedded).stats).usersCount;
  return typeof n === 'number' ? { memberCount: n } : {};
}

export function toAppAssignment(appId: string, au: OktaObject): AppAssignment {
  const scope = String(au.scope) === 'GROUP' ? 'GROUP' : 'USER';
  // A GROUP-scoped AppUser links the group it comes through (`_links.group.href` ends in the group id).
  const groupHref = str(obj(obj(au._links).group).href);
  const viaGroupId = scope === 'GROUP' ? /\/groups\/(00g[A-Za-z0-9]{17})\/?$/.exec(groupHref ?? '')?.[1] : undefined;
  return {
    appId,
    userId: String(au.id),
    scope,
    status: str(au.status) ?? 'ACTIVE',
    created: iso(au.created) ?? undefined,
    ...(viaGroupId ? { viaGroupId } : {}),
  };
}

export function toAppGroupAssignment(appId: string, ga: OktaObject): AppGroupAssignment {
  const priority = typeof ga.priority === 'number' ? ga.priority : undefined;
  // With `expand=group`, Okta embeds the group (`_embedded.group`), so its name comes with the assignment.
  const groupName = str(obj(obj(obj(ga._embedded).group).profile).name);
  return {
    appId,
    groupId: String(ga.id),
    ...(groupName ? { groupName } : {}),
    priority,
    created: iso(ga.lastUpdated) ?? undefined,
  };
}

export function toAppLink(l: OktaObject): AppLink {
  return { appId: String(l.appInstanceId), appName: str(l.appName) ?? '', label: str(l.label) ?? '' };
}

export function toRole(r: OktaObject): AdminRole {
  return {
    id: String(r.id),
    type: String(r.type),
    label: str(r.label) ?? String(r.type),
    status: str(r.status) ?? 'ACTIVE',
    created: iso(r.created) ?? undefined,
    assignmentType: String(r.assignmentType) === 'GROUP' ? 'GROUP' : 'USER',
  };
}

type Party = DirectoryEvent['actor'];
const toParty = (v: unknown): Party => {
  const p = obj(v);
  return {
    id: String(p.id ?? ''),
    type: String(p.type ?? ''),
    alternateId: String(p.alternateId ?? ''),
    displayName: String(p.displayName ?? ''),
  };
};

export function toEvent(e: OktaObject): DirectoryEvent {
  const outcome = obj(e.outcome);
  return {
    uuid: String(e.uuid),
    published: iso(e.published) ?? '',
    eventType: String(e.eventType),
    displayMessage: str(e.displayMessage) ?? '',
    severity: str(e.severity) ?? 'INFO',
    actor: toParty(e.actor),
    target: Array.isArray(e.target) ? e.target.map(toParty) : [],
    outcome: { result: String(outcome.result ?? 'UNKNOWN'), reason: str(outcome.reason) ?? null },
    ...(Object.keys(obj(obj(e.debugContext).debugData)).length
      ? { debugData: obj(obj(e.debugContext).debugData) }
      : {}),
  };
}
