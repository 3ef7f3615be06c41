// RFC 4180 edge cases for the HR export's CSV parser.
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from '../../src/hr/file/csv-parse.js';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
  it.each([
    [
      'plain LF',
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CRLF and no trailing newline',
      'a,b\r\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'leading BOM is not part of the first column',
      '\uFEFFa,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'quoted field with comma',
      'a,b\n"Lee, Dana",2',
      [
        ['a', 'b'],
        ['Lee, Dana', '2'],
      ],
    ],
    ['escaped quotes', 'a\n"say ""hi"""', [['a'], ['say "hi"']]],
    [
      'embedded CRLF newline kept verbatim',
      'a,b\r\n"line1\r\nline2",x\r\n',
      [
        ['a', 'b'],
        ['line1\r\nline2', 'x'],
      ],
    ],
    [
      'empty fields, quoted and not',
      'a,b,c\n,"",\n',
      [
        ['a', 'b', 'c'],
        ['', '', ''],
      ],
    ],
    ['blank lines carry no record', 'a\n\n1\r\n\r\n', [['a'], ['1']]],
    ['a lone quoted empty field is a record', 'a\n""\n', [['a'], ['']]],
    ['spaces are data', 'a, b \n', [['a', ' b ']]],
  ])('%s', (_name, text, expected) => {
    expect(fields(text)).toEqual(expected);
  });

  it('reports the physical line each record starts on', () => {
    const recs = parseCsv('h1,h2\n"multi\nline",x\nnext,y\n');
    expect(recs.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it.each([
    ['unterminated quote', 'a\n"open,1\n2\n', 2],
    ['text after a closing quote', 'a\n"x"y\n', 2],
    ['a quote inside an unquoted field', 'a\nab"c\n', 2],
  ])('rejects %s with its line', (_name, text, line) => {
    let err: unknown;
    try {
      parseCsv(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CsvSyntaxError);
    expect((err as CsvSyntaxError).line).toBe(line);
  });
});
