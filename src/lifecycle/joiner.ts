// Joiner: request the directory user (STAGED), then birthright access and, on the start date, activation; all approved by people.
import type { DirectoryUser } from '../core/directory.js';
import type { HrRecord } from '../core/hr.js';
import type { JobRow } from '../core/store.js';
import { birthrightFor } from './birthright.js';
import { dayOf, hrTicket, lifecycleConfig, type LifecycleContext } from './context.js';
import { fileRequest, type FiledStep } from './file-request.js';
import { LIFECYCLE_JOBS } from './hr-classify.js';
import { awaitAccount, requestActivation } from './joiner-account.js';
import { appChange, groupChange, userForHr } from './resolve.js';

const SYSTEM = (clientId: string) => ({ kind: 'system' as const, clientId });

/**
 * Runs the joiner workflow for one HR record; safe to run again (every step is idempotent). Without an account it files
 * the account request and waits (re-run every `checkMs`) until the account exists; then schedules activation and files birthright.
 */
export async function runJoiner(
  ctx: LifecycleContext,
  job: JobRow,
  checkMs = 60_000,
): Promise<void | { deferUntil: Date }> {
  const cfg = lifecycleConfig(ctx);
  const rec = job.payload.record as HrRecord;
  const user = await userForHr(ctx, rec);
  if (!user) {
    if (!cfg.joiner.createUser) {
      ctx.log.info(
        { employeeId: rec.employeeId },
        'joiner has no directory account and lifecycle.joiner.createUser is off',
      );
      return;
    }
    return awaitAccount(ctx, job, rec, checkMs);
  }
  if (cfg.joiner.activateOnStartDate && user.status === 'STAGED') {
    const start = rec.hireDate && rec.hireDate > dayOf(ctx.now()) ? `${rec.hireDate}T00:00:00.000Z` : undefined;
    await ctx.store.enqueueJob({
      kind: LIFECYCLE_JOBS.activate,
      key: job.key,
      payload: { employeeId: rec.employeeId, login: user.login },
      runAfter: start,
      dedupeKey: `activate:${rec.employeeId}:${rec.hireDate ?? ''}`,
    });
  }
  const steps = await requestBirthright(ctx, user, rec, `joiner starting ${rec.hireDate ?? 'now'}`);
  await ctx.audit.append({
    actor: SYSTEM(cfg.client),
    action: 'lifecycle.joiner',
    target: `user:${user.login}`,
    outcome: 'ok',
    args: { employeeId: rec.employeeId, steps },
  });
}

/** Files a request for every birthright group and app the role justifies that the person lacks. */
export async function requestBirthright(
  ctx: LifecycleContext,
  user: DirectoryUser,
  rec: HrRecord,
  why: string,
): Promise<FiledStep[]> {
  const cfg = lifecycleConfig(ctx);
  const b = birthrightFor(cfg, rec);
  const reason = `${hrTicket(cfg, rec.employeeId)} birthright access (${b.rules.join(', ')}) for ${rec.department ?? '-'} / ${rec.jobTitle ?? '-'} / ${rec.location ?? '-'}: ${why}`;
  const steps: FiledStep[] = [];
  for (const name of b.groups)
    steps.push(await step(ctx, user, await groupChange(ctx, user, name, 'group_add'), reason, 'group_add', name));
  for (const name of b.apps)
    steps.push(await step(ctx, user, await appChange(ctx, user, name, 'app_assign'), reason, 'app_assign', name));
  return steps;
}

/** Files one resolved change, or records why it could not be resolved. */
export async function step(
  ctx: LifecycleContext,
  user: DirectoryUser,
  change: Awaited<ReturnType<typeof groupChange>>,
  reason: string,
  kind: FiledStep['change'],
  name: string,
): Promise<FiledStep> {
  if (typeof change === 'string') return { change: kind, what: name, status: 'refused', message: change };
  return fileRequest(ctx, user, change, reason);
}

/** On the start date: request activation of the STAGED user if HR still shows them joining. */
export async function runActivate(ctx: LifecycleContext, job: JobRow): Promise<void> {
  const cfg = lifecycleConfig(ctx);
  const rec = await ctx.hr.getEmployee(String(job.payload.employeeId));
  const user = await ctx.directory.getUser(String(job.payload.login));
  if (!rec || !user || rec.status !== 'Active' || rec.terminationDate) {
    ctx.log.info(
      { employeeId: job.payload.employeeId },
      'activation skipped: the joiner is no longer joining in HR, or has no account',
    );
    return;
  }
  const step = await requestActivation(ctx, user, rec);
  await ctx.audit.append({
    actor: SYSTEM(cfg.client),
    action: 'lifecycle.activation-requested',
    target: `user:${user.login}`,
    outcome: step.status === 'refused' ? 'denied' : 'ok',
    ...(step.requestId ? { requestId: step.requestId } : {}),
    args: { employeeId: rec.employeeId, startDate: rec.hireDate, step },
  });
}
