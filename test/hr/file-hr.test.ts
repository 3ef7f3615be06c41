// The file HrPort: loud failure at start, lookups, reload on change and changedSince.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError, UpstreamUnavailableError } from '../../src/core/errors.js';
import { createHr, HrFileError } from '../../src/hr/index.js';

const HEADER =
  'employeeId,firstName,lastName,workEmail,department,jobTitle,location,supervisorEId,status,hireDate,terminationDate,costCenter';
const ROWS = {
  E1: 'E1,Dana,Lee,Dana.Lee@acme.test,Finance,Analyst,NYC,E9,Active,2021-03-01,,',
  E2: 'E2,Kim,Ito,kim.ito@acme.test,IT,Engineer,Remote,E9,Active,2022-07-11,,',
  E9: 'E9,Sam,Roe,sam.roe@acme.test,Finance,Director,NYC,,Active,2015-01-05,,',
};
const T0 = new Date('2024-05-01T10:00:00.000Z');
const T1 = new Date('2024-05-02T10:00:00.000Z');

let dir: string;
let clock: Date;
const now = () => clock;
let mtime = 1_700_000_000;

/** Writes the export and moves its mtime forward, as a new export would. */
function writeExport(path: string, rows: string[]) {
  writeFileSync(path, [HEADER, ...rows].join('\n') + '\n');
  mtime += 10;
  utimesSync(path, mtime, mtime);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-hr-'));
  clock = T0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('createFileHr', () => {
  it('fails at start on a bad row, naming file, row and column', () => {
    const path = join(dir, 'hr.csv');
    writeExport(path, [ROWS.E1, ROWS.E2.replace('2022-07-11', '2022-7-11')]);
    expect(() => createHr({ kind: 'file', recheckMs: 0, path })).toThrow(HrFileError);
    expect(() => createHr({ kind: 'file', recheckMs: 0, path })).toThrow(
      `HR export ${path}, row 3, column "hireDate": value "2022-7-11" is not a valid date`,
    );
  });

  it('fails at start when the file is missing', () => {
    expect(() => createHr({ kind: 'file', recheckMs: 0, path: join(dir, 'nope.csv') })).toThrow(
      /cannot be read \(ENOENT\)/,
    );
  });

  it('finds employees by id or by email in any case', async () => {
    const path = join(dir, 'hr.csv');
    writeExport(path, Object.values(ROWS));
    const hr = createHr({ kind: 'file', recheckMs: 0, path });
    expect(hr.kind).toBe('file');
    expect((await hr.getEmployee('E2'))?.firstName).toBe('Kim');
    expect((await hr.getEmployee('dana.lee@ACME.test'))?.employeeId).toBe('E1');
    expect(await hr.getEmployee('E404')).toBeNull();
    expect((await hr.listEmployees()).map((r) => r.employeeId)).toEqual(['E1', 'E2', 'E9']);
  });

  it('reads a JSON export', async () => {
    const path = join(dir, 'hr.json');
    writeFileSync(
      path,
      JSON.stringify({
        employees: [
          { employeeId: 'E1', firstName: 'Dana', lastName: 'Lee', workEmail: 'dana@acme.test', status: 'Active' },
        ],
      }),
    );
    expect(await createHr({ kind: 'file', recheckMs: 0, path }).listEmployees()).toEqual([
      {
        employeeId: 'E1',
        firstName: 'Dana',
        lastName: 'Lee',
        workEmail: 'dana@acme.test',
        status: 'Active',
        terminationDate: null,
      },
    ]);
  });

  it('sees a new export without restart and reports changed, added and removed ids', async () => {
    const path = join(dir, 'hr.csv');
    writeExport(path, Object.values(ROWS));
    const hr = createHr({ kind: 'file', recheckMs: 0, path, now });
    expect(await hr.changedSince(T0.toISOString())).toEqual(['E1', 'E2', 'E9']);
    expect(await hr.changedSince('2024-05-01T10:00:00.001Z')).toEqual([]);

    clock = T1;
    writeExport(path, [
      ROWS.E1.replace('Analyst', 'Senior Analyst'),
      ROWS.E2,
      'E5,Ola,Berg,ola@acme.test,IT,Intern,Oslo,E2,Active,2024-05-02,,',
    ]);
    expect((await hr.getEmployee('E1'))?.jobTitle).toBe('Senior Analyst');
    expect(await hr.getEmployee('E9')).toBeNull();
    expect(await hr.changedSince('2024-05-02T09:00:00Z')).toEqual(['E1', 'E5', 'E9']);
    // An offset form of the same instant as T0 still sees everyone.
    expect(await hr.changedSince('2024-05-01T12:00:00+02:00')).toEqual(['E1', 'E2', 'E5', 'E9']);
  });

  it('does not count a re-export with the same data as a change', async () => {
    const path = join(dir, 'hr.csv');
    writeExport(path, Object.values(ROWS));
    const hr = createHr({ kind: 'file', recheckMs: 0, path, now });
    clock = T1;
    // Same people, reordered, with CRLF and padding: different bytes, same normalized records.
    writeFileSync(path, [HEADER, ROWS.E9, ` ${ROWS.E2}`, ROWS.E1].join('\r\n'));
    utimesSync(path, (mtime += 10), mtime);
    expect(await hr.changedSince(T1.toISOString())).toEqual([]);
  });

  it('fails closed on an invalid replacement, without the path, and recovers when it is fixed', async () => {
    const path = join(dir, 'hr.csv');
    writeExport(path, Object.values(ROWS));
    const hr = createHr({ kind: 'file', recheckMs: 0, path, now });
    clock = T1;
    writeExport(path, [ROWS.E1.replace('Active', 'Terminated'), ROWS.E2]);
    const err = await hr.listEmployees().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailableError);
    expect(err).toMatchObject({ code: 'upstream_unavailable', details: { row: 2, column: 'status' } });
    expect((err as Error).message).not.toContain(dir);
    expect(((err as Error).cause as HrFileError).message).toContain(path);

    writeExport(path, [ROWS.E1.replace('Active', 'Inactive'), ROWS.E2]);
    expect((await hr.getEmployee('E1'))?.status).toBe('Inactive');
    // Diffed against the last good snapshot: E1 changed, E9 removed.
    expect(await hr.changedSince(T1.toISOString())).toEqual(['E1', 'E9']);
  });

  it('rejects a since that is not an ISO instant', async () => {
    const path = join(dir, 'hr.csv');
    writeExport(path, [ROWS.E1]);
    await expect(createHr({ kind: 'file', recheckMs: 0, path }).changedSince('yesterday')).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });
});

describe('the demo export', () => {
  it('examples/acme/hr.csv loads and every supervisor is an employee in it', async () => {
    const hr = createHr({
      kind: 'file',
      recheckMs: 0,
      path: new URL('../../examples/acme/hr.csv', import.meta.url).pathname,
    });
    const all = await hr.listEmployees();
    const ids = new Set(all.map((r) => r.employeeId));
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((r) => r.supervisorEmployeeId && !ids.has(r.supervisorEmployeeId))).toEqual([]);
  });
});
