// Drift and risk checks on directory events: unapproved privileged memberships, admin grants, admin MFA resets, terminated-but-active.
import type { DirectoryEvent } from '../core/directory.js';
import type { HrRecord } from '../core/hr.js';
import { dayOf, hrTicket, lifecycleConfig, type LifecycleContext } from './context.js';
import { userForHr } from './resolve.js';

const MFA_RESET = new Set(['user.mfa.factor.reset_all', 'user.mfa.factor.deactivate', 'user.mfa.factor.suspend']);
const COMES_ALIVE = new Set([
  'user.lifecycle.activate',
  'user.lifecycle.reactivate',
  'user.lifecycle.unsuspend',
  'user.session.start',
  'user.account.unlock',
]);
const LIVE = new Set(['ACTIVE', 'PROVISIONED', 'RECOVERY', 'LOCKED_OUT', 'PASSWORD_EXPIRED']);
const who = (e: DirectoryEvent) =>
  e.actor.alternateId
    ? `${e.actor.displayName || e.actor.alternateId} (${e.actor.alternateId})`
    : e.actor.id || 'unknown';

/** Runs every check that applies to one event. */
export async function checkEvent(ctx: LifecycleContext, e: DirectoryEvent): Promise<void> {
  if (e.outcome.result !== 'SUCCESS') return;
  const user = e.target.find((t) => t.type === 'User');
  if (e.eventType === 'group.user_membership.add' && user) await membership(ctx, e, user.alternateId);
  else if (e.eventType === 'user.account.privilege.grant' && user) await adminGrant(ctx, e, user.alternateId);
  else if (MFA_RESET.has(e.eventType) && user) await mfaReset(ctx, e, user.id, user.alternateId);
  if (COMES_ALIVE.has(e.eventType) && user) await terminatedButActive(ctx, user.alternateId, e);
}

async function membership(ctx: LifecycleContext, e: DirectoryEvent, login: string): Promise<void> {
  const cfg = lifecycleConfig(ctx);
  const group = e.target.find((t) => t.type === 'UserGroup');
  if (!group) return;
  const tags = ctx.policy.tagsFor('group', group.displayName).filter((t) => cfg.drift.watchTags.includes(t));
  if (tags.length === 0) return;
  const approved = await ctx.store.listRequests({
    tool: 'request_group_add',
    resource: `group:${group.id}`,
    status: ['approved', 'executing', 'applied'],
    limit: 50,
  });
  if (approved.some((r) => r.subject?.toLowerCase() === login.toLowerCase())) return;
  await ctx.alerts.raise({
    kind: 'drift.unapproved-membership',
    severity: tags.includes('privileged') ? 'critical' : 'warning',
    subject: login,
    eventId: e.uuid,
    what: `${login} was added to ${tags.join('/')} group ${group.displayName} without an approved Warden request.`,
    who: who(e),
    suggestion: {
      text: `Remove the membership unless it was an emergency change; Warden prefilled a removal request (approval per policy).`,
      tool: 'request_group_remove',
      input: {
        user: login,
        group: group.displayName,
        reason: `INC-0000 out-of-band ${tags[0]} membership added by ${e.actor.alternateId || e.actor.id} on ${e.published}`,
      },
    },
  });
}

async function adminGrant(ctx: LifecycleContext, e: DirectoryEvent, login: string): Promise<void> {
  const role =
    e.target.find((t) => t.type === 'ROLE')?.displayName ?? String(e.debugData?.privilegeGranted ?? 'an admin role');
  await ctx.alerts.raise({
    kind: 'risk.admin-role-granted',
    severity: 'critical',
    subject: login,
    eventId: e.uuid,
    what: `${login} was granted the admin role ${role}.`,
    who: who(e),
    suggestion: {
      text: "Confirm the grant with the change ticket; if it is not expected, revoke it in the Okta admin console (Warden does not change admin roles) and review the actor's recent activity with recent_access_changes.",
      tool: 'recent_access_changes',
      input: { user: login },
    },
  });
}

async function mfaReset(ctx: LifecycleContext, e: DirectoryEvent, userId: string, login: string): Promise<void> {
  const roles = await ctx.directory.listUserRoles(userId);
  if (roles.length === 0) return;
  await ctx.alerts.raise({
    kind: 'risk.admin-mfa-reset',
    severity: 'critical',
    subject: login,
    eventId: e.uuid,
    what: `MFA factors of admin ${login} (${roles.map((r) => r.label).join(', ')}) were reset (${e.eventType}).`,
    who: who(e),
    suggestion: {
      text: 'Verify with the admin over a known channel that they asked for this; if not, suspend the account (prefilled, approval per policy) and start incident response.',
      tool: 'request_user_suspend',
      input: {
        user: login,
        reason: `INC-0000 unexpected MFA reset of an admin by ${e.actor.alternateId || e.actor.id}`,
      },
    },
  });
}

/** Alerts when a person HR shows as terminated is (still, or again) live in the directory; at most once a day per person. */
export async function terminatedButActive(
  ctx: LifecycleContext,
  login: string,
  e?: DirectoryEvent,
  hrRecord?: HrRecord | null,
): Promise<boolean> {
  const cfg = lifecycleConfig(ctx);
  const u = await ctx.directory.getUser(login);
  if (!u || !LIVE.has(u.status)) return false;
  const rec =
    hrRecord !== undefined
      ? hrRecord
      : ((u.employeeNumber ? await ctx.hr.getEmployee(u.employeeNumber) : null) ?? (await ctx.hr.getEmployee(u.email)));
  const today = dayOf(ctx.now());
  if (!rec || !(rec.status === 'Inactive' || (rec.terminationDate && rec.terminationDate <= today))) return false;
  if (!(await ctx.store.markEventProcessed(`alert:terminated-active:${u.login}:${today}`, 'drift'))) return false;
  await ctx.alerts.raise({
    kind: 'drift.terminated-but-active',
    severity: 'critical',
    subject: u.login,
    eventId: e?.uuid,
    what: `${u.login} is ${u.status} in the directory but HR shows them terminated${rec.terminationDate ? ` on ${rec.terminationDate}` : ''}.`,
    who: e ? who(e) : 'directory/HR reconciliation',
    suggestion: {
      text: 'Deactivate the account (prefilled request, approval per policy).',
      tool: 'request_user_deactivate',
      input: {
        user: u.login,
        reason: `${hrTicket(cfg, rec.employeeId)} terminated in HR, still ${u.status} in the directory`,
      },
    },
  });
  return true;
}

/** Periodic reconciliation: every HR leaver still live in the directory. Returns how many alerts were raised. */
export async function scanTerminatedButActive(ctx: LifecycleContext): Promise<number> {
  const today = dayOf(ctx.now());
  let n = 0;
  for (const rec of await ctx.hr.listEmployees()) {
    if (!(rec.status === 'Inactive' || (rec.terminationDate && rec.terminationDate <= today))) continue;
    const u = await userForHr(ctx, rec);
    if (u && (await terminatedButActive(ctx, u.login, undefined, rec))) n++;
  }
  return n;
}
