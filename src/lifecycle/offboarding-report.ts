// The offboarding report: once a leaver's requests settle (or time runs out), what was removed and what could not be.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccessRequestRow, JobRow } from '../core/store.js';
import type { DownstreamRecord } from '../core/connectors.js';
import { parseDuration } from '../policies/duration.js';
import { lifecycleConfig, type LifecycleContext } from './context.js';
import type { FiledStep } from './file-request.js';

const OPEN = new Set(['pending', 'approved', 'executing']);

export interface OffboardingReport {
  employeeId: string;
  login: string;
  name: string;
  terminationDate: string;
  writtenAt: string;
  directoryStatus: string;
  removed: Array<{ what: string; requestId?: string; directoryRequestId?: string; note?: string }>;
  notRemoved: Array<{ what: string; requestId?: string; status: string; why: string }>;
  notes: string[];
  /** Each connected app's result (SCIM): what the leaver's requests did there. */
  apps: Array<{ app: string; status: string; detail?: string; requestId: string }>;
}

/** Defers while requests are open (re-checking every `checkMs`), then writes `<dataDir>/offboarding/<id>-<date>.{json,md}`. */
export async function runOffboardingReport(
  ctx: LifecycleContext,
  job: JobRow,
  checkMs = 60_000,
): Promise<void | { deferUntil: Date }> {
  const cfg = lifecycleConfig(ctx);
  const p = job.payload as unknown as {
    employeeId: string;
    login: string;
    name: string;
    terminationDate: string;
    steps: FiledStep[];
    notes: string[];
    startedAt: string;
  };
  const rows = new Map<string, AccessRequestRow | null>();
  for (const s of p.steps) if (s.requestId) rows.set(s.requestId, await ctx.store.getRequest(s.requestId));
  const deadline = Date.parse(p.startedAt) + (parseDuration(cfg.leaver.reportAfter) ?? 7 * 86_400) * 1000;
  const open = [...rows.values()].some((r) => r && OPEN.has(r.status));
  if (open && ctx.now().getTime() < deadline)
    return { deferUntil: new Date(Math.min(deadline, ctx.now().getTime() + checkMs)) };

  const user = await ctx.directory.getUser(p.login);
  const report: OffboardingReport = {
    employeeId: p.employeeId,
    login: p.login,
    name: p.name,
    terminationDate: p.terminationDate,
    writtenAt: ctx.now().toISOString(),
    directoryStatus: user?.status ?? 'no account',
    removed: [],
    notRemoved: [],
    notes: p.notes,
    apps: [],
  };
  for (const r of rows.values()) {
    const d = r?.payload.downstream as DownstreamRecord | undefined;
    for (const app of d?.systems.slice(1) ?? [])
      report.apps.push({
        app,
        status: d!.outcomes[app]?.status ?? 'not started',
        detail: d!.outcomes[app]?.detail,
        requestId: r!.id,
      });
  }
  for (const s of p.steps) {
    const what = `${s.change.replace('_', ' ')} ${s.what}`;
    const r = s.requestId ? rows.get(s.requestId) : undefined;
    if (s.status === 'in-place') report.removed.push({ what, note: 'already done before the workflow ran' });
    else if (!r) report.notRemoved.push({ what, status: s.status, why: s.message ?? 'no request could be filed' });
    else if (r.status === 'applied')
      report.removed.push({ what, requestId: r.id, directoryRequestId: r.directoryRequestId });
    else
      report.notRemoved.push({
        what,
        requestId: r.id,
        status: r.status,
        why: r.failureReason ?? (OPEN.has(r.status) ? 'still waiting for approval when the report was due' : r.status),
      });
  }
  const dir = join(ctx.dataDir, 'offboarding');
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `${p.employeeId}-${p.terminationDate}`);
  for (const [ext, text] of [
    ['json', `${JSON.stringify(report, null, 2)}\n`],
    ['md', markdown(report)],
  ] as const) {
    writeFileSync(`${base}.${ext}.tmp`, text);
    renameSync(`${base}.${ext}.tmp`, `${base}.${ext}`);
  }
  await ctx.audit.append({
    actor: { kind: 'system', clientId: cfg.client },
    action: 'lifecycle.offboarding-report',
    target: `user:${p.login}`,
    outcome: report.notRemoved.length ? 'partial' : 'ok',
    args: {
      employeeId: p.employeeId,
      file: `offboarding/${p.employeeId}-${p.terminationDate}.json`,
      directoryStatus: report.directoryStatus,
      removed: report.removed.map((x) => x.what),
      notRemoved: report.notRemoved.map((x) => `${x.what}: ${x.why}`),
      notes: report.notes,
      apps: report.apps.map((a) => `${a.app}: ${a.status}`),
    },
  });
}

function markdown(r: OffboardingReport): string {
  return [
    `# Offboarding: ${r.name} (${r.login})`,
    '',
    `HR employee ${r.employeeId}, termination date ${r.terminationDate}. Directory status now: **${r.directoryStatus}**. Written ${r.writtenAt}.`,
    '',
    '## Removed',
    '',
    ...(r.removed.length
      ? r.removed.map(
          (x) => `- ${x.what}${x.requestId ? ` — request ${x.requestId}` : ''}${x.note ? ` (${x.note})` : ''}`,
        )
      : ['- nothing']),
    '',
    '## Not removed',
    '',
    ...(r.notRemoved.length
      ? r.notRemoved.map((x) => `- ${x.what} — ${x.status}: ${x.why}${x.requestId ? ` (request ${x.requestId})` : ''}`)
      : ['- nothing']),
    '',
    ...(r.apps.length
      ? [
          '## Connected apps',
          '',
          ...r.apps.map((a) => `- ${a.app}: ${a.status}${a.detail ? ` — ${a.detail}` : ''} (request ${a.requestId})`),
          '',
        ]
      : []),
    '## Notes',
    '',
    ...(r.notes.length ? r.notes.map((n) => `- ${n}`) : ['- none']),
    '',
  ].join('\n');
}
