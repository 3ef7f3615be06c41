// Okta REST shapes for the emulator's stored objects (users, groups, apps, app users, links, roles, owners).
import type { SeedApp, SeedGroup, SeedRole, SeedUser } from '../../../src/directory/seed.js';

export function toUser(url: string, u: SeedUser): Record<string, unknown> {
  return {
    id: u.id,
    status: u.status,
    created: u.created,
    activated: u.activated,
    statusChanged: u.statusChanged,
    lastLogin: u.lastLogin,
    lastUpdated: u.lastUpdated,
    passwordChanged: null,
    type: { id: 'oty1defaultUserTyp' },
    profile: { ...u.profile },
    credentials: { provider: { type: 'OKTA', name: 'OKTA' } },
    _links: { self: { href: `${url}/api/v1/users/${u.id}` } },
  };
}

export function toGroup(url: string, g: SeedGroup, opts: { stats?: boolean } = {}): Record<string, unknown> {
  return {
    id: g.id,
    created: g.created,
    lastUpdated: g.lastUpdated,
    lastMembershipUpdated: g.lastMembershipUpdated,
    objectClass: g.type === 'APP_GROUP' ? ['okta:windows_security_principal'] : ['okta:user_group'],
    type: g.type,
    profile: { ...g.profile },
    ...(g.type === 'APP_GROUP' ? { source: { id: '0oaSourceAppForGrp1' } } : {}),
    ...(opts.stats
      ? {
          _embedded: {
            stats: { usersCount: g.members.length, appsCount: 0, groupPushMappingsCount: 0, hasAdminPrivilege: false },
          },
        }
      : {}),
    _links: {
      self: { href: `${url}/api/v1/groups/${g.id}` },
      users: { href: `${url}/api/v1/groups/${g.id}/users` },
      apps: { href: `${url}/api/v1/groups/${g.id}/apps` },
    },
  };
}

export function toApp(url: string, a: SeedApp): Record<string, unknown> {
  return {
    id: a.id,
    name: a.name,
    label: a.label,
    status: a.status,
    signOnMode: a.signOnMode,
    created: a.created,
    lastUpdated: a.lastUpdated,
    accessibility: { selfService: false, errorRedirectUrl: null, loginRedirectUrl: null },
    visibility: { autoSubmitToolbar: false, hide: { iOS: false, web: false } },
    features: [],
    settings: { app: {} },
    _links: {
      self: { href: `${url}/api/v1/apps/${a.id}` },
      users: { href: `${url}/api/v1/apps/${a.id}/users` },
      groups: { href: `${url}/api/v1/apps/${a.id}/groups` },
    },
  };
}

/** An AppUser; a GROUP-scoped one links the group it comes through (`_links.group`), as Okta's AppUser does. */
export function toAppUser(
  url: string,
  app: SeedApp,
  user: SeedUser,
  scope: 'USER' | 'GROUP',
  created: string,
  groupId?: string,
): Record<string, unknown> {
  return {
    id: user.id,
    externalId: null,
    created,
    lastUpdated: created,
    scope,
    status: 'PROVISIONED',
    statusChanged: created,
    syncState: 'DISABLED',
    credentials: { userName: user.profile.login },
    profile: {},
    _links: {
      app: { href: `${url}/api/v1/apps/${app.id}` },
      user: { href: `${url}/api/v1/users/${user.id}` },
      ...(scope === 'GROUP' && groupId ? { group: { href: `${url}/api/v1/groups/${groupId}` } } : {}),
    },
  };
}

export function toAppLink(url: string, app: SeedApp, index: number): Record<string, unknown> {
  return {
    id: `00a${app.id.slice(3)}`,
    label: app.label,
    linkUrl: `${url}/home/${app.name}/${app.id}/alnk`,
    logoUrl: `${url}/assets/img/logos/default.png`,
    appName: app.name,
    appInstanceId: app.id,
    appAssignmentId: `0ua${app.id.slice(3)}`,
    credentialsSetup: false,
    hidden: false,
    sortOrder: index,
  };
}

export function toRole(url: string, r: SeedRole): Record<string, unknown> {
  return {
    id: r.id,
    label: r.label,
    type: r.type,
    status: r.status,
    created: r.created,
    lastUpdated: r.created,
    assignmentType: 'USER',
    _links: { assignee: { href: `${url}/api/v1/users/${r.userId}` } },
  };
}

export function toGroupOwner(u: SeedUser): Record<string, unknown> {
  return {
    id: u.id,
    displayName: u.profile.displayName,
    type: 'USER',
    originType: 'OKTA_DIRECTORY',
    originId: null,
    resolved: true,
    lastUpdated: u.lastUpdated,
  };
}

export function toAppGroup(
  url: string,
  app: SeedApp,
  ga: SeedApp['groupAssignments'][number],
): Record<string, unknown> {
  return {
    id: ga.groupId,
    lastUpdated: ga.created,
    priority: ga.priority,
    profile: {},
    _links: { app: { href: `${url}/api/v1/apps/${app.id}` }, group: { href: `${url}/api/v1/groups/${ga.groupId}` } },
  };
}
