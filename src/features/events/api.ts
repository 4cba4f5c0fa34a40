import type { Hono } from 'hono';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { canModerateEvents } from '../../platform/auth/policies.ts';
import { AppError } from '../../platform/errors.ts';
import { apiRoute, decodeCursor, encodeCursor, listResponse } from '../../platform/http/api.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { Id } from '../../platform/http/input.ts';
import { t } from '../../platform/i18n/index.ts';
import type { Services } from '../../platform/services.ts';
import { coalitionZone } from '../../platform/views/format.ts';
import { findTown } from '../places/lookup.ts';
import { ApiEventCreate, ApiEventPatch, ApiEventsQuery, parseApiDate } from './api-schemas.ts';
import { cached, peek } from './cache.ts';
import { findOccurrences, type OccurrenceListRow } from './occurrence-query.ts';
import { findEvent, findGroupBySlug } from './repository.ts';
import { draftOf, type EventDraft, type EventPatch, submitEvent, updateEvent } from './service.ts';
import { EVENT_MODES, EVENT_STATUSES, type EventRow, MODERATION_STATES } from './tables.ts';
import { summarize } from './text.ts';

const DAY = 86_400_000;
const encoder = new TextEncoder();

const OccurrenceItem = z.object({
  id: z.string().describe('The occurrence'),
  eventId: z.number().int(),
  title: z.string(),
  start: z.string().describe('ISO 8601 with offset, or YYYY-MM-DD when allDay'),
  end: z
    .string()
    .nullable()
    .describe('ISO 8601 with offset, or the last day YYYY-MM-DD (inclusive) when allDay'),
  allDay: z.boolean(),
  timezone: z.string(),
  status: z.enum(EVENT_STATUSES),
  mode: z.enum(EVENT_MODES),
  group: z.object({ slug: z.string(), name: z.string() }).nullable(),
  districts: z.array(z.number().int()),
  url: z.string(),
  type: z.string(),
  town: z.string().nullable(),
  venue: z.string().nullable(),
  summary: z.string(),
  moderation: z.enum(MODERATION_STATES).optional().describe('Editors only'),
});

const EventItem = z.object({
  id: z.number().int(),
  title: z.string(),
  description: z.string(),
  type: z.string(),
  start: z.string(),
  end: z.string().nullable(),
  timezone: z.string(),
  allDay: z.boolean(),
  rrule: z.string().nullable(),
  mode: z.enum(EVENT_MODES),
  venue: z.string().nullable(),
  address: z.string().nullable(),
  town: z.string().nullable(),
  districts: z.array(z.number().int()),
  onlineUrl: z.string().nullable(),
  group: z.string().nullable(),
  issueAreas: z.array(z.string()),
  capacity: z.number().nullable(),
  status: z.enum(EVENT_STATUSES),
  visibility: z.string(),
  moderation: z.enum(MODERATION_STATES),
  url: z.string(),
});

function isoIn(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toISO({ suppressMilliseconds: true })!;
}

function dayIn(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toISODate()!;
}

export function occurrenceItem(row: OccurrenceListRow, publicUrl: string, withModeration: boolean) {
  return {
    id: String(row.occurrence_id),
    eventId: row.event_id,
    title: row.title,
    start: row.all_day ? dayIn(row.starts_at, row.timezone) : isoIn(row.starts_at, row.timezone),
    end: row.ends_at
      ? row.all_day
        ? dayIn(new Date(row.ends_at.getTime() - 1), row.timezone)
        : isoIn(row.ends_at, row.timezone)
      : null,
    allDay: row.all_day,
    timezone: row.timezone,
    status: row.status,
    mode: row.mode,
    group: row.group_slug && row.group_name ? { slug: row.group_slug, name: row.group_name } : null,
    districts: row.districts,
    url: `${publicUrl}/events/${row.event_id}`,
    type: row.type,
    town: row.town_name,
    venue: row.venue,
    summary: summarize(row.description),
    ...(withModeration ? { moderation: row.moderation } : {}),
  };
}

