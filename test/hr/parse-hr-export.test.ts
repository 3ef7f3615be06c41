// Validation of HR exports: good CSV/JSON become HrRecords; bad rows name the file, row and column.
import { describe, expect, it } from 'vitest';
import { HrFileError } from '../../src/hr/file/hr-file-error.js';
import { parseHrExport } from '../../src/hr/file/parse-hr-export.js';

const HEADER =
  'employeeId,firstName,lastName,workEmail,department,jobTitle,location,supervisorEId,status,hireDate,terminationDate,costCenter';
const DANA = 'E1,Dana,Lee,dana.lee@acme.test,Finance,Analyst,NYC,E9,Active,2021-03-01,,CC-100';
const SAM = 'E9,Sam,Roe,sam.roe@acme.test,Finance,Director,NYC,,Active,2015-01-05,0000-00-00,';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

function failure(text: string): HrFileError {
  try {
    parseHrExport(text, 'exports/hr.csv');
  } catch (e) {
    if (e instanceof HrFileError) return e;
    throw e;
  }
  throw new Error('expected the export to be rejected');
}

describe('parseHrExport: valid exports', () => {
  it('maps CSV columns to HrRecord, dropping empty optionals and normalizing empty dates to null', () => {
    expect(parseHrExport(csv(DANA, SAM), 'hr.csv')).toEqual([
      {
        employeeId: 'E1',
        firstName: 'Dana',
        lastName: 'Lee',
        workEmail: 'dana.lee@acme.test',
        department: 'Finance',
        jobTitle: 'Analyst',
        location: 'NYC',
        supervisorEmployeeId: 'E9',
        status: 'Active',
        hireDate: '2021-03-01',
        terminationDate: null,
        costCenter: 'CC-100',
      },
      {
        employeeId: 'E9',
        firstName: 'Sam',
        lastName: 'Roe',
        workEmail: 'sam.roe@acme.test',
        department: 'Finance',
        jobTitle: 'Director',
        location: 'NYC',
        status: 'Active',
        hireDate: '2015-01-05',
        terminationDate: null,
      },
    ]);
  });

  it('keeps quoted commas, quotes and newlines inside values, with a BOM and in any column order', () => {
    const text =
      '\uFEFFstatus,employeeId,firstName,lastName,workEmail,jobTitle\n' +
      'inactive,E2,"Ana ""AJ""","de la Cruz, Jr.",,"Head of\nStuff"\n';
    const [r] = parseHrExport(text, 'hr.csv');
    expect(r).toMatchObject({
      employeeId: 'E2',
      firstName: 'Ana "AJ"',
      lastName: 'de la Cruz, Jr.',
      workEmail: '',
      status: 'Inactive',
      jobTitle: 'Head of\nStuff',
    });
  });

  it.each([
    ['an array', (recs: object[]) => JSON.stringify(recs)],
    ['{ employees: [...] }', (recs: object[]) => JSON.stringify({ employees: recs })],
  ])('reads JSON as %s, accepting numbers and either supervisor key', (_name, wrap) => {
    const recs = [
      {
        employeeId: 7,
        firstName: 'Kim',
        lastName: 'Ito',
        workEmail: 'kim@acme.test',
        status: 'Active',
        supervisorEmployeeId: 'E9',
        terminationDate: null,
      },
    ];
    expect(parseHrExport(wrap(recs), 'hr.json')).toEqual([
      {
        employeeId: '7',
        firstName: 'Kim',
        lastName: 'Ito',
        workEmail: 'kim@acme.test',
        status: 'Active',
        supervisorEmployeeId: 'E9',
        terminationDate: null,
      },
    ]);
  });
});

describe('parseHrExport: bad exports fail loudly', () => {
  it.each([
    [
      'an impossible date',
      csv(DANA, SAM.replace('2015-01-05', '2015-02-30')),
      3,
      'hireDate',
      /value "2015-02-30" is not a valid date/,
    ],
    ['a non-ISO date', csv(DANA.replace('2021-03-01', '03/01/2021')), 2, 'hireDate', /not a valid date/],
    [
      'an unknown status',
      csv(DANA, SAM.replace('Active', 'OnLeave')),
      3,
      'status',
      /value "OnLeave" is not a known status \(expected Active or Inactive\)/,
    ],
    ['a bad termination date', csv(DANA.replace(',,CC-100', ',2024-13-01,CC-100')), 2, 'terminationDate', /2024-13-01/],
    ['a missing last name', csv(DANA.replace('Dana,Lee', 'Dana,')), 2, 'lastName', /is required/],
    [
      'an Active employee without email',
      csv(DANA.replace('dana.lee@acme.test', '')),
      2,
      'workEmail',
      /required for an Active employee/,
    ],
    ['a malformed email', csv(DANA.replace('dana.lee@acme.test', 'dana.lee')), 2, 'workEmail', /not a valid email/],
    [
      'a duplicate id',
      csv(DANA, SAM, SAM.replace('sam.roe@', 'sam2@')),
      4,
      'employeeId',
      /repeats the employee in row 3/,
    ],
    [
      'a duplicate email in other case',
      csv(DANA, SAM.replace('E9,', 'E10,').replace('sam.roe', 'DANA.LEE')),
      3,
      'workEmail',
      /also the work email in row 2/,
    ],
    ['an unknown header column', csv(DANA).replace('costCenter', 'costCentre'), 1, 'costCentre', /not a known column/],
  ])('%s: names row %i and column %s', (_name, text, row, column, message) => {
    const e = failure(text);
    expect(e).toMatchObject({ file: 'exports/hr.csv', row, column });
    expect(e.message).toMatch(message);
    expect(e.message).toContain(`exports/hr.csv, row ${row}`);
    expect(e.message).toContain(`column "${column}"`);
  });

  it('names the physical line when a quoted newline makes it differ from the row', () => {
    const text = csv(DANA.replace('Analyst', '"Senior\nAnalyst"'), SAM.replace('Active', 'Gone'));
    const e = failure(text);
    expect(e).toMatchObject({ row: 3, line: 4, column: 'status' });
    expect(e.message).toContain('row 3 (line 4)');
  });

  it.each([
    ['a row with too few fields', csv(DANA, 'E9,Sam,Roe'), /row 3.*has 3 fields but the header has 12/],
    [
      'a missing required column',
      'employeeId,firstName,lastName,status\nE1,A,B,Active\n',
      /column "workEmail": is missing from the header/,
    ],
    ['an unterminated quote', csv(DANA, 'E9,"Sam,Roe'), /not valid CSV: unterminated quoted field starting on line 3/],
    ['an empty file', '', /is empty/],
    ['broken JSON', '{"employees": [', /not valid JSON/],
    ['JSON of the wrong shape', '{"people": []}', /array of employees/],
    [
      'an unknown JSON field',
      '[{"employeeId":"1","firstName":"A","lastName":"B","workEmail":"a@b.co","status":"Active","ssn":"x"}]',
      /row 1, column "ssn": is not a known field/,
    ],
  ])('rejects %s', (_name, text, message) => {
    expect(failure(text).message).toMatch(message);
  });
});
