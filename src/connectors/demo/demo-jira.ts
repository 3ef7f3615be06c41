// The demo company's connected app: an in-process SCIM "Jira" (state in the data dir), seeded with some accounts and an orphan.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConnectorDefinition } from '../../core/connectors.js';
import type { DirectoryPort } from '../../core/directory.js';
import { createScimMemoryApp } from './scim-memory-app.js';

/** An account nobody in the directory matches: the reconcile report shows it. */
export const DEMO_ORPHAN = 'sam.okafor.contractor@acme.example';

export const DEMO_JIRA: ConnectorDefinition = {
  app: 'Jira',
  type: 'scim',
  url: 'http://jira.demo.invalid/scim/v2',
  groups: { 'Dept-Engineering': 'jira-software-users' },
  deprovision: 'deactivate',
};

/** Opens (and on first run seeds) the demo Jira; the registry reaches it through `fetch`, without a socket. */
export async function openDemoJira(opts: { dataDir: string; directory: DirectoryPort }) {
  const persistPath = resolve(opts.dataDir, 'demo-apps', 'jira-scim.json');
  const fresh = !existsSync(persistPath);
  const app = createScimMemoryApp({ persistPath });
  if (fresh) await seed(app, opts.directory);
  return { def: DEMO_JIRA, fetch: (req: Request) => app.handle(req), app };
}

async function seed(app: ReturnType<typeof createScimMemoryApp>, directory: DirectoryPort): Promise<void> {
  const jira = await directory.getApp('jira');
  const eng = await directory.getGroup('Dept-Engineering');
  const engIds = new Set(eng ? (await directory.listGroupMembers(eng.id, { limit: 200 })).items.map((u) => u.id) : []);
  const members: string[] = [];
  for (const a of (jira ? await directory.listAppUsers(jira.id) : []).slice(0, 12)) {
    const u = await directory.getUser(a.userId);
    if (!u || u.status === 'DEPROVISIONED') continue;
    const acct = app.seedUser({ userName: u.login, externalId: u.id, displayName: u.displayName, email: u.email });
    if (engIds.has(u.id)) members.push(acct.id);
  }
  // Someone who left: deactivated in the directory, still active in Jira (Okta does not provision this app).
  const gone = (await directory.findUsers({ status: 'DEPROVISIONED', limit: 1 })).items[0];
  if (gone)
    app.seedUser({ userName: gone.login, externalId: gone.id, displayName: gone.displayName, email: gone.email });
  app.seedUser({ userName: DEMO_ORPHAN, displayName: 'Sam Okafor', email: DEMO_ORPHAN });
  app.seedGroup('jira-software-users', members);
}
