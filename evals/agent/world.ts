// A fresh in-process Warden for one scenario: demo directory in memory (mutations recorded), SQLite :memory:, the policy, shared knowledge.
import pino, { type Logger } from 'pino';
import { join } from 'node:path';
import { createAuditLog } from '../../src/audit/index.js';
import type { KnowledgePort } from '../../src/core/knowledge.js';
import type { PersonRef } from '../../src/core/principal.js';
import { createLocalDirectory } from '../../src/directory/local/local-directory.js';
import { createGovernance } from '../../src/governance/governance.js';
import { licenceReportPort } from '../../src/lifecycle/licence-report-port.js';
import { createAccessRequests } from '../../src/governance/requests/index.js';
import { createFileHr } from '../../src/hr/index.js';
import { createPolicyEngine, type PolicyEngine } from '../../src/policies/engine.js';
import { createStore } from '../../src/store/index.js';
import { allTools } from '../../src/tools/index.js';
import { ACME } from './knowledge.js';
import { recordingDirectory } from './recording-directory.js';

export const DEFAULT_POLICY = join(ACME, 'policy.yaml');

/** The policy engine a run uses (loaded once; the knowledge index needs its audience rules too). */
export const loadPolicy = (path = DEFAULT_POLICY): PolicyEngine => createPolicyEngine({ path, watch: false });

export async function createWorld(opts: { policy: PolicyEngine; knowledge?: KnowledgePort; log?: Logger }) {
  const log = opts.log ?? pino({ level: 'silent' });
  const { directory, mutations } = recordingDirectory(createLocalDirectory({ seedPath: join(ACME, 'directory.json') }));
  const store = await createStore({ kind: 'sqlite', path: ':memory:' });
  const audit = createAuditLog(store);
  const access = createAccessRequests({ store, directory, policy: opts.policy, audit, log });
  const governance = createGovernance({
    tools: allTools,
    policy: opts.policy,
    directory,
    hr: createFileHr({ path: join(ACME, 'hr.csv') }),
    audit,
    log,
    knowledge: opts.knowledge,
    services: { requests: access.requests, licences: licenceReportPort() },
    checkOutputs: true,
  });
  return {
    directory,
    mutations,
    store,
    audit,
    access,
    governance,
    policy: opts.policy,
    log,
    /** The person the assistant acts for, as the web session would know them. */
    async person(login: string): Promise<PersonRef> {
      const u = await directory.getUser(login);
      if (!u) throw new Error(`scenario principal ${login} is not in the demo directory`);
      return { id: u.id, login: u.login, displayName: u.displayName };
    },
    async close() {
      await access.executor.idle();
      await store.close();
    },
  };
}
export type World = Awaited<ReturnType<typeof createWorld>>;
