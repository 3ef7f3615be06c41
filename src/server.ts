// Composition root: config → adapters → governance → MCP (stdio or HTTP) and the web app. The only file that imports everything.
import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createAssistant, lazyOpenAiChatModel, NOT_CONFIGURED } from './assistant/index.js';

import { createLogger } from './core/logger.js';
import type { Principal } from './core/principal.js';
import type { Store } from './core/store.js';
import { createDirectory } from './directory/index.js';
import { createHr } from './hr/index.js';
import { createPolicyEngine, type PolicyEngine } from './policies/engine.js';
import { policyDiffArgs } from './policies/diff.js';
import { createStore } from './store/index.js';
import { createAuditLog, loadSigningKey, startCheckpoints, type AuditLog } from './audit/index.js';
import type { Governance } from './governance/governance.js';
import { createAuthenticator } from './auth/authenticate.js';
import { createJwtVerifier } from './auth/jwt.js';
import { serveStdio } from './mcp/stdio.js';
import { wireGovernedPath } from './governed-path.js';
import { createWebApp } from './web/app.js';
import { mcpRoutes } from './mcp/http.js';
import { createReadiness } from './web/unavailable.js';
import { allowListFor } from './web/host-allow-config.js';
import type { DirectoryPort } from './core/directory.js';
import type { AccessRequests } from './governance/requests/index.js';
import { createWebhookNotifier } from './governance/notify.js';
import { requestsApi } from './web/api/requests-api.js';
import type { KnowledgeBase } from './knowledge/index.js';
import { hasKnowledgeIndex, lazyKnowledgeBase } from './knowledge/lazy-knowledge.js';
import { createLifecycle, type Lifecycle } from './lifecycle/index.js';
import type { HrPort } from './core/hr.js';
import { createWebUi } from './web/ui/index.js';
import { resolveSessionSecret } from './web/session/secret.js';
import { loadDemoPersonas } from './web/session/demo-personas.js';
import { openConnectors, type Connectors } from './connectors/index.js';
import { createAlertSink } from './lifecycle/alerts.js';

export interface Warden {
  config: Config;
  log: Logger;
  directory: DirectoryPort;
  policy: PolicyEngine;
  store: Store;
  audit: AuditLog;
  governance: Governance;
  access: AccessRequests;
  knowledge: KnowledgeBase;
  hr: HrPort;
  lifecycle: Lifecycle;
  connectors: Connectors;
  close(): Promise<void>;
}

/** Wires every part from configuration. Nothing is listening yet. */
export async function createWarden(
  config: Config,
  opts: { log?: Logger; indexKnowledgeIfEmpty?: boolean } = {},
): Promise<Warden> {
  const log = opts.log ?? createLogger({ level: config.logLevel });
  const store = await createStore({
    ...config.store,
    // One line when the store goes away and one when it is back; calls and background loops stay quiet in between.
    onAvailability: ({ available, error }) =>
      available
        ? log.info({ component: 'store' }, 'the store answers again; background work resumes')
        : log.warn(
            { component: 'store', reason: error?.message },
            'the store is unavailable: calls answer `unavailable` and background work backs off until it returns',
          ),
  });
  const audit = createAuditLog(store);
  const policy = createPolicyEngine({
    path: config.policyPath,
    log: log.child({ component: 'policy' }),
    watch: true,
    onReload: (r) => {
      void audit
        .append({
          actor: { kind: 'system', clientId: 'warden' },
          action: 'policy.reloaded',
          outcome: r.ok ? 'ok' : 'error',
          args: { hash: r.hash, previousHash: r.previousHash, error: r.error, ...policyDiffArgs(r.diff) },
        })
        .catch((err) => log.error({ err }, 'audit append failed'));
    },
  });
  const directory = await createDirectory(config.directory, log, store);
  const hr = createHr(config.hr);
  const notify = config.notifyWebhookUrl
    ? createWebhookNotifier({
        url: config.notifyWebhookUrl,
        log,
        linkBase: config.http.publicUrl ? `${config.http.publicUrl}/requests/` : undefined,
      })
    : undefined;
  const connectors = await openConnectors({
    config: config.connectors,
    dataDir: config.dataDir,
    directory,
    store,
    audit,
    log: log.child({ component: 'connectors' }),
    watch: true,
    alerts: createAlertSink({ audit, log, webhookUrl: config.lifecycle.alertWebhookUrl }),
  });
  const knowledge = lazyKnowledgeBase({
    dbDir: config.knowledge.dbDir,
    embedder: config.knowledge.embedder,
    log: log.child({ component: 'knowledge' }),
    audienceRules: policy.current().knowledge.audiences.map(({ path, audience }) => ({ path, audience })),
  });
  if (opts.indexKnowledgeIfEmpty && !(await hasKnowledgeIndex(config.knowledge.dbDir))) {
    const r = await knowledge.indexFolders([config.knowledge.sourceDir]);
    log.info(
      { files: r.files, chunks: r.chunks, ms: r.ms },
      `indexed the knowledge base from ${config.knowledge.sourceDir}`,
    );
  }
  const { access, governance } = wireGovernedPath({
    store,
    directory,
    hr,
    policy,
    audit,
    log,
    knowledge,
    readOnly: config.readOnly,
    checkOutputs: config.checkOutputs,
    downstream: connectors.downstream,
    downstreamAccess: connectors.reader,
    downstreamAccounts: connectors.finder,
    requests: { onEvent: notify, executor: { retry: { deadlineMs: config.executorRetryDeadlineMs } } },
  });
  const lifecycle = createLifecycle({
    store,
    directory,
    hr,
    policy,
    access,
    audit,
    log,
    dataDir: config.dataDir,
    ...config.lifecycle,
  });
  return {
    config,
    log,
    directory,
    policy,
    store,
    audit,
    governance,
    access,
    knowledge,
    hr,
    lifecycle,
    connectors,
    async close() {
      await lifecycle.stop();
      connectors.close();
      policy.close();
      await access.executor.idle();
      await knowledge.close();
      await store.close();
    },
  };
}

