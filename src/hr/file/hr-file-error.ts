// Operator-facing error for an unreadable or invalid HR export: names the file, row and column.

/** Where in the export the problem is. `row` counts the header as row 1, as spreadsheets do. */
export interface HrFileErrorLocation {
  file: string;
  row?: number;
  line?: number;
  column?: string;
}

/**
 * Thrown at start (and on reload) when the export cannot be used. Not an AppError: it carries the
 * file path, so it is for the operator's console and logs, never for a model.
 */
export class HrFileError extends Error {
  readonly file: string;
  readonly row?: number;
  readonly line?: number;
  readonly column?: string;
  constructor(loc: HrFileErrorLocation, problem: string, opts: { cause?: unknown } = {}) {
    super(`${describe(loc)}: ${problem}`, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'HrFileError';
    this.file = loc.file;
    this.row = loc.row;
    this.line = loc.line;
    this.column = loc.column;
  }
}

function describe({ file, row, line, column }: HrFileErrorLocation): string {
  let s = `HR export ${file}`;
  if (row !== undefined) s += `, row ${row}`;
  if (line !== undefined && line !== row) s += ` (line ${line})`;
  if (column !== undefined) s += `, column "${column}"`;
  return s;
}
