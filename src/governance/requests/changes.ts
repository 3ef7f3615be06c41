// The changes an access request can carry: what each one is, its dry-run diff, how to apply and undo it in the directory.
import type { DirectoryPort, MutationReceipt, NewDirectoryUser } from '../../core/directory.js';
import type { Change, ChangeKind, DiffLine } from '../../core/requests.js';

export type { Change, ChangeKind, DiffLine } from '../../core/requests.js';

/** Which mutating tool asks for which change. */
export const TOOL_CHANGE: Record<string, ChangeKind> = {
  request_group_add: 'group_add',
  request_group_remove: 'group_remove',
  request_app_assignment: 'app_assign',
  request_app_removal: 'app_unassign',
  request_user_suspend: 'user_suspend',
  request_user_deactivate: 'user_deactivate',
  request_downstream_account_removal: 'downstream_account_remove',
  // Filed only by the lifecycle (HR joiners); not MCP tools, and the policy restricts them to its client.
  lifecycle_user_create: 'user_create',
  lifecycle_user_activate: 'user_activate',
};

/** The exact change, as the requester and approvers see it before anything happens. */
export function diffOf(c: Change): DiffLine[] {
  switch (c.kind) {
    case 'group_add':
      return [{ op: 'add', field: 'groups', value: c.groupName }];
    case 'group_remove':
      return [{ op: 'remove', field: 'groups', value: c.groupName }];
    case 'app_assign':
      return [{ op: 'add', field: 'apps', value: c.appLabel }];
    case 'app_unassign':
      return [{ op: 'remove', field: 'apps', value: c.appLabel }];
    case 'user_suspend':
      return [{ op: 'set', field: 'status', from: 'ACTIVE', value: 'SUSPENDED' }];
    case 'user_deactivate':
      return [
        { op: 'set', field: 'status', value: 'DEPROVISIONED' },
        { op: 'remove', field: 'apps', value: 'all direct app assignments' },
      ];
    case 'user_create':
      return newUserDiff(c);
    case 'user_activate':
      return [{ op: 'set', field: 'status', from: 'STAGED', value: 'PROVISIONED' }];
    case 'downstream_account_remove':
      return c.mode === 'delete'
        ? [{ op: 'remove', field: `${c.connectorApp} accounts`, value: accountWords(c) }]
        : [{ op: 'set', field: `${c.connectorApp} account ${accountWords(c)}`, from: 'active', value: 'inactive' }];
  }
}

/** "ghost.user (id 2819c223)": how an app account is named in diffs and summaries. */
const accountWords = (c: { accountUserName: string; accountId: string }) => `${c.accountUserName} (id ${c.accountId})`;

/** False for a change made only in a connected app (an account no person holds): the directory is neither read nor written. */
export const touchesDirectory = (c: Change): boolean => c.kind !== 'downstream_account_remove';

/** One line a person can read: "add dana.lee@… to Finance". */
export function summaryOf(c: Change): string {
  switch (c.kind) {
    case 'group_add':
      return `Add ${c.userName} (${c.userLogin}) to group ${c.groupName}`;
    case 'group_remove':
      return `Remove ${c.userName} (${c.userLogin}) from group ${c.groupName}`;
    case 'app_assign':
      return `Assign ${c.appLabel} to ${c.userName} (${c.userLogin})`;
    case 'app_unassign':
      return `Remove ${c.appLabel} from ${c.userName} (${c.userLogin})`;
    case 'user_suspend':
      return `Suspend ${c.userName} (${c.userLogin})`;
    case 'user_deactivate':
      return `Deactivate ${c.userName} (${c.userLogin})`;
    case 'user_create':
      return `Create the directory account ${c.userLogin} for ${c.userName} (STAGED: no sign-in until activated)`;
    case 'user_activate':
      return `Activate ${c.userName} (${c.userLogin})`;
    case 'downstream_account_remove':
      return `${c.mode === 'delete' ? 'Delete' : 'Deactivate'} the ${c.connectorApp} account ${accountWords(c)}; no directory change (the account matches no person)`;
  }
}

