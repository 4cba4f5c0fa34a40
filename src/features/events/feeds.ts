import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { t } from '../../platform/i18n/index.ts';
import type { Services } from '../../platform/services.ts';
import { escapeHtml as escapeXml } from '../../platform/text.ts';
import { formatWhen } from '../../platform/views/format.ts';
import { cached } from './cache.ts';
import { type IcsEvent, writeCalendar } from './ics.ts';
import { applyEventFilters, findOccurrences, type OccurrenceFilter } from './occurrence-query.ts';
import type { EventRow, OccurrenceRow } from './tables.ts';
import { plainText, summarize } from './text.ts';

export type FeedFilter = Pick<
  OccurrenceFilter,
  'groupId' | 'district' | 'townId' | 'townIds' | 'type' | 'issueArea' | 'onlineOnly'
>;

const DAY = 86_400_000;
/** Feeds carry what is coming in the next year and what happened in the last month. */
export const FEED_PAST_DAYS = 30;
export const FEED_FUTURE_DAYS = 365;
export const RSS_DAYS = 90;

type SeriesRow = EventRow & {
  group_name: string | null;
  town_name: string | null;
  latitude: number | null;
  longitude: number | null;
};

/** Series (whole events) that have an occurrence in the window and match the filter. */
async function findSeries(
  db: Executor,
  filter: FeedFilter & { eventId?: number; includeUnlisted?: boolean },
  from: Date,
  to: Date,
) {
  let query = db
    .selectFrom('events as e')
    .leftJoin('groups as g', 'g.id', 'e.group_id')
    .leftJoin('towns as t', 't.id', 'e.town_id')
    .selectAll('e')
    .select(['g.name as group_name', 't.name as town_name', 't.latitude', 't.longitude'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('event_occurrences as o')
          .select('o.id')
          .whereRef('o.event_id', '=', 'e.id')
          .where('o.starts_at', '<', to)
          .where(sql<boolean>`coalesce(o.ends_at, o.starts_at) >= ${from}::timestamptz`),
      ),
    );
  query = applyEventFilters(query, filter);
  const events = (await query.orderBy('e.starts_at').orderBy('e.id').execute()) as SeriesRow[];
  const ids = events.map((e) => e.id);
  const overrides: OccurrenceRow[] = ids.length
    ? await db
        .selectFrom('event_occurrences')
        .selectAll()
        .where('event_id', 'in', ids)
        .where('is_override', '=', true)
        .execute()
    : [];
  return { events, overrides };
}

function locationOf(parts: (string | null | undefined)[]): string | undefined {
  const text = parts.filter(Boolean).join(', ');
  return text || undefined;
}

function toIcsEvents(
  services: Services,
  events: SeriesRow[],
  overrides: OccurrenceRow[],
): IcsEvent[] {
  const host = new URL(services.config.publicUrl).hostname;
  const byEvent = new Map<number, OccurrenceRow[]>();
  for (const row of overrides) {
    const list = byEvent.get(row.event_id) ?? [];
    list.push(row);
    byEvent.set(row.event_id, list);
  }
  const out: IcsEvent[] = [];
  for (const event of events) {
    const url = `${services.config.publicUrl}/events/${event.id}`;
    const online =
      event.mode !== 'in_person' && event.online_url && !event.online_url_for_rsvps_only
        ? `\n${t('events.ics.join')}: ${event.online_url}`
        : '';
    const base: IcsEvent = {
      uid: `event-${event.id}@${host}`,
      stamp: event.updated_at,
      created: event.created_at,
      lastModified: event.updated_at,
      start: event.starts_at,
      end: event.ends_at,
      allDay: event.all_day,
      timezone: event.timezone,
      summary: event.title,
      description: `${plainText(event.description)}${online}\n\n${url}`.trim(),
      location:
        locationOf([event.venue, event.address, event.town_name]) ??
        (event.mode === 'online' ? t('events.mode.online') : undefined),
      url,
      status: event.status,
      categories: [t(`events.type.${event.type}`)],
      rrule: event.rrule,
      exdates: event.exdates,
      rdates: event.rdates,
      geo: null,
    };
    out.push(base);
    const isSeries = Boolean(event.rrule) || event.rdates.length > 0;
    for (const override of byEvent.get(event.id) ?? []) {
      if (!isSeries) {
        // A one-off event: its own occurrence's state is the event's.
        base.start = override.starts_at;
        base.end = override.ends_at;
        if (override.status) base.status = override.status;
        continue;
      }
      out.push({
        ...base,
        rrule: null,
        exdates: [],
        rdates: [],
        recurrenceId: override.original_start,
        start: override.starts_at,
        end: override.ends_at,
        summary: override.title ?? event.title,
        location: locationOf([
          override.venue ?? event.venue,
          override.address ?? event.address,
          event.town_name,
        ]),
        status: override.status ?? event.status,
        description: override.note ? `${override.note}\n\n${base.description}` : base.description,
      });
    }
  }
  return out;
}

export function feedTitle(parts: string[]): string {
  return parts.length ? `${t('events.feed.title')}: ${parts.join(', ')}` : t('events.feed.title');
}

