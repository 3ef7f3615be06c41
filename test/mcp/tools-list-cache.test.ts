// The prepared tools/list answer: one per caller and policy version, so a policy reload or another caller never sees a stale list.
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPolicyEngine } from '../../src/policies/engine.js';
import { toolsListCache } from '../../src/mcp/tools-list-cache.js';
import { createGovernance } from '../../src/governance/governance.js';
import { allTools } from '../../src/tools/index.js';
import type { Principal } from '../../src/core/principal.js';
import { ACME, createTestWarden } from '../support/harness.js';

const desktop: Principal = { kind: 'agent', clientId: 'claude-desktop', auth: 'api_key' };
const reporting: Principal = { kind: 'agent', clientId: 'reporting-bot', auth: 'api_key' };

describe('toolsListCache', () => {
  it('answers each caller from its own entry, and follows a policy reload', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-tools-list-'));
    const path = join(dir, 'policy.yaml');
    copyFileSync(`${ACME}/policy.yaml`, path);
    const policy = createPolicyEngine({ path, watch: false });
    const w = await createTestWarden();
    let built = 0;
    const real = createGovernance({
      tools: allTools,
      policy,
      directory: w.directory,
      hr: w.hr,
      audit: w.audit,
      log: w.log,
    });
    const governance = { ...real, listTools: (p: Principal) => (built++, real.listTools(p)) };
    const list = toolsListCache({ governance, policy });
    try {
      const names = (p: Principal) => list(p).tools.map((t) => t.name);
      const before = names(desktop);
      expect(before).toContain('request_group_add');
      expect(names(desktop)).toEqual(before);
      expect(built).toBe(1);
      expect(names(reporting)).not.toEqual(before);
      expect(built).toBe(2);

      // Take the access-requests toolset away from claude-desktop: the next list must not offer its tools.
      const yaml = readFileSync(path, 'utf8').replace(
        'toolsets: [identity, access-requests, knowledge]',
        'toolsets: [identity, knowledge]',
      );
      writeFileSync(path, yaml);
      expect(policy.reload()).toMatchObject({ ok: true });
      expect(names(desktop)).not.toContain('request_group_add');
      expect(built).toBe(3);
    } finally {
      policy.close();
      await w.close();
    }
  });
});
