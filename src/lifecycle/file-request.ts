// Files one lifecycle change as an access request (policy-checked, approved by people), idempotently across retries.
import { isAppError } from '../core/errors.js';
import type { Change } from '../governance/requests/changes.js';
import type { RequestSubject } from '../governance/requests/request-service.js';
import { lifecycleConfig, lifecyclePrincipal, type LifecycleContext } from './context.js';

const TOOL: Record<Change['kind'], string> = {
  group_add: 'request_group_add',
  group_remove: 'request_group_remove',
  app_assign: 'request_app_assignment',
  app_unassign: 'request_app_removal',
  user_suspend: 'request_user_suspend',
  user_deactivate: 'request_user_deactivate',
  user_create: 'lifecycle_user_create',
  user_activate: 'lifecycle_user_activate',
  downstream_account_remove: 'request_downstream_account_removal', // never filed by the lifecycle: an orphan has no person
};

/** The request tool the lifecycle files a change kind as. */
export const toolFor = (kind: Change['kind']): string => TOOL[kind];

export interface FiledStep {
  change: Change['kind'];
  /** Group or app name, or the user for status changes. */
  what: string;
  /** filed: a new request; existing: an open one already asked for it; in-place: nothing to do; refused: policy or state said no. */
  status: 'filed' | 'existing' | 'in-place' | 'refused';
  requestId?: string;
  message?: string;
}

const whatOf = (c: Change): string => ('groupName' in c ? c.groupName : 'appLabel' in c ? c.appLabel : c.userLogin);

/** Creates the request; a retry of the same step finds the open request instead of filing a second one. */
export async function fileRequest(
  ctx: LifecycleContext,
  subject: RequestSubject,
  change: Change,
  reason: string,
): Promise<FiledStep> {
  const cfg = lifecycleConfig(ctx);
  const base = { change: change.kind, what: whatOf(change) };
  const principal = lifecyclePrincipal(cfg);
  const scope = ctx.policy.scopeFor(principal);
  if (!scope) return { ...base, status: 'refused', message: `client ${cfg.client} is not in the policy` };
  try {
    const view = await ctx.access.requests.create({
      principal,
      scope,
      tool: TOOL[change.kind],
      change,
      subject,
      reason,
    });
    return { ...base, status: 'filed', requestId: view.id };
  } catch (err) {
    // Outages are retried by the job queue; policy and state answers are recorded.
    if (
      !isAppError(err) ||
      err.code === 'upstream_unavailable' ||
      err.code === 'rate_limited' ||
      err.code === 'unavailable'
    )
      throw err;
    const existing = (err.details as { requestId?: string } | undefined)?.requestId;
    if (err.code === 'conflict' && existing) return { ...base, status: 'existing', requestId: existing };
    if (err.code === 'conflict' && err.message.startsWith('Nothing to do'))
      return { ...base, status: 'in-place', message: err.message };
    ctx.log.warn({ err: err.message, change: change.kind, subject: subject.login }, 'lifecycle request refused');
    return { ...base, status: 'refused', message: err.message };
  }
}
