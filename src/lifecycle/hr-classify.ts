// Classifies one HR change (before → after) as joiner, mover or leaver jobs. Pure.
import type { HrRecord } from '../core/hr.js';
import type { NewJob } from '../core/store.js';

export const LIFECYCLE_JOBS = {
  joiner: 'lifecycle.joiner',
  mover: 'lifecycle.mover',
  leaver: 'lifecycle.leaver',
  activate: 'lifecycle.activate',
  report: 'lifecycle.offboarding-report',
} as const;

const terminated = (r: HrRecord | null | undefined): boolean => !!r && (r.status === 'Inactive' || !!r.terminationDate);
const ROLE_FIELDS = ['department', 'jobTitle', 'location', 'supervisorEmployeeId'] as const;
/** Midnight UTC at the start of a YYYY-MM-DD day. */
const startOf = (day: string) => `${day}T00:00:00.000Z`;

/**
 * What an HR change means. A record removed from the export counts as a leaver today (HR exports
 * keep leavers as Inactive; a vanished row is treated the safe way). A rehire (terminated → active)
 * starts a joiner. Every job is keyed by employee, so one person's workflows run in order.
 */
export function classifyHrChange(
  employeeId: string,
  before: HrRecord | null,
  after: HrRecord | null,
  today: string,
): NewJob[] {
  const key = `hr:${employeeId}`;
  if (!after) {
    if (!before || terminated(before)) return [];
    return [
      {
        kind: LIFECYCLE_JOBS.leaver,
        key,
        payload: { employeeId, record: before, terminationDate: today, note: 'removed from the HR export' },
        dedupeKey: `leaver:${employeeId}:${today}`,
      },
    ];
  }
  if (terminated(after)) {
    if (terminated(before) && before!.terminationDate === after.terminationDate) return [];
    const day = after.terminationDate ?? today;
    return [
      {
        kind: LIFECYCLE_JOBS.leaver,
        key,
        payload: { employeeId, record: after, terminationDate: day },
        runAfter: day > today ? startOf(day) : undefined,
        dedupeKey: `leaver:${employeeId}:${day}`,
      },
    ];
  }
  if (!before || terminated(before)) {
    return [
      {
        kind: LIFECYCLE_JOBS.joiner,
        key,
        payload: { employeeId, record: after },
        dedupeKey: `joiner:${employeeId}:${after.hireDate ?? today}`,
      },
    ];
  }
  const changed = ROLE_FIELDS.filter((f) => (before[f] ?? null) !== (after[f] ?? null));
  if (changed.length === 0) return [];
  const role = (r: HrRecord) => ({
    department: r.department,
    jobTitle: r.jobTitle,
    location: r.location,
    supervisorEmployeeId: r.supervisorEmployeeId,
  });
  const sig = ROLE_FIELDS.map((f) => after[f] ?? '').join('|');
  return [
    {
      kind: LIFECYCLE_JOBS.mover,
      key,
      payload: { employeeId, record: after, from: role(before), to: role(after), changed },
      dedupeKey: `mover:${employeeId}:${sig}`,
    },
  ];
}
