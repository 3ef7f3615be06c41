// The demo company's seeded orphan in its in-process Jira: the reconcile row's suggested request, filed by an agent and
// approved by a person, deactivates the account there.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DEMO_ORPHAN } from '../../src/connectors/demo/demo-jira.js';
import type { RequestView } from '../../src/governance/requests/index.js';
import { createWarden } from '../../src/server.js';
import { memoryLogger, personas } from '../support/harness.js';

const TOOL = 'request_downstream_account_removal';

describe('the demo company', () => {
  it("an agent files the removal the demo's seeded orphan row offers; a person approves; the demo Jira account is deactivated", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-demo-orphan-'));
    const config = loadConfig({
      WARDEN_DATA_DIR: dir,
      WARDEN_DEMO_CONNECTORS: 'true',
      WARDEN_CONNECTORS_RECONCILE_MS: '0',
    });
    const w = await createWarden(config, { log: memoryLogger().log });
    try {
      const [report] = await w.connectors.reconcile({ app: 'Jira', alert: false });
      const row = report!.rows.find((r) => r.finding === 'orphan' && r.userName === DEMO_ORPHAN)!;
      expect(row.suggestion.tool).toBe(TOOL);
      const helpdesk = (await w.directory.getUser(personas.helpdesk as string))!;
      const filed = await w.governance.call({
        principal: {
          kind: 'agent',
          clientId: 'claude-desktop',
          auth: 'api_key',
          person: { id: helpdesk.id, login: helpdesk.login },
        },
        tool: row.suggestion.tool!,
        input: row.suggestion.input!,
      });
      if (!filed.ok) throw new Error(JSON.stringify(filed.error));
      const req = filed.output as unknown as RequestView;
      const approver = req.approvals[0]!.eligible.find((l) => l !== helpdesk.login)!;
      const u = (await w.directory.getUser(approver))!;
      await w.access.approvals.decide(
        req.id,
        { kind: 'person', clientId: 'warden-web', auth: 'session', person: { id: u.id, login: u.login } },
        'approve',
      );
      await w.access.executor.idle();
      expect((await w.access.requests.get(req.id)).systems).toEqual([
        expect.objectContaining({ system: 'Jira', status: 'applied' }),
      ]);
      expect((await w.connectors.finder.find('Jira', DEMO_ORPHAN))?.account.active).toBe(false);
    } finally {
      await w.close();
    }
  }, 60_000);
});
