import { type Options, stringify } from 'csv-stringify/sync';

/**
 * The one CSV writer for every export. A text cell that starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return would be read as a formula by Excel, LibreOffice and Google Sheets
 * (`=HYPERLINK(...)`, `=cmd|...`), so it gets a leading `'`, which spreadsheets show as text.
 * Numbers (JavaScript numbers: counts, ids) are written as they are, a negative one included;
 * a number that arrives as text ("-5" typed in a name) is text and is prefixed.
 * docs/decisions/0092-csv-formula-cells.md.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvValue = string | number | boolean | null | undefined;

export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes neutralizeFormula on import, so an exported file reads back unchanged. */
export function restoreFormulaCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

const cast: Options['cast'] = { string: neutralizeFormula };

/** Rows of cells (arrays) or records (objects, with `columns` and `header`) as CSV text. */
export function writeCsv(
  rows: readonly (readonly CsvValue[])[] | readonly Record<string, CsvValue>[],
  options: Pick<Options, 'columns' | 'header'> = {},
): string {
  return stringify(rows as unknown[], { ...options, cast });
}
