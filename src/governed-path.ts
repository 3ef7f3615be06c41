// The governed path, wired once: the access-request port (approvals, executor) and the one tool-call path with its
// ports, over given adapters. createWarden (server.ts) and the test worlds both build Warden with it.
import type { Logger } from 'pino';
import type { AuditLog } from './audit/index.js';
import type { DownstreamAccessReader, DownstreamAccountFinder, DownstreamPort } from './core/connectors.js';
import type { DirectoryPort } from './core/directory.js';
import type { HrPort } from './core/hr.js';
import type { KnowledgePort } from './core/knowledge.js';
import type { Store } from './core/store.js';
import { createGovernance, type Governance, type GovernanceDeps } from './governance/governance.js';
import { createAccessRequests, type AccessRequests, type AccessRequestsDeps } from './governance/requests/index.js';
import { licenceReportPort } from './lifecycle/licence-report-port.js';
import type { PolicyEngine } from './policies/engine.js';
import { allTools } from './tools/index.js';

/** The adapters the governed path runs over; everything else (config, transports, lifecycle) stays outside it. */
export interface GovernedPathParts {
  store: Store;
  directory: DirectoryPort;
  hr: HrPort;
  policy: PolicyEngine;
  audit: AuditLog;
  log: Logger;
  knowledge?: KnowledgePort;
  readOnly?: boolean;
  checkOutputs?: boolean;
  /** Connected apps: the executor's downstream step, and what tools may read of the last reconcile. */
  downstream?: DownstreamPort;
  downstreamAccess?: DownstreamAccessReader;
  /** Live account reads for filing removals of accounts no person holds (orphans). */
  downstreamAccounts?: DownstreamAccountFinder;
  /** More request-service options (notifications, executor settings; tests: a clock). */
  requests?: Partial<AccessRequestsDeps>;
  /** Governance options on top (tests only: e.g. a different tool list). */
  governance?: Partial<GovernanceDeps>;
}

/**
 * The governed path over given adapters: the access-request port (approvals, executor) and the one tool-call path
 * with its ports. createWarden and the test harness both build Warden with this, so tests run the production wiring.
 */
export function wireGovernedPath(p: GovernedPathParts): { access: AccessRequests; governance: Governance } {
  const { store, directory, hr, policy, audit, log } = p;
  const access = createAccessRequests({
    store,
    directory,
    policy,
    audit,
    log,
    downstream: p.downstream,
    ...p.requests,
  });
  const governance = createGovernance({
    tools: allTools,
    policy,
    directory,
    hr,
    audit,
    log,
    knowledge: p.knowledge,
    readOnly: p.readOnly,
    checkOutputs: p.checkOutputs,
    services: {
      requests: access.requests,
      auditQuery: audit,
      downstreamAccess: p.downstreamAccess,
      downstreamAccounts: p.downstreamAccounts,
      licences: licenceReportPort(),
    },
    ...p.governance,
  });
  return { access, governance };
}
