/**
 * Importing iCalendar files and feeds (hub events:import, group subscriptions). Every VEVENT is
 * keyed by its UID: a UID seen before updates that event, never a second copy. An event an
 * editor changed here since the last import is left as it is and reported. A VEVENT that cannot
 * be used is skipped with its reason; the rest of the file still imports.
 */
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { FetchRefusedError, safeFetch } from '../../platform/net/safe-fetch.ts';
import type { Services } from '../../platform/services.ts';
import { findTown } from '../places/lookup.ts';
import { calendarChanged } from './cache.ts';
import { checkRule, fromFloating, isValidZone, recurrenceKeyOf } from './recurrence.ts';
import { findEventBySource, insertEvent, updateEventRow } from './repository.ts';
import {
  contentHash,
  type EventDraft,
  resolveDraft,
  syncSearch,
  writeEventDependents,
} from './service.ts';
import { EVENT_TYPES, type EventSource, type EventType } from './tables.ts';

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  cancelled: number;
  skipped: { uid?: string; summary?: string; reason: string }[];
  /** Titles of events changed here and in the feed: the local version was kept. */
  keptLocalEdits: string[];
}

export const emptyReport = (): ImportReport => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  cancelled: 0,
  skipped: [],
  keptLocalEdits: [],
});

const WINDOWS_ZONES: Record<string, string> = {
  'Eastern Standard Time': 'America/New_York',
  'US Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'Pacific Standard Time': 'America/Los_Angeles',
  'GMT Standard Time': 'Europe/London',
  'W. Europe Standard Time': 'Europe/Berlin',
  UTC: 'UTC',
};

function ianaZone(tzid: string | undefined | null): string | undefined {
  if (!tzid) return undefined;
  const cleaned = tzid.replace(/^\/+/, '').replace(/^"|"$/g, '');
  if (WINDOWS_ZONES[cleaned]) return WINDOWS_ZONES[cleaned];
  return isValidZone(cleaned) && cleaned.includes('/') ? cleaned : undefined;
}

interface ReadTime {
  instant: Date;
  isDate: boolean;
  /** The IANA zone written in the file, when there is one. */
  zone: string | undefined;
  isUtc: boolean;
}

/** An ICAL.Time as an instant: IANA TZIDs via luxon, others via the file's VTIMEZONE, floating in `fallback`. */
function readTime(time: ICAL.Time, fallback: string): ReadTime {
  const floating = new Date(
    Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second),
  );
  const tzid = (time as unknown as { timezone?: string }).timezone;
  const isUtc = time.zone?.tzid === 'UTC' || tzid === 'Z' || tzid === 'UTC';
  if (time.isDate) {
    const zone = ianaZone(tzid) ?? fallback;
    return {
      instant: fromFloating(floating, zone),
      isDate: true,
      zone: ianaZone(tzid),
      isUtc: false,
    };
  }
  if (isUtc) return { instant: floating, isDate: false, zone: 'UTC', isUtc: true };
  const zone = ianaZone(tzid);
  if (zone) return { instant: fromFloating(floating, zone), isDate: false, zone, isUtc: false };
  if (tzid && time.zone && time.zone.tzid !== 'floating')
    return { instant: time.toJSDate(), isDate: false, zone: undefined, isUtc: false };
  return {
    instant: fromFloating(floating, fallback),
    isDate: false,
    zone: undefined,
    isUtc: false,
  };
}

function text(component: ICAL.Component, name: string): string | null {
  const value = component.getFirstPropertyValue(name);
  if (value === null || value === undefined) return null;
  return String(value).trim() || null;
}

const ONLINE = /(https?:\/\/\S*(zoom\.us|meet\.google|teams\.microsoft|webex|jit\.si|whereby)\S*)/i;

/** A Massachusetts town named in a LOCATION ("12 Main St, Northampton, MA 01060"). */
export function townInLocation(location: string): string | null {
  const parts = location
    .split(/[,\n]/)
    .map((part) =>
      part
        .replace(/\b(MA|Mass\.?|Massachusetts|USA|US|United States)\b/gi, '')
        .replace(/\d{5}(-\d{4})?/, '')
        .trim(),
    )
    .filter(Boolean)
    .reverse();
  for (const part of parts) {
    const town = findTown(part);
    if (town) return town.name;
  }
  return null;
}

