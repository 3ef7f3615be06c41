// `warden licences [--app A] [--days N] [--json]`: the licence view on the command line.
import { closest, fail, flags, print, UsageError, type Io } from './args.js';
import type { DirectoryPort } from '../core/directory.js';
import type { HrPort } from '../core/hr.js';
import { licenceReport } from '../lifecycle/licences.js';

const USAGE = 'warden licences [--app NAME] [--days N] [--limit N] [--json]';

export async function licencesCommand(
  argv: string[],
  deps: {
    directory: DirectoryPort;
    hr: HrPort;
    inactiveDays?: number;
    now?: Date;
    seats?: () => Promise<Array<{ app: string; active: number; total: number; reconciledAt: string }>>;
  },
  io: Io,
): Promise<number> {
  const { values } = flags(
    argv,
    { app: { type: 'string' }, days: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
  );
  const days = Number(values.days ?? deps.inactiveDays ?? 90);
  if (!Number.isInteger(days) || days < 1) throw new UsageError('--days must be a whole number of days, at least 1');
  if (values.app && !(await deps.directory.getApp(values.app))) {
    const apps = await deps.directory.listApps();
    const names = apps.map((a) => a.name);
    const near = closest(values.app, [...names, ...apps.map((a) => a.label)]).map(
      (n) => apps.find((a) => a.name === n || a.label === n)!.name,
    );
    return fail(
      io,
      `No app "${values.app}" in the directory.${near.length ? ` Did you mean ${[...new Set(near)].join(' or ')}?` : ''}\nKnown apps: ${names.join(', ')}.`,
    );
  }
  const r = await licenceReport({
    directory: deps.directory,
    hr: deps.hr,
    inactiveDays: days,
    now: deps.now ?? new Date(),
    app: values.app,
    limit: Number(values.limit ?? 500),
  });
  if (values.json) {
    print(io, JSON.stringify(r, null, 2));
    return 0;
  }
  const inApp = (await deps.seats?.()) ?? [];
  for (const a of r.apps) {
    const s = inApp.find((x) => [a.app.toLowerCase(), a.label.toLowerCase()].includes(x.app.toLowerCase()));
    print(
      io,
      `${a.label.padEnd(20)} ${String(a.seats).padStart(5)} seats  ${String(a.reclaimable).padStart(4)} reclaimable${s ? `  (${s.app} itself: ${s.active} active of ${s.total} accounts, reconciled ${s.reconciledAt})` : ''}`,
    );
  }
  for (const row of r.rows) {
    const how = `${row.suggestion.tool} ${JSON.stringify(row.suggestion.input)}`;
    print(
      io,
      `  ${row.appLabel.padEnd(18)} ${row.user.padEnd(36)} ${row.reason.padEnd(16)} ${row.via === 'group' ? `via ${row.groups.join(', ')}` : 'direct'}  → ${how}`,
    );
  }
  return 0;
}
