// Access requests wired together: the request service (agents ask), approvals (people decide), and the executor (applies).
import type { Logger } from 'pino';
import type { DirectoryPort } from '../../core/directory.js';
import type { DownstreamPort } from '../../core/connectors.js';
import type { PolicyPort } from '../../core/policy.js';
import type { Store } from '../../core/store.js';
import type { AuditSink } from '../types.js';
import { createApprovalService } from './approval-service.js';
import { createExecutor, type ExecutorDeps } from './executor.js';
import { createRequestService } from './request-service.js';
import type { RequestView } from './request-view.js';
import { newWorkerId } from './worker-id.js';

export interface AccessRequestsDeps {
  store: Store;
  directory: DirectoryPort;
  policy: PolicyPort & { ownersFor?(kind: 'group' | 'app', name: string): readonly string[] };
  audit: AuditSink;
  log: Logger;
  now?: () => Date;
  /** Called on every state change (notifications, web pages). */
  onEvent?: (event: 'created' | 'decided' | 'applied' | 'failed', view: RequestView) => void;
  executor?: Partial<Pick<ExecutorDeps, 'staleAfterMs' | 'checkpoint' | 'workerId' | 'retry'>>;
  /** Apply approved requests right away (default). Tests of crash recovery turn this off. */
  executeOnApproval?: boolean;
  /** Connected apps (SCIM) the executor also applies approved changes to. */
  downstream?: DownstreamPort;
}

export function createAccessRequests(deps: AccessRequestsDeps) {
  const policyOwners = (kind: 'group' | 'app', name: string) => deps.policy.ownersFor?.(kind, name) ?? [];
  const executor = createExecutor({
    store: deps.store,
    directory: deps.directory,
    audit: deps.audit,
    log: deps.log.child({ component: 'executor' }),
    now: deps.now,
    policy: deps.policy,
    policyOwners,
    retry: deps.executor?.retry,
    workerId: deps.executor?.workerId ?? newWorkerId(),
    staleAfterMs: deps.executor?.staleAfterMs,
    checkpoint: deps.executor?.checkpoint,
    downstream: deps.downstream,
    onFinished: (v) => deps.onEvent?.(v.status === 'applied' ? 'applied' : 'failed', v),
  });
  const requests = createRequestService({ ...deps, notify: deps.onEvent });
  const approvals = createApprovalService({
    store: deps.store,
    directory: deps.directory,
    audit: deps.audit,
    policy: deps.policy,
    policyOwners,
    downstream: deps.downstream,
    now: deps.now,
    onDecided: (v) => deps.onEvent?.('decided', v),
    onApproved: (id) => {
      if (deps.executeOnApproval === false) return;
      executor.execute(id).catch((err) => deps.log.error({ err, requestId: id }, 'execute after approval failed'));
    },
  });
  return { requests, approvals, executor };
}

export type AccessRequests = ReturnType<typeof createAccessRequests>;
export type { RequestView } from './request-view.js';