async function eventItem(services: Services, event: EventRow) {
  const draft = await draftOf(services.db, event);
  return {
    id: event.id,
    title: event.title,
    description: event.description,
    type: event.type,
    start: event.all_day
      ? dayIn(event.starts_at, event.timezone)
      : isoIn(event.starts_at, event.timezone),
    end: event.ends_at
      ? event.all_day
        ? dayIn(new Date(event.ends_at.getTime() - 1), event.timezone)
        : isoIn(event.ends_at, event.timezone)
      : null,
    timezone: event.timezone,
    allDay: event.all_day,
    rrule: event.rrule,
    mode: event.mode,
    venue: event.venue,
    address: event.address,
    town: draft.town,
    districts: event.districts,
    onlineUrl: event.online_url,
    group: draft.group,
    issueAreas: draft.issueAreas,
    capacity: event.capacity,
    status: event.status,
    visibility: event.visibility,
    moderation: event.moderation,
    url: `${services.config.publicUrl}/events/${event.id}`,
  };
}

/** Start and end from the API's strings, in the event's zone; all-day ends are inclusive days. */
function timesFrom(
  input: { start?: string; end?: string | null; allDay?: boolean },
  zone: string,
  fallback?: { start: Date; end: Date | null },
) {
  const allDay = Boolean(input.allDay);
  const errors: Record<string, string> = {};
  if (allDay && input.start && !/^\d{4}-\d{2}-\d{2}$/.test(input.start))
    errors.start = 'An all-day event starts on a date: YYYY-MM-DD.';
  const start = input.start ? parseApiDate(input.start, zone) : fallback?.start;
  let end: Date | null | undefined =
    input.end === undefined
      ? fallback?.end
      : input.end === null
        ? null
        : parseApiDate(input.end, zone);
  if (allDay && input.end && end)
    end = DateTime.fromJSDate(end, { zone }).plus({ days: 1 }).startOf('day').toJSDate();
  if (allDay && !end && start)
    end = DateTime.fromJSDate(start, { zone }).plus({ days: 1 }).startOf('day').toJSDate();
  if (start && Number.isNaN(start.getTime())) errors.start = t('events.error.start');
  if (Object.keys(errors).length)
    throw new AppError('invalid_input', t('events.error.summary'), errors);
  return { start: start!, end: end ?? null };
}

/** The cache key of a visitor's list request (the same in the fast path and the handler). */
function listCacheKey(search: string, hasFrom: boolean, minute: number): string {
  return `api:${hasFrom ? '' : minute}:${search}`;
}

