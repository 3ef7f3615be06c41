// HrPort over the BambooHR REST API (custom report for lists, employee GET, changed-ids feed).
import { z } from 'zod';
import { UpstreamUnavailableError } from '../../core/errors.js';
import type { HrPort, HrRecord } from '../../core/hr.js';
import { parseInstant } from '../instant.js';
import { BAMBOO_FIELDS, toHrRecord } from './bamboo-mapping.js';
import { createBambooRequest, type BambooRequestOptions } from './bamboo-request.js';

export interface BambooHrOptions extends BambooRequestOptions {
  /** Name (or numeric id) of the custom field that holds the cost center, if the company has one. */
  costCenterField?: string;
}

const Employee = z.record(z.string(), z.unknown());
const EmployeeList = z.object({ employees: z.array(Employee) });
// PHP serializes an empty map as [], so accept both shapes.
const Changed = z.object({ employees: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]) });

/** Creates the BambooHR adapter. The API key is used only in the Authorization header. */
export function createBambooHr({ costCenterField, ...requestOpts }: BambooHrOptions): HrPort {
  const request = createBambooRequest(requestOpts);
  const fields = costCenterField ? [...BAMBOO_FIELDS, costCenterField] : [...BAMBOO_FIELDS];
  const map = (raw: Record<string, unknown>) => toHrRecord(raw, costCenterField);

  async function listEmployees(): Promise<HrRecord[]> {
    // The custom report includes inactive employees; onlyCurrent=false also returns future-dated rows.
    const body = await request({
      method: 'POST',
      path: '/reports/custom',
      query: { format: 'JSON', onlyCurrent: 'false' },
      body: { title: 'warden-hr-sync', fields },
    });
    return shape(EmployeeList, body, 'custom report').employees.map(map);
  }

  async function getById(id: string): Promise<HrRecord | null> {
    const body = await request({
      method: 'GET',
      path: `/employees/${encodeURIComponent(id)}`,
      query: { fields: fields.join(',') },
      nullOn404: true,
    });
    if (body === null) return null;
    const raw = shape(Employee, body, 'employee');
    return map({ ...raw, id: raw.id ?? id });
  }

  async function getByEmail(email: string): Promise<HrRecord | null> {
    const wanted = email.toLowerCase();
    const matches = (e: Record<string, unknown>) =>
      String(e.workEmail ?? '')
        .trim()
        .toLowerCase() === wanted;
    const dir = shape(EmployeeList, await request({ method: 'GET', path: '/employees/directory' }), 'directory');
    const hit = dir.employees.find(matches);
    if (hit && hit.id != null) return getById(String(hit.id));
    // The directory lists current staff only; a leaver's email is found through the full report.
    return (await listEmployees()).find((r) => r.workEmail.toLowerCase() === wanted) ?? null;
  }

  return {
    kind: 'bamboohr',
    async getEmployee(idOrEmail) {
      const key = idOrEmail.trim();
      if (key.includes('@')) return getByEmail(key);
      // BambooHR ids are positive integers; /employees/0 means "the key's owner", never a lookup.
      return /^[1-9]\d*$/.test(key) ? getById(key) : null;
    },
    listEmployees,
    async changedSince(since) {
      parseInstant(since);
      // Drop fractional seconds (BambooHR's examples have none); flooring never misses a change.
      const body = await request({
        method: 'GET',
        path: '/employees/changed',
        query: { since: since.trim().replace(/\.\d+/, '') },
      });
      const { employees } = shape(Changed, body, 'changed-employees feed');
      const ids = Array.isArray(employees)
        ? employees.map((e) => String((e as { id?: unknown })?.id ?? ''))
        : Object.entries(employees).map(([k, e]) => String((e as { id?: unknown })?.id ?? k));
      return [...new Set(ids.filter(Boolean))].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
    },
  };
}

function shape<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const r = schema.safeParse(body);
  if (!r.success)
    throw new UpstreamUnavailableError(`BambooHR sent an unexpected ${what} response.`, { cause: r.error });
  return r.data;
}
