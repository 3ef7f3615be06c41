// The HR system's export (one row per person, RFC 4180 quoting), including where HR and the directory disagree.
import type { Person } from './people.js';
import { ymd } from './prng.js';
import { HR_CSV_COLUMNS } from '../../../src/hr/file/row-schema.js';

/** The export's header: the columns Warden's HR file reader takes, in its order. */
export const HR_HEADER = HR_CSV_COLUMNS;

/** Quotes a field only when it holds a comma, quote or line break, doubling inner quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toHrCsv(people: readonly Person[]): string {
  const rows = [...people]
    .sort((a, b) => a.employeeNumber.localeCompare(b.employeeNumber))
    .map((p) => {
      const supervisor = p.managerIdx === undefined ? undefined : people[p.managerIdx];
      return [
        p.employeeNumber,
        p.firstName,
        p.lastName,
        p.login,
        p.hr.department,
        p.hr.title,
        p.location,
        supervisor?.employeeNumber ?? '',
        p.hr.status,
        ymd(p.hireDate),
        p.hr.terminationDate === null ? '' : ymd(p.hr.terminationDate),
        p.costCenter,
      ];
    });
  return [[...HR_HEADER], ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
