// `warden connectors check [file]` and `warden connectors reconcile [--app X] [--json]`: validate and probe the connected apps, and reconcile them.
import type { Connectors } from '../connectors/index.js';
import { formatConnectorErrors, loadConnectorsFile } from '../connectors/connectors-file.js';
import { flags, print, UsageError, type Io } from './args.js';

const USAGE = `warden connectors check [file] [--json]
warden connectors reconcile [--app NAME] [--json]
warden connectors retry <request-id>`;

/** Validates before anything connects: a broken file never gets as far as building connectors. */
export function checkConnectorsFile(path: string | undefined, io: Io): boolean {
  if (!path) return true;
  const r = loadConnectorsFile(path);
  if (r.ok) print(io, `${path}: ${r.connectors.length} connector(s), valid`);
  else io.stderr.write(`${formatConnectorErrors(r.errors)}\n`);
  return r.ok;
}

export async function connectorsCommand(argv: string[], open: () => Promise<Connectors>, io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  const { values } = flags(rest, { app: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  if (sub !== 'check' && sub !== 'reconcile' && sub !== 'retry') throw new UsageError(`usage: ${USAGE}`);
  const c = await open();
  if (sub === 'retry') {
    const id = rest.find((a) => !a.startsWith('--'));
    if (!id) throw new UsageError(`usage: ${USAGE}`);
    const row = await c.retryFailed(id);
    const outcomes = Object.values(
      (row.payload.downstream as { outcomes: Record<string, { system: string; status: string; detail?: string }> })
        .outcomes,
    );
    for (const o of outcomes) print(io, `${o.system}: ${o.status}${o.detail ? ` — ${o.detail}` : ''}`);
    return outcomes.every((o) => o.status === 'applied' || o.status === 'unchanged') ? 0 : 1;
  }
  if (sub === 'check') {
    const apps = c.registry.all();
    if (!apps.length) {
      print(io, 'No connectors: set WARDEN_CONNECTORS to a connectors file.');
      return 0;
    }
    const verdicts = [];
    for (const a of apps) verdicts.push({ app: a.def.app, url: a.def.url, ...(await a.client.probe()) });
    if (values.json) print(io, JSON.stringify(verdicts, null, 2));
    else
      for (const v of verdicts) {
        print(io, `${v.app.padEnd(16)} ${v.ok ? 'OK  ' : 'FAIL'}  ${v.url}`);
        for (const ch of v.checks) print(io, `  ${ch.ok ? '✓' : '✗'} ${ch.check.padEnd(22)} ${ch.detail}`);
      }
    return verdicts.every((v) => v.ok) ? 0 : 1;
  }
  const reports = await c.reconcile({ app: values.app });
  if (values.app && !reports.length) throw new UsageError(`No connector for app ${values.app}.`);
  if (values.json) {
    print(io, JSON.stringify(reports, null, 2));
    return reports.every((r) => r.ok) ? 0 : 1;
  }
  for (const r of reports) {
    if (!r.ok) {
      print(io, `${r.app}: reconcile failed: ${r.error}`);
      continue;
    }
    print(
      io,
      `${r.app}: ${r.accounts} accounts (${r.active} active), ${r.groups} groups, ${r.rows.length} finding(s) — ${r.requests} SCIM requests in ${r.ms} ms`,
    );
    for (const row of r.rows) {
      const how = row.suggestion.tool ? `  → ${row.suggestion.tool} ${JSON.stringify(row.suggestion.input)}` : '';
      print(
        io,
        `  ${row.finding.padEnd(18)} ${row.userName.padEnd(40)} ${row.group ?? row.person?.status ?? ''}  ${row.suggestion.text}${how}`,
      );
    }
  }
  return reports.every((r) => r.ok) ? 0 : 1;
}
