// Zod schema for one row of an HR export (CSV columns or JSON keys) → a normalized HrRecord.
import { z } from 'zod';
import type { HrRecord } from '../../core/hr.js';
import { isCalendarDate, isEmptyDate, parseStatus } from '../hr-fields.js';

/** The export's columns, in header order. */
export const HR_CSV_COLUMNS = [
  'employeeId',
  'firstName',
  'lastName',
  'workEmail',
  'department',
  'jobTitle',
  'location',
  'supervisorEId',
  'status',
  'hireDate',
  'terminationDate',
  'costCenter',
] as const;

/** Columns that must be present in the header (the others may be left out entirely). */
export const HR_REQUIRED_COLUMNS = ['employeeId', 'firstName', 'lastName', 'workEmail', 'status'] as const;

// JSON exports may hold numbers or nulls; everything becomes a trimmed string.
const text = z
  .union([z.string(), z.number(), z.null(), z.undefined()], { error: 'must be text' })
  .transform((v) => (v == null ? '' : String(v).trim()));
const required = text.pipe(z.string().min(1, 'is required but empty'));
const optional = text.transform((s) => s || undefined);
const date = text
  .refine((s) => s === '' || isCalendarDate(s), 'is not a valid date (expected YYYY-MM-DD)')
  .transform((s) => s || undefined);
const terminationDate = text
  .refine((s) => isEmptyDate(s) || isCalendarDate(s), 'is not a valid date (expected YYYY-MM-DD, 0000-00-00 or empty)')
  .transform((s) => (isEmptyDate(s) ? null : s));
const status = text.transform((s, ctx) => {
  const v = parseStatus(s);
  if (!v) {
    ctx.addIssue({
      code: 'custom',
      message: s ? 'is not a known status (expected Active or Inactive)' : 'is required but empty',
    });
    return z.NEVER;
  }
  return v;
});
const email = text.refine((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), 'is not a valid email address');

export const HrRowSchema = z
  .object({
    employeeId: required,
    firstName: required,
    lastName: required,
    workEmail: email,
    department: optional,
    jobTitle: optional,
    location: optional,
    supervisorEId: optional,
    status,
    hireDate: date,
    terminationDate,
    costCenter: optional,
  })
  .superRefine((r, ctx) => {
    // Leavers may have lost their mailbox; a current employee without one cannot be matched.
    if (r.status === 'Active' && r.workEmail === '')
      ctx.addIssue({ code: 'custom', path: ['workEmail'], message: 'is required for an Active employee' });
  })
  .transform(toHrRecord);

function toHrRecord(r: {
  employeeId: string;
  firstName: string;
  lastName: string;
  workEmail: string;
  department?: string;
  jobTitle?: string;
  location?: string;
  supervisorEId?: string;
  status: HrRecord['status'];
  hireDate?: string;
  terminationDate: string | null;
  costCenter?: string;
}): HrRecord {
  const out: HrRecord = {
    employeeId: r.employeeId,
    firstName: r.firstName,
    lastName: r.lastName,
    workEmail: r.workEmail,
    status: r.status,
    terminationDate: r.terminationDate,
  };
  // Leave absent fields out (not `undefined`) so snapshots compare and serialize cleanly.
  if (r.department) out.department = r.department;
  if (r.jobTitle) out.jobTitle = r.jobTitle;
  if (r.location) out.location = r.location;
  if (r.supervisorEId) out.supervisorEmployeeId = r.supervisorEId;
  if (r.hireDate) out.hireDate = r.hireDate;
  if (r.costCenter) out.costCenter = r.costCenter;
  return out;
}
