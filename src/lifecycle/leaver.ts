// Leaver: on the termination date, request app and group removals and the suspension/deactivation, then schedule the report.
import type { DirectoryUser } from '../core/directory.js';
import type { HrRecord } from '../core/hr.js';
import type { JobRow } from '../core/store.js';
import { compileGlobs } from '../policies/glob.js';
import { dayOf, hrTicket, lifecycleConfig, type LifecycleContext } from './context.js';
import type { FiledStep } from './file-request.js';
import { LIFECYCLE_JOBS } from './hr-classify.js';
import { step } from './joiner.js';
import { appChange, groupChange, statusChange, userForHr } from './resolve.js';

const terminated = (r: HrRecord | null) => !!r && (r.status === 'Inactive' || !!r.terminationDate);

export async function runLeaver(ctx: LifecycleContext, job: JobRow): Promise<void | { deferUntil: Date }> {
  const cfg = lifecycleConfig(ctx);
  const rec = job.payload.record as HrRecord;
  const day = String(job.payload.terminationDate);
  if (day > dayOf(ctx.now())) return { deferUntil: new Date(`${day}T00:00:00.000Z`) };
  const current = await ctx.hr.getEmployee(rec.employeeId);
  if (current && !terminated(current)) {
    await ctx.audit.append({
      actor: { kind: 'system', clientId: cfg.client },
      action: 'lifecycle.leaver-cancelled',
      target: `user:${rec.workEmail}`,
      outcome: 'ok',
      args: { employeeId: rec.employeeId, terminationDate: day },
    });
    return;
  }
  const user = await userForHr(ctx, rec);
  const steps: FiledStep[] = [];
  const notes: string[] = job.payload.note ? [String(job.payload.note)] : [];
  if (!user) notes.push(`no directory account matches ${rec.workEmail} / ${rec.employeeId}`);
  else if (user.status === 'DEPROVISIONED') notes.push(`${user.login} was already deactivated`);
  else await requestRemovals(ctx, user, rec, day, steps, notes);
  await ctx.store.enqueueJob({
    kind: LIFECYCLE_JOBS.report,
    key: job.key,
    dedupeKey: `report:${rec.employeeId}:${day}`,
    payload: {
      employeeId: rec.employeeId,
      login: user?.login ?? rec.workEmail,
      name: `${rec.firstName} ${rec.lastName}`,
      terminationDate: day,
      steps,
      notes,
      startedAt: ctx.now().toISOString(),
    },
  });
  await ctx.audit.append({
    actor: { kind: 'system', clientId: cfg.client },
    action: 'lifecycle.leaver',
    target: `user:${user?.login ?? rec.workEmail}`,
    outcome: 'ok',
    args: { employeeId: rec.employeeId, terminationDate: day, steps, notes },
  });
}

async function requestRemovals(
  ctx: LifecycleContext,
  user: DirectoryUser,
  rec: HrRecord,
  day: string,
  steps: FiledStep[],
  notes: string[],
): Promise<void> {
  const cfg = lifecycleConfig(ctx);
  const reason = `${hrTicket(cfg, rec.employeeId)} leaver: HR termination date ${day} (${rec.employeeId})`;
  const groups = await ctx.directory.listUserGroups(user.id);
  const drop = compileGlobs(cfg.leaver.removeGroups);
  const leaving = groups.filter((g) => drop.test(g.name));
  if (cfg.leaver.removeApps) {
    for (const link of await ctx.directory.listUserAppLinks(user.id)) {
      const a = await ctx.directory.getAppAssignment(link.appId, user.id);
      if (a?.scope === 'USER')
        steps.push(
          await step(
            ctx,
            user,
            await appChange(ctx, user, link.appId, 'app_unassign'),
            reason,
            'app_unassign',
            link.label,
          ),
        );
      else if (a?.scope === 'GROUP') {
        const via = (await ctx.directory.listAppGroups(link.appId))
          .map((x) => groups.find((g) => g.id === x.groupId))
          .filter((g) => !!g);
        const removed = via.filter((g) => leaving.some((l) => l.id === g.id) && g.type === 'OKTA_GROUP');
        if (removed.length < via.length)
          notes.push(
            `${link.label} stays reachable through group ${via
              .filter((g) => !removed.includes(g))
              .map((g) => g.name)
              .join(', ')} until the account is ${cfg.leaver.action}d`,
          );
      }
    }
  }
  for (const g of leaving) {
    if (g.type !== 'OKTA_GROUP')
      notes.push(`group ${g.name} is managed outside the directory (${g.type}); remove the membership at its source`);
    else
      steps.push(
        await step(ctx, user, await groupChange(ctx, user, g.id, 'group_remove'), reason, 'group_remove', g.name),
      );
  }
  for (const r of await ctx.directory.listUserRoles(user.id))
    notes.push(
      `admin role ${r.label} (${r.type}) must be removed in the Okta admin console; Warden does not change admin roles`,
    );
  const kind = cfg.leaver.action === 'suspend' ? 'user_suspend' : 'user_deactivate';
  steps.push(await step(ctx, user, statusChange(user, kind), reason, kind, user.login));
}
