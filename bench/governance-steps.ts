// Where a Warden lookup_user call spends its time: each governance and transport step timed alone, in process.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import { numberFlag } from './lib/args.js';
import { timeOp, type MicroResult } from './lib/micro.js';
import { persona } from './lib/personas.js';
import { fmt, printTable } from './lib/table.js';
import { startWardenHttp } from './lib/warden-http.js';
import { createGovernance } from '../src/governance/governance.js';
import { validateInput } from '../src/governance/validate.js';
import { redact } from '../src/governance/redact.js';
import { checkOutput } from '../src/governance/check-output.js';
import { createHr } from '../src/hr/index.js';
import { createAuthenticator } from '../src/auth/authenticate.js';
import { createMcpServer } from '../src/mcp/mcp-server.js';
import { allTools } from '../src/tools/index.js';
import { sealRecord, GENESIS_HASH } from '../src/audit/chain.js';
import type { Principal } from '../src/core/principal.js';

const seconds = numberFlag('seconds', 1.5);
const login = persona('manager');
const w = await startWardenHttp();
const { warden } = w;
const principal: Principal = { kind: 'agent', clientId: 'claude-desktop', auth: 'api_key' };
const hr = createHr(warden.config.hr);
const tool = allTools.find((t) => t.name === 'lookup_user')!;
const input = { query: login };
const hidden = warden.policy.scopeFor(principal)!.hiddenFields;
const noAudit = { append: async () => ({}) as never };
const withoutAudit = createGovernance({
  tools: allTools,
  policy: warden.policy,
  directory: warden.directory,
  hr,
  audit: noAudit,
  log: warden.log,
});
const checked = createGovernance({
  tools: allTools,
  policy: warden.policy,
  directory: warden.directory,
  hr,
  audit: noAudit,
  log: warden.log,
  checkOutputs: true,
});
// The output check on a big result too: a full page of search_users (what list tools return at their limit).
const listTool = allTools.find((t) => t.name === 'search_users')!;
const listInput = { status: 'ACTIVE', limit: 50 };
const authenticate = createAuthenticator({
  store: warden.store,
  directory: warden.directory,
  log: warden.log,
  clientKind: () => 'agent',
});
const sharedValidator = new AjvJsonSchemaValidator();
const sample = await warden.governance.call({ principal, tool: 'lookup_user', input });
if (!sample.ok) throw new Error(`lookup_user failed: ${JSON.stringify(sample.error)}`);
// Raw handler outputs (before redaction), as the check sees them.
const ctxFor = () =>
  ({
    principal,
    directory: warden.directory,
    hr,
    policy: warden.policy,
    scope: warden.policy.scopeFor(principal)!,
    log: warden.log,
    requestId: 'bench',
  }) as never;
const rawLookup = await tool.handler(input as never, ctxFor());
const rawList = await listTool.handler(listInput as never, ctxFor());
const auditInput = {
  actor: { kind: 'agent', clientId: 'claude-desktop' },
  action: 'tool.call',
  tool: 'lookup_user',
  args: input,
  decision: { effect: 'allow', rule: 'bench', policyHash: warden.policy.hash },
  outcome: 'ok',
  durationMs: 1.23,
  requestId: 'bench',
} as const;

const batch = Array.from({ length: 20 }, () => auditInput as never);

/** label, operation, concurrent callers, records per operation (cost is shown per record). */
const steps: [string, () => unknown, number?, number?][] = [
  [
    'governance.call lookup_user (everything below the transport)',
    () => warden.governance.call({ principal, tool: 'lookup_user', input }),
  ],
  ['governance.call with a no-op audit sink', () => withoutAudit.call({ principal, tool: 'lookup_user', input })],
  [
    'governance.call with a no-op audit sink, outputs checked',
    () => checked.call({ principal, tool: 'lookup_user', input }),
  ],
  ['  of which checkOutput lookup_user (zod + unknown keys)', () => checkOutput(tool, rawLookup)],
  [
    'governance.call search_users limit 50 (everything below the transport)',
    () => warden.governance.call({ principal, tool: 'search_users', input: listInput }),
  ],
  [
    'governance.call search_users limit 50, no-op audit',
    () => withoutAudit.call({ principal, tool: 'search_users', input: listInput }),
  ],
  [
    'governance.call search_users limit 50, no-op audit, outputs checked',
    () => checked.call({ principal, tool: 'search_users', input: listInput }),
  ],
  ['  of which checkOutput search_users (50 people)', () => checkOutput(listTool, rawList)],
  [
    'audit.append (SQLite WAL: BEGIN IMMEDIATE, head, seal+sha256, INSERT, COMMIT)',
    () => warden.audit.append(auditInput as never),
  ],
  ['audit.append, 20 concurrent callers (time per append)', () => warden.audit.append(auditInput as never), 20],
  [
    '  of which sealRecord (canonical JSON + sha256)',
    () => sealRecord(auditInput as never, { seq: 1, hash: GENESIS_HASH }),
  ],
  ['audit.appendBatch of 20 in one transaction (per record)', () => warden.audit.appendBatch(batch), 1, 20],
  ['authenticate API key (sha256 + SELECT api_keys)', () => authenticate(`Bearer ${w.key}`)],
  ['hr.getEmployee (stat of the HR file per call)', () => hr.getEmployee(login)],
  ['directory.getUser', () => warden.directory.getUser(login)],
  ['validateInput (zod)', () => validateInput(tool, input)],
  ['redact output (hidden fields)', () => redact(sample.output as Record<string, unknown>, hidden)],
  [
    'policy.scopeFor + canCallTool',
    () => {
      warden.policy.scopeFor(principal);
      warden.policy.canCallTool(principal, { name: tool.name, toolset: tool.toolset, mutating: false });
    },
  ],
  ['log.child (per call)', () => warden.log.child({ requestId: 'x', client: 'c', tool: 't' })],
  [
    'createMcpServer (Warden, per HTTP request)',
    () => createMcpServer({ governance: warden.governance, policy: warden.policy, principal }),
  ],
  [
    'new Server() — SDK default (builds a new Ajv each time)',
    () => new Server({ name: 'b', version: '0' }, { capabilities: { tools: {} } }),
  ],
  [
    'new Server() with a shared jsonSchemaValidator',
    () =>
      new Server({ name: 'b', version: '0' }, { capabilities: { tools: {} }, jsonSchemaValidator: sharedValidator }),
  ],
];

try {
  const results: MicroResult[] = [];
  for (const [label, op, concurrency, per = 1] of steps) {
    const r = await timeOp(label, op, { seconds, concurrency: concurrency ?? 1 });
    results.push({ ...r, usPerOp: r.usPerOp / per, opsPerSec: r.opsPerSec * per });
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  console.log(
    `lookup_user { query: ${login} }; each step repeated for ${seconds}s after warm-up; node ${process.version}`,
  );
  printTable(
    'Cost per step',
    ['step', 'µs/op', 'ops/s'],
    results.map((r) => [r.label, fmt(r.usPerOp, 1), fmt(r.opsPerSec)]),
  );
} finally {
  await w.close();
}
