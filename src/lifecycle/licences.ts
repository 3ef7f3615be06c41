// Licence view: app seats assigned vs. people who left (HR) or have not signed in for N days, with a removal request per row.
import type { DirectoryPort, DirectoryUser } from '../core/directory.js';
import type { HrPort, HrRecord } from '../core/hr.js';
import type { LicenceReport, LicenceRow } from '../core/licences.js';

export type { LicenceReport, LicenceRow } from '../core/licences.js';

export interface LicenceOptions {
  directory: Pick<
    DirectoryPort,
    'listApps' | 'getApp' | 'listAppUsers' | 'findUsers' | 'listUserGroups' | 'listAppGroups'
  >;
  hr: Pick<HrPort, 'listEmployees'>;
  inactiveDays: number;
  now: Date;
  /** One app (name or label); all apps when absent. */
  app?: string;
  /** Most rows returned (default 500). */
  limit?: number;
}

const DAY = 86_400_000;

async function everyUser(dir: LicenceOptions['directory']): Promise<Map<string, DirectoryUser>> {
  const out = new Map<string, DirectoryUser>();
  let cursor: string | undefined;
  for (let i = 0; i < 10_000; i++) {
    const page = await dir.findUsers({ limit: 200, cursor });
    for (const u of page.items) out.set(u.id, u);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

/** Builds the report. People the directory does not show (out of the caller's scope) are left out. */
export async function licenceReport(o: LicenceOptions): Promise<LicenceReport> {
  const apps = o.app ? [await o.directory.getApp(o.app)].filter((a) => !!a) : await o.directory.listApps();
  const users = await everyUser(o.directory);
  const hr = await o.hr.listEmployees();
  const byEmail = new Map(hr.map((r) => [r.workEmail.toLowerCase(), r]));
  const byId = new Map(hr.map((r) => [r.employeeId, r]));
  const left = (r: HrRecord | undefined) =>
    !!r && (r.status === 'Inactive' || (!!r.terminationDate && r.terminationDate <= o.now.toISOString().slice(0, 10)));
  const report: LicenceReport = { inactiveDays: o.inactiveDays, apps: [], rows: [] };
  for (const app of apps) {
    const seats = (await o.directory.listAppUsers(app.id)).filter((a) => users.has(a.userId));
    let reclaimable = 0;
    for (const seat of seats) {
      const u = users.get(seat.userId)!;
      const rec = (u.employeeNumber ? byId.get(u.employeeNumber) : undefined) ?? byEmail.get(u.email.toLowerCase());
      const days = u.lastLogin ? Math.floor((o.now.getTime() - Date.parse(u.lastLogin)) / DAY) : null;
      const reason = left(rec)
        ? 'left'
        : days === null
          ? o.now.getTime() - Date.parse(u.created) >= o.inactiveDays * DAY
            ? 'never-signed-in'
            : undefined
          : days >= o.inactiveDays
            ? 'inactive'
            : undefined;
      if (!reason) continue;
      reclaimable++;
      if (report.rows.length >= (o.limit ?? 500)) continue;
      const why =
        reason === 'left'
          ? `left the company${rec?.terminationDate ? ` on ${rec.terminationDate}` : ''}`
          : reason === 'inactive'
            ? `no sign-in for ${days} days`
            : 'never signed in';
      const reasonText = `REQ-0000 licence reclaim: ${u.login} ${why}`;
      let groups: string[] = [];
      let suggestion: LicenceRow['suggestion'] = {
        tool: 'request_app_removal',
        input: { user: u.login, app: app.name, reason: reasonText },
      };
      if (seat.scope === 'GROUP') {
        const granting = new Set((await o.directory.listAppGroups(app.id)).map((g) => g.groupId));
        groups = (await o.directory.listUserGroups(u.id)).filter((g) => granting.has(g.id)).map((g) => g.name);
        suggestion = {
          tool: 'request_group_remove',
          input: { user: u.login, group: groups[0] ?? '', reason: reasonText },
        };
      }
      report.rows.push({
        app: app.name,
        appLabel: app.label,
        user: u.login,
        name: u.displayName,
        via: seat.scope === 'USER' ? 'direct' : 'group',
        groups,
        lastLogin: u.lastLogin ?? null,
        daysSinceLogin: days,
        reason,
        suggestion,
      });
    }
    report.apps.push({ app: app.name, label: app.label, seats: seats.length, reclaimable });
  }
  return report;
}
