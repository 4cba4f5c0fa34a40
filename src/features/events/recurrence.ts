/**
 * Recurrence in wall-clock time (RFC 5545 RRULE, EXDATE, RDATE). The rule is expanded by the
 * `rrule` package over "floating" times (the event's local wall-clock written as if it were UTC),
 * and each local time is then placed in the event's IANA zone with luxon. So a weekly 7 pm
 * meeting stays at 7 pm across daylight-saving changes. Local times that do not exist (the
 * spring-forward gap) move forward by the gap; times that happen twice take the first, as
 * RFC 5545 section 3.3.5 says.
 */
import { createRequire } from 'node:module';
import { DateTime } from 'luxon';

const require = createRequire(import.meta.url);
// rrule ships CommonJS whose named exports Node's ESM loader cannot see.
const { RRule } = require('rrule') as typeof import('rrule');
type RRuleInstance = InstanceType<typeof RRule>;

export interface SeriesTiming {
  /** DTSTART as an instant (for all-day events: midnight in the zone). */
  start: Date;
  end: Date | null;
  timezone: string;
  allDay: boolean;
  /** The RRULE value, e.g. "FREQ=WEEKLY;BYDAY=TU" (an "RRULE:" prefix is accepted). */
  rrule: string | null;
  /** Original starts (instants) left out of the series. */
  exdates: readonly Date[];
  /** Extra starts (instants) added to the series. */
  rdates: readonly Date[];
}

export interface ExpandedOccurrence {
  /** The original start in UTC, "20261203T000000Z": stable key and RECURRENCE-ID. */
  recurrenceKey: string;
  originalStart: Date;
  start: Date;
  end: Date | null;
}

export const MAX_OCCURRENCES = 1000;
const ALLOWED_FREQUENCIES = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);

export function isValidZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

/** "20261203T000000Z" */
export function recurrenceKeyOf(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function instantFromKey(key: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(key);
  if (!m) throw new Error(`not a recurrence key: ${key}`);
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

/** The wall-clock time of an instant in a zone, written as a UTC Date ("floating"). */
export function toFloating(instant: Date, zone: string): Date {
  const local = DateTime.fromJSDate(instant, { zone });
  return new Date(
    Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second),
  );
}

/** The instant at which a floating wall-clock time happens in a zone (see the module comment). */
export function fromFloating(floating: Date, zone: string): Date {
  const wanted = {
    year: floating.getUTCFullYear(),
    month: floating.getUTCMonth() + 1,
    day: floating.getUTCDate(),
    hour: floating.getUTCHours(),
    minute: floating.getUTCMinutes(),
    second: floating.getUTCSeconds(),
  };
  const local = DateTime.fromObject(wanted, { zone });
  // A repeated wall-clock time (fall back): prefer the earlier instant when it shows the same time.
  const earlier = DateTime.fromMillis(local.toMillis() - 3_600_000, { zone });
  if (
    earlier.hour === wanted.hour &&
    earlier.minute === wanted.minute &&
    earlier.day === wanted.day &&
    earlier.month === wanted.month
  ) {
    return earlier.toJSDate();
  }
  return local.toJSDate();
}

/** Midnight of a calendar date (YYYY-MM-DD) in a zone. */
export function startOfLocalDay(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
}

/** A local date and time ("2026-12-01", "19:00") in a zone, as an instant; undefined if invalid. */
export function localToInstant(date: string, time: string, zone: string): Date | undefined {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = (time || '00:00').split(':').map(Number);
  if ([y, mo, d, h, mi].some((n) => n === undefined || Number.isNaN(n))) return undefined;
  const floating = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, 0));
  if (floating.getUTCDate() !== d || floating.getUTCMonth() !== mo! - 1 || h! > 23 || mi! > 59)
    return undefined;
  return fromFloating(floating, zone);
}

export class RecurrenceRuleError extends Error {}

function stripPrefix(rule: string): string {
  return rule.trim().replace(/^RRULE:/i, '');
}

/**
 * Parses an RRULE value into an rrule instance over floating time starting at `floatingStart`.
 * UNTIL in UTC ("...Z") is converted to the zone's wall clock; a date-only UNTIL includes that
 * whole day. Throws RecurrenceRuleError with a plain message on anything it cannot use.
 */
function buildRule(rule: string, floatingStart: Date, zone: string): RRuleInstance {
  const text = stripPrefix(rule);
  if (!/^[A-Z]+=[^;]+(;[A-Z]+=[^;]+)*$/i.test(text)) {
    throw new RecurrenceRuleError('Write the rule like FREQ=WEEKLY;BYDAY=TU.');
  }
  const parts = text.split(';').map((part) => part.split('=') as [string, string]);
  const freq = parts.find(([k]) => k.toUpperCase() === 'FREQ')?.[1]?.toUpperCase();
  if (!freq)
    throw new RecurrenceRuleError('The rule needs FREQ (DAILY, WEEKLY, MONTHLY or YEARLY).');
  if (!ALLOWED_FREQUENCIES.has(freq)) {
    throw new RecurrenceRuleError('Events can repeat daily, weekly, monthly or yearly.');
  }
  const untilText = parts.find(([k]) => k.toUpperCase() === 'UNTIL')?.[1];
  const rest = parts
    .filter(([k]) => !['UNTIL', 'DTSTART', 'TZID'].includes(k.toUpperCase()))
    .map(([k, v]) => `${k.toUpperCase()}=${v}`)
    .join(';');
  let options: ReturnType<typeof RRule.parseString>;
  try {
    options = RRule.parseString(rest);
  } catch {
    throw new RecurrenceRuleError('That repeat rule is not valid.');
  }
  if (
    options.interval !== undefined &&
    (options.interval < 1 || !Number.isInteger(options.interval))
  ) {
    throw new RecurrenceRuleError('INTERVAL must be a whole number of 1 or more.');
  }
  let until: Date | undefined;
  if (untilText) {
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(untilText);
    if (!m)
      throw new RecurrenceRuleError('UNTIL must be a date like 20261231 or 20261231T235959Z.');
    const [, y, mo, d, h, mi, s, z] = m;
    if (h === undefined) until = new Date(Date.UTC(+y!, +mo! - 1, +d!, 23, 59, 59));
    else {
      const value = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi!, +s!));
      until = z ? toFloating(value, zone) : value;
    }
  }
  try {
    const instance = new RRule({
      ...options,
      dtstart: floatingStart,
      until: until ?? null,
      tzid: null,
    });
    // Touch the rule once so invalid combinations throw here, not later.
    instance.after(floatingStart, true);
    return instance;
  } catch {
    throw new RecurrenceRuleError('That repeat rule is not valid.');
  }
}

