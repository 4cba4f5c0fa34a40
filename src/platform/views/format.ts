/**
 * Dates written the way people say them, in a given zone: "Tue, Mar 2 · 7:00–8:30 pm".
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let existing = formatters.get(key);
  if (!existing) {
    existing = new Intl.DateTimeFormat('en-US', { timeZone: zone, ...options });
    formatters.set(key, existing);
  }
  return existing;
}

// formatToParts is slow and pages show the same few dozen instants again and again.
const partsCache = new Map<string, Record<string, string>>();
const PARTS_CACHE_LIMIT = 5000;

function parts(
  date: Date,
  zone: string,
  options: Intl.DateTimeFormatOptions,
): Record<string, string> {
  const key = `${date.getTime()}|${zone}|${JSON.stringify(options)}`;
  const cached = partsCache.get(key);
  if (cached) return cached;
  const value = Object.fromEntries(
    formatter(zone, options)
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  if (partsCache.size >= PARTS_CACHE_LIMIT) partsCache.clear();
  partsCache.set(key, value);
  return value;
}

/** "Tue, Mar 2" (with the year when it is not the current one). */
export function formatDay(date: Date, zone: string, now: Date = new Date()): string {
  const sameYear =
    parts(date, zone, { year: 'numeric' }).year === parts(now, zone, { year: 'numeric' }).year;
  return formatter(zone, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(date);
}

/** "7:00 pm", "7 pm" is avoided for consistency. */
export function formatTime(date: Date, zone: string): string {
  const p = parts(date, zone, { hour: 'numeric', minute: '2-digit', hour12: true });
  return `${p.hour}:${p.minute} ${(p.dayPeriod ?? '').toLowerCase()}`;
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(date: Date, zone: string): string {
  const p = parts(date, zone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  return `${p.year}-${p.month}-${p.day}`;
}

/** "Tue, Mar 2 · 7:00–8:30 pm"; across days "Tue, Mar 2, 7:00 pm – Wed, Mar 3, 9:00 am". */
export function formatWhen(
  start: Date,
  end: Date | null,
  zone: string,
  options: { allDay?: boolean; now?: Date } = {},
): string {
  const now = options.now ?? new Date();
  if (options.allDay) {
    const first = formatDay(start, zone, now);
    if (!end) return first;
    const lastDay = new Date(end.getTime() - 1);
    return localDate(lastDay, zone) === localDate(start, zone)
      ? first
      : `${first} – ${formatDay(lastDay, zone, now)}`;
  }
  const day = formatDay(start, zone, now);
  const from = formatTime(start, zone);
  if (!end) return `${day} · ${from}`;
  if (localDate(start, zone) === localDate(end, zone)) {
    const to = formatTime(end, zone);
    const samePeriod = from.slice(-2) === to.slice(-2);
    return `${day} · ${samePeriod ? from.slice(0, -3) : from}–${to}`;
  }
  return `${day}, ${from} – ${formatDay(end, zone, now)}, ${formatTime(end, zone)}`;
}

/** "today", "tomorrow", or the day, relative to now in the zone. */
export function relativeDay(date: Date, zone: string, now: Date = new Date()): string {
  const target = localDate(date, zone);
  if (target === localDate(now, zone)) return 'today';
  if (target === localDate(new Date(now.getTime() + 86_400_000), zone)) return 'tomorrow';
  return formatDay(date, zone, now);
}

/** A short timestamp for admin tables: "Mar 2, 2026, 7:04 pm". */
export function formatTimestamp(date: Date, zone: string): string {
  return `${formatter(zone, { month: 'short', day: 'numeric', year: 'numeric' }).format(date)}, ${formatTime(date, zone)}`;
}

/** The zone's short name at that instant ("EST", "PDT"), to show when an event's zone differs. */
export function zoneAbbreviation(date: Date, zone: string): string {
  return parts(date, zone, { timeZoneName: 'short' }).timeZoneName ?? zone;
}

let displayZone = 'America/New_York';

/** Set once at start-up from COALITION_TIMEZONE. */
export function setDisplayZone(zone: string): void {
  displayZone = zone;
}

/** The coalition's zone, in which dates are shown. */
export function coalitionZone(): string {
  return displayZone;
}
