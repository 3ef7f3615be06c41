// Field helpers shared by the HR adapters: field order, date and status normalization.
import type { HrRecord } from '../core/hr.js';

/** Every HrRecord field, in a stable order (used for diffs and equality). */
export const HR_RECORD_FIELDS = [
  'employeeId',
  'firstName',
  'lastName',
  'workEmail',
  'department',
  'jobTitle',
  'location',
  'supervisorEmployeeId',
  'status',
  'hireDate',
  'terminationDate',
  'costCenter',
] as const satisfies readonly (keyof HrRecord)[];

export type HrRecordField = (typeof HR_RECORD_FIELDS)[number];

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2024-02-30 and 2024-13-01). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** HR systems write "no date" as empty or `0000-00-00`. */
export const isEmptyDate = (s: string | null | undefined): boolean =>
  s == null || s.trim() === '' || s.trim() === '0000-00-00';

/** `Active`/`Inactive` in any case → canonical form; anything else → undefined. */
export function parseStatus(s: string): HrRecord['status'] | undefined {
  const v = s.trim().toLowerCase();
  return v === 'active' ? 'Active' : v === 'inactive' ? 'Inactive' : undefined;
}

/** Value used to compare a field across snapshots: absent, null and '' all mean "none". */
export function fieldValue(r: HrRecord, f: HrRecordField): string | null {
  const v = r[f];
  return v === undefined || v === null || v === '' ? null : v;
}
