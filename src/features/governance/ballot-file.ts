import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { t } from '../../platform/i18n/index.ts';
import { type BallotSet, BallotSetBuilder, type Mark } from './ballots.ts';
import './messages.ts';

/**
 * The ballot file (issue 12; docs/governance.md): header `ballot_id,rank_1,…,rank_K`, one row per
 * ballot, RFC 4180 quoting. A blank cell is a skipped rank, `A=B` an overvote, a row with no name
 * an undervote. Published ballots and `hub elections:tally` both use it.
 */

export const BALLOT_ID_COLUMN = 'ballot_id';
const OVERVOTE_SEPARATOR = '=';

export function rankColumn(rank: number): string {
  return `rank_${rank}`;
}

/** A file that cannot be read as ballots; `line` (1 = header) and `column` (1 = ballot_id) say where. */
export class BallotFileError extends Error {
  constructor(
    readonly line: number,
    readonly column: number | null,
    readonly reason: string,
    columnName?: string,
  ) {
    super(
      `${
        column === null
          ? t('governance.ballots.where.line', { line })
          : t('governance.ballots.where.cell', { line, column, name: columnName ?? '' })
      }: ${reason}`,
    );
    this.name = 'BallotFileError';
  }
}

export interface BallotFile {
  /** Rank columns in the header. */
  ranks: number;
  /** The file's ballots grouped for counting (undervotes counted apart). */
  ballots: BallotSet;
}

export interface ReadBallotFileOptions {
  /** Candidates to include in every tally even when no ballot names them. */
  candidates?: Iterable<string>;
}

/**
 * Reads a ballot file, or throws BallotFileError at the first problem. Names are trimmed of
 * surrounding spaces; names are case-sensitive. Ballot ids must be present and unique.
 */
export function readBallotFile(text: string, options: ReadBallotFileOptions = {}): BallotFile {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    throw csvProblem(text, error);
  }
  const header = records[0];
  if (!header) throw new BallotFileError(1, null, t('governance.ballots.error.empty'));
  const ranks = checkHeader(header);
  const width = ranks + 1;
  const builder = new BallotSetBuilder(options.candidates);
  const lineOf = lazyRecordLines(text);
  const seen = new Map<string, number>();
  const marks: Mark[] = new Array(ranks);
  for (let r = 1; r < records.length; r++) {
    const record = records[r]!;
    if (record.length !== width) {
      throw new BallotFileError(
        lineOf(r),
        null,
        t('governance.ballots.error.cellCount', { found: record.length, expected: width, ranks }),
      );
    }
    const id = record[0]!.trim();
    if (!id) {
      throw new BallotFileError(
        lineOf(r),
        1,
        t('governance.ballots.error.noBallotId'),
        BALLOT_ID_COLUMN,
      );
    }
    const previous = seen.get(id);
    if (previous !== undefined) {
      throw new BallotFileError(
        lineOf(r),
        1,
        t('governance.ballots.error.duplicateBallotId', { id, firstLine: lineOf(previous) }),
        BALLOT_ID_COLUMN,
      );
    }
    seen.set(id, r);
    for (let k = 1; k < width; k++) {
      const cell = record[k]!.trim();
      if (!cell.includes(OVERVOTE_SEPARATOR)) {
        marks[k - 1] = cell || null;
        continue;
      }
      const names = cell.split(OVERVOTE_SEPARATOR).map((name) => name.trim());
      if (names.includes('')) {
        throw new BallotFileError(
          lineOf(r),
          k + 1,
          t('governance.ballots.error.emptyOvervoteName', { cell }),
          rankColumn(k),
        );
      }
      marks[k - 1] = names;
    }
    builder.add(marks);
  }
  return { ranks, ballots: builder.build() };
}

