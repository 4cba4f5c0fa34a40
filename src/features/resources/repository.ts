import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type {
  Audience,
  ResourceKind,
  ResourceLink,
  RevisionAction,
  ToolkitStep,
} from './tables.ts';

/** SQL for the library. Every function takes the database or an open transaction. */

const resourceColumns = [
  'resources.id',
  'resources.slug',
  'resources.kind',
  'resources.title',
  'resources.summary',
  'resources.body',
  'resources.audience',
  'resources.author_team_id',
  'resources.author_group_id',
  'resources.links',
  'resources.steps',
  'resources.event_query',
  'resources.last_reviewed_on',
  'resources.is_featured',
  'resources.current_revision_id',
  'resources.published_revision_id',
  'resources.published_at',
  'resources.is_sample',
  'resources.created_at',
  'resources.updated_at',
] as const;

export interface ResourceRow {
  id: number;
  slug: string;
  kind: ResourceKind;
  title: string;
  summary: string;
  body: string;
  audience: Audience;
  author_team_id: number | null;
  author_group_id: number | null;
  links: ResourceLink[];
  steps: ToolkitStep[];
  event_query: string;
  last_reviewed_on: string | null;
  is_featured: boolean;
  current_revision_id: number | null;
  published_revision_id: number | null;
  published_at: Date | null;
  is_sample: boolean;
  created_at: Date;
  updated_at: Date;
  issue_areas: string[];
  author_name: string | null;
  author_slug: string | null;
  author_type: 'team' | 'group' | null;
}

function selectResources(db: Executor) {
  return db
    .selectFrom('resources')
    .leftJoin('teams', 'teams.id', 'resources.author_team_id')
    .leftJoin('groups', 'groups.id', 'resources.author_group_id')
    .select(resourceColumns)
    .select([
      sql<
        string[]
      >`coalesce((select array_agg(ria.issue_area order by ria.issue_area) from resource_issue_areas ria where ria.resource_id = resources.id), '{}')`.as(
        'issue_areas',
      ),
      sql<string | null>`coalesce(teams.name, groups.name)`.as('author_name'),
      sql<string | null>`coalesce(teams.slug, groups.slug)`.as('author_slug'),
      sql<
        'team' | 'group' | null
      >`case when teams.id is not null then 'team' when groups.id is not null then 'group' end`.as(
        'author_type',
      ),
    ]);
}

export async function findResourceBySlug(
  db: Executor,
  slug: string,
): Promise<ResourceRow | undefined> {
  return (await selectResources(db).where('resources.slug', '=', slug).executeTakeFirst()) as
    | ResourceRow
    | undefined;
}

export async function findResourceById(db: Executor, id: number): Promise<ResourceRow | undefined> {
  return (await selectResources(db).where('resources.id', '=', id).executeTakeFirst()) as
    | ResourceRow
    | undefined;
}

export interface ResourceFilters {
  kind?: ResourceKind;
  issueArea?: string;
  audience?: Audience;
  q?: string;
  /** Include drafts (editors). */
  includeDrafts?: boolean;
  featuredFirst?: boolean;
  limit: number;
  after?: { at: string; id: number };
}

/** Published resources (and drafts when asked), newest first; `q` matches the search index. */
export async function listResources(
  db: Executor,
  filters: ResourceFilters,
): Promise<ResourceRow[]> {
  let query = selectResources(db);
  if (!filters.includeDrafts)
    query = query.where('resources.published_revision_id', 'is not', null);
  if (filters.kind) query = query.where('resources.kind', '=', filters.kind);
  if (filters.audience) {
    query = query.where('resources.audience', 'in', [filters.audience, 'everyone']);
  }
  if (filters.issueArea) {
    query = query.where(
      sql<boolean>`exists (select 1 from resource_issue_areas ria where ria.resource_id = resources.id and ria.issue_area = ${filters.issueArea})`,
    );
  }
  if (filters.q) {
    query = query.where(
      sql<boolean>`exists (select 1 from search_documents sd where sd.kind in ('resource', 'toolkit') and sd.ref_id = resources.id::text and sd.document @@ websearch_to_tsquery('english', ${filters.q}))`,
    );
  }
  const sortAt = sql<Date>`coalesce(resources.published_at, resources.updated_at)`;
  if (filters.after) {
    query = query.where(
      sql<boolean>`(coalesce(resources.published_at, resources.updated_at), resources.id) < (${filters.after.at}::timestamptz, ${filters.after.id})`,
    );
  }
  if (filters.featuredFirst) query = query.orderBy('resources.is_featured', 'desc');
  return (await query
    .orderBy(sortAt, 'desc')
    .orderBy('resources.id', 'desc')
    .limit(filters.limit)
    .execute()) as ResourceRow[];
}

export async function findResourcesByIds(
  db: Executor,
  ids: number[],
  options: { publishedOnly: boolean },
) {
  if (!ids.length) return [];
  let query = db
    .selectFrom('resources')
    .select(['id', 'slug', 'title', 'kind', 'published_revision_id'])
    .where('id', 'in', ids);
  if (options.publishedOnly) query = query.where('published_revision_id', 'is not', null);
  return query.execute();
}

