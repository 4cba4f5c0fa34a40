/**
 * Mailchimp's audience export, as it comes: a ZIP holding one CSV per status (subscribed,
 * unsubscribed, cleaned), or those CSVs one by one. Each file is recognised by its header row,
 * not its name (Mailchimp has renamed them over the years). Nothing here touches the database.
 */
import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { AppError } from '../../../platform/errors.ts';
import { normalizeEmail } from '../../../platform/people.ts';

export type MemberStatus = 'subscribed' | 'unsubscribed' | 'cleaned';

export interface MailchimpMember {
  file: string;
  line: number;
  status: MemberStatus;
  email: string;
  name: string | null;
  town: string | null;
  state: string | null;
  zip: string | null;
  tags: string[];
  optinTime: Date | null;
  optinIp: string | null;
  confirmTime: Date | null;
  confirmIp: string | null;
  /** When they unsubscribed or were cleaned (hard bounce). */
  leftTime: Date | null;
  leftReason: string | null;
  lastChanged: Date | null;
}

/** Which columns hold the place and name, when the audience used its own merge fields. */
export interface FieldMapping {
  town?: string;
  zip?: string;
  address?: string;
  name?: string;
}

export interface AudienceFile {
  name: string;
  status: MemberStatus | 'not_member_file' | 'non_subscribed';
  rows: number;
}

export interface ReadAudience {
  members: MailchimpMember[];
  files: AudienceFile[];
}

const MAX_UNZIPPED_BYTES = 300 * 1024 * 1024;

/** The CSV files of the upload: a ZIP is opened, a CSV is taken as it is. */
function csvFilesOf(files: { name: string; bytes: Uint8Array }[]) {
  const out: { name: string; text: string }[] = [];
  for (const file of files) {
    const isZip = file.bytes[0] === 0x50 && file.bytes[1] === 0x4b;
    if (!isZip) {
      out.push({ name: file.name, text: Buffer.from(file.bytes).toString('utf8') });
      continue;
    }
    let total = 0;
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(file.bytes, {
        filter: (entry) => {
          total += entry.originalSize;
          if (total > MAX_UNZIPPED_BYTES) throw new Error('it unpacks to more than 300 MB');
          const lower = entry.name.toLowerCase();
          return lower.endsWith('.csv') && !lower.startsWith('__macosx/');
        },
      });
    } catch (error) {
      throw new AppError(
        'invalid_input',
        `${file.name} is not a ZIP file we can open: ${(error as Error).message}.`,
      );
    }
    for (const [name, bytes] of Object.entries(entries).sort(([a], [b]) => a.localeCompare(b))) {
      out.push({ name: name.split('/').pop() ?? name, text: Buffer.from(bytes).toString('utf8') });
    }
  }
  return out;
}

/** "2021-03-04 15:22:10" (UTC, as Mailchimp writes it) as an instant. */
export function mailchimpTime(value: string | undefined): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec((value ?? '').trim());
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2]}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Mailchimp writes an address merge field as its parts separated by two spaces:
 * "12 Main St  Apt 3  Cambridge  MA  02139  US" (the second line may be missing).
 */
export function parseMailchimpAddress(value: string): {
  town: string | null;
  state: string | null;
  zip: string | null;
} {
  const parts = value
    .split(/\s{2,}|\t/)
    .map((part) => part.trim())
    .filter(Boolean);
  const zipAt = parts.findLastIndex((part) => /^\d{4,5}(-\d{4})?$/.test(part));
  const stateAt = (before: number) =>
    before >= 0 && /^([A-Za-z]{2}|massachusetts)$/i.test(parts[before] ?? '') ? before : -1;
  if (zipAt >= 0) {
    const state = stateAt(zipAt - 1);
    const townAt = state >= 0 ? state - 1 : zipAt - 1;
    return {
      zip: normalizeZip(parts[zipAt]!),
      state: state >= 0 ? parts[state]!.toUpperCase() : null,
      town: townAt >= 1 ? parts[townAt]! : null,
    };
  }
  const state = parts.findLastIndex((part) => /^([A-Z]{2}|massachusetts)$/i.test(part));
  return {
    zip: null,
    state: state >= 0 ? parts[state]!.toUpperCase() : null,
    town: state >= 2 ? parts[state - 1]! : null,
  };
}

/** Spreadsheets drop a ZIP code's leading zero (02139 → 2139); Massachusetts ZIPs start with 0. */
function normalizeZip(value: string): string | null {
  const digits = value.trim().slice(0, 5);
  if (/^\d{5}$/.test(digits)) return digits;
  if (/^\d{4}$/.test(digits)) return `0${digits}`;
  return null;
}

