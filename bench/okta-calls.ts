// Okta API calls per tool call: each identity tool runs through governance on the okta adapter against the emulator (acme seed), app catalogue cold and warm.
import type { Principal } from '../src/core/principal.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACME, persona } from './lib/personas.js';
import { printTable } from './lib/table.js';

// The Okta SDK reads ~/.okta/okta.yaml and OKTA_CLIENT_* when a client is built: isolate it before anything imports it.
process.env.HOME = mkdtempSync(join(tmpdir(), 'warden-bench-okta-home-'));
for (const key of Object.keys(process.env)) if (key.startsWith('OKTA_CLIENT_')) delete process.env[key];

const { loadSeed } = await import('../src/directory/seed.js');
const { createOktaDirectory } = await import('../src/directory/okta/index.js');
const { startOktaEmulator } = await import('../test/support/okta-emulator/index.js');
const { createTestWarden } = await import('../test/support/harness.js');

const seed = loadSeed(join(ACME, 'directory.json'));
const manager = persona('manager');
const userId = (login: string) => seed.users.find((u) => u.profile.login === login)!.id;
const groupsOf = (id: string) =>
  new Set(seed.groups.filter((g) => g.members.some((m) => m.userId === id)).map((g) => g.id));

// Pick check_access targets from the seed, so the three app cases stay true if the demo data is regenerated.
const mgrId = userId(manager);
const mgrGroups = groupsOf(mgrId);
const viaGroup = seed.apps.find(
  (a) => !a.userAssignments.some((u) => u.userId === mgrId) && a.groupAssignments.some((g) => mgrGroups.has(g.groupId)),
)!;
const notGranted = seed.apps.find(
  (a) =>
    !a.userAssignments.some((u) => u.userId === mgrId) && !a.groupAssignments.some((g) => mgrGroups.has(g.groupId)),
)!;
const directApp = seed.apps.find((a) => a.userAssignments.length > 0)!;
const directLogin = seed.users.find((u) => u.id === directApp.userAssignments[0]!.userId)!.profile.login;
const memberGroup = seed.groups.find((g) => g.id !== seed.groups[0]!.id && mgrGroups.has(g.id))!;
const mgrUser = seed.users.find((u) => u.id === mgrId)!;

// Agents never see employee numbers (policy hiddenFields), so that lookup runs as the security team's console.
const securityConsole: Principal = {
  kind: 'person',
  clientId: 'security-console',
  auth: 'api_key',
  person: { id: mgrId, login: manager },
};

const CASES: [string, string, Record<string, unknown>, Principal?][] = [
  ['lookup_user', 'by login', { query: manager }],
  ['lookup_user', 'by employee number (security-console)', { query: mgrUser.profile.employeeNumber }, securityConsole],
  ['lookup_user', 'ambiguous name', { query: persona('ambiguousName') }],
  ['search_users', 'department, limit 5', { department: 'Finance', limit: 5 }],
  ['search_users', 'by manager', { manager }],
  ['list_user_access', 'manager', { user: manager }],
  ['check_access', `app via group (${viaGroup.label})`, { user: manager, target: viaGroup.name }],
  ['check_access', `app direct (${directApp.label})`, { user: directLogin, target: directApp.name }],
  ['check_access', `app not granted (${notGranted.label})`, { user: manager, target: notGranted.name }],
  [
    'check_access',
    `group member (${memberGroup.profile.name})`,
    { user: manager, target: memberGroup.profile.name, kind: 'group' },
  ],
  ['get_group', 'App-Salesforce-Users', { group: 'App-Salesforce-Users' }],
  ['list_group_members', 'Dept-Finance, limit 5', { group: 'Dept-Finance', limit: 5 }],
  ['recent_access_changes', 'group, 90 days', { group: 'App-Salesforce-Users', days: 90 }],
  ['recent_access_changes', 'user, 90 days', { user: manager, days: 90 }],
];

/** `GET /api/v1/users/00u…/groups` → `GET users/{id}/groups`: the shape of a call, without ids. */
const shape = (method: string, path: string, query: string) =>
  `${method} ${path
    .replace(/^\/api\/v1\//, '')
    .replace(/\/(00u|00g|0oa)[A-Za-z0-9]{10,}/g, '/{id}')
    .replace(/\/[^/]+(@|%40)[^/]+/g, '/{login}')}` +
  (query ? `?${[...new URLSearchParams(query).keys()].join('&')}` : '');

const emu = await startOktaEmulator({ seed });
const directory = createOktaDirectory({ orgUrl: emu.url, token: emu.token });
const t = await createTestWarden({ directory });
try {
  const rows: (string | number)[][] = [];
  const shapeRows: string[][] = [];
  // Each case runs twice: with the app catalogue cleared (cold: every read goes to Okta), then again at once (warm).
  for (const [tool, label, input, principal] of CASES) {
    const runs: { http: number; stats: number; answer: string; shapes: string }[] = [];
    directory.clearCatalogue();
    for (let i = 0; i < 2; i += 1) {
      emu.resetCalls();
      directory.resetStats();
      const out = await t.call(tool, input, principal);
      if (!out.ok) throw new Error(`${tool} (${label}) failed: ${JSON.stringify(out.error)}`);
      const calls = [...emu.calls];
      const shapes = new Map<string, number>();
      for (const c of calls)
        shapes.set(shape(c.method, c.path, c.query), (shapes.get(shape(c.method, c.path, c.query)) ?? 0) + 1);
      const answer = tool === 'check_access' ? String((out.output as { hasAccess?: boolean }).hasAccess) : '';
      runs.push({
        http: calls.length,
        stats: directory.stats().calls,
        answer,
        shapes: [...shapes].map(([s, n]) => (n > 1 ? `${n}× ${s}` : s)).join(', ') || '(none)',
      });
    }
    const [cold, warm] = runs as [(typeof runs)[0], (typeof runs)[0]];
    rows.push([tool, label, cold.http, warm.http, `${cold.stats}/${warm.stats}`, cold.answer]);
    shapeRows.push([tool, label, 'cold', cold.shapes], ['', '', 'warm', warm.shapes]);
  }
  console.log(
    `okta adapter (real @okta/okta-sdk-nodejs) → emulator ${emu.url} serving examples/acme/directory.json; through governance (createTestWarden); node ${process.version}`,
  );
  console.log(
    'cold: app catalogue cleared first (every read goes to Okta); warm: the same call again within the catalogue TTL (60 s). Access state is read live in both.',
  );
  printTable(
    'Okta API calls per tool call',
    ['tool', 'case', 'HTTP calls cold', 'HTTP calls warm', 'adapter stats.calls cold/warm', 'hasAccess'],
    rows,
  );
  printTable('Calls made', ['tool', 'case', 'catalogue', 'calls'], shapeRows);
} finally {
  await t.close();
  await emu.close();
}
