// Acme's ~40 groups: birthright (department, location, app) groups filled by rules, and hand-granted ones.
import type { Cast } from './cast.js';
import { DEPARTMENTS, LOCATIONS } from './org-chart.js';
import { find, type Person } from './people.js';
import { DAY, HOUR, NOW, day, type IdFactory, type Rng } from './prng.js';

export type GroupType = 'OKTA_GROUP' | 'APP_GROUP' | 'BUILT_IN';
/** Who made a membership change: a group rule / import (system) or an IT admin. */
export type ChangedBy = 'system' | 'admin';

export interface Membership {
  person: Person;
  added: number;
  by: ChangedBy;
}
export interface Removal {
  group: GroupModel;
  person: Person;
  added: number;
  removed: number;
  by: ChangedBy;
}
export interface GroupModel {
  id: string;
  name: string;
  type: GroupType;
  description: string;
  created: number;
  owners: Person[];
  members: Membership[];
}
export interface Groups {
  list: GroupModel[];
  removals: Removal[];
  get(name: string): GroupModel;
}

/** How a membership came about: a rule at account creation, an old grant, or a grant inside the log window. */
type Mode = 'rule' | 'old' | 'recent';

export const slug = (s: string): string => s.replace(/[^A-Za-z0-9]+/g, '-');