/** TAGS: `"Volunteers","Cambridge"` (each tag quoted, comma between). */
export function parseTags(value: string | undefined): string[] {
  const text = (value ?? '').trim();
  if (!text) return [];
  let tags: string[];
  try {
    tags = (parse(text, { relax_quotes: true, trim: true }) as string[][])[0] ?? [];
  } catch {
    tags = text.split(',');
  }
  return [...new Set(tags.map((tag) => tag.replace(/^"|"$/g, '').trim().slice(0, 100)))].filter(
    Boolean,
  );
}

function statusOf(name: string, header: string[]): AudienceFile['status'] {
  const has = (column: string) => header.includes(column);
  if (!has('email address')) return 'not_member_file';
  if (has('unsub_time')) return 'unsubscribed';
  if (has('clean_time')) return 'cleaned';
  if (/nonsubscribed|non_subscribed|transactional/i.test(name)) return 'non_subscribed';
  if (has('optin_time') || has('confirm_time') || has('member_rating')) return 'subscribed';
  return 'not_member_file';
}

function findColumn(header: string[], wanted: string | undefined, fallbacks: string[]) {
  if (wanted) return header.indexOf(wanted.trim().toLowerCase());
  return header.findIndex((column) => fallbacks.includes(column));
}

/** Reads the files of an audience export into members; a file of another kind is listed, not read. */
export function readAudienceFiles(
  files: { name: string; bytes: Uint8Array }[],
  mapping: FieldMapping = {},
): ReadAudience {
  const result: ReadAudience = { members: [], files: [] };
  for (const file of csvFilesOf(files)) {
    let records: string[][];
    try {
      records = parse(file.text.replace(/^\uFEFF/, ''), {
        skip_empty_lines: true,
        relax_column_count: true,
        relax_quotes: true,
      }) as string[][];
    } catch (error) {
      throw new AppError(
        'invalid_input',
        `${file.name} is not a CSV file we can read: ${(error as Error).message}`,
      );
    }
    const [rawHeader, ...rows] = records;
    const header = (rawHeader ?? []).map((column) => column.trim().toLowerCase());
    const status = statusOf(file.name, header);
    result.files.push({ name: file.name, status, rows: rows.length });
    if (status !== 'subscribed' && status !== 'unsubscribed' && status !== 'cleaned') continue;
    for (const [name, column] of Object.entries(mapping)) {
      if (column && !header.includes(column.trim().toLowerCase())) {
        throw new AppError(
          'invalid_input',
          `${file.name} has no column "${column}" (asked for the ${name}).`,
        );
      }
    }
    const col = (name: string) => header.indexOf(name);
    const email = col('email address');
    const first = col('first name');
    const last = col('last name');
    const name = findColumn(header, mapping.name, []);
    const town = findColumn(header, mapping.town, ['town', 'city', 'town/city']);
    const zip = findColumn(header, mapping.zip, [
      'zip code',
      'zip',
      'zipcode',
      'postal code',
      'zip/postal code',
    ]);
    const address = findColumn(header, mapping.address, ['address']);
    const left = status === 'unsubscribed' ? col('unsub_time') : col('clean_time');
    const reason = col('unsub_reason');
    const reasonOther = col('unsub_reason_other');
    rows.forEach((row, index) => {
      const cell = (at: number) => (at >= 0 ? (row[at] ?? '').trim() : '');
      const fromAddress = address >= 0 ? parseMailchimpAddress(cell(address)) : undefined;
      const fullName = name >= 0 ? cell(name) : [cell(first), cell(last)].filter(Boolean).join(' ');
      result.members.push({
        file: file.name,
        line: index + 2,
        status,
        email: normalizeEmail(cell(email)),
        name: fullName.slice(0, 200) || null,
        town: cell(town) || fromAddress?.town || null,
        state: fromAddress?.state ?? null,
        zip: (zip >= 0 ? normalizeZip(cell(zip)) : null) ?? fromAddress?.zip ?? null,
        tags: parseTags(cell(col('tags'))),
        optinTime: mailchimpTime(cell(col('optin_time'))),
        optinIp: cell(col('optin_ip')) || null,
        confirmTime: mailchimpTime(cell(col('confirm_time'))),
        confirmIp: cell(col('confirm_ip')) || null,
        leftTime: status === 'subscribed' ? null : mailchimpTime(cell(left)),
        leftReason: [cell(reason), cell(reasonOther)].filter(Boolean).join(': ') || null,
        lastChanged: mailchimpTime(cell(col('last_changed'))),
      });
    });
  }
  return result;
}