/** A computed feed, encoded once, with its entity tag. */
export interface FeedBody {
  bytes: Uint8Array;
  etag: string;
}

const encoder = new TextEncoder();
function feedBody(text: string): FeedBody {
  return {
    bytes: encoder.encode(text),
    etag: `"${createHash('sha1').update(text).digest('base64url')}"`,
  };
}

/** The iCalendar feed for a filter (cached until the calendar changes). */
export async function calendarFeed(
  services: Services,
  filter: FeedFilter,
  title: string,
  cacheKey: string,
): Promise<FeedBody> {
  return cached(`ics:${cacheKey}`, services.now().getTime(), async () => {
    const now = services.now();
    const { events, overrides } = await findSeries(
      services.db,
      filter,
      new Date(now.getTime() - FEED_PAST_DAYS * DAY),
      new Date(now.getTime() + FEED_FUTURE_DAYS * DAY),
    );
    return feedBody(
      writeCalendar({
        name: title,
        url: `${services.config.publicUrl}/events`,
        events: toIcsEvents(services, events, overrides),
      }),
    );
  });
}

/** One event (its whole series) as an .ics file; unlisted events too (whoever has the link). */
export async function eventCalendar(
  services: Services,
  eventId: number,
): Promise<string | undefined> {
  const { events, overrides } = await findSeries(
    services.db,
    { eventId, includeUnlisted: true },
    new Date(0),
    new Date('9999-12-31T00:00:00Z'),
  );
  if (!events.length) return undefined;
  return writeCalendar({
    name: events[0]!.title,
    events: toIcsEvents(services, events, overrides),
  });
}

/** One event with only the given occurrence (RSVP confirmation attachments). */
export async function occurrenceCalendar(
  db: Executor,
  services: Services,
  eventId: number,
  occurrenceId: number,
  method: 'PUBLISH' | 'REQUEST' = 'PUBLISH',
) {
  const rows = await findOccurrences(db, {
    eventId,
    includeUnlisted: true,
    moderation: ['approved', 'pending'],
  });
  const row = rows.find((r) => r.occurrence_id === occurrenceId);
  if (!row) return undefined;
  const host = new URL(services.config.publicUrl).hostname;
  const url = `${services.config.publicUrl}/events/${eventId}?occurrence=${occurrenceId}`;
  return writeCalendar({
    name: row.title,
    method,
    events: [
      {
        uid: `occurrence-${occurrenceId}@${host}`,
        stamp: services.now(),
        start: row.starts_at,
        end: row.ends_at,
        allDay: row.all_day,
        timezone: row.timezone,
        summary: row.title,
        description: `${summarize(row.description, 500)}\n\n${url}`,
        location: locationOf([row.venue, row.address, row.town_name]),
        url,
        status: row.status,
      },
    ],
  });
}

/** RSS 2.0: one item per upcoming occurrence in the next 90 days, soonest first. */
export async function rssFeed(
  services: Services,
  filter: FeedFilter,
  title: string,
  cacheKey: string,
  selfUrl: string,
): Promise<FeedBody> {
  return cached(`rss:${cacheKey}`, services.now().getTime(), async () => {
    const now = services.now();
    const rows = await findOccurrences(services.db, {
      ...filter,
      from: now,
      to: new Date(now.getTime() + RSS_DAYS * DAY),
      limit: 500,
    });
    const base = services.config.publicUrl;
    const items = rows.map((row) => {
      const when = formatWhen(row.starts_at, row.ends_at, row.timezone, {
        allDay: row.all_day,
        now,
      });
      const status =
        row.status === 'scheduled' ? '' : `${t(`events.status.${row.status}`).toUpperCase()}: `;
      const where =
        [row.venue, row.town_name].filter(Boolean).join(', ') || t(`events.mode.${row.mode}`);
      const link = `${base}/events/${row.event_id}?occurrence=${row.occurrence_id}`;
      return [
        '<item>',
        `<title>${escapeXml(`${status}${row.title} (${when})`)}</title>`,
        `<link>${escapeXml(link)}</link>`,
        `<guid isPermaLink="false">${escapeXml(`${new URL(base).hostname}-occurrence-${row.occurrence_id}`)}</guid>`,
        `<description>${escapeXml(`${when} · ${where}. ${summarize(row.description, 400)}`)}</description>`,
        `<category>${escapeXml(t(`events.type.${row.type}`))}</category>`,
        `<pubDate>${row.starts_at.toUTCString()}</pubDate>`,
        '</item>',
      ].join('');
    });
    return feedBody(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
        '<channel>',
        `<title>${escapeXml(title)}</title>`,
        `<link>${escapeXml(`${base}/events`)}</link>`,
        `<description>${escapeXml(t('events.lead'))}</description>`,
        `<atom:link href="${escapeXml(selfUrl)}" rel="self" type="application/rss+xml"/>`,
        `<lastBuildDate>${now.toUTCString()}</lastBuildDate>`,
        ...items,
        '</channel>',
        '</rss>',
        '',
      ].join('\n'),
    );
  });
}
