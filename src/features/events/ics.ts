/**
 * Writing iCalendar (RFC 5545): text escaping, line folding at 75 octets, local times with TZID
 * and a generated VTIMEZONE for each zone used, series with RRULE/EXDATE/RDATE and per-occurrence
 * overrides (RECURRENCE-ID). Tests parse the output back with ical.js. See
 * docs/decisions/0022-icalendar-writer.md for why this is written here rather than generated.
 */
import { DateTime } from 'luxon';

/** Escapes a TEXT value: backslash, semicolon, comma and newlines. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line into lines of at most 75 octets, never splitting a UTF-8 character. */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let currentBytes = 0;
  let limit = 75;
  for (const char of line) {
    const bytes = Buffer.byteLength(char);
    if (currentBytes + bytes > limit) {
      parts.push(current);
      current = '';
      currentBytes = 0;
      limit = 74; // continuation lines start with a space
    }
    current += char;
    currentBytes += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatUtc(date: Date): string {
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
}

export function formatLocal(date: Date, zone: string): string {
  const d = DateTime.fromJSDate(date, { zone });
  return `${d.year}${pad(d.month)}${pad(d.day)}T${pad(d.hour)}${pad(d.minute)}${pad(d.second)}`;
}

export function formatLocalDate(date: Date, zone: string): string {
  const d = DateTime.fromJSDate(date, { zone });
  return `${d.year}${pad(d.month)}${pad(d.day)}`;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

const vtimezoneCache = new Map<string, string[]>();

/**
 * A VTIMEZONE for `zone` listing each offset change in the given years explicitly (one
 * STANDARD or DAYLIGHT observance per change), computed from the platform's time-zone data.
 */
export function buildVtimezone(zone: string, fromYear: number, toYear: number): string[] {
  const key = `${zone}|${fromYear}|${toYear}`;
  const hit = vtimezoneCache.get(key);
  if (hit) return hit;
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  let ms = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear + 1, 0, 1);
  let previous = offsetAt(ms);
  const initial = DateTime.fromMillis(ms, { zone });
  const observances: string[][] = [];
  // The offset in force at the start of the range.
  observances.push([
    `BEGIN:${initial.isInDST ? 'DAYLIGHT' : 'STANDARD'}`,
    `DTSTART:${fromYear}0101T000000`,
    `TZOFFSETFROM:${formatOffset(previous)}`,
    `TZOFFSETTO:${formatOffset(previous)}`,
    `TZNAME:${initial.offsetNameShort ?? zone}`,
    `END:${initial.isInDST ? 'DAYLIGHT' : 'STANDARD'}`,
  ]);
  const step = 6 * 3_600_000;
  while (ms < end) {
    const next = ms + step;
    const offset = offsetAt(next);
    if (offset !== previous) {
      // Narrow the change down to the minute.
      let low = ms;
      let high = next;
      while (high - low > 60_000) {
        const mid = low + Math.floor((high - low) / 120_000) * 60_000;
        if (offsetAt(mid) === previous) low = mid;
        else high = mid;
      }
      const after = DateTime.fromMillis(high, { zone });
      const kind = after.isInDST ? 'DAYLIGHT' : 'STANDARD';
      // Onset in the local time that was in force before the change.
      const onset = DateTime.fromMillis(high, { zone: 'UTC' }).plus({ minutes: previous });
      observances.push([
        `BEGIN:${kind}`,
        `DTSTART:${onset.year}${pad(onset.month)}${pad(onset.day)}T${pad(onset.hour)}${pad(onset.minute)}00`,
        `TZOFFSETFROM:${formatOffset(previous)}`,
        `TZOFFSETTO:${formatOffset(offset)}`,
        `TZNAME:${after.offsetNameShort ?? zone}`,
        `END:${kind}`,
      ]);
      previous = offset;
    }
    ms = next;
  }
  for (const observance of observances) lines.push(...observance);
  lines.push('END:VTIMEZONE');
  vtimezoneCache.set(key, lines);
  return lines;
}

/** One calendar component's properties, written in order. */
export type IcsProperty = [name: string, value: string];

export interface IcsEvent {
  uid: string;
  stamp: Date;
  lastModified?: Date;
  created?: Date;
  start: Date;
  end: Date | null;
  allDay: boolean;
  timezone: string;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  status: 'scheduled' | 'cancelled' | 'postponed';
  categories?: string[];
  rrule?: string | null;
  exdates?: Date[];
  rdates?: Date[];
  /** Set on an override of one occurrence: its original start. */
  recurrenceId?: Date;
  geo?: { lat: number; lon: number } | null;
  sequence?: number;
}

function dateProperty(
  name: string,
  date: Date,
  event: Pick<IcsEvent, 'allDay' | 'timezone'>,
): IcsProperty {
  if (event.allDay) return [`${name};VALUE=DATE`, formatLocalDate(date, event.timezone)];
  if (event.timezone === 'UTC') return [name, formatUtc(date)];
  return [`${name};TZID=${event.timezone}`, formatLocal(date, event.timezone)];
}

function dateListProperty(
  name: string,
  dates: Date[],
  event: Pick<IcsEvent, 'allDay' | 'timezone'>,
): IcsProperty {
  if (event.allDay)
    return [`${name};VALUE=DATE`, dates.map((d) => formatLocalDate(d, event.timezone)).join(',')];
  if (event.timezone === 'UTC') return [name, dates.map(formatUtc).join(',')];
  return [
    `${name};TZID=${event.timezone}`,
    dates.map((d) => formatLocal(d, event.timezone)).join(','),
  ];
}

/** RFC 5545 wants UNTIL in UTC when DTSTART has a zone, and a DATE when DTSTART is a DATE. */
export function normalizeRuleForOutput(
  rule: string,
  event: Pick<IcsEvent, 'allDay' | 'timezone'>,
): string {
  return rule.replace(
    /UNTIL=(\d{8})(T(\d{6})(Z?))?/i,
    (match, date: string, time?: string, hms?: string, z?: string) => {
      if (event.allDay) return `UNTIL=${date}`;
      if (time && z) return match.toUpperCase();
      const local = DateTime.fromFormat(`${date}${hms ?? '235959'}`, 'yyyyMMddHHmmss', {
        zone: event.timezone,
      });
      return `UNTIL=${formatUtc(local.toJSDate())}`;
    },
  );
}

const STATUS = { scheduled: 'CONFIRMED', cancelled: 'CANCELLED', postponed: 'TENTATIVE' } as const;

export function eventProperties(event: IcsEvent): IcsProperty[] {
  const props: IcsProperty[] = [
    ['UID', event.uid],
    ['DTSTAMP', formatUtc(event.stamp)],
  ];
  if (event.created) props.push(['CREATED', formatUtc(event.created)]);
  if (event.lastModified) props.push(['LAST-MODIFIED', formatUtc(event.lastModified)]);
  if (event.recurrenceId) props.push(dateProperty('RECURRENCE-ID', event.recurrenceId, event));
  props.push(dateProperty('DTSTART', event.start, event));
  if (event.end) props.push(dateProperty('DTEND', event.end, event));
  else if (event.allDay)
    props.push(dateProperty('DTEND', new Date(event.start.getTime() + 86_400_000), event));
  if (event.rrule) props.push(['RRULE', normalizeRuleForOutput(event.rrule, event)]);
  if (event.exdates?.length) props.push(dateListProperty('EXDATE', event.exdates, event));
  if (event.rdates?.length) props.push(dateListProperty('RDATE', event.rdates, event));
  props.push(['SUMMARY', escapeText(event.summary)]);
  if (event.description) props.push(['DESCRIPTION', escapeText(event.description)]);
  if (event.location) props.push(['LOCATION', escapeText(event.location)]);
  if (event.geo) props.push(['GEO', `${event.geo.lat.toFixed(6)};${event.geo.lon.toFixed(6)}`]);
  if (event.url) props.push(['URL', event.url]);
  if (event.categories?.length)
    props.push(['CATEGORIES', event.categories.map(escapeText).join(',')]);
  props.push(['STATUS', STATUS[event.status]]);
  if (event.sequence !== undefined) props.push(['SEQUENCE', String(event.sequence)]);
  return props;
}

export interface IcsCalendar {
  name: string;
  description?: string;
  url?: string;
  method?: 'PUBLISH' | 'REQUEST';
  events: IcsEvent[];
}

/** A whole VCALENDAR, CRLF line endings, folded, with a VTIMEZONE for each zone used. */
export function writeCalendar(calendar: IcsCalendar): string {
  const out: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Coalition Hub//Calendar//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${calendar.method ?? 'PUBLISH'}`,
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `NAME:${escapeText(calendar.name)}`,
  ];
  if (calendar.description) out.push(`X-WR-CALDESC:${escapeText(calendar.description)}`);
  if (calendar.url) out.push(`URL:${calendar.url}`);
  out.push('REFRESH-INTERVAL;VALUE=DURATION:PT1H', 'X-PUBLISHED-TTL:PT1H');
  const zones = new Map<string, { from: number; to: number }>();
  for (const event of calendar.events) {
    if (event.allDay || event.timezone === 'UTC') continue;
    const years = [
      event.start,
      event.end ?? event.start,
      event.recurrenceId ?? event.start,
      ...(event.exdates ?? []),
      ...(event.rdates ?? []),
    ].map((d) => d.getUTCFullYear());
    const untilYear = /UNTIL=(\d{4})/.exec(event.rrule ?? '')?.[1];
    const openEnded = event.rrule && !/UNTIL|COUNT/.test(event.rrule);
    const last = Math.max(
      ...years,
      untilYear ? Number(untilYear) : 0,
      openEnded ? event.start.getUTCFullYear() + 2 : 0,
    );
    const first = Math.min(...years);
    const range = zones.get(event.timezone);
    zones.set(event.timezone, {
      from: Math.min(first, range?.from ?? first),
      to: Math.max(last, range?.to ?? last),
    });
  }
  for (const [zone, range] of zones)
    out.push(...buildVtimezone(zone, range.from, Math.min(range.to, range.from + 30)));
  for (const event of calendar.events) {
    out.push('BEGIN:VEVENT');
    for (const [name, value] of eventProperties(event)) out.push(foldLine(`${name}:${value}`));
    out.push('END:VEVENT');
  }
  out.push('END:VCALENDAR');
  return `${out.join('\r\n')}\r\n`;
}
