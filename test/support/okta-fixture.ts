// A small deterministic seed (examples/acme schema) for Okta adapter and emulator tests.
import { Seed } from '../../src/directory/seed.js';

const pad = (prefix: string, n: number): string => `${prefix}Fx${String(n).padStart(15, '0')}`;
export const userId = (n: number): string => pad('00u', n);
export const groupId = (n: number): string => pad('00g', n);
export const appId = (n: number): string => pad('0oa', n);

const T0 = '2024-05-01T10:00:00.000Z';
const recent = (minutesAgo: number): string => new Date(Date.now() - minutesAgo * 60_000).toISOString();

interface Person {
  first: string;
  last: string;
  dept: string;
  title: string;
  status?: Seed['users'][number]['status'];
}

const PEOPLE: Person[] = [
  { first: 'Dana', last: 'Lee', dept: 'Finance', title: 'Analyst' },
  { first: 'Sam', last: 'Roe', dept: 'Finance', title: 'Finance Manager' },
  { first: 'Ada', last: 'Admin', dept: 'IT', title: 'IT Administrator' },
  { first: 'Bob', last: 'Smith', dept: 'Sales', title: 'Account Executive' },
  { first: 'Bob"x', last: 'Quote', dept: 'Sales', title: 'Account Executive' },
  { first: 'Carla', last: 'Back\\slash', dept: 'Engineering', title: 'Engineer' },
  { first: 'Eve', last: 'Gone', dept: 'Finance', title: 'Analyst', status: 'DEPROVISIONED' },
  { first: 'Finn', last: 'Paused', dept: 'Sales', title: 'Account Executive', status: 'SUSPENDED' },
];

/** A fixture org: the named people above plus `extraUsers` generic engineers (for paging). */
export function buildFixtureSeed(opts: { extraUsers?: number } = {}): Seed {
  const people = [...PEOPLE];
  for (let i = 0; i < (opts.extraUsers ?? 17); i += 1)
    people.push({ first: `Eng${i}`, last: `Worker${i}`, dept: 'Engineering', title: 'Engineer' });
  const users = people.map((p, i) => {
    const login = `${p.first.toLowerCase().replace(/[^a-z0-9]/g, '')}.${p.last.toLowerCase().replace(/[^a-z0-9]/g, '')}@example.com`;
    return {
      id: userId(i + 1),
      status: p.status ?? 'ACTIVE',
      created: T0,
      activated: T0,
      statusChanged: T0,
      lastLogin: null,
      lastUpdated: T0,
      profile: {
        login,
        email: i === 1 ? 'sam.roe@mail.example.com' : login,
        firstName: p.first,
        lastName: p.last,
        displayName: `${p.first} ${p.last}`,
        title: p.title,
        department: p.dept,
        employeeNumber: `E${1000 + i}`,
        ...(i === 0 ? { managerId: userId(2) } : {}),
      },
    };
  });
  const member = (n: number) => ({ userId: userId(n), added: T0 });
  const engineers = users
    .filter((u) => u.profile.department === 'Engineering')
    .map((u) => ({ userId: u.id, added: T0 }));
  const groups: Seed['groups'] = [
    {
      id: groupId(1),
      type: 'BUILT_IN',
      created: T0,
      lastUpdated: T0,
      lastMembershipUpdated: T0,
      profile: { name: 'Everyone', description: 'All users' },
      owners: [],
      members: users.map((u) => ({ userId: u.id, added: T0 })),
    },
    {
      id: groupId(2),
      type: 'OKTA_GROUP',
      created: T0,
      lastUpdated: T0,
      lastMembershipUpdated: T0,
      profile: { name: 'Finance', description: 'Finance team' },
      owners: [userId(2)],
      members: [member(1), member(2), member(7)],
    },
    {
      id: groupId(3),
      type: 'OKTA_GROUP',
      created: T0,
      lastUpdated: T0,
      lastMembershipUpdated: T0,
      profile: { name: 'Engineering', description: 'Builders' },
      owners: [userId(3), userId(6)],
      members: engineers,
    },
    {
      id: groupId(4),
      type: 'APP_GROUP',
      created: T0,
      lastUpdated: T0,
      lastMembershipUpdated: T0,
      profile: { name: 'AD Sales', description: 'Imported from AD' },
      owners: [],
      members: [member(4)],
    },
    {
      id: groupId(5),
      type: 'OKTA_GROUP',
      created: T0,
      lastUpdated: T0,
      lastMembershipUpdated: T0,
      profile: { name: 'Finance Admins' },
      owners: [userId(2)],
      members: [member(2)],
    },
  ];
  const apps: Seed['apps'] = [
    {
      id: appId(1),
      name: 'netsuite',
      label: 'NetSuite',
      status: 'ACTIVE',
      signOnMode: 'SAML_2_0',
      created: T0,
      lastUpdated: T0,
      groupAssignments: [{ groupId: groupId(2), priority: 0, created: T0 }],
      userAssignments: [{ userId: userId(3), created: T0 }],
    },
    {
      id: appId(2),
      name: 'github',
      label: 'GitHub',
      status: 'ACTIVE',
      signOnMode: 'SAML_2_0',
      created: T0,
      lastUpdated: T0,
      groupAssignments: [{ groupId: groupId(3), priority: 0, created: T0 }],
      userAssignments: [],
    },
    {
      id: appId(3),
      name: 'salesforce',
      label: 'Salesforce',
      status: 'ACTIVE',
      signOnMode: 'OPENID_CONNECT',
      created: T0,
      lastUpdated: T0,
      groupAssignments: [],
      userAssignments: [{ userId: userId(4), created: T0 }],
    },
    {
      id: appId(4),
      name: 'bookmark_wiki',
      label: 'Wiki',
      status: 'ACTIVE',
      signOnMode: 'BOOKMARK',
      created: T0,
      lastUpdated: T0,
      groupAssignments: [{ groupId: groupId(1), priority: 1, created: T0 }],
      userAssignments: [],
    },
  ];
  const roles: Seed['roles'] = [
    {
      id: 'raFx00000000000001',
      userId: userId(3),
      type: 'SUPER_ADMIN',
      label: 'Super Administrator',
      status: 'ACTIVE',
      created: T0,
    },
  ];
  const actor = { id: userId(3), type: 'User', alternateId: users[2]!.profile.login, displayName: 'Ada Admin' };
  const target = (n: number) => ({
    id: userId(n),
    type: 'User',
    alternateId: users[n - 1]!.profile.login,
    displayName: users[n - 1]!.profile.displayName,
  });
  const events: Seed['events'] = [
    {
      uuid: 'evt-1',
      published: recent(120),
      eventType: 'user.lifecycle.activate',
      displayMessage: 'Activate Okta user',
      severity: 'INFO',
      actor,
      target: [target(1)],
      outcome: { result: 'SUCCESS' },
    },
    {
      uuid: 'evt-2',
      published: recent(60),
      eventType: 'group.user_membership.add',
      displayMessage: 'Add user to group membership',
      severity: 'INFO',
      actor,
      target: [target(1), { id: groupId(2), type: 'UserGroup', alternateId: 'unknown', displayName: 'Finance' }],
      outcome: { result: 'SUCCESS' },
    },
    {
      uuid: 'evt-3',
      published: recent(30),
      eventType: 'user.lifecycle.suspend',
      displayMessage: 'Suspend Okta user',
      severity: 'INFO',
      actor,
      target: [target(8)],
      outcome: { result: 'SUCCESS' },
    },
  ];
  return Seed.parse({ org: { name: 'Fixture Inc', domain: 'example.com' }, users, groups, apps, roles, events });
}
