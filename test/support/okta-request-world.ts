// A request world over the Okta emulator, a temp SQLite file and a private copy of the Acme policy (so a test can edit and reload it).
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOktaDirectory } from '../../src/directory/okta/index.js';
import { loadSeed } from '../../src/directory/seed.js';
import type { AccessRequestsDeps } from '../../src/governance/requests/index.js';
import { startOktaEmulator } from './okta-emulator/index.js';
import { ACME_DIR, openRequestWorld } from './request-world.js';

export async function openOktaRequestWorld(requests: Partial<AccessRequestsDeps> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'warden-okta-world-'));
  const policyPath = join(dir, 'policy.yaml');
  copyFileSync(join(ACME_DIR, 'policy.yaml'), policyPath);
  const okta = await startOktaEmulator({ seed: loadSeed(`${ACME_DIR}/directory.json`) });
  // No retries inside one call: every injected failure reaches the executor, which is what these tests look at.
  const directory = createOktaDirectory({ orgUrl: okta.url, token: okta.token, maxRetries: 0 });
  const world = await openRequestWorld({
    store: { kind: 'sqlite', path: join(dir, 'warden.db') },
    directory,
    policyPath,
    logLevel: 'error',
    requests: { executeOnApproval: false, ...requests },
  });
  return {
    ...world,
    okta,
    /** Rewrites the policy file with `edit` and reloads it (what the file watcher does on a real server). */
    editPolicy(edit: (yaml: string) => string) {
      writeFileSync(policyPath, edit(readFileSync(policyPath, 'utf8')));
      const r = world.policy.reload();
      if (!r.ok) throw new Error(`policy reload failed: ${JSON.stringify(r)}`);
    },
    /** Members of a group, as Okta holds them. */
    members: (groupId: string) => okta.state.groups.get(groupId)!.members.map((m) => m.userId),
    async close() {
      await world.close();
      await okta.close();
    },
  };
}

export type OktaRequestWorld = Awaited<ReturnType<typeof openOktaRequestWorld>>;