export function buildGroups(people: readonly Person[], cast: Cast, rng: Rng, ids: IdFactory): Groups {
  const list: GroupModel[] = [];
  const removals: Removal[] = [];

  const define = (
    name: string,
    type: GroupType,
    description: string,
    created: string,
    owners: Person[] = [],
  ): GroupModel => {
    const group = {
      id: ids.okta('00g'),
      name,
      type,
      description,
      created: rng.between(day(created) + 15 * HOUR, day(created) + 23 * HOUR),
      owners,
      members: [],
    };
    list.push(group);
    return group;
  };

  const join = (g: GroupModel, who: readonly Person[], mode: Mode): void => {
    for (const person of who) {
      if (g.members.some((m) => m.person === person)) continue;
      const start = Math.max(person.created, g.created);
      const by: ChangedBy = mode === 'rule' ? 'system' : 'admin';
      let added: number;
      if (mode === 'rule') added = start + rng.int(5_000, 90_000);
      else if (mode === 'old' && start + DAY < NOW - 61 * DAY) added = rng.between(start + DAY, NOW - 61 * DAY);
      else added = rng.between(Math.max(start + HOUR, NOW - 58 * DAY), NOW - HOUR);
      if (person.status !== 'DEPROVISIONED') g.members.push({ person, added, by });
      // Deactivation took the leaver out of every group they were in.
      else if (g.type !== 'BUILT_IN' && added < person.statusChanged!)
        removals.push({
          group: g,
          person,
          added,
          removed: person.statusChanged! + rng.int(20_000, 120_000),
          by: 'system',
        });
    }
  };

  /** An admin took someone out of a group inside the log window. */
  const revoke = (g: GroupModel, who: readonly Person[]): void => {
    for (const person of who) {
      const start = Math.max(person.created, g.created) + DAY;
      if (g.members.some((m) => m.person === person) || person.status === 'DEPROVISIONED' || start > NOW - 61 * DAY)
        continue;
      const added = rng.between(start, NOW - 61 * DAY);
      removals.push({ group: g, person, added, removed: rng.between(NOW - 55 * DAY, NOW - DAY), by: 'admin' });
    }
  };

  const dept = (name: string) => people.filter((p) => p.department === name);
  const team = (name: string) => people.filter((p) => p.team === name);
  const titled = (re: RegExp, from: readonly Person[] = people) => from.filter((p) => re.test(p.title));
  const some = (from: readonly Person[], n: number) =>
    rng.shuffle(from.filter((p) => p.status === 'ACTIVE')).slice(0, n);
  const head = (d: string) => cast.heads.get(d)!;
  const mgr = (t: string) => cast.managers.get(t)!;

  const everyone = define('Everyone', 'BUILT_IN', 'All users in your organization', '2016-01-11');
  for (const p of people)
    if (p.status !== 'DEPROVISIONED') everyone.members.push({ person: p, added: p.created, by: 'system' });

  for (const d of DEPARTMENTS) {
    const owners = d.name === 'People' ? [head(d.name), mgr('People Ops')] : [head(d.name)];
    join(
      define(
        `Dept-${slug(d.name)}`,
        'OKTA_GROUP',
        `Everyone in ${d.name} (HR-driven group rule)`,
        '2016-01-20',
        owners,
      ),
      dept(d.name),
      'rule',
    );
  }
  for (const loc of LOCATIONS) {
    const g = define(`Loc-${slug(loc)}`, 'OKTA_GROUP', `People based in ${loc} (HR-driven group rule)`, '2017-03-06', [
      cast.itOpsManager,
    ]);
    join(
      g,
      people.filter((p) => p.location === loc),
      'rule',
    );
  }

  const atlas = define('Proj-Atlas', 'OKTA_GROUP', 'Project Atlas: platform re-architecture', '2025-02-10', [
    mgr('Platform'),
    find(people, 'Product', 'Principal Product Manager'),
  ]);
  join(
    atlas,
    [
      ...team('Platform'),
      find(people, 'Product', 'Principal Product Manager'),
      find(people, 'Design', 'Senior Product Designer'),
    ],
    'old',
  );
  join(atlas, some(team('Web'), 3), 'recent');
  const orion = define('Proj-Orion', 'OKTA_GROUP', 'Project Orion: new billing and invoicing', '2025-09-15', [
    mgr('Payments'),
    mgr('Growth'),
  ]);
  join(orion, [...team('Payments'), find(people, 'Finance', 'Financial Analyst')], 'old');
  join(orion, some(titled(/^Product Manager$/), 1), 'recent');
  revoke(orion, some(team('Web'), 2));
  const phoenix = define('Proj-Phoenix', 'OKTA_GROUP', 'Project Phoenix: mobile app rebuild', '2026-03-02', [
    mgr('Mobile'),
    mgr('Product Design'),
  ]);
  join(phoenix, team('Mobile'), 'old');
  join(phoenix, some(titled(/^Product Designer$/), 2), 'recent');
  const helios = define('Proj-Helios', 'OKTA_GROUP', 'Project Helios: revenue analytics warehouse', '2026-06-01', [
    mgr('Data'),
    mgr('Programs'),
  ]);
  join(helios, team('Data'), 'old');
  join(
    helios,
    [...titled(/^Sales Operations Analyst$/), find(people, 'Product', 'Technical Program Manager')],
    'recent',
  );

  const sfdc = define(
    'App-Salesforce-Users',
    'OKTA_GROUP',
    'Salesforce access for Sales, account management and demand generation',
    '2018-04-09',
    [cast.salesOpsManager, head('Sales')],
  );
  join(sfdc, [...dept('Sales'), head('Customer Success'), ...team('Accounts'), ...team('Demand Generation')], 'rule');
  const github = define('App-GitHub-Users', 'OKTA_GROUP', 'GitHub Enterprise seats', '2018-02-12', [
    head('Engineering'),
    cast.itAdmin,
  ]);
  join(github, dept('Engineering'), 'rule');
  join(
    github,
    [
      ...titled(/Technical Program Manager/),
      ...team('Security Engineering'),
      cast.itAdmin,
      find(people, 'IT', 'Identity Engineer'),
    ],
    'old',
  );
  join(github, some(titled(/^Solutions Engineer$/), 2), 'recent');
  const awsRead = define(
    'App-AWS-Prod-ReadOnly',
    'OKTA_GROUP',
    'Read-only role in the production AWS accounts',
    '2019-06-03',
    [mgr('SRE'), cast.ciso],
  );
  join(
    awsRead,
    [
      ...team('SRE'),
      ...titled(/^(Senior|Staff)/, [...team('Platform'), ...team('Data')]),
      ...team('Security Engineering'),
    ],
    'old',
  );
  join(awsRead, some([...team('Payments'), ...team('Data')], 4), 'recent');
  revoke(awsRead, some(titled(/^Software Engineer$/, team('Platform')), 1));
  const awsAdmin = define(
    'App-AWS-Prod-Admin',
    'OKTA_GROUP',
    'Administrator role in the production AWS accounts',
    '2019-06-03',
    [mgr('SRE'), cast.itHead],
  );
  join(awsAdmin, titled(/^Senior Site Reliability Engineer$/), 'old');
  join(
    define('App-AWS-Staging-Users', 'OKTA_GROUP', 'Developer role in the staging AWS accounts', '2019-06-03', [
      mgr('Platform'),
    ]),
    dept('Engineering'),
    'rule',
  );
  const netsuite = define('App-NetSuite-Users', 'OKTA_GROUP', 'NetSuite ERP users', '2019-01-14', [
    find(people, 'Finance', 'Controller'),
  ]);
  join(netsuite, dept('Finance'), 'rule');
  join(netsuite, [cast.salesOpsManager, head('Sales')], 'old');
  const workday = define('App-Workday-Users', 'OKTA_GROUP', 'Workday HR and finance power users', '2018-09-03', [
    head('People'),
  ]);
  join(workday, dept('People'), 'rule');
  join(workday, [head('Finance'), find(people, 'Finance', 'Controller'), cast.itHead], 'old');
  const figma = define('App-Figma-Users', 'OKTA_GROUP', 'Figma editor seats', '2020-02-03', [mgr('Product Design')]);
  join(figma, dept('Design'), 'rule');
  join(
    figma,
    [
      ...titled(/^Brand Designer$/),
      ...some(titled(/Product Manager$/, dept('Product')), 4),
      ...titled(/^Senior Frontend Engineer$/),
    ],
    'old',
  );
  join(figma, some(dept('Marketing'), 2), 'recent');
  join(
    define('App-Zendesk-Users', 'OKTA_GROUP', 'Zendesk agent seats', '2018-05-21', [mgr('Support')]),
    dept('Customer Success'),
    'rule',
  );
  const datadog = define(
    'App-Datadog-Users',
    'OKTA_GROUP',
    'Datadog users outside the Engineering group',
    '2020-08-17',
    [mgr('SRE')],
  );
  join(
    datadog,
    [
      ...team('Support').filter((p) => p.title.startsWith('Senior')),
      ...team('Security Engineering'),
      ...team('Security Operations'),
    ],
    'old',
  );
  join(datadog, some(team('Solutions'), 3), 'recent');
  const greenhouse = define(
    'App-Greenhouse-Users',
    'OKTA_GROUP',
    'Greenhouse recruiters and hiring managers',
    '2019-03-11',
    [mgr('Talent')],
  );
  join(greenhouse, team('Talent'), 'rule');
  join(
    greenhouse,
    people.filter((p) => p.level === 'head' || p.level === 'manager'),
    'old',
  );

  const superAdmins = define(
    'Okta-Super-Admins',
    'OKTA_GROUP',
    'Okta super administrators (privileged)',
    '2019-02-04',
    [cast.itHead, cast.ciso],
  );
  join(superAdmins, [cast.itHead, cast.itAdmin], 'old');
  join(
    define(
      'AWS-Prod-Admins',
      'OKTA_GROUP',
      'Break-glass administrators for production AWS (privileged)',
      '2019-06-03',
      [cast.ciso, cast.itHead],
    ),
    [mgr('SRE'), cast.itHead, find(people, 'Engineering', 'Senior Site Reliability Engineer')],
    'old',
  );
  join(
    define('GitHub-Org-Owners', 'OKTA_GROUP', 'Owners of the acme GitHub organization (privileged)', '2019-10-07', [
      mgr('Security Engineering'),
      cast.itHead,
    ]),
    [head('Engineering'), mgr('Platform'), find(people, 'Engineering', 'Staff Software Engineer')],
    'old',
  );
  join(
    define(
      'Finance-Approvers',
      'OKTA_GROUP',
      'May approve payments and journal entries in NetSuite (privileged)',
      '2020-01-13',
      [head('Finance'), cast.itHead],
    ),
    [head('Finance'), find(people, 'Finance', 'Controller'), mgr('FP&A')],
    'old',
  );
  const sirt = define(
    'Security-Incident-Response',
    'OKTA_GROUP',
    'On-call incident responders (privileged)',
    '2020-04-06',
    [cast.ciso, mgr('Security Engineering')],
  );
  join(
    sirt,
    [cast.ciso, ...team('Security Engineering'), mgr('Security Operations'), mgr('SRE'), head('Legal')],
    'old',
  );
  join(sirt, [cast.securityAnalyst], 'recent');
  const approvers = define('IT-Access-Approvers', 'OKTA_GROUP', 'May approve access requests', '2021-01-11', [
    cast.itHead,
    cast.itAdmin,
  ]);
  join(approvers, [...people.filter((p) => p.level === 'head'), cast.itOpsManager, cast.itAdmin], 'old');
  join(
    define('Security-Team', 'OKTA_GROUP', 'The Security department; approves privileged access', '2019-02-04', [
      cast.ciso,
    ]),
    dept('Security'),
    'rule',
  );

  join(
    define('engineering@acme.example', 'APP_GROUP', 'Imported from Google Workspace', '2021-05-17'),
    dept('Engineering'),
    'rule',
  );
  join(
    define('sales-leadership@acme.example', 'APP_GROUP', 'Imported from Google Workspace', '2021-05-17'),
    people.filter((p) => p.department === 'Sales' && p.level !== 'ic'),
    'rule',
  );

  return {
    list,
    removals,
    get(name) {
      const g = list.find((x) => x.name === name);
      if (!g) throw new Error(`no group ${name}`);
      return g;
    },
  };
}