function checkHeader(header: string[]): number {
  const first = header[0]!.trim();
  if (first !== BALLOT_ID_COLUMN) {
    throw new BallotFileError(
      1,
      1,
      t('governance.ballots.error.firstColumn', { found: first }),
      BALLOT_ID_COLUMN,
    );
  }
  if (header.length < 2) throw new BallotFileError(1, null, t('governance.ballots.error.noRanks'));
  for (let k = 1; k < header.length; k++) {
    const found = header[k]!.trim();
    if (found !== rankColumn(k)) {
      throw new BallotFileError(
        1,
        k + 1,
        t('governance.ballots.error.rankColumn', { expected: rankColumn(k), found }),
        rankColumn(k),
      );
    }
  }
  return header.length - 1;
}

/**
 * The line each record starts on, worked out only when an error needs it: the fast path parses
 * without csv-parse's per-record info, which costs a third more time.
 */
function lazyRecordLines(text: string): (record: number) => number {
  let starts: number[] | undefined;
  return (record) => {
    starts ??= recordStartLines(text).starts;
    return starts[record] ?? 1;
  };
}

/**
 * Parses again noting where each record ends; a record starts on the first non-blank line after
 * the previous one ends (blank lines are skipped). `next` is where the record after the last
 * complete one starts, the place to point at when parsing stopped inside it.
 */
function recordStartLines(text: string): { starts: number[]; next: number } {
  const lines = text.split(/\r\n|\n|\r/);
  const startAfter = (endLine: number) => {
    let line = endLine + 1;
    while (line <= lines.length && lines[line - 1]!.trim() === '') line++;
    return line;
  };
  const starts: number[] = [];
  let lastEnd = 0;
  try {
    parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (_record, context) => {
        starts.push(startAfter(lastEnd));
        lastEnd = context.lines;
        return null;
      },
    });
  } catch {
    // The caller already knows the text is bad; the records before the problem are noted.
  }
  return { starts, next: startAfter(lastEnd) };
}

function csvProblem(text: string, error: unknown): BallotFileError {
  if (!(error instanceof CsvError)) throw error;
  const detail = error as CsvError & { lines?: number; column?: number };
  const column = typeof detail.column === 'number' ? detail.column + 1 : null;
  const columnName = column === 1 ? BALLOT_ID_COLUMN : column ? rankColumn(column - 1) : undefined;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      // csv-parse reports the end of the file; the record that opened the quote is more useful.
      return new BallotFileError(
        recordStartLines(text).next,
        column,
        t('governance.ballots.error.unclosedQuote'),
        columnName,
      );
    case 'INVALID_OPENING_QUOTE':
      return new BallotFileError(
        detail.lines ?? 1,
        column,
        t('governance.ballots.error.strayQuote'),
        columnName,
      );
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return new BallotFileError(
        detail.lines ?? 1,
        column,
        t('governance.ballots.error.afterClosingQuote'),
        columnName,
      );
    default:
      return new BallotFileError(
        detail.lines ?? 1,
        null,
        t('governance.ballots.error.csv', { reason: error.message }),
      );
  }
}

/** One ballot to write: its id and its marks, first rank first. */
export interface BallotRow {
  id: string;
  marks: readonly Mark[];
}

/**
 * Writes ballots in the ballot file format (what the election page publishes). `ranks` columns,
 * at least as many as the longest ballot; shorter ballots end with blank cells.
 */
export function writeBallotFile(rows: readonly BallotRow[], ranks = 1): string {
  const width = rows.reduce((widest, row) => Math.max(widest, row.marks.length), ranks);
  const header = [BALLOT_ID_COLUMN];
  for (let k = 1; k <= width; k++) header.push(rankColumn(k));
  const records = rows.map((row) => {
    const cells = [row.id];
    for (let k = 0; k < width; k++) {
      const mark = row.marks[k] ?? null;
      const names = mark === null ? [] : typeof mark === 'string' ? [mark] : mark;
      for (const name of names) {
        if (name.includes(OVERVOTE_SEPARATOR) || name !== name.trim())
          throw new RangeError(
            `a candidate name cannot contain "=" or surrounding spaces: ${name}`,
          );
      }
      cells.push(names.join(OVERVOTE_SEPARATOR));
    }
    return cells;
  });
  return stringify([header, ...records]);
}
