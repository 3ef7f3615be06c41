// What every lifecycle workflow gets: ports, the access-request service, the policy's lifecycle section, alerts, clock.
import type { Logger } from 'pino';
import type { DirectoryPort } from '../core/directory.js';
import type { HrPort } from '../core/hr.js';
import type { Principal } from '../core/principal.js';
import type { Store } from '../core/store.js';
import type { AccessRequests } from '../governance/requests/index.js';
import type { AuditSink } from '../governance/types.js';
import type { PolicyEngine } from '../policies/engine.js';
import type { LifecycleFile } from '../policies/lifecycle-schema.js';
import type { AlertSink } from './alerts.js';

export interface LifecycleContext {
  store: Store;
  /** The unscoped directory (lifecycle works on everyone). */
  directory: DirectoryPort;
  hr: HrPort;
  policy: PolicyEngine;
  access: AccessRequests;
  audit: AuditSink;
  log: Logger;
  alerts: AlertSink;
  /** Offboarding reports are written under `<dataDir>/offboarding/`. */
  dataDir: string;
  now: () => Date;
}

/** The policy's lifecycle section; throws when it is missing or names a client that is not of kind system. */
export function lifecycleConfig(ctx: Pick<LifecycleContext, 'policy'>): LifecycleFile {
  const policy = ctx.policy.current();
  const cfg = policy.source.lifecycle;
  if (!cfg) throw new Error('the policy has no lifecycle: section; lifecycle automations are off');
  const client = policy.clients.get(cfg.client);
  if (!client || client.kind !== 'system')
    throw new Error(`lifecycle.client ${cfg.client} must be a client of kind system in the policy`);
  return cfg;
}

/** The principal lifecycle requests are filed as: Warden itself, never a person (so nobody's approval is excluded but the subject's). */
export const lifecyclePrincipal = (cfg: LifecycleFile): Principal => ({
  kind: 'system',
  clientId: cfg.client,
  auth: 'system',
});

/** `HR-10105`: the reason prefix plus the digits of the employee id (policy rules can require a ticket-like prefix). */
export const hrTicket = (cfg: LifecycleFile, employeeId: string): string =>
  `${cfg.reasonPrefix}-${employeeId.replace(/\D/g, '') || '0'}`;

/** YYYY-MM-DD of an instant (UTC). */
export const dayOf = (d: Date): string => d.toISOString().slice(0, 10);
