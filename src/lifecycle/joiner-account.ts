// Joiner accounts: creating the STAGED account and activating it are access requests IT approves, never direct directory calls.
import type { DirectoryUser } from '../core/directory.js';
import type { HrRecord } from '../core/hr.js';
import type { JobRow } from '../core/store.js';
import type { Change } from '../governance/requests/changes.js';
import type { RequestSubject } from '../governance/requests/request-service.js';
import { hrTicket, lifecycleConfig, type LifecycleContext } from './context.js';
import { fileRequest, toolFor, type FiledStep } from './file-request.js';
import { userForHr } from './resolve.js';

const OPEN = new Set(['pending', 'approved', 'executing']);
const SYSTEM = (clientId: string) => ({ kind: 'system' as const, clientId });

/**
 * The joiner has no account yet: files the account request (once per joiner job) and asks to be re-run every `checkMs`
 * while it is open, so birthright is requested once the account exists. Stops, re-filing nothing, once that request
 * was denied, expired, cancelled or failed; the request's pending expiry bounds the wait.
 */
export async function awaitAccount(
  ctx: LifecycleContext,
  job: JobRow,
  rec: HrRecord,
  checkMs: number,
): Promise<void | { deferUntil: Date }> {
  const cfg = lifecycleConfig(ctx);
  const again = (ms: number) => ({ deferUntil: new Date(ctx.now().getTime() + ms) });
  const [mine] = await ctx.access.requests.list({
    tool: toolFor('user_create'),
    subject: rec.workEmail,
    createdAfter: job.createdAt,
    limit: 1,
  });
  if (mine) {
    const lapsed = mine.status === 'pending' && !!mine.expiresAt && mine.expiresAt <= ctx.now().toISOString();
    if (OPEN.has(mine.status) && !lapsed) return again(checkMs);
    const status = lapsed ? 'expired' : mine.status;
    ctx.log.warn(
      { employeeId: rec.employeeId, requestId: mine.id, status },
      'joiner stopped: the account request was not applied',
    );
    await ctx.audit.append({
      actor: SYSTEM(cfg.client),
      action: 'lifecycle.joiner',
      target: `user:${rec.workEmail}`,
      outcome: 'error',
      requestId: mine.id,
      args: { employeeId: rec.employeeId, account: status },
    });
    return;
  }
  const step = await requestAccount(ctx, rec);
  if (step.status === 'in-place') return again(0); // the account appeared meanwhile: run again now and carry on
  if (step.status === 'filed' || step.status === 'refused') {
    await ctx.audit.append({
      actor: SYSTEM(cfg.client),
      action: 'lifecycle.joiner-account-requested',
      target: `user:${rec.workEmail}`,
      outcome: step.status === 'filed' ? 'pending' : 'denied',
      ...(step.requestId ? { requestId: step.requestId } : {}),
      args: { employeeId: rec.employeeId, startDate: rec.hireDate, step },
    });
  }
  return step.status === 'refused' ? undefined : again(checkMs);
}

/** Files the request to create the joiner's account STAGED, with the HR profile and the resolved manager. */
async function requestAccount(ctx: LifecycleContext, rec: HrRecord): Promise<FiledStep> {
  const cfg = lifecycleConfig(ctx);
  const manager = rec.supervisorEmployeeId ? await supervisorOf(ctx, rec.supervisorEmployeeId) : null;
  const login = rec.workEmail;
  const change: Change = {
    kind: 'user_create',
    userId: login,
    userLogin: login,
    userName: `${rec.firstName} ${rec.lastName}`,
    ...(manager ? { managerLogin: manager.login } : {}),
    profile: {
      login,
      email: rec.workEmail,
      firstName: rec.firstName,
      lastName: rec.lastName,
      title: rec.jobTitle,
      department: rec.department,
      employeeNumber: rec.employeeId,
      managerId: manager?.id,
      location: rec.location,
      costCenter: rec.costCenter,
    },
  };
  // Provisional subject: the account does not exist yet, so it is named by its login.
  const subject: RequestSubject = {
    id: login,
    login,
    status: 'STAGED',
    department: rec.department,
    managerId: manager?.id,
  };
  const reason = `${hrTicket(cfg, rec.employeeId)} new account (STAGED) for a joiner starting ${rec.hireDate ?? 'now'} (${rec.employeeId})`;
  return fileRequest(ctx, subject, change, reason);
}

/** Files the request to activate a STAGED joiner on the start date. */
export async function requestActivation(ctx: LifecycleContext, user: DirectoryUser, rec: HrRecord): Promise<FiledStep> {
  const cfg = lifecycleConfig(ctx);
  const change: Change = { kind: 'user_activate', userId: user.id, userLogin: user.login, userName: user.displayName };
  const reason = `${hrTicket(cfg, rec.employeeId)} activate the account on the start date ${rec.hireDate ?? '-'} (${rec.employeeId})`;
  return fileRequest(ctx, user, change, reason);
}

async function supervisorOf(ctx: LifecycleContext, employeeId: string): Promise<DirectoryUser | null> {
  const sup = await ctx.hr.getEmployee(employeeId);
  return sup ? userForHr(ctx, sup) : null;
}
