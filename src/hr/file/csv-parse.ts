// RFC 4180 CSV parser: quoted fields, embedded commas/quotes/newlines, CRLF or LF, leading BOM.

/** One parsed record and the 1-based physical line it starts on (for error messages). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Thrown for malformed CSV (e.g. an unterminated quote); `line` is 1-based. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Parses CSV text into records. Lines that are completely empty are skipped (they hold no
 * person); a line with only commas is kept so the caller can report it.
 */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quotedField = false;
  let quotedFieldSeen = false;

  const endField = () => {
    fields.push(field);
    field = '';
    quotedField = false;
  };
  const endRecord = () => {
    endField();
    const blank = fields.length === 1 && fields[0] === '' && !quotedFieldSeen;
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
    quotedFieldSeen = false;
  };

  while (i < src.length) {
    const c = src[i]!;
    if (c === '"' && field === '' && !quotedField) {
      // Quoted field: read until the closing quote; "" is an escaped quote.
      quotedField = true;
      quotedFieldSeen = true;
      const startLine = line;
      i++;
      for (;;) {
        if (i >= src.length)
          throw new CsvSyntaxError(`unterminated quoted field starting on line ${startLine}`, startLine);
        const q = src[i]!;
        if (q === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      const next = src[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        // A quote that spanned lines and then closed mid-field was almost always never closed where it opened:
        // name the line where the problem starts, not the later line whose quote happened to close it.
        if (startLine !== line)
          throw new CsvSyntaxError(
            `unclosed quote: the quoted field opened on line ${startLine} runs on to line ${line}`,
            startLine,
          );
        throw new CsvSyntaxError(`unexpected character after closing quote on line ${line}`, line);
      }
      continue;
    }
    if (c === '"') throw new CsvSyntaxError(`stray quote inside an unquoted field on line ${line}`, line);
    if (c === ',') {
      endField();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += c;
    i++;
  }
  if (field !== '' || fields.length > 0 || quotedField) endRecord();
  return records;
}