export async function findResourceIdsBySlugs(db: Executor, slugs: string[]) {
  if (!slugs.length) return [];
  return db.selectFrom('resources').select(['id', 'slug']).where('slug', 'in', slugs).execute();
}

export async function slugExists(db: Executor, slug: string): Promise<boolean> {
  const row = await db
    .selectFrom('resources')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirst();
  return Boolean(row);
}

export interface ResourceColumns {
  kind: ResourceKind;
  title: string;
  summary: string;
  body: string;
  audience: Audience;
  author_team_id: number | null;
  author_group_id: number | null;
  links: ResourceLink[];
  steps: ToolkitStep[];
  event_query: string;
  last_reviewed_on: string | null;
  is_featured: boolean;
}

export async function insertResource(
  db: Executor,
  values: ResourceColumns & { slug: string; is_sample?: boolean },
): Promise<number> {
  const row = await db
    .insertInto('resources')
    .values({
      ...values,
      links: JSON.stringify(values.links),
      steps: JSON.stringify(values.steps),
      current_revision_id: null,
      published_revision_id: null,
      published_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateResourceColumns(
  db: Executor,
  id: number,
  values: ResourceColumns,
  now: Date,
): Promise<void> {
  await db
    .updateTable('resources')
    .set({
      ...values,
      links: JSON.stringify(values.links),
      steps: JSON.stringify(values.steps),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function setResourcePointers(
  db: Executor,
  id: number,
  pointers: {
    current_revision_id?: number;
    published_revision_id?: number | null;
    published_at?: Date | null;
  },
  now: Date,
): Promise<void> {
  await db
    .updateTable('resources')
    .set({ ...pointers, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function replaceIssueAreas(
  db: Executor,
  resourceId: number,
  issueAreas: string[],
): Promise<void> {
  await db.deleteFrom('resource_issue_areas').where('resource_id', '=', resourceId).execute();
  if (issueAreas.length) {
    await db
      .insertInto('resource_issue_areas')
      .values(
        [...new Set(issueAreas)].map((issue_area) => ({ resource_id: resourceId, issue_area })),
      )
      .execute();
  }
}

export async function insertRevision(
  db: Executor,
  values: {
    resourceId: number;
    action: RevisionAction;
    content: Record<string, unknown>;
    changed: string[];
    authorPersonId: number | null;
    restoredFrom?: number | null;
  },
): Promise<{ id: number; number: number }> {
  return db
    .insertInto('resource_revisions')
    .values({
      resource_id: values.resourceId,
      number: sql<number>`(select coalesce(max(number), 0) + 1 from resource_revisions where resource_id = ${values.resourceId})`,
      action: values.action,
      content: JSON.stringify(values.content),
      changed: values.changed,
      author_person_id: values.authorPersonId,
      restored_from: values.restoredFrom ?? null,
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
}

export async function findRevisionById(db: Executor, id: number) {
  return db.selectFrom('resource_revisions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRevisionByNumber(db: Executor, resourceId: number, number: number) {
  return db
    .selectFrom('resource_revisions')
    .leftJoin('people', 'people.id', 'resource_revisions.author_person_id')
    .selectAll('resource_revisions')
    .select(['people.name as author_name', 'people.email as author_email'])
    .where('resource_revisions.resource_id', '=', resourceId)
    .where('resource_revisions.number', '=', number)
    .executeTakeFirst();
}

export async function listRevisions(db: Executor, resourceId: number) {
  return db
    .selectFrom('resource_revisions')
    .leftJoin('people', 'people.id', 'resource_revisions.author_person_id')
    .select([
      'resource_revisions.id',
      'resource_revisions.number',
      'resource_revisions.action',
      'resource_revisions.changed',
      'resource_revisions.created_at',
      'resource_revisions.restored_from',
      'people.name as author_name',
      'people.email as author_email',
    ])
    .where('resource_revisions.resource_id', '=', resourceId)
    .orderBy('resource_revisions.number', 'desc')
    .execute();
}

export type AttachmentRow = {
  id: number;
  resource_id: number | null;
  step_key: string | null;
  storage_key: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: number | null;
  created_at: Date;
};

const attachmentColumns = [
  'id',
  'resource_id',
  'step_key',
  'storage_key',
  'file_name',
  'content_type',
  'size_bytes',
  'sha256',
  'uploaded_by',
  'created_at',
] as const;

export async function insertAttachment(
  db: Executor,
  values: {
    resource_id: number | null;
    step_key: string | null;
    storage_key: string;
    file_name: string;
    content_type: string;
    size_bytes: number;
    sha256: string;
    uploaded_by: number | null;
    is_sample?: boolean;
  },
): Promise<AttachmentRow> {
  return db
    .insertInto('resource_attachments')
    .values(values)
    .returning(attachmentColumns)
    .executeTakeFirstOrThrow();
}

export async function listAttachments(db: Executor, resourceId: number): Promise<AttachmentRow[]> {
  return db
    .selectFrom('resource_attachments')
    .select(attachmentColumns)
    .where('resource_id', '=', resourceId)
    .orderBy('id')
    .execute();
}

/** Attachments by id that this person may still place: their own pending ones, or the resource's. */
export async function findAttachmentsForForm(
  db: Executor,
  ids: number[],
  resourceId: number | null,
  personId: number,
): Promise<AttachmentRow[]> {
  if (!ids.length) return [];
  return db
    .selectFrom('resource_attachments')
    .select(attachmentColumns)
    .where('id', 'in', ids)
    .where((eb) =>
      eb.or([
        eb.and([eb('resource_id', 'is', null), eb('uploaded_by', '=', personId)]),
        ...(resourceId === null ? [] : [eb('resource_id', '=', resourceId)]),
      ]),
    )
    .orderBy('id')
    .execute();
}

export async function findAttachment(db: Executor, id: number): Promise<AttachmentRow | undefined> {
  return db
    .selectFrom('resource_attachments')
    .select(attachmentColumns)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function placeAttachment(
  db: Executor,
  id: number,
  resourceId: number,
  stepKey: string | null,
): Promise<void> {
  await db
    .updateTable('resource_attachments')
    .set({ resource_id: resourceId, step_key: stepKey })
    .where('id', '=', id)
    .execute();
}

export async function deleteAttachmentRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('resource_attachments').where('id', '=', id).execute();
}

/** Uploads never attached to a saved resource, older than the cut-off. */
export async function findAbandonedUploads(db: Executor, before: Date) {
  return db
    .selectFrom('resource_attachments')
    .select(['id', 'storage_key'])
    .where('resource_id', 'is', null)
    .where('created_at', '<', before)
    .limit(500)
    .execute();
}

export async function listGroupsUsing(db: Executor, resourceId: number) {
  return db
    .selectFrom('resource_groups')
    .innerJoin('groups', 'groups.id', 'resource_groups.group_id')
    .select(['groups.id', 'groups.slug', 'groups.name'])
    .where('resource_groups.resource_id', '=', resourceId)
    .orderBy('groups.name')
    .execute();
}

export async function addGroupUsing(
  db: Executor,
  resourceId: number,
  groupId: number,
  personId: number | null,
): Promise<void> {
  await db
    .insertInto('resource_groups')
    .values({ resource_id: resourceId, group_id: groupId, added_by: personId })
    .onConflict((conflict) => conflict.columns(['resource_id', 'group_id']).doNothing())
    .execute();
}

export async function removeGroupUsing(
  db: Executor,
  resourceId: number,
  groupId: number,
): Promise<void> {
  await db
    .deleteFrom('resource_groups')
    .where('resource_id', '=', resourceId)
    .where('group_id', '=', groupId)
    .execute();
}

export async function listTeams(db: Executor) {
  return db
    .selectFrom('teams')
    .select(['id', 'slug', 'name'])
    .where('state', '!=', 'dissolved')
    .orderBy('name')
    .execute();
}

export async function listGroups(db: Executor) {
  return db.selectFrom('groups').select(['id', 'slug', 'name']).orderBy('name').execute();
}

export async function findTeamBySlug(db: Executor, slug: string) {
  return db
    .selectFrom('teams')
    .select(['id', 'slug', 'name'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

export async function findGroupBySlug(db: Executor, slug: string) {
  return db
    .selectFrom('groups')
    .select(['id', 'slug', 'name'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

export async function findGroupsByIds(db: Executor, ids: readonly number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('groups')
    .select(['id', 'slug', 'name'])
    .where('id', 'in', [...ids])
    .orderBy('name')
    .execute();
}

/** Published resources not reviewed since the cut-off (for the admin dashboard). */
export async function countStaleResources(db: Executor, reviewedBefore: string): Promise<number> {
  const row = await db
    .selectFrom('resources')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('published_revision_id', 'is not', null)
    .where((eb) =>
      eb.or([eb('last_reviewed_on', 'is', null), eb('last_reviewed_on', '<', reviewedBefore)]),
    )
    .executeTakeFirstOrThrow();
  return row.count;
}

export async function listPublishedForSearch(db: Executor) {
  return db
    .selectFrom('resources')
    .select('id')
    .where('published_revision_id', 'is not', null)
    .orderBy('id')
    .execute();
}

export async function replaceResourceTags(
  db: Executor,
  resourceId: number,
  tags: string[],
): Promise<void> {
  await db.deleteFrom('resource_tags').where('resource_id', '=', resourceId).execute();
  if (tags.length) {
    await db
      .insertInto('resource_tags')
      .values([...new Set(tags)].map((tag) => ({ resource_id: resourceId, tag })))
      .execute();
  }
}

export async function listResourceTags(db: Executor, resourceId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('resource_tags')
    .select('tag')
    .where('resource_id', '=', resourceId)
    .orderBy('tag')
    .execute();
  return rows.map((row) => row.tag);
}
