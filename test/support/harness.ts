// A Warden wired for tests: local demo directory (in memory), HR file, example policy, SQLite in memory.
import { Writable } from 'node:stream';
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { createLogger } from '../../src/core/logger.js';
import { createLocalDirectory } from '../../src/directory/local/local-directory.js';
import { createFileHr } from '../../src/hr/index.js';
import { createPolicyEngine } from '../../src/policies/engine.js';
import { createStore } from '../../src/store/index.js';
import { createAuditLog } from '../../src/audit/index.js';
import type { GovernanceDeps } from '../../src/governance/governance.js';
import type { AccessRequestsDeps } from '../../src/governance/requests/index.js';
import { wireGovernedPath } from '../../src/governed-path.js';
import type { Principal } from '../../src/core/principal.js';
import type { DirectoryPort } from '../../src/core/directory.js';
import type { KnowledgePort } from '../../src/core/knowledge.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKnowledgeBase } from '../../src/knowledge/index.js';

/** The acme knowledge base, indexed once per test file into a temp dir (full-text search, no embedder). */
export async function acmeKnowledge() {
  const policy = createPolicyEngine({ path: `${ACME}/policy.yaml`, watch: false });
  const kb = await openKnowledgeBase({
    dbDir: join(mkdtempSync(join(tmpdir(), 'warden-kb-')), 'db'),
    embedder: 'offline',
    audienceRules: policy.current().knowledge.audiences.map(({ path, audience }) => ({ path, audience })),
  });
  policy.close();
  await kb.indexFolders([`${ACME}/knowledge`]);
  return kb;
}

export const ACME = resolve(import.meta.dirname, '../../examples/acme');
export const personas = JSON.parse(readFileSync(`${ACME}/personas.json`, 'utf8')) as Record<string, string | string[]>;

/** A logger whose lines are kept in memory, so tests can assert what was (not) logged. */
export function memoryLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _e, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  // The production logger (and its redaction), writing to memory: log tests check what Warden really logs.
  return { log: createLogger({ level: 'debug', destination: stream }), lines };
}

export const agent = (clientId = 'claude-desktop', person?: { id: string; login: string }): Principal => ({
  kind: 'agent',
  clientId,
  auth: 'api_key',
  person,
});

export async function createTestWarden(
  opts: {
    directory?: DirectoryPort;
    knowledge?: KnowledgePort;
    extra?: Partial<GovernanceDeps>;
    requests?: Partial<AccessRequestsDeps>;
    /** Only for tests of the check itself: otherwise a tool output that breaks its schema fails the test at close. */
    allowOutputSchemaErrors?: boolean;
  } = {},
) {
  const { log, lines } = memoryLogger();
  const directory = opts.directory ?? createLocalDirectory({ seedPath: `${ACME}/directory.json` });
  const hr = createFileHr({ path: `${ACME}/hr.csv` });
  const policy = createPolicyEngine({ path: `${ACME}/policy.yaml`, watch: false });
  const store = await createStore({ kind: 'sqlite', path: ':memory:' });
  const audit = createAuditLog(store);
  // The production wiring of the governed path (requests, approvals, executor, governance), over test adapters.
  const { access, governance } = wireGovernedPath({
    store,
    directory,
    hr,
    policy,
    audit,
    log,
    knowledge: opts.knowledge,
    checkOutputs: true,
    requests: opts.requests,
    governance: opts.extra,
  });
  const call = async (tool: string, input: unknown, principal: Principal = agent()) =>
    governance.call({ principal, tool, input });
  return {
    directory,
    hr,
    policy,
    store,
    audit,
    governance,
    log,
    ...access,
    logLines: lines,
    call,
    async close() {
      policy.close();
      await store.close();
      // Loud in tests: a tool that broke its output schema fails the test even if the test only looked at `ok`.
      const broken = opts.allowOutputSchemaErrors ? undefined : lines.find((l) => l.includes('OutputSchemaError'));
      if (broken)
        throw new Error(`a tool returned output that does not match its output schema: ${broken.slice(0, 500)}`);
    },
  };
}
