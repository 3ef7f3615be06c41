// Acme's ~16 apps with group and direct assignments, and the Okta admin roles held by IT and Security.
import type { Cast } from './cast.js';
import type { Groups, GroupModel } from './groups.js';
import { find, type Person } from './people.js';
import { DAY, HOUR, NOW, day, type IdFactory, type Rng } from './prng.js';

export interface AppModel {
  id: string;
  name: string;
  label: string;
  signOnMode: string;
  created: number;
  groupAssignments: { group: GroupModel; priority: number; created: number }[];
  userAssignments: { person: Person; created: number }[];
}
export interface RoleModel {
  id: string;
  person: Person;
  type: string;
  label: string;
  created: number;
}

/** name, label, sign-on mode, created, and the groups assigned (in priority order). */
const APPS: readonly (readonly [string, string, string, string, readonly string[]])[] = [
  ['slack', 'Slack', 'SAML_2_0', '2016-02-08', ['Everyone']],
  ['zoom', 'Zoom', 'SAML_2_0', '2017-05-15', ['Everyone']],
  ['google_workspace', 'Google Workspace', 'SAML_2_0', '2016-01-25', ['Everyone']],
  ['onepassword', '1Password', 'OPENID_CONNECT', '2019-09-09', ['Everyone']],
  ['workday', 'Workday', 'SAML_2_0', '2018-09-03', ['App-Workday-Users', 'Everyone']],
  ['github', 'GitHub Enterprise Cloud', 'SAML_2_0', '2018-02-12', ['App-GitHub-Users', 'Dept-Engineering']],
  [
    'jira',
    'Jira',
    'SAML_2_0',
    '2017-08-21',
    ['Dept-Engineering', 'Dept-Product', 'Dept-Design', 'Dept-IT', 'Dept-Security'],
  ],
  [
    'confluence',
    'Confluence',
    'BOOKMARK',
    '2017-08-21',
    ['Dept-Engineering', 'Dept-Product', 'Dept-Design', 'Dept-IT', 'Dept-Security', 'Dept-Customer-Success'],
  ],
  ['datadog', 'Datadog', 'SAML_2_0', '2020-08-17', ['Dept-Engineering', 'App-Datadog-Users']],
  ['aws_prod', 'AWS (prod)', 'SAML_2_0', '2019-06-03', ['App-AWS-Prod-Admin', 'App-AWS-Prod-ReadOnly']],
  ['aws_staging', 'AWS (staging)', 'SAML_2_0', '2019-06-03', ['App-AWS-Staging-Users']],
  ['salesforce', 'Salesforce', 'SAML_2_0', '2018-04-09', ['App-Salesforce-Users']],
  ['netsuite', 'NetSuite', 'SAML_2_0', '2019-01-14', ['App-NetSuite-Users', 'Dept-Finance']],
  ['figma', 'Figma', 'SAML_2_0', '2020-02-03', ['App-Figma-Users']],
  ['zendesk', 'Zendesk', 'SAML_2_0', '2018-05-21', ['App-Zendesk-Users']],
  ['greenhouse', 'Greenhouse', 'AUTO_LOGIN', '2019-03-11', ['App-Greenhouse-Users', 'Dept-People']],
];