/** Validates an RRULE for an event starting at `start` in `zone`; returns a message or null. */
export function checkRule(rule: string, start: Date, zone: string): string | null {
  try {
    buildRule(rule, toFloating(start, zone), zone);
    return null;
  } catch (error) {
    return error instanceof RecurrenceRuleError ? error.message : 'That repeat rule is not valid.';
  }
}

/** The rule written for people ("every week on Tuesday"), or null for a one-off event. */
export function describeRule(rule: string | null, start: Date, zone: string): string | null {
  if (!rule) return null;
  try {
    return buildRule(rule, toFloating(start, zone), zone).toText();
  } catch {
    return null;
  }
}

/** True when the series has no last occurrence (no COUNT, no UNTIL). */
export function isOpenEnded(rule: string | null): boolean {
  return Boolean(rule) && !/(^|;)(COUNT|UNTIL)=/i.test(stripPrefix(rule!));
}

/**
 * The occurrences of a series that overlap [from, to), in start order, at most `max`. A one-off
 * event always gives its one occurrence, wherever the window is. DTSTART is the first
 * occurrence of a series given by RDATEs; EXDATEs remove by original start, RDATEs add.
 */
export function expandSeries(
  series: SeriesTiming,
  window: { from: Date; to: Date },
  max = MAX_OCCURRENCES,
): ExpandedOccurrence[] {
  const zone = series.timezone;
  const floatingStart = toFloating(series.start, zone);
  const floatingDuration =
    series.end === null ? null : toFloating(series.end, zone).getTime() - floatingStart.getTime();
  const make = (floating: Date): ExpandedOccurrence => {
    const start = fromFloating(floating, zone);
    return {
      recurrenceKey: recurrenceKeyOf(start),
      originalStart: start,
      start,
      end:
        floatingDuration === null
          ? null
          : fromFloating(new Date(floating.getTime() + floatingDuration), zone),
    };
  };
  if (!series.rrule && series.rdates.length === 0) return [make(floatingStart)];

  // With a rule, DTSTART counts only if the rule yields it (as rrule and ical.js both do);
  // with RDATEs alone, DTSTART is the first occurrence.
  const starts: Date[] = series.rrule ? [] : [floatingStart];
  if (series.rrule) {
    const rule = buildRule(series.rrule, floatingStart, zone);
    const day = 86_400_000;
    const lookBack = (floatingDuration ?? 0) + 2 * day;
    const from = new Date(toFloating(window.from, zone).getTime() - lookBack);
    const to = new Date(toFloating(window.to, zone).getTime() + 2 * day);
    let count = 0;
    starts.push(
      ...rule.between(from, to, true, () => {
        count++;
        return count <= max + 1;
      }),
    );
  }
  for (const rdate of series.rdates) starts.push(toFloating(rdate, zone));
  const excluded = new Set(series.exdates.map((date) => date.getTime()));
  const seen = new Set<number>();
  const result: ExpandedOccurrence[] = [];
  for (const floating of starts.sort((a, b) => a.getTime() - b.getTime())) {
    const occurrence = make(floating);
    const at = occurrence.originalStart.getTime();
    if (seen.has(at) || excluded.has(at)) continue;
    seen.add(at);
    const endsAt = (occurrence.end ?? occurrence.start).getTime();
    if (endsAt < window.from.getTime() || at >= window.to.getTime()) continue;
    result.push(occurrence);
    if (result.length >= max) break;
  }
  return result;
}

export interface OccurrenceOverride {
  originalStart: Date;
  start: Date;
  end: Date | null;
  cancelled: boolean;
}

/**
 * Applies per-occurrence changes (RECURRENCE-ID overrides: moved, cancelled) to an expansion,
 * re-sorting by the new starts. Overrides of occurrences not in the expansion are ignored.
 */
export function applyOverrides(
  occurrences: readonly ExpandedOccurrence[],
  overrides: readonly OccurrenceOverride[],
): (ExpandedOccurrence & { cancelled: boolean })[] {
  const byOriginal = new Map(overrides.map((o) => [o.originalStart.getTime(), o]));
  return occurrences
    .map((occurrence) => {
      const override = byOriginal.get(occurrence.originalStart.getTime());
      return override
        ? { ...occurrence, start: override.start, end: override.end, cancelled: override.cancelled }
        : { ...occurrence, cancelled: false };
    })
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}
