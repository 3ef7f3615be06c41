// Reconcile one app: page through its /Users and /Groups and report orphans, leavers' live accounts and membership drift.
import type { ConnectorReader, DownstreamAccount, DownstreamGroup } from '../core/connectors.js';
import type { DirectoryPort, DirectoryUser } from '../core/directory.js';
import type { ConnectorDefinition } from '../core/connectors.js';
import { personOfAccount } from './person-match.js';

export type ReconcileFinding =
  | 'orphan'
  | 'leaver-active'
  | 'suspended-active'
  | 'missing-from-group'
  | 'extra-in-group';

export interface ReconcileRow {
  finding: ReconcileFinding;
  app: string;
  userName: string;
  accountId: string;
  /** The matching person, when there is one. */
  person?: { id: string; login: string; status: string };
  group?: string;
  /** What to do, and the governed request that does it (a person files and approves it). */
  suggestion: { text: string; tool?: string; input?: Record<string, unknown> };
}

/** One account as the last reconcile saw it (kept for tools: list_user_access, check_access). */
export interface SnapshotAccount {
  id: string;
  userName: string;
  externalId?: string;
  active: boolean;
  personId?: string;
  groups: string[];
}

export interface ReconcileReport {
  app: string;
  at: string;
  ok: boolean;
  error?: string;
  accounts: number;
  active: number;
  groups: number;
  /** SCIM requests this reconcile made. */
  requests: number;
  ms: number;
  rows: ReconcileRow[];
}

const PAGE = 100;

/** Every item of a paged SCIM listing, page by page. */
async function all<T>(
  list: (o: { startIndex: number; count: number }) => Promise<{ items: T[]; totalResults: number }>,
): Promise<T[]> {
  const out: T[] = [];
  for (let start = 1; ; ) {
    const page = await list({ startIndex: start, count: PAGE });
    out.push(...page.items);
    start += page.items.length;
    if (!page.items.length || start > page.totalResults) return out;
  }
}

