// Directory/HR disagreements an IAM team hunts: leavers still active, joiners already active, moved people.
import type { DirectoryUser } from '../../core/directory.js';
import type { HrRecord } from '../../core/hr.js';

export interface Drift {
  kind:
    | 'terminated_in_hr_but_active'
    | 'active_in_hr_but_deactivated'
    | 'not_started_but_active'
    | 'department_mismatch'
    | 'title_mismatch'
    | 'missing_in_hr';
  message: string;
}

const LIVE = new Set(['ACTIVE', 'PROVISIONED', 'RECOVERY', 'LOCKED_OUT', 'PASSWORD_EXPIRED']);

/** Compares one person's directory and HR records as of `today` (YYYY-MM-DD). */
export function findDrift(u: DirectoryUser, hr: HrRecord | null, today: string): Drift[] {
  if (!hr)
    return u.status === 'DEPROVISIONED'
      ? []
      : [{ kind: 'missing_in_hr', message: 'No HR record matches this directory account.' }];
  const out: Drift[] = [];
  const terminated = hr.status === 'Inactive' || (!!hr.terminationDate && hr.terminationDate <= today);
  if (terminated && LIVE.has(u.status)) {
    out.push({
      kind: 'terminated_in_hr_but_active',
      message: `HR shows a termination${hr.terminationDate ? ` on ${hr.terminationDate}` : ''}, but the directory account is ${u.status}.`,
    });
  }
  if (!terminated && u.status === 'DEPROVISIONED')
    out.push({
      kind: 'active_in_hr_but_deactivated',
      message: 'HR shows the person as active, but the directory account is deactivated.',
    });
  if (hr.hireDate && hr.hireDate > today && u.status === 'ACTIVE')
    out.push({
      kind: 'not_started_but_active',
      message: `Start date ${hr.hireDate} is in the future, but the account is already ACTIVE.`,
    });
  if (hr.department && u.department && hr.department.toLowerCase() !== u.department.toLowerCase()) {
    out.push({
      kind: 'department_mismatch',
      message: `HR department is ${hr.department}; the directory says ${u.department}.`,
    });
  }
  if (hr.jobTitle && u.title && hr.jobTitle.toLowerCase() !== u.title.toLowerCase()) {
    out.push({ kind: 'title_mismatch', message: `HR title is "${hr.jobTitle}"; the directory says "${u.title}".` });
  }
  return out;
}

/** The HR record for a directory user: by employee number, else by work email. */
export async function hrFor(
  hr: { getEmployee(k: string): Promise<HrRecord | null> },
  u: DirectoryUser,
): Promise<HrRecord | null> {
  return (u.employeeNumber ? await hr.getEmployee(u.employeeNumber) : null) ?? (await hr.getEmployee(u.email));
}