export function buildApps(people: readonly Person[], cast: Cast, groups: Groups, rng: Rng, ids: IdFactory): AppModel[] {
  const apps = APPS.map(([name, label, signOnMode, created, assigned]): AppModel => {
    const app: AppModel = {
      id: ids.okta('0oa'),
      name,
      label,
      signOnMode,
      created: rng.between(day(created) + 16 * HOUR, day(created) + 22 * HOUR),
      groupAssignments: [],
      userAssignments: [],
    };
    app.groupAssignments = assigned.map((name, priority) => {
      const group = groups.get(name);
      return {
        group,
        priority,
        created: rng.between(
          Math.max(app.created, group.created) + HOUR,
          Math.max(app.created, group.created) + 30 * DAY,
        ),
      };
    });
    return app;
  });
  const app = (name: string) => apps.find((a) => a.name === name)!;

  // Direct assignments: exceptions granted by IT, some duplicating group access and some not.
  const used = new Set<Person>();
  const anyone = (fits: (p: Person) => boolean): Person => {
    const person = rng.pick(
      people.filter((p) => p.status === 'ACTIVE' && p.kind !== 'hrTerminated' && !used.has(p) && fits(p)),
    );
    used.add(person);
    return person;
  };
  const titled = (title: string) => (p: Person) => p.title === title;
  const hrLeaver = people.find((p) => p.kind === 'hrTerminated')!;
  const direct: [string, Person, 'old' | 'recent'][] = [
    ['salesforce', anyone(titled('Product Manager')), 'recent'],
    ['salesforce', anyone(titled('Financial Analyst')), 'old'],
    ['salesforce', cast.heads.get('Customer Success')!, 'old'],
    ['salesforce', hrLeaver, 'old'],
    ['github', anyone(titled('Product Designer')), 'recent'],
    ['github', anyone(titled('Software Engineer')), 'old'],
    ['github', find(people, 'Product', 'Senior Technical Program Manager'), 'old'],
    ['aws_prod', cast.itAdmin, 'old'],
    ['aws_prod', find(people, 'Security', 'Senior Security Engineer'), 'recent'],
    ['aws_prod', anyone(titled('Data Scientist')), 'recent'],
    ['datadog', anyone(titled('Senior Support Engineer')), 'recent'],
    ['netsuite', anyone(titled('Sales Operations Analyst')), 'recent'],
    ['figma', anyone(titled('Product Marketing Manager')), 'old'],
    ['zendesk', anyone(titled('Product Manager')), 'recent'],
    ['greenhouse', anyone(titled('Senior Software Engineer')), 'recent'],
  ];
  for (const [name, person, when] of direct) {
    const a = app(name);
    const start = Math.max(person.activated ?? person.created, a.created) + DAY;
    const created =
      when === 'old' && start < NOW - 61 * DAY
        ? rng.between(start, NOW - 61 * DAY)
        : rng.between(Math.max(start, NOW - 58 * DAY), NOW - HOUR);
    a.userAssignments.push({ person, created });
  }
  return apps;
}

/** Okta admin roles: IT runs the org, Security reads it. Two were granted inside the log window. */
export function buildRoles(cast: Cast, rng: Rng, ids: IdFactory): RoleModel[] {
  const spec: [Person, string, string, number][] = [
    [cast.itHead, 'SUPER_ADMIN', 'Super Administrator', day('2019-02-04')],
    [cast.itAdmin, 'SUPER_ADMIN', 'Super Administrator', day('2022-03-14')],
    [cast.itOpsManager, 'ORG_ADMIN', 'Organization Administrator', day('2021-06-07')],
    [cast.helpdesk, 'HELP_DESK_ADMIN', 'Help Desk Administrator', day('2023-01-09')],
    [cast.sysAdmin, 'APP_ADMIN', 'Application Administrator', day('2023-04-17')],
    [cast.itSupportManager, 'GROUP_MEMBERSHIP_ADMIN', 'Group Membership Administrator', day('2022-08-22')],
    [cast.securityAnalyst, 'READ_ONLY_ADMIN', 'Read Only Administrator', NOW - 34 * DAY],
    [cast.supportSpecialist, 'HELP_DESK_ADMIN', 'Help Desk Administrator', NOW - 19 * DAY],
  ];
  return spec.map(([person, type, label, at]) => ({
    id: ids.okta('ra'),
    person,
    type,
    label,
    created: rng.between(
      Math.max(at, (person.activated ?? person.created) + DAY) + 15 * HOUR,
      Math.max(at, (person.activated ?? person.created) + DAY) + 20 * HOUR,
    ),
  }));
}