/** Reads the app and the directory and compares them; never changes anything. */
export async function reconcileApp(
  def: ConnectorDefinition,
  reader: ConnectorReader & { counter?: { requests: number } },
  directory: DirectoryPort,
  now = new Date(),
): Promise<{ report: ReconcileReport; snapshot: SnapshotAccount[] }> {
  const t0 = performance.now();
  const before = reader.counter?.requests ?? 0;
  const accounts: DownstreamAccount[] = await all((o) => reader.listAccounts(o));
  const groups: DownstreamGroup[] = await all((o) => reader.listGroups(o));
  // One paged read of the directory (everyone, then the deactivated, whom Okta's default listing leaves out) instead of a lookup per account.
  const byId = new Map<string, DirectoryUser>();
  const byHandle = new Map<string, DirectoryUser>(); // login and email, lower-cased
  for (const status of [undefined, 'DEPROVISIONED'] as const) {
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await directory.findUsers({ status, limit: 200, cursor });
      for (const u of page.items) {
        byId.set(u.id, u);
        byHandle.set(u.login.toLowerCase(), u);
        if (u.email && !byHandle.has(u.email.toLowerCase())) byHandle.set(u.email.toLowerCase(), u);
      }
      cursor = page.nextCursor;
    }
  }
  const personOf = (a: DownstreamAccount): Promise<DirectoryUser | undefined> =>
    personOfAccount(a, { byId: (id) => byId.get(id), byHandle: (h) => byHandle.get(h.toLowerCase()) });
  const groupsOf = new Map<string, string[]>();
  for (const g of groups) for (const m of g.memberIds) groupsOf.set(m, [...(groupsOf.get(m) ?? []), g.displayName]);
  const rows: ReconcileRow[] = [];
  const snapshot: SnapshotAccount[] = [];
  const byPerson = new Map<string, DownstreamAccount>();
  for (const a of accounts) {
    const u = await personOf(a);
    snapshot.push({
      id: a.id,
      userName: a.userName,
      externalId: a.externalId,
      active: a.active,
      personId: u?.id,
      groups: groupsOf.get(a.id) ?? [],
    });
    if (u) byPerson.set(u.id, a);
    if (!a.active) continue;
    const input = {
      user: u?.login ?? a.userName,
      app: def.app,
      reason: `Reconcile ${now.toISOString().slice(0, 10)}: ${def.app} account ${a.userName} should not be active`,
    };
    // No person: the account itself is the subject of a governed removal that changes only the app.
    if (!u)
      rows.push({
        finding: 'orphan',
        app: def.app,
        userName: a.userName,
        accountId: a.id,
        suggestion: {
          text: `No person in the directory matches ${a.userName} (${def.app} id ${a.id}): confirm with the ${def.app} owner, then file a removal (${def.deprovision === 'delete' ? 'deletes' : 'deactivates'} the account in ${def.app}; no directory change).`,
          tool: 'request_downstream_account_removal',
          input: {
            app: def.app,
            account: a.userName,
            reason: `Reconcile ${now.toISOString().slice(0, 10)}: ${def.app} account ${a.userName} matches no person in the directory`,
          },
        },
      });
    else if (u.status === 'DEPROVISIONED')
      rows.push({
        finding: 'leaver-active',
        app: def.app,
        userName: a.userName,
        accountId: a.id,
        person: { id: u.id, login: u.login, status: u.status },
        suggestion: {
          text: `${u.displayName} has left but still has an active ${def.app} account: deactivate it.`,
          tool: 'request_app_removal',
          input,
        },
      });
    else if (u.status === 'SUSPENDED')
      rows.push({
        finding: 'suspended-active',
        app: def.app,
        userName: a.userName,
        accountId: a.id,
        person: { id: u.id, login: u.login, status: u.status },
        suggestion: {
          text: `${u.displayName} is suspended but active in ${def.app}: deactivate it while they are suspended.`,
          tool: 'request_app_removal',
          input,
        },
      });
  }
  for (const [dirGroup, appGroup] of Object.entries(def.groups)) {
    const g = groups.find((x) => x.displayName === appGroup);
    const dg = await directory.getGroup(dirGroup);
    if (!dg) continue;
    const members = new Set<string>();
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await directory.listGroupMembers(dg.id, { limit: 200, cursor });
      for (const m of page.items) members.add(m.id);
      cursor = page.nextCursor;
    }
    const inApp = new Set(g?.memberIds ?? []);
    for (const id of members) {
      const a = byPerson.get(id);
      if (a && a.active && !inApp.has(a.id))
        rows.push({
          finding: 'missing-from-group',
          app: def.app,
          userName: a.userName,
          accountId: a.id,
          group: appGroup,
          suggestion: {
            text: `In ${dirGroup} but not in ${appGroup}: the next approved change syncs it, or re-request the group.`,
          },
        });
    }
    for (const a of accounts) {
      if (!inApp.has(a.id)) continue;
      const u = await personOf(a);
      if (!u || !members.has(u.id))
        rows.push({
          finding: 'extra-in-group',
          app: def.app,
          userName: a.userName,
          accountId: a.id,
          group: appGroup,
          ...(u ? { person: { id: u.id, login: u.login, status: u.status } } : {}),
          suggestion: {
            text: `In ${appGroup} without being in ${dirGroup}: ask the ${def.app} owner, or file request_group_add for ${dirGroup}.`,
          },
        });
    }
  }
  const report: ReconcileReport = {
    app: def.app,
    at: now.toISOString(),
    ok: true,
    accounts: accounts.length,
    active: accounts.filter((a) => a.active).length,
    groups: groups.length,
    requests: (reader.counter?.requests ?? 0) - before,
    ms: Math.round(performance.now() - t0),
    rows,
  };
  return { report, snapshot };
}
