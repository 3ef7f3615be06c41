// The server's policy.reloaded audit record carries the reload's permission diff, escalations included.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createWarden } from '../../src/server.js';
import { ACME, memoryLogger } from '../support/harness.js';

describe('policy.reloaded audit record', () => {
  it('lists the changes and the escalation of a relabelled agent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-reload-audit-'));
    const policyPath = join(dir, 'policy.yaml');
    copyFileSync(`${ACME}/policy.yaml`, policyPath);
    const { log, lines } = memoryLogger();
    const w = await createWarden(
      loadConfig({ WARDEN_DATA_DIR: dir, WARDEN_POLICY: policyPath, WARDEN_KNOWLEDGE_DB: join(dir, 'kb') }),
      { log },
    );
    try {
      writeFileSync(
        policyPath,
        readFileSync(policyPath, 'utf8')
          .replace(/(reporting-bot:\n\s+)kind: agent/, '$1kind: person-app')
          .replace('maxDuration: 8h', 'maxDuration: 7d'),
      );
      expect(w.policy.reload().ok).toBe(true);
      const deadline = Date.now() + 30_000;
      let records = await w.audit.query({ action: 'policy.reloaded' });
      while (records.length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        records = await w.audit.query({ action: 'policy.reloaded' });
      }
      expect(records).toHaveLength(1);
      expect(records[0]!.args).toMatchObject({
        escalations: [
          expect.stringMatching(/^! clients\.reporting-bot: kind agent → person-app: PRIVILEGE ESCALATION/),
        ],
        changes: expect.arrayContaining(['+ rules.privileged-grant: maximum duration 8h → 7d']),
      });
      expect(lines.some((l) => JSON.parse(l).level === 40 && /PRIVILEGE ESCALATION/.test(l))).toBe(true);
    } finally {
      await w.close();
    }
  });
});
