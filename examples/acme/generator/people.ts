// Builds Acme's people: the reporting tree, titles, names, logins and locations.
import type { UserStatus } from '../../../src/core/directory.js';
import { DEFAULT_LOCATIONS, DEPARTMENTS, type DepartmentSpec, type TeamSpec } from './org-chart.js';
import { FIRST_NAMES, LAST_NAMES, SHARED_NAME, loginBase } from './names.js';
import type { IdFactory, Rng } from './prng.js';

export type Level = 'ceo' | 'head' | 'manager' | 'ic';

/** Why a person's lifecycle is unusual; 'regular' covers most of the company. */
export type Kind =
  | 'regular'
  | 'recentHire'
  | 'staged'
  | 'provisioned'
  | 'suspended'
  | 'deprovisioned'
  | 'lockedOut'
  | 'hrTerminated'
  | 'hrAttrDrift'
  | 'neverLoggedIn'
  | 'dormant';

/** One person as the generator models them; directory and HR views are derived from this. */
export interface Person {
  idx: number;
  id: string;
  level: Level;
  department: string;
  costCenter: string;
  team?: string;
  title: string;
  managerIdx?: number;
  location: string;
  firstName: string;
  lastName: string;
  displayName: string;
  login: string;
  employeeNumber: string;
  kind: Kind;
  status: UserStatus;
  /** What HR says, when it disagrees with the directory. */
  hr: { department: string; title: string; status: 'Active' | 'Inactive'; terminationDate: number | null };
  hireDate: number;
  created: number;
  activated: number | null;
  statusChanged: number | null;
  lastLogin: number | null;
  lastUpdated: number;
}

/** Builds the tree top-down (CEO, heads, managers, ICs) and names everyone. */
export function buildPeople(rng: Rng, ids: IdFactory, domain: string): Person[] {
  const people: Person[] = [];
  const add = (
    level: Level,
    dept: DepartmentSpec,
    title: string,
    managerIdx: number | undefined,
    team?: TeamSpec,
  ): Person => {
    const person: Person = {
      idx: people.length,
      id: ids.okta('00u'),
      level,
      department: dept.name,
      costCenter: dept.costCenter,
      team: team?.name,
      title,
      managerIdx,
      location: level === 'ceo' ? 'San Francisco' : rng.weighted(team?.locations ?? DEFAULT_LOCATIONS),
      firstName: '',
      lastName: '',
      displayName: '',
      login: '',
      employeeNumber: '',
      kind: 'regular',
      status: 'ACTIVE',
      hr: { department: dept.name, title, status: 'Active', terminationDate: null },
      hireDate: 0,
      created: 0,
      activated: null,
      statusChanged: null,
      lastLogin: null,
      lastUpdated: 0,
    };
    people.push(person);
    return person;
  };

  let ceo: Person | undefined;
  for (const dept of DEPARTMENTS) {
    const head = add(ceo ? 'head' : 'ceo', dept, dept.head, ceo?.idx);
    ceo ??= head;
    for (const [title, count] of dept.staff ?? []) for (let i = 0; i < count; i++) add('ic', dept, title, head.idx);
    for (const team of dept.teams) {
      const manager = add('manager', dept, team.manager, head.idx, team);
      for (const [title, count] of team.members)
        for (let i = 0; i < count; i++) add('ic', dept, title, manager.idx, team);
    }
  }

  nameEveryone(people, rng, domain);
  return people;
}

/** Gives everyone a distinct name, except the one planted pair who share SHARED_NAME in different departments. */
function nameEveryone(people: Person[], rng: Rng, domain: string): void {
  const shared = [
    people.find((p) => p.department === 'Engineering' && p.title === 'Senior Software Engineer'),
    people.find((p) => p.department === 'Sales' && p.title === 'Account Executive'),
  ];
  const usedLogins = new Set<string>([loginBase(SHARED_NAME.firstName, SHARED_NAME.lastName)]);
  for (const p of people) {
    if (shared.includes(p)) {
      p.firstName = SHARED_NAME.firstName;
      p.lastName = SHARED_NAME.lastName;
    } else {
      // Re-draw until the login base is new: only the planted pair may share a name.
      do {
        p.firstName = rng.pick(FIRST_NAMES);
        p.lastName = rng.pick(LAST_NAMES);
      } while (usedLogins.has(loginBase(p.firstName, p.lastName)));
      usedLogins.add(loginBase(p.firstName, p.lastName));
    }
    p.displayName = `${p.firstName} ${p.lastName}`;
  }
  const taken = new Set<string>();
  for (const p of people) {
    const base = loginBase(p.firstName, p.lastName);
    let login = base;
    for (let n = 2; taken.has(login); n++) login = `${base}${n}`;
    taken.add(login);
    p.login = `${login}@${domain}`;
  }
}

/** Finds the nth person matching a department and title, or fails: the cast below depends on the org chart. */
export function find(people: readonly Person[], department: string, title: string, nth = 0): Person {
  const match = people.filter((p) => p.department === department && p.title === title)[nth];
  if (!match) throw new Error(`org chart has no ${department} / ${title} #${nth}`);
  return match;
}

export const isActiveish = (p: Person): boolean => p.status !== 'DEPROVISIONED';
