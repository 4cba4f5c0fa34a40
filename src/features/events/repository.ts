import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type {
  EventMode,
  EventRow,
  EventSource,
  EventStatus,
  EventType,
  ModerationState,
  OccurrenceRow,
  Visibility,
} from './tables.ts';

/** What an event is, as the service hands it to the repository (already validated). */
export interface EventFields {
  title: string;
  description: string;
  type: EventType;
  mode: EventMode;
  groupId: number | null;
  venue: string | null;
  address: string | null;
  townId: number | null;
  districts: number[];
  onlineUrl: string | null;
  onlineUrlForRsvpsOnly: boolean;
  accessibility: string | null;
  capacity: number | null;
  imagePath: string | null;
  contactName: string | null;
  contactEmail: string | null;
  timezone: string;
  start: Date;
  end: Date | null;
  allDay: boolean;
  rrule: string | null;
  exdates: Date[];
  rdates: Date[];
  status: EventStatus;
  visibility: Visibility;
  externalUrl: string | null;
}

export interface EventOrigin {
  source: EventSource;
  sourceUid?: string | null;
  feedId?: number | null;
  sourceHash?: string | null;
  submitterPersonId?: number | null;
  submittedVia?: string | null;
  moderation: ModerationState;
  emailConfirmedAt?: Date | null;
  confirmTokenHash?: string | null;
  isSample?: boolean;
}

function columnsOf(fields: EventFields) {
  return {
    title: fields.title,
    description: fields.description,
    type: fields.type,
    mode: fields.mode,
    group_id: fields.groupId,
    venue: fields.venue,
    address: fields.address,
    town_id: fields.townId,
    districts: fields.districts,
    online_url: fields.onlineUrl,
    online_url_for_rsvps_only: fields.onlineUrlForRsvpsOnly,
    accessibility: fields.accessibility,
    capacity: fields.capacity,
    image_path: fields.imagePath,
    contact_name: fields.contactName,
    contact_email: fields.contactEmail,
    timezone: fields.timezone,
    starts_at: fields.start,
    ends_at: fields.end,
    all_day: fields.allDay,
    rrule: fields.rrule,
    exdates: fields.exdates,
    rdates: fields.rdates,
    status: fields.status,
    visibility: fields.visibility,
    external_url: fields.externalUrl,
  };
}

export function fieldsOf(row: EventRow): EventFields {
  return {
    title: row.title,
    description: row.description,
    type: row.type,
    mode: row.mode,
    groupId: row.group_id,
    venue: row.venue,
    address: row.address,
    townId: row.town_id,
    districts: row.districts,
    onlineUrl: row.online_url,
    onlineUrlForRsvpsOnly: row.online_url_for_rsvps_only,
    accessibility: row.accessibility,
    capacity: row.capacity,
    imagePath: row.image_path,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    timezone: row.timezone,
    start: row.starts_at,
    end: row.ends_at,
    allDay: row.all_day,
    rrule: row.rrule,
    exdates: row.exdates,
    rdates: row.rdates,
    status: row.status,
    visibility: row.visibility,
    externalUrl: row.external_url,
  };
}

