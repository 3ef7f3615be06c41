// buildAcme(): the whole demo company as data (directory seed, HR export, personas), with no I/O.
import type { Seed } from '../../../src/directory/seed.js';
import { buildApps, buildRoles } from './apps.js';
import { castPeople } from './cast.js';
import { buildEvents } from './events.js';
import { buildGroups } from './groups.js';
import { toHrCsv } from './hr-csv.js';
import { applyLifecycle } from './lifecycle.js';
import { buildPeople, type Person } from './people.js';
import { IdFactory, Rng, iso } from './prng.js';

export const ORG = { name: 'Acme Corp', domain: 'acme.example' } as const;

/** Well-known people for docs, tests and the web personas (logins unless noted). */
export interface Personas {
  _about: string;
  helpdesk: string;
  manager: string;
  groupOwner: string;
  security: string;
  itAdmin: string;
  ambiguousName: string;
  hrDrift: string[];
  futureHires: string[];
  suspended: string[];
  deprovisioned: string[];
  injectionTitle: string;
}

export interface AcmeData {
  seed: Seed;
  hrCsv: string;
  personas: Personas;
}

/** Builds Acme Corp from fixed seeds; the same call always returns the same data. */
export function buildAcme(): AcmeData {
  const ids = new IdFactory(new Rng('ids'));
  const people = buildPeople(new Rng('people'), ids, ORG.domain);
  const cast = castPeople(people);
  applyLifecycle(people, cast, new Rng('lifecycle'));
  const groups = buildGroups(people, cast, new Rng('groups'), ids);
  const apps = buildApps(people, cast, groups, new Rng('apps'), ids);
  const roles = buildRoles(cast, new Rng('roles'), ids);
  const events = buildEvents(people, cast, groups, apps, roles, new Rng('events'), ids);

  const byIdx = (i: number | undefined) => (i === undefined ? undefined : people[i]);
  const at = (ms: number | null) => (ms === null ? null : iso(ms));
  const users = [...people]
    .sort((a, b) => a.created - b.created)
    .map((p) => {
      const manager = byIdx(p.managerIdx);
      return {
        id: p.id,
        status: p.status,
        created: iso(p.created),
        activated: at(p.activated),
        statusChanged: at(p.statusChanged),
        lastLogin: at(p.lastLogin),
        lastUpdated: iso(p.lastUpdated),
        profile: {
          login: p.login,
          email: p.login,
          firstName: p.firstName,
          lastName: p.lastName,
          displayName: p.displayName,
          title: p.title,
          department: p.department,
          employeeNumber: p.employeeNumber,
          ...(manager ? { managerId: manager.id, manager: manager.login } : {}),
          city: p.location,
          costCenter: p.costCenter,
        },
      };
    });

  const seed: Seed = {
    org: { ...ORG },
    users,
    groups: groups.list.map((g) => {
      const members = [...g.members].sort((a, b) => a.added - b.added);
      const changes = [
        g.created,
        ...members.map((m) => m.added),
        ...groups.removals.filter((r) => r.group === g).map((r) => r.removed),
      ];
      return {
        id: g.id,
        type: g.type,
        created: iso(g.created),
        lastUpdated: iso(g.created),
        lastMembershipUpdated: iso(Math.max(...changes)),
        profile: { name: g.name, description: g.description },
        owners: g.owners.map((o) => o.id),
        members: members.map((m) => ({ userId: m.person.id, added: iso(m.added) })),
      };
    }),
    apps: apps.map((a) => ({
      id: a.id,
      name: a.name,
      label: a.label,
      status: 'ACTIVE' as const,
      signOnMode: a.signOnMode,
      created: iso(a.created),
      lastUpdated: iso(
        Math.max(a.created, ...a.groupAssignments.map((g) => g.created), ...a.userAssignments.map((u) => u.created)),
      ),
      groupAssignments: a.groupAssignments.map((g) => ({
        groupId: g.group.id,
        priority: g.priority,
        created: iso(g.created),
      })),
      userAssignments: a.userAssignments.map((u) => ({ userId: u.person.id, created: iso(u.created) })),
    })),
    roles: roles.map((r) => ({
      id: r.id,
      userId: r.person.id,
      type: r.type,
      label: r.label,
      status: 'ACTIVE',
      created: iso(r.created),
    })),
    events,
  };

  const logins = (kind: Person['kind'] | Person['status'], field: 'kind' | 'status' = 'kind') =>
    people.filter((p) => p[field] === kind).map((p) => p.login);
  const personas: Personas = {
    _about:
      'helpdesk: helpdesk lead (HELP_DESK_ADMIN); manager: Engineering Manager with direct reports; groupOwner: Sales ops owner of App-Salesforce-Users; ' +
      'security: Security Engineer in Security-Team; itAdmin: identity engineer in IT-Access-Approvers (SUPER_ADMIN); ambiguousName: display name two people share; ' +
      'hrDrift: terminated in HR but ACTIVE in the directory, or HR department/title differs; futureHires: STAGED, HR hire date after 2026-11-01; ' +
      'suspended / deprovisioned: directory status; injectionTitle: directory title carries a prompt injection',
    helpdesk: cast.helpdesk.login,
    manager: cast.engManager.login,
    groupOwner: cast.salesOpsManager.login,
    security: cast.securityEngineer.login,
    itAdmin: cast.itAdmin.login,
    ambiguousName: cast.sharedName[0].displayName,
    hrDrift: [...logins('hrTerminated'), ...logins('hrAttrDrift')],
    futureHires: logins('staged'),
    suspended: logins('SUSPENDED', 'status'),
    deprovisioned: logins('DEPROVISIONED', 'status'),
    injectionTitle: cast.injection.login,
  };

  return { seed, hrCsv: toHrCsv(people), personas };
}