/** Why a change is a no-op, in words ("Dana Lee is already a member of Finance"). */
export function alreadyInPlace(c: Change): string {
  switch (c.kind) {
    case 'group_add':
      return `${c.userName} is already a member of ${c.groupName}`;
    case 'group_remove':
      return `${c.userName} is not a member of ${c.groupName}`;
    case 'app_assign':
      return `${c.userName} already has ${c.appLabel} assigned directly`;
    case 'app_unassign':
      return `${c.userName} has no direct ${c.appLabel} assignment (access through a group is removed with request_group_remove)`;
    case 'user_suspend':
      return `${c.userName} is already suspended`;
    case 'user_deactivate':
      return `${c.userName} is already deactivated`;
    case 'user_create':
      return `${c.userLogin} already has a directory account`;
    case 'user_activate':
      return `${c.userName} is not STAGED (already activated, or deactivated)`;
    case 'downstream_account_remove':
      return `the ${c.connectorApp} account ${c.accountUserName} is already ${c.mode === 'delete' ? 'gone' : 'inactive or gone'}`;
  }
}

/** `group:<id>` / `app:<id>` / undefined: how a request names what it is about (duplicate detection, filters). */
export function resourceKey(c: Change): string | undefined {
  if ('groupId' in c) return `group:${c.groupId}`;
  if ('appId' in c) return `app:${c.appId}`;
  return undefined;
}

/**
 * Names the change while a request for it is open: the database allows one open request per key. Built from the
 * change kind, the user's id and the resource (migration 5 back-fills old rows the same way).
 */
export const openKeyOf = (c: Change): string => `${c.kind}|${c.userId}|${resourceKey(c) ?? ''}`;

/** What applying a change that touches no directory returns: no directory request, nothing changed there. */
export const NO_DIRECTORY_CHANGE: MutationReceipt = Object.freeze({ directoryRequestId: '', changed: false });

/** Applies the change. Adapters are idempotent: a change already in place returns `changed: false`. */
export function applyChange(dir: DirectoryPort, c: Change): Promise<MutationReceipt> {
  switch (c.kind) {
    case 'downstream_account_remove':
      return Promise.resolve(NO_DIRECTORY_CHANGE); // the executor's downstream step does all of it
    case 'group_add':
      return dir.addGroupMember(c.groupId, c.userId);
    case 'group_remove':
      return dir.removeGroupMember(c.groupId, c.userId);
    case 'app_assign':
      return dir.assignApp(c.appId, c.userId);
    case 'app_unassign':
      return dir.unassignApp(c.appId, c.userId);
    case 'user_suspend':
      return dir.suspendUser(c.userId);
    case 'user_deactivate':
      return dir.deactivateUser(c.userId);
    case 'user_create':
      return dir.createUser(c.profile);
    case 'user_activate':
      return dir.activateUser(c.userId);
  }
}

/** The change that undoes a time-bound grant at expiry (only additions can be time-bound). */
export function revocationOf(c: Change): Change | null {
  if (c.kind === 'group_add') return { ...c, kind: 'group_remove' };
  if (c.kind === 'app_assign') return { ...c, kind: 'app_unassign' };
  return null;
}

/** True when the directory already shows the change (checked before asking and after applying). */
export async function isInPlace(dir: DirectoryPort, c: Change): Promise<boolean> {
  switch (c.kind) {
    case 'downstream_account_remove':
      return true; // nothing to do in the directory; the app's state is read by the downstream step
    case 'group_add':
    case 'group_remove': {
      const member = (await dir.listUserGroups(c.userId)).some((g) => g.id === c.groupId);
      return c.kind === 'group_add' ? member : !member;
    }
    case 'app_assign':
    case 'app_unassign': {
      const a = await dir.getAppAssignment(c.appId, c.userId);
      return c.kind === 'app_assign' ? a?.scope === 'USER' : a?.scope !== 'USER';
    }
    case 'user_suspend':
      return (await dir.getUser(c.userId))?.status === 'SUSPENDED';
    case 'user_deactivate':
      return (await dir.getUser(c.userId))?.status === 'DEPROVISIONED';
    case 'user_create':
      return (await dir.getUser(c.profile.login)) !== null;
    case 'user_activate': {
      const status = (await dir.getUser(c.userId))?.status;
      return !!status && status !== 'STAGED' && status !== 'DEPROVISIONED';
    }
  }
}

/** The new account as approvers see it: login, STAGED, and the profile fields HR supplied. */
function newUserDiff(c: Extract<Change, { kind: 'user_create' }>): DiffLine[] {
  const p = c.profile;
  const fields: Array<[string, string | undefined]> = [
    ['email', p.email],
    ['title', p.title],
    ['department', p.department],
    ['employeeNumber', p.employeeNumber],
    ['manager', c.managerLogin],
    ['location', p.location],
    ['costCenter', p.costCenter],
  ];
  return [
    { op: 'add', field: 'user', value: p.login },
    { op: 'set', field: 'status', value: 'STAGED' },
    ...fields.filter(([, v]) => v).map(([field, value]): DiffLine => ({ op: 'set', field, value: value! })),
  ];
}
