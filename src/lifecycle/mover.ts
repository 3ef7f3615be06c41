// Mover: add the new role's birthright, request removal of access only the old role justified, tell the new manager.
import type { HrRecord } from '../core/hr.js';
import type { JobRow } from '../core/store.js';
import { compileGlobs } from '../policies/glob.js';
import { birthrightFor, minus, type RoleFacts } from './birthright.js';
import { hrTicket, lifecycleConfig, type LifecycleContext } from './context.js';
import type { FiledStep } from './file-request.js';
import { requestBirthright, step } from './joiner.js';
import { appChange, groupChange, userForHr } from './resolve.js';

const roleText = (r: RoleFacts) => [r.department, r.jobTitle, r.location].filter(Boolean).join(' / ');

export async function runMover(ctx: LifecycleContext, job: JobRow): Promise<void> {
  const cfg = lifecycleConfig(ctx);
  const rec = job.payload.record as HrRecord;
  const from = job.payload.from as RoleFacts;
  const to = job.payload.to as RoleFacts & { supervisorEmployeeId?: string };
  const user = await userForHr(ctx, rec);
  if (!user) {
    ctx.log.warn({ employeeId: rec.employeeId }, 'mover has no directory account; nothing to change');
    return;
  }
  const ticket = hrTicket(cfg, rec.employeeId);
  const gains = await requestBirthright(ctx, user, rec, `moved from ${roleText(from)}`);
  const losses: FiledStep[] = [];
  if (cfg.mover.removeOldBirthright || cfg.mover.alsoRemoveGroups.length) {
    const before = birthrightFor(cfg, from);
    const after = birthrightFor(cfg, to);
    const current = await ctx.directory.listUserGroups(user.id);
    const also = compileGlobs(cfg.mover.alsoRemoveGroups);
    const oldOnly = cfg.mover.removeOldBirthright ? minus(before.groups, after.groups) : [];
    const drop = current
      .filter(
        (g) =>
          g.type === 'OKTA_GROUP' &&
          (oldOnly.some((n) => n.toLowerCase() === g.name.toLowerCase()) || also.test(g.name)),
      )
      .filter((g) => !after.groups.some((n) => n.toLowerCase() === g.name.toLowerCase()));
    const reason = `${ticket} mover from ${roleText(from)} to ${roleText(to)}: access only the old role justified`;
    for (const g of drop)
      losses.push(
        await step(ctx, user, await groupChange(ctx, user, g.name, 'group_remove'), reason, 'group_remove', g.name),
      );
    if (cfg.mover.removeOldBirthright) {
      for (const name of minus(before.apps, after.apps))
        losses.push(
          await step(ctx, user, await appChange(ctx, user, name, 'app_unassign'), reason, 'app_unassign', name),
        );
    }
  }
  const manager = to.supervisorEmployeeId ? await ctx.hr.getEmployee(to.supervisorEmployeeId) : null;
  const managerUser = manager ? await userForHr(ctx, manager) : null;
  if (cfg.mover.notifyManager) {
    const filed = [...gains, ...losses].filter((s) => s.requestId).map((s) => `${s.change} ${s.what} (${s.requestId})`);
    await ctx.alerts.raise({
      kind: 'lifecycle.mover',
      severity: 'info',
      subject: user.login,
      what: `${user.displayName} moved from ${roleText(from) || '-'} to ${roleText(to) || '-'}${managerUser ? `; new manager ${managerUser.login}` : ''}.`,
      who: `HR (${ticket})`,
      suggestion: {
        text: filed.length
          ? `Review the access requests Warden filed: ${filed.join('; ')}.`
          : 'No access change was needed.',
      },
      recipients: managerUser ? [managerUser.login] : [],
    });
  }
  await ctx.audit.append({
    actor: { kind: 'system', clientId: cfg.client },
    action: 'lifecycle.mover',
    target: `user:${user.login}`,
    outcome: 'ok',
    args: { employeeId: rec.employeeId, from, to, gains, losses, notified: managerUser?.login },
  });
}