/** How bearer tokens become principals (API keys, OAuth JWTs), with client kinds from the live policy. */
export function authenticatorFor(w: Warden) {
  return createAuthenticator({
    store: w.store,
    directory: w.directory,
    log: w.log,
    jwt: w.config.oauth ? createJwtVerifier(w.config.oauth) : undefined,
    clientKind: (id) => w.policy.current().clients.get(id)?.kind,
  });
}

/** Runs the executor loop: resumes interrupted work, applies approved requests, expires and revokes on time. */
export function startExecutor(w: Warden): { stop(): Promise<void> } {
  return w.access.executor.start(w.config.executorIntervalMs);
}

/**
 * Writes a signed checkpoint of the audit chain now and every WARDEN_AUDIT_CHECKPOINT_MINUTES to the checkpoint
 * directory (and webhook): evidence outside the database that records were not cut from its end.
 */
export function startAuditCheckpoints(w: Warden): { stop(): Promise<void> } {
  const c = w.config.audit;
  if (c.checkpointIntervalMs <= 0) return { stop: async () => {} };
  return startCheckpoints({
    audit: w.audit,
    key: loadSigningKey(c.signing),
    dir: c.checkpointDir,
    webhookUrl: c.checkpointWebhookUrl,
    intervalMs: c.checkpointIntervalMs,
    log: w.log.child({ component: 'audit-checkpoint' }),
  });
}

/** Runs the lifecycle automations: job runner, HR and event-log polls, drift scans. */
export function startLifecycle(w: Warden): { stop(): Promise<void> } {
  w.lifecycle.start();
  w.connectors.start();
  return { stop: () => w.lifecycle.stop() };
}

/** Serves HTTP (MCP at /mcp, /api, and the web app) until the process is stopped. */
export async function startHttp(w: Warden): Promise<{ url: string; close(): Promise<void> }> {
  const authenticate = authenticatorFor(w);
  const mcp = mcpRoutes({
    governance: w.governance,
    policy: w.policy,
    authenticate,
    log: w.log,
    publicUrl: w.config.http.publicUrl,
    authorizationServers: w.config.oauth ? [w.config.oauth.issuer] : [],
  });
  const app = createWebApp({
    log: w.log,
    publicUrl: w.config.http.publicUrl,
    allowedHosts: allowListFor(w.config.http, w.log),
    ready: createReadiness({ check: () => w.store.getMeta('warden:readyz') }),
    routes: [
      mcp,
      requestsApi({ access: w.access, store: w.store, audit: w.audit, authenticate }),
      ...w.lifecycle.routes,
      webUiFor(w),
    ],
  });
  const { host, port } = w.config.http;
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: host, port }, () => resolve(s));
  });
  const addr = server.address();
  const url = `http://${host}:${typeof addr === 'object' && addr ? addr.port : port}`;
  return { url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The pages: sign-in (OIDC; demo personas only on the local demo directory), chat with the assistant, inbox, requests, audit, policy. */
export function webUiFor(w: Warden) {
  const c = w.config;
  return createWebUi({
    directory: w.directory,
    policy: w.policy,
    store: w.store,
    audit: w.audit,
    access: w.access,
    tools: w.governance.tools,
    log: w.log,
    assistant: createAssistant({
      governance: w.governance,
      policy: w.policy,
      log: w.log,
      model: c.chat ? lazyOpenAiChatModel(c.chat) : undefined,
    }),
    sessionSecret: resolveSessionSecret({ configured: c.web.sessionSecret, dataDir: c.dataDir }),
    publicUrl: c.http.publicUrl,
    oidc: c.web.oidc,
    setupHelp: NOT_CONFIGURED,
    demoPersonas: c.directory.kind === 'local' && !c.web.oidc ? loadDemoPersonas(c.directory.seedPath) : undefined,
  });
}

/** Serves MCP on stdio as the configured client (and person, when set). */
export async function startStdio(w: Warden): Promise<{ close(): Promise<void> }> {
  // On the demo company a stdio session acts for the helpdesk persona unless told otherwise.
  const c = w.config;
  const login =
    c.stdio.personLogin ??
    (c.directory.kind === 'local'
      ? loadDemoPersonas(c.directory.seedPath).find((p) => p.key === 'helpdesk')?.login
      : undefined);
  const person = login ? await w.directory.getUser(login) : null;
  if (login && !person) throw new Error(`WARDEN_STDIO_PERSON ${login} is not in the directory`);
  const principal: Principal = {
    kind: 'agent',
    clientId: w.config.stdio.clientId,
    auth: 'stdio',
    person: person ? { id: person.id, login: person.login, displayName: person.displayName } : undefined,
  };
  return serveStdio({ governance: w.governance, policy: w.policy, principal });
}
