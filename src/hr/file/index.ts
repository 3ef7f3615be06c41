// HR export file adapter barrel.
export { createFileHr, type FileHrOptions } from './file-hr.js';
export { HrFileError } from './hr-file-error.js';
export { parseHrExport } from './parse-hr-export.js';
export { parseCsv, CsvSyntaxError, type CsvRecord } from './csv-parse.js';
