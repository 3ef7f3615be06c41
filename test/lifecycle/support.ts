// A Warden wired for lifecycle tests: a copy of the Acme HR export, a directory (local or given), SQLite, the example policy, lifecycle.
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuditLog } from '../../src/audit/index.js';
import type { DirectoryPort } from '../../src/core/directory.js';
import type { Principal } from '../../src/core/principal.js';
import { createLocalDirectory } from '../../src/directory/local/local-directory.js';
import {
  createAccessRequests,
  type AccessRequestsDeps,
  type RequestView,
} from '../../src/governance/requests/index.js';
import { createFileHr } from '../../src/hr/index.js';
import { createLifecycle, type LifecycleDeps } from '../../src/lifecycle/index.js';
import { createPolicyEngine } from '../../src/policies/engine.js';
import { createStore, type StoreOptions } from '../../src/store/index.js';
import { ACME, memoryLogger } from '../support/harness.js';

export const today = () => new Date().toISOString().slice(0, 10);

export async function lifecycleWarden(
  opts: {
    directory?: DirectoryPort;
    store?: StoreOptions;
    lifecycle?: Partial<LifecycleDeps>;
    requests?: Partial<AccessRequestsDeps>;
  } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'warden-lifecycle-'));
  const hrPath = join(dir, 'hr.csv');
  copyFileSync(`${ACME}/hr.csv`, hrPath);
  const { log, lines } = memoryLogger();
  const directory = opts.directory ?? createLocalDirectory({ seedPath: `${ACME}/directory.json` });
  const hr = createFileHr({ path: hrPath, recheckMs: 0 });
  const policy = createPolicyEngine({ path: `${ACME}/policy.yaml`, watch: false });
  const store = await createStore(opts.store ?? { kind: 'sqlite', path: join(dir, 'warden.db') });
  const audit = createAuditLog(store);
  const access = createAccessRequests({ store, directory, policy, audit, log, ...opts.requests });
  const lifecycle = createLifecycle({
    store,
    directory,
    hr,
    policy,
    access,
    audit,
    log,
    dataDir: dir,
    reportCheckMs: 20,
    reorderDelayMs: 0,
    logPollIntervalMs: 0,
    hrPollIntervalMs: 0,
    driftScanIntervalMs: 0,
    runner: { pollMs: 10, backoffBaseMs: 10 },
    ...opts.lifecycle,
  });

  /** Rewrites one HR row (by employee id) in the export, atomically, as an HR system would. */
  function editHr(employeeId: string, patch: Record<string, string>): void {
    const [head, ...rows] = readFileSync(hrPath, 'utf8').trimEnd().split('\n');
    const cols = head!.split(',');
    const out = rows.map((line) => {
      if (!line.startsWith(`${employeeId},`)) return line;
      const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
      for (const [k, v] of Object.entries(patch)) cells[cols.indexOf(k)] = v;
      return cells.slice(0, cols.length).join(',');
    });
    writeFileSync(`${hrPath}.tmp`, [head, ...out].join('\n') + '\n');
    renameSync(`${hrPath}.tmp`, hrPath);
  }

  /** Approves every pending request about `subject` with eligible people, step by step, as the policy asks. */
  async function approveAll(
    subject: string,
  ): Promise<Array<{ id: string; tool: string; steps: string[]; approvers: string[] }>> {
    const done: Array<{ id: string; tool: string; steps: string[]; approvers: string[] }> = [];
    for (const v of await access.requests.list({ status: 'pending', subject, limit: 500 })) {
      const used: string[] = [];
      let view: RequestView = v;
      for (let guard = 0; view.status === 'pending' && guard < 10; guard++) {
        const open = view.approvals.find((a) => a.approvedBy.length < a.needs)!;
        const login = open.eligible.find((l) => !used.includes(l) && l !== subject)!;
        const u = (await directory.getUser(login))!;
        const person: Principal = {
          kind: 'person',
          clientId: 'warden-web',
          auth: 'session',
          person: { id: u.id, login: u.login, displayName: u.displayName },
        };
        view = await access.approvals.decide(v.id, person, 'approve', 'scripted approver');
        used.push(login);
      }
      done.push({ id: v.id, tool: v.tool, steps: v.approvals.map((a) => a.step), approvers: used });
    }
    await access.executor.idle();
    return done;
  }

  return {
    dir,
    hrPath,
    log,
    logLines: lines,
    directory,
    hr,
    policy,
    store,
    audit,
    access,
    lifecycle,
    editHr,
    approveAll,
    async close() {
      await lifecycle.stop();
      await access.executor.idle();
      policy.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
