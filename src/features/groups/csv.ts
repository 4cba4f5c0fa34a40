import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { restoreFormulaCell, writeCsv } from '../../platform/csv.ts';
import { fieldErrorsFrom } from '../../platform/http/forms.ts';
import { t } from '../../platform/i18n/index.ts';
import { issueAreaName } from '../../platform/issue-areas.ts';
import type { GroupSummary } from './directory.ts';
import { IssueAreaList, OptionalEmail, TownNames, WebAddress } from './schemas.ts';
import { GROUP_KINDS } from './tables.ts';

/**
 * The directory's CSV format (INTERFACE.md: `hub groups:import FILE.csv`): columns
 * name,towns,website,email,description,issue_areas, towns and issue areas separated by `;`.
 * `kind` (group or ally) may be added; the export's extra columns (slug, districts, url) are
 * ignored on import, so an exported file imports back unchanged.
 */
export const IMPORT_COLUMNS = [
  'name',
  'towns',
  'website',
  'email',
  'description',
  'issue_areas',
] as const;
const OPTIONAL_COLUMNS = ['kind'] as const;
const EXPORT_ONLY_COLUMNS = ['slug', 'districts', 'url'] as const;
const KNOWN_COLUMNS = new Set<string>([
  ...IMPORT_COLUMNS,
  ...OPTIONAL_COLUMNS,
  ...EXPORT_ONLY_COLUMNS,
]);

export const MAX_IMPORT_ROWS = 5000;

const CsvRow = z.object({
  name: z
    .string()
    .trim()
    .min(2, { error: () => t('groups.error.name') })
    .max(120, { error: () => t('groups.error.nameTooLong') }),
  towns: TownNames.optional(),
  website: WebAddress.optional(),
  email: OptionalEmail.optional(),
  description: z
    .string()
    .trim()
    .max(5000, { error: () => t('groups.error.descriptionTooLong') })
    .optional(),
  issue_areas: IssueAreaList.optional(),
  kind: z
    .string()
    .trim()
    .toLowerCase()
    .transform((value) => value || 'group')
    .pipe(z.enum(GROUP_KINDS, { error: () => t('groups.error.kind') }))
    .optional(),
});

/** One valid row: the columns present in the file (absent ones leave a group unchanged). */
export interface ImportRow {
  line: number;
  name: string;
  towns?: number[];
  website?: string | null;
  email?: string | null;
  description?: string;
  issueAreas?: string[];
  kind?: 'group' | 'ally';
}

export interface RowError {
  line: number;
  reason: string;
}

export interface ParsedImport {
  rows: ImportRow[];
  errors: RowError[];
  /** Columns found in the header, in order. */
  columns: string[];
}

/**
 * Reads and validates every row first. Line numbers are those of the file (the header is line
 * 1), so a person can find the row in a spreadsheet; a row may span lines inside quotes.
 */
export function parseGroupsCsv(text: string): ParsedImport {
  const errors: RowError[] = [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  const source = text.replace(/^\uFEFF/, '');
  let columns: string[] = [];
  try {
    records = parse(source, {
      columns: (header: string[]) => {
        columns = header.map((column) => column.trim().toLowerCase());
        return columns;
      },
      skip_empty_lines: true,
      // An exported cell like '=x (a formula made harmless) reads back as =x.
      cast: (value) => restoreFormulaCell(value),
      info: true,
      relax_column_count: false,
      trim: false,
    }) as typeof records;
  } catch (error) {
    const err = error as { lines?: number; message: string };
    return {
      rows: [],
      errors: [
        { line: err.lines ?? 1, reason: t('groups.import.unreadable', { error: err.message }) },
      ],
      columns,
    };
  }
  if (!columns.includes('name')) {
    return { rows: [], errors: [{ line: 1, reason: t('groups.import.noName') }], columns };
  }
  const unknown = columns.filter((column) => !KNOWN_COLUMNS.has(column));
  if (unknown.length) {
    return {
      rows: [],
      errors: [
        {
          line: 1,
          reason: t('groups.import.unknownColumns', {
            columns: unknown.join(', '),
            known: [...IMPORT_COLUMNS, ...OPTIONAL_COLUMNS].join(', '),
          }),
        },
      ],
      columns,
    };
  }
  if (records.length > MAX_IMPORT_ROWS) {
    return {
      rows: [],
      errors: [{ line: 1, reason: t('groups.import.tooMany', { max: MAX_IMPORT_ROWS }) }],
      columns,
    };
  }
  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records) {
    // info.lines is the line the record ends on; count back its own newlines for its start.
    const line = info.lines - countNewlines(record);
    const parsed = CsvRow.safeParse(record);
    if (!parsed.success) {
      const fields = fieldErrorsFrom(parsed.error);
      errors.push({
        line,
        reason: Object.entries(fields)
          .map(([field, message]) => `${field}: ${message}`)
          .join('; '),
      });
      continue;
    }
    const data = parsed.data;
    const key = data.name.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      errors.push({ line, reason: t('groups.import.duplicate', { line: earlier }) });
      continue;
    }
    seen.set(key, line);
    rows.push({
      line,
      name: data.name,
      ...(data.towns !== undefined ? { towns: data.towns } : {}),
      ...(data.website !== undefined ? { website: data.website } : {}),
      ...(data.email !== undefined ? { email: data.email } : {}),
      ...(data.description !== undefined ? { description: data.description } : {}),
      ...(data.issue_areas !== undefined ? { issueAreas: data.issue_areas } : {}),
      ...(data.kind !== undefined ? { kind: data.kind } : {}),
    });
  }
  if (!rows.length && !errors.length) errors.push({ line: 2, reason: t('groups.import.empty') });
  return { rows, errors, columns };
}

function countNewlines(record: Record<string, string>): number {
  let count = 0;
  for (const value of Object.values(record)) count += (value.match(/\n/g) ?? []).length;
  return count;
}

/** The directory as CSV, in the import format plus kind, slug, districts and url. */
export function groupsToCsv(groups: readonly GroupSummary[], publicUrl: string): string {
  return writeCsv(
    groups.map((group) => ({
      name: group.name,
      towns: group.towns.map((town) => town.name).join(';'),
      website: group.website ?? '',
      email: group.email ?? '',
      description: group.description,
      issue_areas: group.issueAreas.join(';'),
      kind: group.kind,
      slug: group.slug,
      districts: group.districts.join(';'),
      url: `${publicUrl}/groups/${group.slug}`,
    })),
    {
      header: true,
      columns: [...IMPORT_COLUMNS, ...OPTIONAL_COLUMNS, ...EXPORT_ONLY_COLUMNS],
    },
  );
}

/** For a preview: issue areas by name. */
export const issueAreaNames = (slugs: readonly string[]) => slugs.map(issueAreaName).join(', ');