function typeFrom(categories: string[]): EventType {
  for (const category of categories) {
    const slug = category
      .toLowerCase()
      .replace(/[^a-z]+/g, '_')
      .replace(/^_|_$/g, '');
    if ((EVENT_TYPES as readonly string[]).includes(slug)) return slug as EventType;
  }
  return 'other';
}

export interface ParsedEvent {
  uid: string;
  draft: EventDraft;
  overrides: {
    recurrenceKey: string;
    start: Date;
    end: Date | null;
    cancelled: boolean;
    title: string | null;
  }[];
  hash: string;
}

/** Parses a VCALENDAR into one draft per UID, and the reasons for what it had to skip. */
export function parseCalendar(
  source: string,
  fallbackZone: string,
): { events: ParsedEvent[]; skipped: ImportReport['skipped'] } {
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(source));
  } catch (error) {
    throw new AppError(
      'invalid_input',
      `This is not an iCalendar file: ${(error as Error).message}`,
    );
  }
  if (calendar.name !== 'vcalendar')
    throw new AppError('invalid_input', 'This is not an iCalendar file: no VCALENDAR.');
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    const tzid = text(zone, 'tzid');
    if (tzid && !ICAL.TimezoneService.has(tzid)) ICAL.TimezoneService.register(zone);
  }
  const calendarZone = ianaZone(text(calendar, 'x-wr-timezone')) ?? fallbackZone;
  const byUid = new Map<string, ICAL.Component[]>();
  const skipped: ImportReport['skipped'] = [];
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const uid = text(vevent, 'uid');
    if (!uid) {
      skipped.push({
        summary: text(vevent, 'summary') ?? undefined,
        reason: 'It has no UID, so it could not be kept apart from other events.',
      });
      continue;
    }
    byUid.set(uid, [...(byUid.get(uid) ?? []), vevent]);
  }
  const events: ParsedEvent[] = [];
  for (const [uid, components] of byUid) {
    const master = components.find((c) => !c.hasProperty('recurrence-id'));
    const summary = master ? (text(master, 'summary') ?? undefined) : undefined;
    try {
      if (!master) throw new Error('It changes one date of a series that is not in the file.');
      const title = text(master, 'summary');
      if (!title) throw new Error('It has no title (SUMMARY).');
      const dtstart = master.getFirstPropertyValue('dtstart') as ICAL.Time | null;
      if (!dtstart) throw new Error('It has no start (DTSTART).');
      const start = readTime(dtstart, calendarZone);
      const rruleValue = master.getFirstPropertyValue('rrule');
      const rrule = rruleValue ? String(rruleValue) : null;
      // A UTC series repeats in UTC; a UTC one-off is shown in the calendar's zone.
      const zone = start.isUtc ? (rrule ? 'UTC' : calendarZone) : (start.zone ?? calendarZone);
      let end: Date | null = null;
      const dtend = master.getFirstPropertyValue('dtend') as ICAL.Time | null;
      const duration = master.getFirstPropertyValue('duration') as ICAL.Duration | null;
      if (dtend) end = readTime(dtend, zone).instant;
      else if (duration) end = new Date(start.instant.getTime() + duration.toSeconds() * 1000);
      else if (start.isDate)
        end = DateTime.fromJSDate(start.instant, { zone }).plus({ days: 1 }).toJSDate();
      if (end && end <= start.instant) {
        if (start.isDate)
          end = DateTime.fromJSDate(start.instant, { zone }).plus({ days: 1 }).toJSDate();
        else throw new Error('It ends before it starts.');
      }
      if (rrule) {
        const problem = checkRule(rrule, start.instant, zone);
        if (problem) throw new Error(`Its repeat rule cannot be used: ${problem}`);
      }
      const dates = (name: string) =>
        master
          .getAllProperties(name)
          .flatMap((property) => property.getValues() as ICAL.Time[])
          .filter((value) => value && typeof value === 'object' && 'year' in value)
          .map((value) => readTime(value, zone).instant);
      const location = text(master, 'location');
      const description = text(master, 'description') ?? '';
      const url = text(master, 'url');
      const onlineMatch =
        ONLINE.exec(`${location ?? ''}\n${description}`) ?? (url && ONLINE.exec(url));
      const town = location ? townInLocation(location) : null;
      const isOnlineOnly = Boolean(onlineMatch) && (!location || ONLINE.test(location)) && !town;
      const categories = master
        .getAllProperties('categories')
        .flatMap((p) => p.getValues().map(String));
      const status = text(master, 'status')?.toUpperCase();
      const draft: EventDraft = {
        title: title.slice(0, 200),
        description: description.slice(0, 20_000),
        type: typeFrom(categories),
        mode: isOnlineOnly ? 'online' : onlineMatch ? 'hybrid' : 'in_person',
        group: null,
        cohosts: [],
        venue: location && !isOnlineOnly ? location.split(/[,\n]/)[0]!.trim().slice(0, 200) : null,
        address: location && !isOnlineOnly ? location.slice(0, 300) : null,
        town,
        onlineUrl: onlineMatch ? onlineMatch[1]!.slice(0, 2000) : null,
        onlineUrlForRsvpsOnly: false,
        accessibility: null,
        capacity: null,
        imagePath: null,
        contactName: null,
        contactEmail: null,
        timezone: zone,
        start: start.instant,
        end,
        allDay: start.isDate,
        rrule,
        exdates: dates('exdate'),
        rdates: dates('rdate'),
        issueAreas: [],
        status: status === 'CANCELLED' ? 'cancelled' : 'scheduled',
        visibility: 'public',
        externalUrl: url && /^https?:\/\//.test(url) ? url.slice(0, 2000) : null,
      };
      const overrides: ParsedEvent['overrides'] = [];
      for (const component of components.filter((c) => c.hasProperty('recurrence-id'))) {
        const recurrenceId = readTime(
          component.getFirstPropertyValue('recurrence-id') as ICAL.Time,
          zone,
        ).instant;
        const oStart = component.getFirstPropertyValue('dtstart') as ICAL.Time | null;
        const oEnd = component.getFirstPropertyValue('dtend') as ICAL.Time | null;
        const startInstant = oStart ? readTime(oStart, zone).instant : recurrenceId;
        overrides.push({
          recurrenceKey: recurrenceKeyOf(recurrenceId),
          start: startInstant,
          end: oEnd
            ? readTime(oEnd, zone).instant
            : end
              ? new Date(startInstant.getTime() + (end.getTime() - start.instant.getTime()))
              : null,
          cancelled: text(component, 'status')?.toUpperCase() === 'CANCELLED',
          title: text(component, 'summary'),
        });
      }
      events.push({ uid, draft, overrides, hash: contentHash({ draft, overrides }) });
    } catch (error) {
      skipped.push({ uid, summary, reason: (error as Error).message });
    }
  }
  return { events, skipped };
}

