// The access-request stack (policy, governance, requests, approvals, executor) over a given store and directory, for child processes and benches.
import { resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import type { DownstreamAccountFinder, DownstreamPort } from '../../src/core/connectors.js';
import type { DirectoryPort } from '../../src/core/directory.js';
import type { Principal } from '../../src/core/principal.js';
import type { Store } from '../../src/core/store.js';
import { createAuditLog } from '../../src/audit/index.js';
import type { AccessRequestsDeps, RequestView } from '../../src/governance/requests/index.js';
import { createFileHr } from '../../src/hr/index.js';
import { createPolicyEngine } from '../../src/policies/engine.js';
import { createStore, type StoreOptions } from '../../src/store/index.js';
import { wireGovernedPath } from '../../src/governed-path.js';

export const ACME_DIR = resolve(import.meta.dirname, '../../examples/acme');

export interface WorldOptions {
  store: StoreOptions;
  /** The directory, or how to build it over the world's store (the local directory keeps its changes there). */
  directory: DirectoryPort | ((store: Store) => DirectoryPort);
  policyPath?: string;
  requests?: Partial<AccessRequestsDeps>;
  /** Connected apps over the world's store and directory: the executor's downstream step and the live account reads tools use. */
  connect?: (
    store: Store,
    directory: DirectoryPort,
    log: Logger,
  ) => { downstream: DownstreamPort; downstreamAccounts?: DownstreamAccountFinder };
  /** Log level on stderr (default `warn`). */
  logLevel?: string;
}

export async function openRequestWorld(opts: WorldOptions) {
  const log = pino({ level: opts.logLevel ?? 'warn' }, pino.destination(2));
  const policy = createPolicyEngine({ path: opts.policyPath ?? `${ACME_DIR}/policy.yaml`, watch: false });
  const store = await createStore(opts.store);
  const audit = createAuditLog(store);
  const directory = typeof opts.directory === 'function' ? opts.directory(store) : opts.directory;
  const hr = createFileHr({ path: `${ACME_DIR}/hr.csv` });
  const apps = opts.connect?.(store, directory, log);
  // The production wiring of the governed path, over this world's store and directory.
  const { access, governance } = wireGovernedPath({
    store,
    directory,
    hr,
    policy,
    audit,
    log,
    checkOutputs: true,
    downstream: apps?.downstream,
    downstreamAccounts: apps?.downstreamAccounts,
    requests: opts.requests,
  });

  /** A person signed in to the Warden web inbox (approvals, or asking for someone). */
  async function person(login: string): Promise<Principal> {
    const u = await directory.getUser(login);
    if (!u) throw new Error(`no user ${login}`);
    return {
      kind: 'person',
      clientId: 'warden-web',
      auth: 'session',
      person: { id: u.id, login: u.login, displayName: u.displayName },
    };
  }

  /** Files request_group_add through the governed tool path; throws with the tool error when refused. */
  async function fileGroupAdd(
    requester: Principal,
    user: string,
    group: string,
    extra: Record<string, unknown> = {},
  ): Promise<RequestView> {
    const input = { user, group, reason: 'Joining the project team for Q1 planning', ...extra };
    const r = await governance.call({ principal: requester, tool: 'request_group_add', input });
    if (!r.ok) throw new Error(`request_group_add ${user} → ${group}: ${JSON.stringify(r.error)}`);
    return r.output as unknown as RequestView;
  }

  return {
    store,
    audit,
    policy,
    directory,
    governance,
    log,
    ...access,
    person,
    fileGroupAdd,
    async close() {
      policy.close();
      await store.close();
    },
  };
}

export type RequestWorld = Awaited<ReturnType<typeof openRequestWorld>>;
