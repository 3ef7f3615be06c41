// Maps BambooHR's all-string employee objects onto HrRecord.
import { UpstreamUnavailableError } from '../../core/errors.js';
import type { HrRecord } from '../../core/hr.js';
import { isCalendarDate, isEmptyDate, parseStatus } from '../hr-fields.js';

/** BambooHR field names Warden reads, in request order. */
export const BAMBOO_FIELDS = [
  'id',
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
] as const;

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

/**
 * One BambooHR employee → HrRecord. Empty strings become absent fields; `0000-00-00` or empty
 * termination dates become null. A record without an id or a readable status fails loudly: it
 * usually means the API key cannot see that field, and guessing would misclassify a leaver.
 */
export function toHrRecord(raw: Record<string, unknown>, costCenterField?: string): HrRecord {
  const employeeId = str(raw.id);
  if (!employeeId) throw new UpstreamUnavailableError('BambooHR returned an employee without an id.');
  const status = parseStatus(str(raw.status));
  if (!status) {
    throw new UpstreamUnavailableError(`BambooHR returned employee ${employeeId} without a valid status.`, {
      hint: 'The BambooHR API key may lack access to the Status field.',
      details: { employeeId, field: 'status' },
    });
  }
  const term = str(raw.terminationDate);
  const out: HrRecord = {
    employeeId,
    firstName: str(raw.firstName),
    lastName: str(raw.lastName),
    workEmail: str(raw.workEmail),
    status,
    terminationDate: isEmptyDate(term) || !isCalendarDate(term) ? null : term,
  };
  const department = str(raw.department);
  const jobTitle = str(raw.jobTitle);
  const location = str(raw.location);
  const supervisor = str(raw.supervisorEId);
  const costCenter = costCenterField ? str(raw[costCenterField]) : '';
  if (department) out.department = department;
  if (jobTitle) out.jobTitle = jobTitle;
  if (location) out.location = location;
  if (supervisor) out.supervisorEmployeeId = supervisor;
  if (costCenter) out.costCenter = costCenter;
  const hire = str(raw.hireDate);
  if (isCalendarDate(hire)) out.hireDate = hire;
  return out;
}
