// @vitest-environment node
/**
 * Export: CSV and TSV that spreadsheets read back exactly (quotes, separators, line breaks, any Unicode), and no
 * cell a spreadsheet would run as a formula. Checked with a small RFC 4180 reader and fast-check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cell, neutralise, toDelimited, type Separator } from '../../src/widget/export/table';

/** Reads delimited text as spreadsheets do: a quoted field may hold separators, CR, LF and doubled quotes. */
function parse(text: string, sep: Separator): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length) throw new Error('text does not end with a line break');
  return rows;
}

const FORMULA = /^[=+\-@\t\r]/;
const table = fc.array(fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 });
const tricky = fc.array(
  fc.array(fc.stringMatching(/^[=+\-@"\t\r\n,; a-zA-Z0-9ä€😀]{0,10}$/), { minLength: 1, maxLength: 5 }),
  { minLength: 1, maxLength: 6 },
);

describe.each([',', '\t'] as const)('separator %j', (sep) => {
  it('reads back every cell, neutralised, in its row and column', () => {
    fc.assert(
      fc.property(fc.oneof(table, tricky), (rows) => {
        expect(parse(toDelimited(rows, sep), sep)).toEqual(rows.map((r) => r.map(neutralise)));
      }),
    );
  });

  it('never lets a cell start a formula', () => {
    fc.assert(
      fc.property(fc.oneof(table, tricky), (rows) => {
        for (const read of parse(toDelimited(rows, sep), sep).flat()) expect(FORMULA.test(read)).toBe(false);
      }),
    );
  });
});

describe('cells', () => {
  it('neutralises what a spreadsheet would run, and only that', () => {
    expect(neutralise('=HYPERLINK("http://evil.test","x")')).toBe(`'=HYPERLINK("http://evil.test","x")`);
    expect(neutralise('+1 206-555-0143')).toBe("'+1 206-555-0143");
    expect(neutralise('-2')).toBe("'-2");
    expect(neutralise('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralise('ana@acme.test')).toBe('ana@acme.test');
    expect(neutralise('Ana = Lima')).toBe('Ana = Lima');
  });

  it('quotes exactly where the format needs it', () => {
    expect(cell('Lima, Ana', ',')).toBe('"Lima, Ana"');
    expect(cell('Lima, Ana', '\t')).toBe('Lima, Ana');
    expect(cell('a\tb', '\t')).toBe('"a\tb"');
    expect(cell('say "hi"', ',')).toBe('"say ""hi"""');
    expect(cell('two\nlines', ',')).toBe('"two\nlines"');
    expect(cell('plain', ',')).toBe('plain');
    expect(toDelimited([['a', 'b'], ['c', 'd']], ',')).toBe('a,b\r\nc,d\r\n');
  });
});
