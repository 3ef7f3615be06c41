// A request world with one connected app, "Jira" at a SCIM URL (the scimmy test app): the executor's downstream step, the
// live account reads that file orphan removals, and quick in-call retries. For in-process tests and crash children.
import { createDownstream } from '../../src/connectors/downstream.js';
import { createAccountFinder } from '../../src/connectors/orphan-account.js';
import type { Connector, ConnectorRegistry } from '../../src/connectors/registry.js';
import { createScimClient } from '../../src/connectors/scim/scim-client.js';
import { createLocalDirectory } from '../../src/directory/local/local-directory.js';
import type { RequestView } from '../../src/governance/requests/index.js';
import type { StoreOptions } from '../../src/store/index.js';
import { ACME_DIR, openRequestWorld, type WorldOptions } from './request-world.js';

export const HELPDESK = 'gabriel.reddy@acme.example';
export const ORPHAN_TOOL = 'request_downstream_account_removal';

export interface JiraWorldOptions {
  store: StoreOptions;
  scimUrl: string;
  token?: string;
  /** SCIM calls per write before it is given up for this run (default 2, 10 ms apart). */
  maxAttempts?: number;
  requests?: WorldOptions['requests'];
}

/** Opens the world over the local demo directory (its changes kept in the store) with Jira connected, deprovision: deactivate. */
export async function openJiraWorld(o: JiraWorldOptions) {
  const jira: Connector = {
    def: { app: 'Jira', type: 'scim', url: o.scimUrl, groups: {}, deprovision: 'deactivate' },
    client: createScimClient({
      app: 'Jira',
      baseUrl: o.scimUrl,
      token: o.token,
      maxAttempts: o.maxAttempts ?? 2,
      baseDelayMs: 10,
    }),
  };
  const registry: ConnectorRegistry = {
    all: () => [jira],
    forApp: (a) =>
      (typeof a === 'string' ? [a] : [a.label, a.name]).some((n) => n?.toLowerCase() === 'jira') ? jira : undefined,
    close: () => undefined,
  };
  const world = await openRequestWorld({
    store: o.store,
    directory: (store) => createLocalDirectory({ seedPath: `${ACME_DIR}/directory.json`, store }),
    connect: (store, directory, log) => ({
      downstream: createDownstream({ registry, directory, store, log }),
      downstreamAccounts: createAccountFinder(registry, directory),
    }),
    requests: o.requests,
  });

  /** Files the removal of an orphan Jira account as the helpdesk agent; throws with the tool error when refused. */
  async function fileOrphanRemoval(account: string): Promise<RequestView> {
    const helpdesk = (await world.directory.getUser(HELPDESK))!;
    const r = await world.governance.call({
      principal: {
        kind: 'agent',
        clientId: 'claude-desktop',
        auth: 'api_key',
        person: { id: helpdesk.id, login: helpdesk.login },
      },
      tool: ORPHAN_TOOL,
      input: { app: 'Jira', account, reason: 'Reconcile: this Jira account matches no person' },
    });
    if (!r.ok) throw new Error(`${ORPHAN_TOOL}: ${JSON.stringify(r.error)}`);
    return r.output as unknown as RequestView;
  }

  /** Approves with eligible people (never the requester) until no step is open; execution starts on the last approval. */
  async function approve(id: string): Promise<RequestView> {
    let view = await world.requests.get(id);
    const used: string[] = [];
    while (view.status === 'pending') {
      const step = view.approvals.find((a) => a.approvedBy.length < a.needs)!;
      const login = step.eligible.find((l) => !used.includes(l) && l !== HELPDESK)!;
      view = await world.approvals.decide(id, await world.person(login), 'approve', 'ok');
      used.push(login);
    }
    return view;
  }

  return { ...world, fileOrphanRemoval, approve };
}

export type JiraWorld = Awaited<ReturnType<typeof openJiraWorld>>;
