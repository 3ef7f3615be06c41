// Shared by the request tools: resolve the person and the group or app into a Change, then file the request.
import type { ToolContext } from '../../core/tool.js';
import type { Change } from '../../core/requests.js';
import { requireReason } from './reason.js';
import { requireGroup, requireResource } from './resolve-resource.js';
import { requireUser } from './resolve-user.js';
import { durationSeconds, requestOut, requestsOf } from './request-schemas.js';
import { InvalidInputError } from '../../core/errors.js';

/** What a person-centred MCP tool may ask for; account creation and activation are filed by the lifecycle only, and an
 * orphan account's removal has its own tool (request_downstream_account_removal). */
export type RequestKind = Exclude<Change['kind'], 'user_create' | 'user_activate' | 'downstream_account_remove'>;

/** Files a request for `kind`; the target person must be visible to the caller. */
export async function fileRequest(
  ctx: ToolContext,
  tool: string,
  kind: RequestKind,
  input: { user: string; group?: string; app?: string; reason: string; duration?: string },
) {
  const requests = requestsOf(ctx);
  requests.precheck({ principal: ctx.principal, reason: input.reason });
  const u = await requireUser(ctx, input.user);
  const who = { userId: u.id, userLogin: u.login, userName: u.displayName };
  let change: Change;
  if (kind === 'group_add' || kind === 'group_remove') {
    const g = await requireGroup(ctx, input.group!);
    change = { kind, ...who, groupId: g.id, groupName: g.name };
  } else if (kind === 'app_assign' || kind === 'app_unassign') {
    const r = await requireResource(ctx, input.app!, 'app');
    if (r.kind !== 'app') throw new InvalidInputError(`${input.app} is not an app.`);
    change = { kind, ...who, appId: r.app.id, appName: r.app.name, appLabel: r.app.label };
  } else {
    change = { kind, ...who };
  }
  const view = await requests.create({
    principal: ctx.principal,
    scope: ctx.scope,
    tool,
    change,
    subject: u,
    reason: requireReason(input.reason),
    durationSeconds: durationSeconds(input.duration),
  });
  return requestOut(view);
}