export function eventApi(app: Hono<AppEnv>, services: Services): void {
  // A visitor's repeated question is answered from the cache before any parsing.
  app.get('/api/v1/events', async (c, next) => {
    if (c.req.header('authorization')) return next();
    const now = services.now().getTime();
    const search = new URL(c.req.url).search;
    const hit = peek<Uint8Array>(
      listCacheKey(search, /[?&]from=./.test(search), Math.floor(now / 60_000) * 60_000),
      now,
    );
    if (!hit) return next();
    return c.body(hit as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'public, max-age=60',
    });
  });
  apiRoute(
    app,
    {
      method: 'get',
      path: '/events',
      summary:
        'Upcoming occurrences, one item per occurrence, ordered by start. Editors also get (and may filter by) moderation.',
      tag: 'Events',
      query: ApiEventsQuery,
      response: listResponse(OccurrenceItem),
    },
    async ({ query, actor }, c) => {
      const isEditor = canModerateEvents(actor);
      const now = services.now();
      const zone = coalitionZone();
      // Without `from`: from now, to the minute, so anonymous answers can be shared for a minute.
      const minute = Math.floor(now.getTime() / 60_000) * 60_000;
      const from = query.from ? parseApiDate(query.from, zone) : new Date(minute);
      const to = query.to ? parseApiDate(query.to, zone) : new Date(from.getTime() + 365 * DAY);
      if (to <= from)
        throw new AppError('invalid_input', 'to must be after from.', {
          to: 'to must be after from.',
        });
      const compute = async () => {
        const cursor = decodeCursor(query.cursor, z.object({ s: z.string(), i: z.number().int() }));
        let groupId: number | undefined;
        if (query.group) groupId = (await findGroupBySlug(services.db, query.group))?.id ?? -1;
        let townId: number | undefined;
        if (query.town) {
          const town = findTown(query.town);
          if (!town)
            throw new AppError(
              'invalid_input',
              t('events.error.unknownTown', { town: query.town }),
              { town: t('events.error.unknownTown', { town: query.town }) },
            );
          townId = town.id;
        }
        const rows = await findOccurrences(services.db, {
          from,
          to,
          groupId,
          district: query.district,
          townId,
          type: query.type,
          issueArea: query.issue_area,
          moderation: isEditor
            ? query.moderation
              ? [query.moderation]
              : MODERATION_STATES
            : ['approved'],
          includeUnlisted: isEditor,
          after: cursor ? { start: new Date(cursor.s), id: cursor.i } : undefined,
          limit: query.limit + 1,
        });
        const hasMore = rows.length > query.limit;
        const page = hasMore ? rows.slice(0, query.limit) : rows;
        const last = page[page.length - 1];
        return {
          data: page.map((row) => occurrenceItem(row, services.config.publicUrl, isEditor)),
          next:
            hasMore && last
              ? encodeCursor({ s: last.starts_at.toISOString(), i: last.occurrence_id })
              : null,
        };
      };
      // Editors see what visitors may not: never from the shared cache.
      if (isEditor) return compute();
      // Visitors share the serialized answer (see docs/decisions/0021-feed-cache.md).
      const bytes = await cached(
        `api:${query.from ? '' : minute}:${new URL(c.req.url).search}`,
        now.getTime(),
        async () => encoder.encode(JSON.stringify(await compute())),
      );
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/json',
        'Cache-Control': 'public, max-age=60',
      });
    },
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/events',
      summary:
        'Submit an event. Organizers of the group and editors publish at once; editors may set moderation.',
      tag: 'Events',
      auth: true,
      body: ApiEventCreate,
      response: EventItem,
      status: 201,
    },
    async ({ body, actor }, c) => {
      const zone = body.timezone ?? coalitionZone();
      const { start, end } = timesFrom(body, zone);
      const draft: EventDraft = {
        ...body,
        timezone: zone,
        start,
        end,
        exdates: body.exdates.map((d) => parseApiDate(d, zone)),
        rdates: [],
        imagePath: null,
      };
      const result = await submitEvent(services, draft, {
        actor: actor!,
        ip: c.get('ip'),
        via: 'api',
        moderation: body.moderation,
      });
      return eventItem(services, result.event);
    },
  );

  apiRoute(
    app,
    {
      method: 'patch',
      path: '/events/:eventId',
      summary:
        'Change an event (its host group organizers, its submitter while pending, editors). Editors may set moderation and moderationReason.',
      tag: 'Events',
      auth: true,
      params: z.object({ eventId: Id }),
      body: ApiEventPatch,
      response: EventItem,
    },
    async ({ params, body, actor }, c) => {
      const event = await findEvent(services.db, params.eventId);
      if (!event) throw new AppError('not_found', `${t('events.notFound')} was not found.`);
      const zone = body.timezone ?? event.timezone;
      const patch: EventPatch = {};
      for (const [key, value] of Object.entries(body)) {
        if (['start', 'end', 'allDay', 'exdates'].includes(key)) continue;
        (patch as Record<string, unknown>)[key] = value;
      }
      if (
        body.start !== undefined ||
        body.end !== undefined ||
        body.allDay !== undefined ||
        body.timezone !== undefined
      ) {
        const times = timesFrom(
          { start: body.start, end: body.end, allDay: body.allDay ?? event.all_day },
          zone,
          { start: event.starts_at, end: event.ends_at },
        );
        patch.start = times.start;
        patch.end = times.end;
        patch.allDay = body.allDay ?? event.all_day;
      }
      if (body.exdates) patch.exdates = body.exdates.map((d) => parseApiDate(d, zone));
      const updated = await updateEvent(services, actor!, params.eventId, patch, {
        ip: c.get('ip'),
        requestId: c.get('requestId'),
      });
      return eventItem(services, updated);
    },
  );
}
