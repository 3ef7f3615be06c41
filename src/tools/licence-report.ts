// licence_report: app seats held by people who left or stopped signing in, with a one-step removal request per row. Read-only.
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import { defineTool } from '../core/tool.js';
import { appTarget, userTarget } from './shared/audit-targets.js';
import { cursorInput, pageOf, pageOutput, pageStart, readUpTo } from './shared/paging.js';

export const licenceReportTool = defineTool({
  name: 'licence_report',
  title: 'Reclaimable app licences',
  description:
    'Lists app seats (licences) held by people who have left (per HR) or have not signed in for N days (default 90), per app, ' +
    'with a prefilled request_app_removal (direct seats) or request_group_remove (seats through a group) for each row. ' +
    'Returns at most `limit` rows (default 100, max 500) per call; the per-app counts are always whole. When `complete` is false there are more: call again with the same inputs and `cursor` set to `nextCursor`. ' +
    'Use it for licence reviews and cost clean-ups. Read-only: it changes nothing; file the suggested request to remove a seat.',
  toolset: 'identity',
  mutating: false,
  input: z
    .object({
      app: z.string().trim().min(1).max(200).optional().describe('One app, by name or label; all apps when left out'),
      inactiveDays: z
        .int()
        .min(1)
        .max(3650)
        .default(90)
        .describe('Days without a sign-in that make a seat reclaimable'),
      limit: z.int().min(1).max(500).default(100).describe('Most rows to return'),
      cursor: cursorInput,
    })
    .strict(),
  output: z.object({
    inactiveDays: z.number(),
    apps: z.array(
      z.object({
        app: z.string(),
        label: z.string(),
        seats: z.number(),
        reclaimable: z.number(),
        inApp: z
          .object({ activeAccounts: z.number(), totalAccounts: z.number(), reconciledAt: z.string() })
          .optional()
          .describe('For an app connected over SCIM: the seats the app itself counts, at the last reconcile'),
      }),
    ),
    rows: z.array(
      z.object({
        app: z.string(),
        appLabel: z.string(),
        user: z.string(),
        name: z.string(),
        via: z.enum(['direct', 'group']),
        groups: z.array(z.string()),
        lastLogin: z.string().nullable(),
        daysSinceLogin: z.number().nullable(),
        reason: z.enum(['left', 'inactive', 'never-signed-in']),
        suggestion: z.object({
          tool: z.enum(['request_app_removal', 'request_group_remove']),
          input: z.record(z.string(), z.string()),
        }),
      }),
    ),
    ...pageOutput,
  }),
  auditTargets: (_input, out) =>
    out.rows.flatMap((r) => [
      ...userTarget({ login: r.user, displayName: r.name }),
      ...appTarget({ name: r.app, label: r.appLabel }),
    ]),
  async handler({ app, inactiveDays, limit, cursor }, ctx) {
    const query = { app, inactiveDays };
    const start = pageStart(cursor, query);
    if (!ctx.licences)
      throw new AppError('upstream_unavailable', 'The licence report is not available on this Warden.', {
        hint: 'Ask the operators to enable it.',
      });
    const report = await ctx.licences.report(
      { inactiveDays, app, limit: readUpTo(start, limit) },
      { directory: ctx.directory, hr: ctx.hr },
    );
    const page = pageOf(report.rows, start, limit, query);
    // Seats counted in the connected apps themselves, from the last reconcile.
    const seats = (await ctx.downstreamAccess?.seats()) ?? [];
    const of = (a: { app: string; label: string }) =>
      seats.find((s) => [a.app.toLowerCase(), a.label.toLowerCase()].includes(s.app.toLowerCase()));
    const apps = report.apps.map((a) => {
      const s = of(a);
      return s
        ? { ...a, inApp: { activeAccounts: s.active, totalAccounts: s.total, reconciledAt: s.reconciledAt } }
        : a;
    });
    return { ...report, apps, rows: page.items, complete: page.complete, nextCursor: page.nextCursor };
  },
});
