// Turns the text of an HR export (CSV or JSON) into validated HrRecords, or throws an HrFileError.
import type { HrRecord } from '../../core/hr.js';
import { CsvSyntaxError, parseCsv } from './csv-parse.js';
import { HrFileError } from './hr-file-error.js';
import { HR_CSV_COLUMNS, HR_REQUIRED_COLUMNS, HrRowSchema } from './row-schema.js';

interface RawRow {
  values: Record<string, unknown>;
  /** Row as a spreadsheet numbers it (CSV: header is row 1) or record number (JSON, 1-based). */
  row: number;
  line?: number;
}

/** Parses an export. `file` is used only in error messages; the format is sniffed from the content. */
export function parseHrExport(text: string, file: string): HrRecord[] {
  const body = text.replace(/^\uFEFF/, '');
  const first = body.trimStart()[0];
  const rows = first === '[' || first === '{' ? jsonRows(body, file) : csvRows(body, file);
  return validateRows(rows, file);
}

function csvRows(text: string, file: string): RawRow[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new HrFileError({ file, line: e.line }, `is not valid CSV: ${e.message}`);
    throw e;
  }
  const [header, ...data] = records;
  if (!header) throw new HrFileError({ file }, 'is empty (expected a header row)');
  const columns = header.fields.map((c) => c.trim());
  checkColumns(columns, file);
  return data.map((rec, i) => {
    const row = i + 2;
    if (rec.fields.length !== columns.length) {
      throw new HrFileError(
        { file, row, line: rec.line },
        `has ${rec.fields.length} fields but the header has ${columns.length} (a comma or quote is probably unescaped)`,
      );
    }
    return { row, line: rec.line, values: Object.fromEntries(columns.map((c, j) => [c, rec.fields[j]])) };
  });
}

function checkColumns(columns: string[], file: string): void {
  const known = new Set<string>(HR_CSV_COLUMNS);
  const seen = new Set<string>();
  for (const c of columns) {
    // Strict on purpose: a misspelt optional column would otherwise blank that field for everyone.
    if (!known.has(c))
      throw new HrFileError(
        { file, row: 1, column: c },
        `is not a known column (expected ${HR_CSV_COLUMNS.join(',')})`,
      );
    if (seen.has(c)) throw new HrFileError({ file, row: 1, column: c }, 'appears twice in the header');
    seen.add(c);
  }
  for (const c of HR_REQUIRED_COLUMNS) {
    if (!seen.has(c)) throw new HrFileError({ file, row: 1, column: c }, 'is missing from the header');
  }
}

function jsonRows(text: string, file: string): RawRow[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new HrFileError({ file }, `is not valid JSON: ${(e as Error).message}`);
  }
  const list = Array.isArray(doc) ? doc : isObject(doc) && Array.isArray(doc.employees) ? doc.employees : undefined;
  if (!list) throw new HrFileError({ file }, 'must hold an array of employees or { "employees": [...] }');
  const known = new Set<string>([...HR_CSV_COLUMNS, 'supervisorEmployeeId']);
  return list.map((item, i) => {
    const row = i + 1;
    if (!isObject(item)) throw new HrFileError({ file, row }, 'is not an object');
    for (const k of Object.keys(item)) {
      if (!known.has(k)) throw new HrFileError({ file, row, column: k }, 'is not a known field');
    }
    // JSON may use the HrRecord name for the supervisor; the schema speaks the export's column name.
    const { supervisorEmployeeId, ...rest } = item;
    const values =
      supervisorEmployeeId !== undefined && rest.supervisorEId === undefined
        ? { ...rest, supervisorEId: supervisorEmployeeId }
        : rest;
    return { row, values };
  });
}

function validateRows(rows: RawRow[], file: string): HrRecord[] {
  const out: HrRecord[] = [];
  const byId = new Map<string, number>();
  const byEmail = new Map<string, number>();
  for (const { values, row, line } of rows) {
    // Columns left out of the header (or keys left out of JSON) read as empty.
    const parsed = HrRowSchema.safeParse({ ...EMPTY_ROW, ...values });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const column = String(issue.path[0] ?? '');
      const raw = values[column];
      const shown =
        raw === undefined || raw === null || raw === '' ? '' : `value ${JSON.stringify(String(raw).slice(0, 80))} `;
      throw new HrFileError({ file, row, line, column: column || undefined }, `${shown}${issue.message}`);
    }
    const rec = parsed.data;
    const dupId = byId.get(rec.employeeId);
    if (dupId !== undefined)
      throw new HrFileError(
        { file, row, line, column: 'employeeId' },
        `value "${rec.employeeId}" repeats the employee in row ${dupId}`,
      );
    byId.set(rec.employeeId, row);
    const email = rec.workEmail.toLowerCase();
    const dupEmail = email ? byEmail.get(email) : undefined;
    if (dupEmail !== undefined)
      throw new HrFileError(
        { file, row, line, column: 'workEmail' },
        `value "${rec.workEmail}" is also the work email in row ${dupEmail}`,
      );
    if (email) byEmail.set(email, row);
    out.push(rec);
  }
  return out;
}

const EMPTY_ROW = Object.fromEntries(HR_CSV_COLUMNS.map((c) => [c, '']));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
