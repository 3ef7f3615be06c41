// A whole Warden on the local demo directory with one SCIM app ("Jira", the scimmy test app) connected through a connectors file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import type { Principal } from '../../src/core/principal.js';
import type { RequestView } from '../../src/governance/requests/index.js';
import { createWarden, type Warden } from '../../src/server.js';
import { memoryLogger, personas } from '../support/harness.js';
import { freshSchemaName, pgRaw, PG_URL } from '../store/harness.js';
import { startScimApp, type TestScimApp } from '../support/scim-app/index.js';

export const TOKEN = 'jira-scim-secret-token-4242';

export async function connectedWarden(
  opts: { deprovision?: 'deactivate' | 'delete'; store?: 'sqlite' | 'postgres' } = {},
) {
  const scim = await startScimApp({ token: TOKEN });
  scim.app.seedGroup('jira-software-users');
  const dir = mkdtempSync(join(tmpdir(), 'warden-scim-'));
  const file = join(dir, 'connectors.yaml');
  writeFileSync(
    file,
    [
      'connectors:',
      '  - app: Jira',
      '    type: scim',
      `    url: ${scim.url}`,
      '    tokenEnv: JIRA_SCIM_TOKEN',
      '    groups:',
      '      Dept-Engineering: jira-software-users',
      `    deprovision: ${opts.deprovision ?? 'deactivate'}`,
      '',
    ].join('\n'),
  );
  const { log, lines } = memoryLogger();
  const config = loadConfig({
    WARDEN_DATA_DIR: dir,
    WARDEN_CONNECTORS: file,
    JIRA_SCIM_TOKEN: TOKEN,
    WARDEN_CONNECTORS_RECONCILE_MS: '0',
  });
  // PostgreSQL: a fresh schema on the test database (the store option the config has no variable for).
  const schema = opts.store === 'postgres' ? freshSchemaName() : undefined;
  const w: Warden = await createWarden(
    schema ? { ...config, store: { kind: 'postgres', url: PG_URL, schema } as Config['store'] } : config,
    { log },
  );

  const helpdesk = async (): Promise<Principal> => {
    const u = (await w.directory.getUser(personas.helpdesk as string))!;
    return {
      kind: 'agent',
      clientId: 'claude-desktop',
      auth: 'api_key',
      person: { id: u.id, login: u.login, displayName: u.displayName },
    };
  };

  /** Files a request through the governed tool path as the helpdesk agent. */
  async function ask(tool: string, input: Record<string, unknown>): Promise<RequestView> {
    const r = await w.governance.call({
      principal: await helpdesk(),
      tool,
      input: { reason: 'REQ-1234 needed for the platform migration work', ...input },
    });
    if (!r.ok) throw new Error(`${tool}: ${JSON.stringify(r.error)}`);
    return r.output as unknown as RequestView;
  }

  /** Approves a request with eligible people, step by step, and waits for the executor. */
  async function approve(id: string, subject: string): Promise<RequestView> {
    let view = await w.access.requests.get(id);
    const used: string[] = [];
    for (let guard = 0; view.status === 'pending' && guard < 10; guard++) {
      const open = view.approvals.find((a) => a.approvedBy.length < a.needs)!;
      const login = open.eligible.find((l) => !used.includes(l) && l !== subject && l !== personas.helpdesk)!;
      const u = (await w.directory.getUser(login))!;
      view = await w.access.approvals.decide(
        id,
        {
          kind: 'person',
          clientId: 'warden-web',
          auth: 'session',
          person: { id: u.id, login: u.login, displayName: u.displayName },
        },
        'approve',
        'ok',
      );
      used.push(login);
    }
    await w.access.executor.idle();
    return w.access.requests.get(id);
  }

  /** An ACTIVE person in `department` with no Jira in the directory. */
  async function personWithoutJira(department: string, skip: string[] = []) {
    const jira = (await w.directory.getApp('jira'))!;
    for (const u of (await w.directory.findUsers({ department, status: 'ACTIVE', limit: 100 })).items) {
      if (skip.includes(u.login) || u.login === personas.helpdesk) continue;
      if (!(await w.directory.getAppAssignment(jira.id, u.id))) return u;
    }
    throw new Error(`no one in ${department} without Jira`);
  }

  const accountsOf = (userName: string) =>
    [...scim.app.users.values()].filter((u) => String(u.userName).toLowerCase() === userName.toLowerCase());

  return {
    w,
    scim,
    dir,
    file,
    logLines: lines,
    ask,
    approve,
    personWithoutJira,
    accountsOf,
    async close() {
      await w.close();
      await scim.close();
      if (schema) await pgRaw(undefined, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}
