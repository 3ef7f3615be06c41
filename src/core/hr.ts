// HR domain types and the HrPort that the file and BambooHR adapters implement.

/** One employee as HR knows them. Dates are `YYYY-MM-DD`. */
export interface HrRecord {
  employeeId: string;
  firstName: string;
  lastName: string;
  workEmail: string;
  department?: string;
  jobTitle?: string;
  location?: string;
  /** Employee id of the supervisor. */
  supervisorEmployeeId?: string;
  status: 'Active' | 'Inactive';
  hireDate?: string;
  terminationDate?: string | null;
  costCenter?: string;
}

export interface HrPort {
  readonly kind: 'file' | 'bamboohr';
  /** By employee id or work email (case-insensitive). */
  getEmployee(idOrEmail: string): Promise<HrRecord | null>;
  listEmployees(): Promise<HrRecord[]>;
  /** Employee ids changed since the given ISO instant. */
  changedSince(since: string): Promise<string[]>;
}