export async function insertEvent(
  db: Executor,
  fields: EventFields,
  origin: EventOrigin,
): Promise<EventRow> {
  return db
    .insertInto('events')
    .values({
      ...columnsOf(fields),
      moderation: origin.moderation,
      moderated_at: origin.moderation === 'pending' ? null : new Date(),
      source: origin.source,
      source_uid: origin.sourceUid ?? null,
      feed_id: origin.feedId ?? null,
      source_hash: origin.sourceHash ?? null,
      submitter_person_id: origin.submitterPersonId ?? null,
      submitted_via: origin.submittedVia ?? null,
      email_confirmed_at: origin.emailConfirmedAt ?? null,
      confirm_token_hash: origin.confirmTokenHash ?? null,
      moderation_reason: null,
      locally_edited_at: null,
      merged_into_id: null,
      is_sample: origin.isSample ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateEventRow(
  db: Executor,
  id: number,
  fields: EventFields,
  extra: {
    locallyEditedAt?: Date | null;
    sourceHash?: string | null;
  } = {},
): Promise<EventRow> {
  return db
    .updateTable('events')
    .set({
      ...columnsOf(fields),
      ...(extra.locallyEditedAt !== undefined ? { locally_edited_at: extra.locallyEditedAt } : {}),
      ...(extra.sourceHash !== undefined ? { source_hash: extra.sourceHash } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findEvent(db: Executor, id: number): Promise<EventRow | undefined> {
  return db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findEventBySource(
  db: Executor,
  source: EventSource,
  uid: string,
): Promise<EventRow | undefined> {
  return db
    .selectFrom('events')
    .selectAll()
    .where('source', '=', source)
    .where('source_uid', '=', uid)
    .executeTakeFirst();
}

export async function findEventByConfirmToken(
  db: Executor,
  tokenHash: string,
): Promise<EventRow | undefined> {
  return db
    .selectFrom('events')
    .selectAll()
    .where('confirm_token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function setModeration(
  db: Executor,
  id: number,
  moderation: ModerationState,
  reason: string | null,
  now: Date,
): Promise<EventRow> {
  return db
    .updateTable('events')
    .set({ moderation, moderation_reason: reason, moderated_at: now, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function markEmailConfirmed(db: Executor, id: number, now: Date): Promise<void> {
  await db
    .updateTable('events')
    .set({ email_confirmed_at: now, confirm_token_hash: null, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function markMerged(db: Executor, id: number, intoId: number, now: Date) {
  await db
    .updateTable('events')
    .set({
      merged_into_id: intoId,
      moderation: 'rejected',
      moderation_reason: `Merged into event ${intoId}`,
      moderated_at: now,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function replaceIssueAreas(db: Executor, eventId: number, areas: string[]) {
  await db.deleteFrom('event_issue_areas').where('event_id', '=', eventId).execute();
  if (areas.length) {
    await db
      .insertInto('event_issue_areas')
      .values([...new Set(areas)].map((issue_area) => ({ event_id: eventId, issue_area })))
      .execute();
  }
}

export async function replaceCohosts(db: Executor, eventId: number, groupIds: number[]) {
  await db.deleteFrom('event_cohosts').where('event_id', '=', eventId).execute();
  if (groupIds.length) {
    await db
      .insertInto('event_cohosts')
      .values([...new Set(groupIds)].map((group_id) => ({ event_id: eventId, group_id })))
      .execute();
  }
}

export async function listIssueAreas(db: Executor, eventId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('event_issue_areas')
    .select('issue_area')
    .where('event_id', '=', eventId)
    .orderBy('issue_area')
    .execute();
  return rows.map((row) => row.issue_area);
}

export async function listCohosts(db: Executor, eventId: number) {
  return db
    .selectFrom('event_cohosts as c')
    .innerJoin('groups as g', 'g.id', 'c.group_id')
    .select(['g.id', 'g.slug', 'g.name'])
    .where('c.event_id', '=', eventId)
    .orderBy('g.name')
    .execute();
}

export async function findGroupBySlug(db: Executor, slug: string) {
  return db
    .selectFrom('groups')
    .select(['id', 'slug', 'name', 'email'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

export async function findGroupById(db: Executor, id: number) {
  return db
    .selectFrom('groups')
    .select(['id', 'slug', 'name', 'email'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listGroupOptions(db: Executor) {
  return db.selectFrom('groups').select(['id', 'slug', 'name']).orderBy('name').execute();
}

export async function listGroupOrganizerEmails(db: Executor, groupId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('group_organizers as o')
    .innerJoin('people as p', 'p.id', 'o.person_id')
    .select('p.email')
    .where('o.group_id', '=', groupId)
    .execute();
  return rows.map((row) => row.email);
}

// ---------------------------------------------------------------------------------------------
// Occurrences

export async function listOccurrencesOfEvent(db: Executor, eventId: number) {
  return db
    .selectFrom('event_occurrences')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('starts_at')
    .execute();
}

export async function findOccurrence(db: Executor, id: number): Promise<OccurrenceRow | undefined> {
  return db.selectFrom('event_occurrences').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertOccurrences(
  db: Executor,
  rows: {
    event_id: number;
    recurrence_key: string;
    original_start: Date;
    starts_at: Date;
    ends_at: Date | null;
  }[],
) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('event_occurrences')
      .values(rows.slice(i, i + 500).map((row) => ({ ...row, status: null })))
      .execute();
  }
}

export async function updateOccurrence(
  db: Executor,
  id: number,
  values: Partial<{
    recurrence_key: string;
    original_start: Date;
    starts_at: Date;
    ends_at: Date | null;
    status: EventStatus | null;
    is_override: boolean;
    title: string | null;
    venue: string | null;
    address: string | null;
    note: string | null;
  }>,
) {
  await db.updateTable('event_occurrences').set(values).where('id', '=', id).execute();
}

export async function deleteOccurrences(db: Executor, ids: number[]) {
  if (ids.length) await db.deleteFrom('event_occurrences').where('id', 'in', ids).execute();
}

/** Occurrence ids among these that have someone going or waiting. */
export async function occurrencesWithRsvps(db: Executor, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('event_rsvps')
    .select('occurrence_id')
    .distinct()
    .where('occurrence_id', 'in', ids)
    .where('state', '!=', 'cancelled')
    .execute();
  return new Set(rows.map((row) => row.occurrence_id));
}

/** The next occurrence start at or after `now` (or the last one), for the search index. */
export async function nextOccurrenceStart(
  db: Executor,
  eventId: number,
  now: Date,
): Promise<Date | null> {
  const row = await db
    .selectFrom('event_occurrences')
    .select(
      sql<Date>`coalesce(min(starts_at) filter (where starts_at >= ${now}::timestamptz), max(starts_at))`.as(
        'at',
      ),
    )
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return row?.at ?? null;
}

/** Open-ended series whose materialized occurrences end before `horizon`. */
export async function listSeriesNeedingExtension(db: Executor, horizon: Date) {
  return (
    db
      .selectFrom('events as e')
      .select('e.id')
      .where('e.rrule', 'is not', null)
      // Only open-ended series grow; those with COUNT or UNTIL were stored whole (or to the horizon).
      .where('e.rrule', 'not like', '%COUNT=%')
      .where('e.rrule', 'not like', '%UNTIL=%')
      .where('e.merged_into_id', 'is', null)
      .where((eb) =>
        eb.or([
          eb.not(
            eb.exists(
              eb
                .selectFrom('event_occurrences as o')
                .select('o.id')
                .whereRef('o.event_id', '=', 'e.id'),
            ),
          ),
          eb(
            eb
              .selectFrom('event_occurrences as o')
              .select(sql<Date>`max(o.original_start)`.as('m'))
              .whereRef('o.event_id', '=', 'e.id'),
            '<',
            horizon,
          ),
        ]),
      )
      .execute()
  );
}

// ---------------------------------------------------------------------------------------------
// Moderation

export async function listPendingEvents(db: Executor) {
  return db
    .selectFrom('events as e')
    .leftJoin('groups as g', 'g.id', 'e.group_id')
    .leftJoin('towns as t', 't.id', 'e.town_id')
    .leftJoin('people as p', 'p.id', 'e.submitter_person_id')
    .selectAll('e')
    .select([
      'g.name as group_name',
      'g.slug as group_slug',
      't.name as town_name',
      'p.email as submitter_email',
    ])
    .where('e.moderation', '=', 'pending')
    .where('e.merged_into_id', 'is', null)
    .where((eb) =>
      eb.or([eb('e.email_confirmed_at', 'is not', null), eb('e.submitted_via', '!=', 'form')]),
    )
    .orderBy('e.created_at')
    .execute();
}

export async function countPendingEvents(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('moderation', '=', 'pending')
    .where('merged_into_id', 'is', null)
    .where((eb) =>
      eb.or([eb('email_confirmed_at', 'is not', null), eb('submitted_via', '!=', 'form')]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Likely duplicates of an event: other events, not rejected, whose first occurrence starts
 * within three hours of this one's and that share the town or a word of the title.
 */
export async function findLikelyDuplicates(db: Executor, event: EventRow) {
  const window = 3 * 3_600_000;
  const words = event.title
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 3);
  return db
    .selectFrom('events as e')
    .leftJoin('groups as g', 'g.id', 'e.group_id')
    .leftJoin('towns as t', 't.id', 'e.town_id')
    .selectAll('e')
    .select(['g.name as group_name', 't.name as town_name'])
    .where('e.id', '!=', event.id)
    .where('e.merged_into_id', 'is', null)
    .where('e.moderation', '!=', 'rejected')
    .where('e.starts_at', '>=', new Date(event.starts_at.getTime() - window))
    .where('e.starts_at', '<=', new Date(event.starts_at.getTime() + window))
    .where((eb) => {
      const conditions = words.map((word) => eb('e.title', 'ilike', `%${word}%`));
      if (event.town_id !== null) conditions.push(eb('e.town_id', '=', event.town_id));
      return conditions.length ? eb.or(conditions) : eb.val(false);
    })
    .limit(3)
    .execute();
}