export interface ImportOptions {
  source: EventSource;
  feedId?: number | null;
  groupId?: number | null;
  groupSlug?: string | null;
  approve: boolean;
  actor?: Actor | null;
  /** For feeds: events from this feed that are no longer in it are marked cancelled. */
  cancelMissing?: boolean;
}

/** Stores parsed events: creates, updates (unless edited here), cancels those that left the feed. */
export async function storeImportedEvents(
  services: Services,
  parsed: { events: ParsedEvent[]; skipped: ImportReport['skipped'] },
  options: ImportOptions,
  onProgress?: (done: number) => void,
): Promise<ImportReport> {
  const report = emptyReport();
  report.skipped.push(...parsed.skipped);
  const now = services.now();
  let done = 0;
  for (const item of parsed.events) {
    const draft = { ...item.draft, group: options.groupSlug ?? item.draft.group ?? null };
    try {
      const resolved = await resolveDraft(services.db, draft, now, { lenient: true });
      await services.db.transaction().execute(async (tx) => {
        const existing = await findEventBySource(tx, options.source, item.uid);
        if (existing && existing.source_hash === item.hash) {
          report.unchanged++;
          return;
        }
        if (existing?.locally_edited_at) {
          report.keptLocalEdits.push(existing.title);
          return;
        }
        const event = existing
          ? await updateEventRow(
              tx,
              existing.id,
              {
                ...resolved.fields,
                groupId: existing.group_id ?? resolved.fields.groupId,
                imagePath: existing.image_path,
              },
              { sourceHash: item.hash },
            )
          : await insertEvent(tx, resolved.fields, {
              source: options.source,
              sourceUid: item.uid,
              feedId: options.feedId ?? null,
              sourceHash: item.hash,
              moderation: options.approve ? 'approved' : 'pending',
              submittedVia: options.source,
              submitterPersonId: options.actor?.personId ?? null,
              emailConfirmedAt: now,
            });
        await writeEventDependents(tx, services, event, {
          issueAreas: existing ? undefined : resolved.issueAreas,
        });
        await applyImportedOverrides(tx, event.id, item.overrides);
        if (existing) report.updated++;
        else report.created++;
      });
    } catch (error) {
      const fields =
        error instanceof AppError && error.fields
          ? Object.values(error.fields).join(' ')
          : (error as Error).message;
      report.skipped.push({ uid: item.uid, summary: item.draft.title, reason: fields });
    }
    onProgress?.(++done);
  }
  if (options.cancelMissing && options.feedId) {
    const seen = new Set(parsed.events.map((e) => e.uid));
    for (const skippedItem of parsed.skipped) if (skippedItem.uid) seen.add(skippedItem.uid);
    const gone = await services.db
      .selectFrom('events')
      .selectAll()
      .where('feed_id', '=', options.feedId)
      .where('status', '!=', 'cancelled')
      .where('merged_into_id', 'is', null)
      .execute();
    for (const event of gone) {
      if (seen.has(event.source_uid ?? '')) continue;
      const last = await services.db
        .selectFrom('event_occurrences')
        .select((eb) => eb.fn.max('starts_at').as('at'))
        .where('event_id', '=', event.id)
        .executeTakeFirst();
      if (last?.at && new Date(last.at as unknown as string) < now) continue;
      await services.db.transaction().execute(async (tx) => {
        const updated = await tx
          .updateTable('events')
          .set({ status: 'cancelled', updated_at: now, source_hash: null })
          .where('id', '=', event.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await syncSearch(tx, updated, now);
        const { enqueueJob } = await import('../../platform/jobs/queue.ts');
        await enqueueJob(
          tx,
          'events.notify-attendees',
          { eventId: event.id, kind: 'cancelled' },
          { runAt: now },
        );
      });
      report.cancelled++;
    }
  }
  if (options.actor) {
    await recordAudit(services.db, {
      actor: options.actor,
      action: 'event.import',
      subjectType: 'event_feed',
      subjectId: options.feedId ?? null,
      details: { ...report, skipped: report.skipped.length },
    });
  }
  calendarChanged();
  return report;
}

async function applyImportedOverrides(
  tx: Tx,
  eventId: number,
  overrides: ParsedEvent['overrides'],
) {
  await tx
    .updateTable('event_occurrences')
    .set({ is_override: false, status: null, title: null })
    .where('event_id', '=', eventId)
    .where('is_override', '=', true)
    .execute();
  for (const override of overrides) {
    await tx
      .updateTable('event_occurrences')
      .set({
        is_override: true,
        starts_at: override.start,
        ends_at: override.end,
        status: override.cancelled ? 'cancelled' : null,
        title: override.title,
      })
      .where('event_id', '=', eventId)
      .where('recurrence_key', '=', override.recurrenceKey)
      .execute();
  }
}

/**
 * Reads an http(s)/webcal URL (through the platform's safe fetch: internal addresses are refused
 * unless allowed) or, where a `readFile` is given (the operator's CLI), a path.
 */
export async function fetchCalendarText(
  location: string,
  options: { allowedHosts: readonly string[]; readFile?: (path: string) => Promise<string> },
): Promise<string> {
  if (!/^(https?|webcal):\/\//i.test(location)) {
    if (options.readFile) return options.readFile(location);
    throw new FetchRefusedError(t('net.refused.notUrl'));
  }
  const url = location.replace(/^webcal:/i, 'https:');
  const response = await safeFetch(url, {
    allowedHosts: options.allowedHosts,
    headers: { accept: 'text/calendar, */*' },
    maxBytes: 20 * 1024 * 1024,
  });
  if (!response.ok) throw new Error(`The feed answered ${response.status} ${response.statusText}.`);
  return response.text();
}
