// The named people other modules rely on: department heads, IT and Security staff, owners and personas.
import { DEPARTMENTS } from './org-chart.js';
import { find, type Person } from './people.js';

export interface Cast {
  ceo: Person;
  heads: Map<string, Person>;
  /** Team managers by team name. */
  managers: Map<string, Person>;
  itHead: Person;
  itOpsManager: Person;
  itSupportManager: Person;
  /** Persona: helpdesk lead, holds HELP_DESK_ADMIN. */
  helpdesk: Person;
  /** Another support specialist, granted HELP_DESK_ADMIN recently. */
  supportSpecialist: Person;
  /** Persona: identity engineer, SUPER_ADMIN and an access approver. */
  itAdmin: Person;
  sysAdmin: Person;
  ciso: Person;
  /** Persona: security engineer in Security-Team. */
  securityEngineer: Person;
  securityAnalyst: Person;
  /** Persona: Engineering Manager of the Identity team. */
  engManager: Person;
  /** Persona: owns App-Salesforce-Users. */
  salesOpsManager: Person;
  injection: Person;
  sharedName: [Person, Person];
}

/** Picks the cast from the org chart; throws if the chart no longer has someone the data needs. */
export function castPeople(people: readonly Person[]): Cast {
  const heads = new Map(DEPARTMENTS.map((d) => [d.name, find(people, d.name, d.head)]));
  const managers = new Map(people.filter((p) => p.level === 'manager').map((p) => [p.team!, p]));
  const shared = people.filter((p) => p.firstName === 'Alex' && p.lastName === 'Kim');
  if (shared.length !== 2) throw new Error('expected exactly two people named Alex Kim');
  return {
    ceo: find(people, 'Executive', 'Chief Executive Officer'),
    heads,
    managers,
    itHead: find(people, 'IT', 'Director of IT'),
    itOpsManager: find(people, 'IT', 'IT Operations Manager'),
    itSupportManager: find(people, 'IT', 'IT Support Manager'),
    helpdesk: find(people, 'IT', 'Senior IT Support Specialist'),
    supportSpecialist: find(people, 'IT', 'IT Support Specialist'),
    itAdmin: find(people, 'IT', 'Senior Identity Engineer'),
    sysAdmin: find(people, 'IT', 'Systems Administrator'),
    ciso: find(people, 'Security', 'Chief Information Security Officer'),
    securityEngineer: find(people, 'Security', 'Security Engineer'),
    securityAnalyst: find(people, 'Security', 'Security Analyst'),
    engManager: managers.get('Identity')!,
    salesOpsManager: find(people, 'Sales', 'Sales Operations Manager'),
    injection: find(people, 'Engineering', 'Staff Engineer'),
    sharedName: [shared[0]!, shared[1]!],
  };
}

/** People whose status must stay ACTIVE because the data or the personas lean on them. */
export function isReserved(p: Person, cast: Cast): boolean {
  if (p.level !== 'ic') return true;
  if (['Executive', 'IT', 'Security'].includes(p.department) || p.team === 'SRE') return true;
  if (/^(Staff|Principal)/.test(p.title)) return true;
  return p === cast.injection || cast.sharedName.includes(p);
}
