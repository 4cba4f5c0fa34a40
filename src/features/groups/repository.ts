import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { GroupKind } from './tables.ts';

/** SQL for the group directory. Every function takes the database or an open transaction. */

export interface DirectoryRow {
  id: number;
  slug: string;
  name: string;
  kind: GroupKind;
  description: string;
  website: string | null;
  email: string | null;
  links: Record<string, string>;
  is_sample: boolean;
  updated_at: Date;
  town_ids: number[];
  issue_areas: string[];
  organizer_count: number;
}

/**
 * Every group with its towns, issue areas and number of organizers, in one query: the directory
 * is small (hundreds of rows), so the finder filters and ranks it in memory.
 */
export async function listDirectoryRows(db: Executor): Promise<DirectoryRow[]> {
  const rows = await db
    .selectFrom('groups as g')
    .select([
      'g.id',
      'g.slug',
      'g.name',
      'g.kind',
      'g.description',
      'g.website',
      'g.email',
      'g.links',
      'g.is_sample',
      'g.updated_at',
      sql<
        number[]
      >`array(select gt.town_id from group_towns gt where gt.group_id = g.id order by gt.town_id)`.as(
        'town_ids',
      ),
      sql<
        string[]
      >`array(select gi.issue_area from group_issue_areas gi where gi.group_id = g.id order by gi.issue_area)`.as(
        'issue_areas',
      ),
      sql<number>`(select count(*)::int from group_organizers o where o.group_id = g.id)`.as(
        'organizer_count',
      ),
    ])
    .orderBy('g.name')
    .execute();
  return rows as DirectoryRow[];
}

export async function findGroupIdBySlug(db: Executor, slug: string) {
  return db
    .selectFrom('groups')
    .select(['id', 'slug', 'name'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

/** The group with this name, ignoring case and surrounding spaces (imports upsert by name). */
export async function findGroupByName(db: Executor, name: string) {
  return db
    .selectFrom('groups')
    .selectAll()
    .where(sql`lower(name)`, '=', name.trim().toLowerCase())
    .executeTakeFirst();
}

export async function findGroupById(db: Executor, id: number) {
  return db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function slugExists(db: Executor, slug: string, exceptId?: number): Promise<boolean> {
  let query = db.selectFrom('groups').select('id').where('slug', '=', slug);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  return Boolean(await query.executeTakeFirst());
}

export interface GroupValues {
  slug: string;
  name: string;
  kind: GroupKind;
  description: string;
  website: string | null;
  email: string | null;
  links: Record<string, string>;
  isSample?: boolean;
}

export async function insertGroup(db: Executor, values: GroupValues): Promise<number> {
  const row = await db
    .insertInto('groups')
    .values({
      slug: values.slug,
      name: values.name,
      kind: values.kind,
      description: values.description,
      website: values.website,
      email: values.email,
      links: JSON.stringify(values.links),
      is_sample: values.isSample ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateGroupRow(
  db: Executor,
  id: number,
  values: Partial<Omit<GroupValues, 'isSample'>>,
  now: Date,
): Promise<void> {
  await db
    .updateTable('groups')
    .set({
      ...values,
      ...(values.links ? { links: JSON.stringify(values.links) } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function replaceGroupTowns(db: Executor, groupId: number, townIds: number[]) {
  await db.deleteFrom('group_towns').where('group_id', '=', groupId).execute();
  if (townIds.length) {
    await db
      .insertInto('group_towns')
      .values(townIds.map((townId) => ({ group_id: groupId, town_id: townId })))
      .execute();
  }
}

export async function replaceGroupIssueAreas(db: Executor, groupId: number, slugs: string[]) {
  await db.deleteFrom('group_issue_areas').where('group_id', '=', groupId).execute();
  if (slugs.length) {
    await db
      .insertInto('group_issue_areas')
      .values(slugs.map((slug) => ({ group_id: groupId, issue_area: slug })))
      .execute();
  }
}

export async function deleteGroupRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('groups').where('id', '=', id).execute();
}

// Organizers ----------------------------------------------------------------------------------

export async function listOrganizers(db: Executor, groupId: number) {
  return db
    .selectFrom('group_organizers')
    .innerJoin('people', 'people.id', 'group_organizers.person_id')
    .select([
      'people.id as personId',
      'people.email',
      'people.name',
      'group_organizers.role',
      'group_organizers.created_at as since',
    ])
    .where('group_organizers.group_id', '=', groupId)
    .orderBy('group_organizers.created_at')
    .orderBy('people.email')
    .execute();
}

/** Adds an organizer; true when they were not one already. */
export async function addOrganizer(
  db: Executor,
  groupId: number,
  personId: number,
): Promise<boolean> {
  const row = await db
    .insertInto('group_organizers')
    .values({ group_id: groupId, person_id: personId })
    .onConflict((conflict) => conflict.columns(['group_id', 'person_id']).doNothing())
    .returning('person_id')
    .executeTakeFirst();
  return Boolean(row);
}

export async function removeOrganizer(db: Executor, groupId: number, personId: number) {
  const result = await db
    .deleteFrom('group_organizers')
    .where('group_id', '=', groupId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Addresses the group's contact messages go to: its organizers' (never shown to senders). */
export async function organizerEmails(db: Executor, groupId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('group_organizers')
    .innerJoin('people', 'people.id', 'group_organizers.person_id')
    .select('people.email')
    .where('group_organizers.group_id', '=', groupId)
    .orderBy('people.email')
    .execute();
  return rows.map((row) => row.email);
}

// Contact messages ----------------------------------------------------------------------------

export async function insertGroupMessage(
  db: Executor,
  values: { groupId: number; personId: number; senderName: string; body: string; ip: string },
): Promise<number> {
  const row = await db
    .insertInto('group_messages')
    .values({
      group_id: values.groupId,
      person_id: values.personId,
      sender_name: values.senderName,
      body: values.body,
      ip: values.ip,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listGroupMessages(
  db: Executor,
  groupId: number,
  options: { before?: number; limit: number },
) {
  let query = db
    .selectFrom('group_messages')
    .innerJoin('people', 'people.id', 'group_messages.person_id')
    .select([
      'group_messages.id',
      'group_messages.sender_name',
      'group_messages.body',
      'group_messages.created_at',
      'people.email',
    ])
    .where('group_messages.group_id', '=', groupId)
    .orderBy('group_messages.id', 'desc')
    .limit(options.limit);
  if (options.before) query = query.where('group_messages.id', '<', options.before);
  return query.execute();
}

/** How many messages each of these groups received since a moment (for the dashboard). */
export async function countMessagesSince(
  db: Executor,
  groupIds: readonly number[],
  since: Date,
): Promise<number> {
  if (!groupIds.length) return 0;
  const row = await db
    .selectFrom('group_messages')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('group_id', 'in', groupIds)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return row.count;
}

export async function recordContactConsent(
  db: Executor,
  values: { personId: number; source: string; ip: string },
): Promise<void> {
  await db
    .insertInto('consents')
    .values({
      person_id: values.personId,
      purpose: 'group_contact',
      method: 'form',
      source: values.source,
      ip: values.ip,
      withdrawn_at: null,
    })
    .execute();
}

/** Groups without any organizer (for the administrator's dashboard). */
export async function countGroupsWithoutOrganizers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('groups as g')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('g.is_sample', '=', false)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('group_organizers as o')
            .select('o.group_id')
            .whereRef('o.group_id', '=', 'g.id'),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return row.count;
}

export async function deleteSampleGroups(db: Executor): Promise<number[]> {
  const rows = await db
    .deleteFrom('groups')
    .where('is_sample', '=', true)
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}
