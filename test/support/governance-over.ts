// Governance over a given Store (demo directory, HR file, example policy): for tests that break the store underneath.
import { createAuditLog } from '../../src/audit/index.js';
import type { Store } from '../../src/core/store.js';
import { createLocalDirectory } from '../../src/directory/local/local-directory.js';
import { wireGovernedPath } from '../../src/governed-path.js';
import { createFileHr } from '../../src/hr/index.js';
import { createPolicyEngine } from '../../src/policies/engine.js';
import { ACME, agent, memoryLogger, personas } from './harness.js';

/** `call(tool, input)` as the demo helpdesk agent, through the one governed path, auditing to `store`. */
export function governanceOver(store: Store) {
  const { log, lines } = memoryLogger();
  const directory = createLocalDirectory({ seedPath: `${ACME}/directory.json` });
  const hr = createFileHr({ path: `${ACME}/hr.csv` });
  const policy = createPolicyEngine({ path: `${ACME}/policy.yaml`, watch: false });
  const audit = createAuditLog(store);
  const { governance } = wireGovernedPath({ store, directory, hr, policy, audit, log });
  const principal = agent('claude-desktop', { id: 'helpdesk', login: personas.helpdesk as string });
  return {
    audit,
    logLines: lines,
    call: (tool: string, input: unknown) => governance.call({ principal, tool, input }),
    close: () => policy.close(),
  };
}
