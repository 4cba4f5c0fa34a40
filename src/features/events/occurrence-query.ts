import { type ExpressionBuilder, sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { EventMode, EventStatus, EventType, ModerationState, Visibility } from './tables.ts';

/**
 * The one query behind every list of occurrences: the calendar pages, the feeds, the API, the
 * digest for the newsletter and group profiles. Filters compose; defaults show only what a
 * visitor may see (approved, public, not merged into another event).
 */
export interface OccurrenceFilter {
  from?: Date;
  to?: Date;
  eventId?: number;
  groupId?: number;
  district?: number;
  townId?: number;
  /** Any of these towns (a town and those within a distance of it). */
  townIds?: number[];
  type?: string;
  issueArea?: string;
  onlineOnly?: boolean;
  inPersonOnly?: boolean;
  /** Default ['approved']. */
  moderation?: readonly ModerationState[];
  /** Default false: unlisted events are left out of lists and feeds. */
  includeUnlisted?: boolean;
  /** Keyset pagination: after this (start, occurrence id). */
  after?: { start: Date; id: number };
  limit?: number;
}

export interface OccurrenceListRow {
  occurrence_id: number;
  event_id: number;
  recurrence_key: string;
  title: string;
  description: string;
  type: EventType;
  starts_at: Date;
  ends_at: Date | null;
  all_day: boolean;
  timezone: string;
  status: EventStatus;
  mode: EventMode;
  moderation: ModerationState;
  visibility: Visibility;
  venue: string | null;
  address: string | null;
  town_name: string | null;
  town_id: number | null;
  districts: number[];
  group_slug: string | null;
  group_name: string | null;
  is_featured: boolean;
  is_sample: boolean;
  is_recurring: boolean;
  note: string | null;
  capacity: number | null;
  latitude: number | null;
  longitude: number | null;
}

/** The status an occurrence has, given its own (override) and the series'. */
export const effectiveStatus = sql<EventStatus>`case
  when o.status = 'cancelled' or e.status = 'cancelled' then 'cancelled'
  when o.status = 'postponed' or e.status = 'postponed' then 'postponed'
  else 'scheduled' end`;

export function applyEventFilters<QB extends { where: any }>(
  query: QB,
  filter: Omit<OccurrenceFilter, 'from' | 'to' | 'after' | 'limit'>,
): QB {
  let q: any = query;
  q = q.where('e.moderation', 'in', filter.moderation ?? ['approved']);
  q = q.where('e.merged_into_id', 'is', null);
  if (!filter.includeUnlisted) q = q.where('e.visibility', '=', 'public');
  if (filter.eventId !== undefined) q = q.where('e.id', '=', filter.eventId);
  if (filter.groupId !== undefined) {
    const groupId = filter.groupId;
    q = q.where((eb: ExpressionBuilder<Database & { e: Database['events'] }, 'e'>) =>
      eb.or([
        eb('e.group_id', '=', groupId),
        eb.exists(
          eb
            .selectFrom('event_cohosts as ch')
            .select('ch.event_id')
            .whereRef('ch.event_id', '=', 'e.id')
            .where('ch.group_id', '=', groupId),
        ),
      ]),
    );
  }
  if (filter.district !== undefined) {
    q = q.where(sql<boolean>`${filter.district}::int = any(e.districts)`);
  }
  if (filter.townId !== undefined) q = q.where('e.town_id', '=', filter.townId);
  if (filter.townIds !== undefined)
    q = filter.townIds.length
      ? q.where('e.town_id', 'in', filter.townIds)
      : q.where(sql<boolean>`false`);
  if (filter.type) q = q.where('e.type', '=', filter.type);
  if (filter.issueArea) {
    const area = filter.issueArea;
    q = q.where((eb: ExpressionBuilder<Database & { e: Database['events'] }, 'e'>) =>
      eb.exists(
        eb
          .selectFrom('event_issue_areas as ia')
          .select('ia.event_id')
          .whereRef('ia.event_id', '=', 'e.id')
          .where('ia.issue_area', '=', area),
      ),
    );
  }
  if (filter.onlineOnly) q = q.where('e.mode', 'in', ['online', 'hybrid']);
  if (filter.inPersonOnly) q = q.where('e.mode', 'in', ['in_person', 'hybrid']);
  return q as QB;
}

/** Occurrences matching the filter, ordered by start (then occurrence id). */
export async function findOccurrences(
  db: Executor,
  filter: OccurrenceFilter,
): Promise<OccurrenceListRow[]> {
  let query = db
    .selectFrom('event_occurrences as o')
    .innerJoin('events as e', 'e.id', 'o.event_id')
    .leftJoin('groups as g', 'g.id', 'e.group_id')
    .leftJoin('towns as t', 't.id', 'e.town_id')
    .select([
      'o.id as occurrence_id',
      'e.id as event_id',
      'o.recurrence_key',
      sql<string>`coalesce(o.title, e.title)`.as('title'),
      'e.description',
      'e.type',
      'o.starts_at',
      'o.ends_at',
      'e.all_day',
      'e.timezone',
      effectiveStatus.as('status'),
      'e.mode',
      'e.moderation',
      'e.visibility',
      sql<string | null>`coalesce(o.venue, e.venue)`.as('venue'),
      sql<string | null>`coalesce(o.address, e.address)`.as('address'),
      't.name as town_name',
      'e.town_id',
      'e.districts',
      'g.slug as group_slug',
      'g.name as group_name',
      'e.is_featured',
      'e.is_sample',
      sql<boolean>`(e.rrule is not null or cardinality(e.rdates) > 0)`.as('is_recurring'),
      'o.note',
      'e.capacity',
      't.latitude',
      't.longitude',
    ]);
  query = applyEventFilters(query, filter);
  if (filter.from) {
    const from = filter.from;
    query = query.where(sql<boolean>`coalesce(o.ends_at, o.starts_at) >= ${from}::timestamptz`);
  }
  if (filter.to) query = query.where('o.starts_at', '<', filter.to);
  if (filter.after) {
    const { start, id } = filter.after;
    query = query.where(sql<boolean>`(o.starts_at, o.id) > (${start}::timestamptz, ${id}::int)`);
  }
  query = query.orderBy('o.starts_at').orderBy('o.id');
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return (await query.execute()) as OccurrenceListRow[];
}
