// Turns HR records and policy names into directory objects and request changes.
import type { DirectoryUser } from '../core/directory.js';
import type { HrRecord } from '../core/hr.js';
import type { Change } from '../governance/requests/changes.js';
import type { LifecycleContext } from './context.js';

/** The directory account of an HR record: by work email (login), else by employee number. */
export async function userForHr(
  ctx: Pick<LifecycleContext, 'directory'>,
  rec: Pick<HrRecord, 'workEmail' | 'employeeId'>,
): Promise<DirectoryUser | null> {
  const byLogin = rec.workEmail ? await ctx.directory.getUser(rec.workEmail) : null;
  if (byLogin) return byLogin;
  const page = await ctx.directory.findUsers({ employeeNumber: rec.employeeId, limit: 2 });
  return page.items.length === 1 ? page.items[0]! : null;
}

const userPart = (u: DirectoryUser) => ({ userId: u.id, userLogin: u.login, userName: u.displayName });

/** A group change, or a note when the policy names a group the directory does not have. */
export async function groupChange(
  ctx: Pick<LifecycleContext, 'directory'>,
  u: DirectoryUser,
  name: string,
  kind: 'group_add' | 'group_remove',
): Promise<Change | string> {
  const g = await ctx.directory.getGroup(name);
  if (!g) return `group ${name} does not exist in the directory`;
  return { kind, ...userPart(u), groupId: g.id, groupName: g.name };
}

/** An app change, or a note when the app is unknown. */
export async function appChange(
  ctx: Pick<LifecycleContext, 'directory'>,
  u: DirectoryUser,
  name: string,
  kind: 'app_assign' | 'app_unassign',
): Promise<Change | string> {
  const a = await ctx.directory.getApp(name);
  if (!a) return `app ${name} does not exist in the directory`;
  return { kind, ...userPart(u), appId: a.id, appName: a.name, appLabel: a.label };
}

export const statusChange = (u: DirectoryUser, kind: 'user_suspend' | 'user_deactivate'): Change => ({
  kind,
  ...userPart(u),
});
