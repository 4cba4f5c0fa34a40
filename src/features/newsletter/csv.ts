import { parse } from 'csv-parse/sync';
import { restoreFormulaCell, writeCsv } from '../../platform/csv.ts';
import type { ImportRow } from './subscribers.ts';

export class CsvError extends Error {}

/**
 * Reads a subscriber list: a header row naming at least `email` (and any of name, zip, town, in
 * any order, any case; other columns such as Mailchimp's are ignored).
 */
export function parseSubscriberCsv(text: string): ImportRow[] {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      cast: (value) => restoreFormulaCell(value),
    }) as string[][];
  } catch (error) {
    throw new CsvError(`This is not a CSV file we can read: ${(error as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new CsvError('The file is empty.');
  const columns = header.map((name) => name.trim().toLowerCase().replace(/\s+/g, ' '));
  const find = (...names: string[]) => columns.findIndex((name) => names.includes(name));
  const email = find('email', 'email address', 'e-mail');
  if (email < 0) throw new CsvError('The first row must name the columns, including "email".');
  const name = find('name', 'full name');
  const zip = find('zip', 'zip code', 'postal code');
  const town = find('town', 'city');
  return rows.map((row, index) => ({
    line: index + 2,
    email: row[email] ?? '',
    name: name >= 0 ? row[name] || undefined : undefined,
    zip: zip >= 0 ? row[zip] || undefined : undefined,
    town: town >= 0 ? row[town] || undefined : undefined,
  }));
}

export function csvRows(rows: (string | number | null)[][]): string {
  return writeCsv(rows);
}
