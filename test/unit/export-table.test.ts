// @vitest-environment node
/**
 * Export: CSV and TSV that spreadsheets read back exactly (quotes, separators, line breaks, any Unicode), and no
 * cell a spreadsheet would run as a formula. Checked with a small RFC 4180 reader and fast-check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportFileName, peopleTable, peopleText } from '../../src/widget/export/people';
import { cell, neutralise, toDelimited, type Separator } from '../../src/widget/export/table';
import { contactView } from './fixtures';
import { installFakeChrome } from './fake-chrome';

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

describe('the page’s people as a table', () => {
  it('one row per address: Intercom’s fields for a contact, a status for the others, in the panel’s language', () => {
    installFakeChrome();
    const ana = contactView({
      id: 'c-1',
      email: 'ana@acme.test',
      name: '=Ana "the boss" Lima',
      role: 'user',
      phone: '+351 21 000 0000',
      companies: [{ id: 'co-1', name: 'Acme, Inc.' }, { id: 'co-2', name: 'Beta' }],
      tags: [{ id: 't-1', name: 'VIP' }, { id: 't-2', name: '' }],
      lastSeenAt: 1_767_225_600,
      location: { city: 'Lisbon', region: null, country: 'Portugal' },
      url: 'https://app.intercom.com/a/apps/abc/users/c-1',
    });
    const rows = [
      { email: 'ana@acme.test', contact: ana },
      { email: 'new@acme.test', contact: null },
      { email: 'later@acme.test', contact: undefined },
    ];
    expect(peopleTable(rows)).toEqual([
      ['Email', 'Name', 'In Intercom', 'Role', 'Companies', 'Tags', 'Last seen', 'Location', 'Phone', 'Intercom ID', 'Intercom link'],
      ['ana@acme.test', '=Ana "the boss" Lima', 'Yes', 'user', 'Acme, Inc.; Beta', 'VIP; #t-2', '2026-01-01T00:00:00.000Z', 'Lisbon, Portugal', '+351 21 000 0000', 'c-1', 'https://app.intercom.com/a/apps/abc/users/c-1'],
      ['new@acme.test', '', 'Not in Intercom', '', '', '', '', '', '', '', ''],
      ['later@acme.test', '', 'Not looked up', '', '', '', '', '', '', '', ''],
    ]);
    const csv = peopleText(rows, ',').split('\r\n');
    expect(csv[1]).toBe(`ana@acme.test,"'=Ana ""the boss"" Lima",Yes,user,"Acme, Inc.; Beta",VIP; #t-2,2026-01-01T00:00:00.000Z,"Lisbon, Portugal",'+351 21 000 0000,c-1,https://app.intercom.com/a/apps/abc/users/c-1`);
  });

  it('names the file after the page’s host and the day', () => {
    expect(exportFileName('https://crm.acme.test', new Date(Date.UTC(2026, 11, 5, 23)))).toBe('intercom-people-crm.acme.test-2026-12-05.csv');
    expect(exportFileName(undefined, new Date(Date.UTC(2026, 0, 2)))).toBe('intercom-people-page-2026-01-02.csv');
  });
});
