// Which connected apps an approved change concerns, what each must do there, and the systems it touches (no app is called here).
import type { DownstreamChange } from '../core/connectors.js';
import type { Connector, ConnectorRegistry } from './registry.js';

/** One app's part of a change: what to do there. */
export type Step =
  | { op: 'ensure'; group?: string }
  | { op: 'leave-group'; group: string; thenDeprovision: boolean }
  | { op: 'deprovision'; mode: 'deactivate' | 'delete'; unlessStillAssigned: boolean }
  | { op: 'remove-account' };

/** Which connected apps a change concerns, and what each must do. */
export function stepsFor(
  registry: ConnectorRegistry,
  c: DownstreamChange,
): Array<{ connector: Connector; step: Step }> {
  const out: Array<{ connector: Connector; step: Step }> = [];
  for (const connector of registry.all()) {
    const d = connector.def;
    const mapped = c.groupName ? d.groups[c.groupName] : undefined;
    switch (c.kind) {
      case 'app_assign':
        if (registry.forApp({ label: c.appLabel, name: c.appName }) === connector)
          out.push({ connector, step: { op: 'ensure' } });
        break;
      case 'app_unassign':
        if (registry.forApp({ label: c.appLabel, name: c.appName }) === connector)
          out.push({ connector, step: { op: 'deprovision', mode: d.deprovision, unlessStillAssigned: true } });
        break;
      case 'group_add':
        if (mapped) out.push({ connector, step: { op: 'ensure', group: mapped } });
        break;
      case 'group_remove':
        if (mapped) out.push({ connector, step: { op: 'leave-group', group: mapped, thenDeprovision: true } });
        break;
      case 'user_suspend':
        out.push({ connector, step: { op: 'deprovision', mode: 'deactivate', unlessStillAssigned: false } });
        break;
      case 'user_deactivate':
        out.push({ connector, step: { op: 'deprovision', mode: d.deprovision, unlessStillAssigned: false } });
        break;
      case 'downstream_account_remove': // an account no person holds, in its own app only (mode frozen in the change)
        if (c.connectorApp?.toLowerCase() === d.app.toLowerCase())
          out.push({ connector, step: { op: 'remove-account' } });
        break;
    }
  }
  return out;
}

/** True for a change made only in connected apps (an account no person holds): it has no directory part. */
export const appsOnly = (c: DownstreamChange): boolean => c.kind === 'downstream_account_remove';

/** Every system a change touches: the directory first, unless the change is only in apps. */
export const systemsTouched = (
  directorySystem: string,
  c: DownstreamChange,
  steps: Array<{ connector: Connector }>,
): string[] => {
  const apps = steps.map((s) => s.connector.def.app);
  return appsOnly(c) ? apps : [directorySystem, ...apps];
};
