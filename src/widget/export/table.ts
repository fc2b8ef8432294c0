/**
 * Rows of text as CSV (RFC 4180: quoted where needed, quotes doubled, CRLF lines) or TSV (the same quoting for
 * a tab, a line break or a quote, which spreadsheets read back when pasted). A cell that a spreadsheet would run
 * as a formula (= + - @, or a leading tab or carriage return) gets a leading apostrophe: pasted or opened, it
 * stays text (OWASP's CSV injection advice).
 */

export type Separator = ',' | '\t';

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as a spreadsheet should take it: text, never a formula. */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function cell(value: string, sep: Separator): string {
  const text = neutralise(value);
  const special = sep === ',' ? /[",\r\n]/ : /["\t\r\n]/;
  return special.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toDelimited(rows: readonly (readonly string[])[], sep: Separator): string {
  return rows.map((r) => r.map((v) => cell(v, sep)).join(sep)).join('\r\n') + '\r\n';
}
