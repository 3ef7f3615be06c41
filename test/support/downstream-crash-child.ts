// Child process for the downstream crash test, over a SQLite file and a persisted local directory in <dir>, with Jira at <scimUrl>:
//   crash <dir> <scimUrl>   files and approves a Jira assignment; the parent's SCIM app SIGKILLs this process once the account exists
//   resume <dir> <scimUrl>  a fresh worker takes over the dead one's claim and finishes the request
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { DownstreamPort } from '../../src/core/connectors.js';
import { createDownstream } from '../../src/connectors/downstream.js';
import type { ConnectorRegistry } from '../../src/connectors/registry.js';
import { createScimClient } from '../../src/connectors/scim/scim-client.js';
import { createLocalDirectory } from '../../src/directory/local/local-directory.js';
import { ACME_DIR, openRequestWorld } from './request-world.js';

export const CRASH_SUBJECT = 'zara.hayashi@acme.example';
const HELPDESK = 'gabriel.reddy@acme.example';
const [mode, dir, scimUrl] = process.argv.slice(2) as [string, string, string];
writeFileSync(join(dir, `${mode}.pid`), String(process.pid));

let ds: DownstreamPort | undefined;
const late: DownstreamPort = { plan: (c) => ds!.plan(c), apply: (r, c) => ds!.apply(r, c) };
const world = await openRequestWorld({
  store: { kind: 'sqlite', path: join(dir, 'warden.db') },
  directory: (store) => createLocalDirectory({ seedPath: `${ACME_DIR}/directory.json`, store }),
  requests: { downstream: late, executor: mode === 'crash' ? { workerId: 'crashing-worker' } : { staleAfterMs: 0 } },
});
const log = pino({ level: 'warn' }, pino.destination(2));
// One connected app, Jira at the parent's SCIM app (a connectors file names it in real use).
const jira = {
  def: { app: 'Jira', type: 'scim' as const, url: scimUrl, groups: {}, deprovision: 'deactivate' as const },
  client: createScimClient({ app: 'Jira', baseUrl: scimUrl, baseDelayMs: 10 }),
};
const registry: ConnectorRegistry = {
  all: () => [jira],
  forApp: (a) =>
    (typeof a === 'string' ? [a] : [a.label, a.name]).some((n) => n?.toLowerCase() === 'jira') ? jira : undefined,
  close: () => undefined,
};
const directory = world.directory;
ds = createDownstream({ registry, directory, store: world.store, log });

if (mode === 'crash') {
  const helpdesk = (await directory.getUser(HELPDESK))!;
  const r = await world.governance.call({
    principal: {
      kind: 'agent',
      clientId: 'claude-desktop',
      auth: 'api_key',
      person: { id: helpdesk.id, login: helpdesk.login },
    },
    tool: 'request_app_assignment',
    input: { user: CRASH_SUBJECT, app: 'Jira', reason: 'REQ-1234 Jira for the platform work' },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  let view = await world.requests.get((r.output as { id: string }).id);
  writeFileSync(join(dir, 'request-id'), view.id);
  const used: string[] = [];
  while (view.status === 'pending') {
    const step = view.approvals.find((a) => a.approvedBy.length < a.needs)!;
    const login = step.eligible.find((l) => !used.includes(l) && l !== CRASH_SUBJECT && l !== HELPDESK)!;
    view = await world.approvals.decide(view.id, await world.person(login), 'approve', 'ok');
    used.push(login);
  }
  await world.executor.idle();
  console.error('the SCIM app never killed this process');
  process.exit(3);
} else {
  const n = await world.executor.resume();
  await world.executor.idle();
  await world.close();
  console.log(JSON.stringify({ n }));
}
