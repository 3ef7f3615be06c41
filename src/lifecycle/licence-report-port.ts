// The licence report as the tools' LicenceReportPort: the lifecycle module's report, read through the caller's directory view.
import type { LicenceReportPort } from '../core/licences.js';
import { licenceReport } from './licences.js';

/** The port governance hands to tools (`ctx.licences`); `now` is injectable for tests. */
export function licenceReportPort(now: () => Date = () => new Date()): LicenceReportPort {
  return {
    report: (q, from) =>
      licenceReport({
        directory: from.directory,
        hr: from.hr,
        inactiveDays: q.inactiveDays,
        app: q.app,
        limit: q.limit,
        now: now(),
      }),
  };
}
