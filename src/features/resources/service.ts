import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { canEditGroup, canEditResource, isEditor } from '../../platform/auth/policies.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import { indexDocument, removeDocument } from '../../platform/search-index.ts';
import type { Services } from '../../platform/services.ts';
import { newStorageKey } from '../../platform/storage/keys.ts';
import { fileStorageFor } from '../../platform/storage/storage.ts';
import { slugify as slugifyName } from '../../platform/text.ts';
import { markdownToText } from './markdown.ts';
import {
  addGroupUsing,
  deleteAttachmentRow,
  findAbandonedUploads,
  findAttachment,
  findAttachmentsForForm,
  findGroupBySlug,
  findResourceById,
  findResourceIdsBySlugs,
  findResourcesByIds,
  findRevisionById,
  findRevisionByNumber,
  findTeamBySlug,
  insertAttachment,
  insertResource,
  insertRevision,
  placeAttachment,
  type ResourceColumns,
  type ResourceRow,
  removeGroupUsing,
  replaceIssueAreas,
  setResourcePointers,
  slugExists,
  updateResourceColumns,
} from './repository.ts';
import type { ResourceInput } from './schemas.ts';
import type {
  Audience,
  ResourceKind,
  ResourceLink,
  RevisionAction,
  ToolkitStep,
} from './tables.ts';
import { cleanFileName, detectFileType, formatBytes, MAX_ATTACHMENT_BYTES } from './uploads.ts';

/** What one revision holds: everything an editor writes (attachments are kept apart). */
export interface ResourceContent {
  kind: ResourceKind;
  title: string;
  summary: string;
  body: string;
  audience: Audience;
  issueAreas: string[];
  authorTeamId: number | null;
  authorGroupId: number | null;
  links: ResourceLink[];
  lastReviewedOn: string | null;
  featured: boolean;
  eventQuery: string;
  steps: ToolkitStep[];
}

/** Field names as the history page shows them. */
export const CONTENT_FIELDS: (keyof ResourceContent)[] = [
  'title',
  'summary',
  'body',
  'kind',
  'audience',
  'issueAreas',
  'authorTeamId',
  'authorGroupId',
  'links',
  'lastReviewedOn',
  'featured',
  'eventQuery',
  'steps',
];

export interface RequestMeta {
  ip?: string;
  requestId?: string;
}

export function newStepKey(): string {
  return randomBytes(5).toString('hex');
}

export function slugify(title: string): string {
  const slug = slugifyName(title.replace(/['’]/g, '')).slice(0, 80).replace(/-+$/, '');
  return slug || 'resource';
}

const RESERVED_SLUGS = new Set(['new']);

/**
 * A free slug made from a title (or an old address's last part): "title", else "title-2", ...
 * `taken` holds slugs promised in this run but not yet written (an import allocates ahead).
 */
export async function uniqueSlug(
  db: Executor,
  title: string,
  taken: ReadonlySet<string> = new Set(),
): Promise<string> {
  const base = slugify(title);
  const free = async (slug: string) =>
    !RESERVED_SLUGS.has(slug) && !taken.has(slug) && !(await slugExists(db, slug));
  if (await free(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (await free(candidate)) return candidate;
  }
}

/** The content a resource row currently shows (published, or the first draft). */
export function contentOfRow(row: ResourceRow): ResourceContent {
  return {
    kind: row.kind,
    title: row.title,
    summary: row.summary,
    body: row.body,
    audience: row.audience,
    issueAreas: row.issue_areas,
    authorTeamId: row.author_team_id,
    authorGroupId: row.author_group_id,
    links: row.links,
    lastReviewedOn: row.last_reviewed_on,
    featured: row.is_featured,
    eventQuery: row.event_query,
    steps: row.steps,
  };
}

/** The latest saved version (the working copy editors see), which may be an unpublished draft. */
export async function workingContent(db: Executor, row: ResourceRow): Promise<ResourceContent> {
  if (row.current_revision_id) {
    const revision = await findRevisionById(db, row.current_revision_id);
    if (revision) return revision.content as unknown as ResourceContent;
  }
  return contentOfRow(row);
}

export function changedFields(
  before: ResourceContent | undefined,
  after: ResourceContent,
): string[] {
  if (!before) return [];
  return CONTENT_FIELDS.filter(
    (field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null),
  );
}

function columnsOf(content: ResourceContent): ResourceColumns {
  return {
    kind: content.kind,
    title: content.title,
    summary: content.summary,
    body: content.body,
    audience: content.audience,
    author_team_id: content.authorTeamId,
    author_group_id: content.authorGroupId,
    links: content.links,
    steps: content.kind === 'toolkit' ? content.steps : [],
    event_query: content.eventQuery,
    last_reviewed_on: content.lastReviewedOn,
    is_featured: content.featured,
  };
}

/** The plain text a resource is found by. */
export function searchTextOf(content: ResourceContent): string {
  const parts = [markdownToText(content.body)];
  for (const step of content.steps) {
    parts.push(step.title, markdownToText(step.body), ...step.checklist);
  }
  parts.push(...content.links.map((link) => link.label));
  return parts.filter(Boolean).join('\n');
}

async function indexResource(db: Executor, id: number, slug: string, content: ResourceContent) {
  const kind = content.kind === 'toolkit' ? 'toolkit' : 'resource';
  await removeDocument(db, kind === 'toolkit' ? 'resource' : 'toolkit', id);
  await indexDocument(db, {
    kind,
    refId: id,
    title: content.title,
    summary: content.summary,
    body: searchTextOf(content),
    url: `/resources/${slug}`,
    isPublic: true,
  });
}

async function unindexResource(db: Executor, id: number) {
  await removeDocument(db, 'resource', id);
  await removeDocument(db, 'toolkit', id);
}

/**
 * Turns validated input into content: author and linked resources resolved to ids, step keys
 * kept (or made). Throws invalid_input with a message per field.
 */
export async function resolveInput(
  db: Executor,
  actor: Actor | null,
  input: ResourceInput,
  options: { fieldSeparator?: '-' | '.' } = {},
): Promise<ResourceContent> {
  const sep = options.fieldSeparator ?? '-';
  const errors: FieldErrors = {};
  let authorTeamId: number | null = null;
  let authorGroupId: number | null = null;
  if (input.team && input.group) {
    errors.author = 'Choose a team or a group as the author, not both.';
  } else if (input.team) {
    const team = await findTeamBySlug(db, input.team);
    if (!team) errors.author = `There is no team "${input.team}".`;
    else authorTeamId = team.id;
  } else if (input.group) {
    const group = await findGroupBySlug(db, input.group);
    if (!group) errors.author = `There is no group "${input.group}".`;
    else authorGroupId = group.id;
  }
  if (actor && !errors.author && !canEditResource(actor, authorTeamId)) {
    errors.author = 'Choose one of the teams you lead as the author.';
  }
  const steps: ToolkitStep[] = [];
  if (input.kind === 'toolkit') {
    const slugs = [...new Set(input.steps.flatMap((step) => step.resources))];
    const found = new Map(
      (await findResourceIdsBySlugs(db, slugs)).map((row) => [row.slug, row.id] as const),
    );
    const seenKeys = new Set<string>();
    input.steps.forEach((step, index) => {
      const missing = step.resources.filter((slug) => !found.has(slug));
      if (missing.length) {
        errors[['steps', index, 'resources'].join(sep)] =
          `Step ${index + 1}: no resource "${missing[0]}".`;
      }
      let key = step.key && !seenKeys.has(step.key) ? step.key : newStepKey();
      while (seenKeys.has(key)) key = newStepKey();
      seenKeys.add(key);
      steps.push({
        key,
        title: step.title,
        body: step.body,
        checklist: step.checklist,
        resourceIds: step.resources.map((slug) => found.get(slug)!).filter(Boolean),
      });
    });
  }
  if (Object.keys(errors).length) {
    throw new AppError('invalid_input', Object.values(errors)[0]!, errors);
  }
  return {
    kind: input.kind,
    title: input.title,
    summary: input.summary,
    body: input.body.replace(/\r\n/g, '\n'),
    audience: input.audience,
    issueAreas: [...new Set(input.issueAreas)],
    authorTeamId,
    authorGroupId,
    links: input.links.map((link) => ({ label: link.label, url: link.url })),
    lastReviewedOn: input.lastReviewedOn ?? null,
    featured: input.featured,
    eventQuery: input.eventQuery,
    steps,
  };
}

/** The input that would produce this content (for merging an API PATCH, or filling a form). */
export async function inputOfContent(
  db: Executor,
  content: ResourceContent,
): Promise<ResourceInput> {
  const team = content.authorTeamId
    ? await db
        .selectFrom('teams')
        .select('slug')
        .where('id', '=', content.authorTeamId)
        .executeTakeFirst()
    : undefined;
  const group = content.authorGroupId
    ? await db
        .selectFrom('groups')
        .select('slug')
        .where('id', '=', content.authorGroupId)
        .executeTakeFirst()
    : undefined;
  const linked = await findResourcesByIds(
    db,
    [...new Set(content.steps.flatMap((step) => step.resourceIds))],
    { publishedOnly: false },
  );
  const slugOf = new Map(linked.map((row) => [row.id, row.slug] as const));
  return {
    kind: content.kind,
    title: content.title,
    summary: content.summary,
    body: content.body,
    audience: content.audience,
    issueAreas: content.issueAreas,
    team: team?.slug,
    group: group?.slug,
    links: content.links,
    lastReviewedOn: content.lastReviewedOn,
    featured: content.featured,
    eventQuery: content.eventQuery,
    steps: content.steps.map((step) => ({
      key: step.key,
      title: step.title,
      body: step.body,
      checklist: step.checklist,
      resources: step.resourceIds.map((id) => slugOf.get(id)).filter((s): s is string => !!s),
    })),
  };
}

async function lockResource(tx: Tx, id: number): Promise<void> {
  await sql`select id from resources where id = ${id} for update`.execute(tx);
}

export type SaveMode = 'draft' | 'publish';

interface WriteOptions {
  resourceId: number | null;
  content: ResourceContent;
  action: RevisionAction;
  /** Publish this content (it becomes what visitors see). */
  publish: boolean;
  actorPersonId: number | null;
  restoredFrom?: number | null;
  isSample?: boolean;
  /** For a new resource: a slug already made free by `uniqueSlug` (imports choose ahead). */
  slug?: string;
  now: Date;
}

/**
 * Writes one revision and moves the resource's pointers: the shared core of creating, saving,
 * publishing and restoring. The columns follow the content when it is published or when the
 * resource has never been published (so the editor's list shows the draft's title).
 */
export async function writeRevision(
  tx: Tx,
  options: WriteOptions,
): Promise<{ id: number; slug: string; revisionNumber: number; changed: string[] }> {
  const { content, now } = options;
  let resourceId = options.resourceId;
  let slug: string;
  let before: ResourceContent | undefined;
  let wasPublished = false;
  if (resourceId === null) {
    slug = options.slug ?? (await uniqueSlug(tx, content.title));
    resourceId = await insertResource(tx, {
      ...columnsOf(content),
      slug,
      is_sample: options.isSample ?? false,
    });
  } else {
    await lockResource(tx, resourceId);
    const row = await findResourceById(tx, resourceId);
    if (!row) throw new AppError('not_found', 'That resource was not found.');
    slug = row.slug;
    wasPublished = row.published_revision_id !== null;
    before = await workingContent(tx, row);
  }
  const changed = changedFields(before, content);
  const revision = await insertRevision(tx, {
    resourceId,
    action: options.action,
    content: content as unknown as Record<string, unknown>,
    changed,
    authorPersonId: options.actorPersonId,
    restoredFrom: options.restoredFrom,
  });
  if (options.publish || !wasPublished) {
    await updateResourceColumns(tx, resourceId, columnsOf(content), now);
    await replaceIssueAreas(tx, resourceId, content.issueAreas);
  }
  await setResourcePointers(
    tx,
    resourceId,
    {
      current_revision_id: revision.id,
      ...(options.publish
        ? {
            published_revision_id: revision.id,
            ...(wasPublished ? {} : { published_at: now }),
          }
        : {}),
    },
    now,
  );
  if (options.publish) await indexResource(tx, resourceId, slug, content);
  return { id: resourceId, slug, revisionNumber: revision.number, changed };
}

export interface AttachmentPlacement {
  id: number;
  stepKey: string | null;
}

async function placeAttachments(
  tx: Tx,
  actor: Actor,
  resourceId: number,
  steps: ToolkitStep[],
  placements: AttachmentPlacement[],
) {
  if (!placements.length) return;
  const allowed = await findAttachmentsForForm(
    tx,
    placements.map((p) => p.id),
    resourceId,
    actor.personId,
  );
  const keys = new Set(steps.map((step) => step.key));
  for (const attachment of allowed) {
    const placement = placements.find((p) => p.id === attachment.id)!;
    const stepKey = placement.stepKey && keys.has(placement.stepKey) ? placement.stepKey : null;
    await placeAttachment(tx, attachment.id, resourceId, stepKey);
  }
}

/**
 * Creates a resource (a first draft, or published at once) from validated input. The actor must
 * be allowed to name that author.
 */
export async function createResource(
  services: Services,
  actor: Actor,
  input: ResourceInput,
  options: {
    mode: SaveMode;
    attachments?: AttachmentPlacement[];
    meta?: RequestMeta;
    fieldSeparator?: '-' | '.';
  },
) {
  return services.db.transaction().execute(async (tx) => {
    const content = await resolveInput(tx, actor, input, options);
    const saved = await writeRevision(tx, {
      resourceId: null,
      content,
      action: options.mode,
      publish: options.mode === 'publish',
      actorPersonId: actor.personId,
      now: services.now(),
    });
    await placeAttachments(tx, actor, saved.id, content.steps, options.attachments ?? []);
    await recordAudit(tx, {
      actor,
      action: options.mode === 'publish' ? 'resource.published' : 'resource.created',
      subjectType: 'resource',
      subjectId: saved.id,
      details: { slug: saved.slug, title: content.title },
      ...options.meta,
    });
    return saved;
  });
}

/**
 * Saves a new version of a resource. `draft` keeps what visitors see if it is published;
 * `publish` makes this version public. `baseRevisionId` (the version the editor started from)
 * turns a concurrent edit into a conflict instead of a silent overwrite.
 */
export async function updateResource(
  services: Services,
  actor: Actor,
  resource: ResourceRow,
  input: ResourceInput,
  options: {
    mode: SaveMode;
    attachments?: AttachmentPlacement[];
    baseRevisionId?: number;
    meta?: RequestMeta;
    fieldSeparator?: '-' | '.';
  },
) {
  if (!canEditResource(actor, resource.author_team_id)) {
    throw new AppError('forbidden', 'You can edit only the resources of the teams you lead.');
  }
  return services.db.transaction().execute(async (tx) => {
    await lockResource(tx, resource.id);
    const fresh = (await findResourceById(tx, resource.id))!;
    if (
      options.baseRevisionId !== undefined &&
      fresh.current_revision_id !== null &&
      fresh.current_revision_id !== options.baseRevisionId
    ) {
      throw new AppError(
        'conflict',
        'Someone saved a newer version of this resource while you were editing. Your changes are still in the form below: check the history, then save again to keep yours.',
      );
    }
    const content = await resolveInput(tx, actor, input, options);
    const saved = await writeRevision(tx, {
      resourceId: resource.id,
      content,
      action: options.mode,
      publish: options.mode === 'publish',
      actorPersonId: actor.personId,
      now: services.now(),
    });
    await placeAttachments(tx, actor, resource.id, content.steps, options.attachments ?? []);
    await recordAudit(tx, {
      actor,
      action: options.mode === 'publish' ? 'resource.published' : 'resource.draft_saved',
      subjectType: 'resource',
      subjectId: resource.id,
      details: { slug: resource.slug, revision: saved.revisionNumber, changed: saved.changed },
      ...options.meta,
    });
    return saved;
  });
}

/** Takes a resource off the public site (its text and history stay). */
export async function unpublishResource(
  services: Services,
  actor: Actor,
  resource: ResourceRow,
  meta: RequestMeta = {},
) {
  if (!canEditResource(actor, resource.author_team_id)) {
    throw new AppError('forbidden', 'You can edit only the resources of the teams you lead.');
  }
  await services.db.transaction().execute(async (tx) => {
    await lockResource(tx, resource.id);
    const row = (await findResourceById(tx, resource.id))!;
    if (row.published_revision_id === null) return;
    const content = await workingContent(tx, row);
    const revision = await insertRevision(tx, {
      resourceId: row.id,
      action: 'unpublish',
      content: content as unknown as Record<string, unknown>,
      changed: [],
      authorPersonId: actor.personId,
    });
    await setResourcePointers(
      tx,
      row.id,
      { current_revision_id: revision.id, published_revision_id: null, published_at: null },
      services.now(),
    );
    await updateResourceColumns(tx, row.id, columnsOf(content), services.now());
    await replaceIssueAreas(tx, row.id, content.issueAreas);
    await unindexResource(tx, row.id);
    await recordAudit(tx, {
      actor,
      action: 'resource.unpublished',
      subjectType: 'resource',
      subjectId: row.id,
      details: { slug: row.slug },
      ...meta,
    });
  });
}

/**
 * Restores an older revision: its content becomes a new revision (history is never rewritten).
 * A published resource shows the restored text at once; a draft stays a draft.
 */
export async function restoreRevision(
  services: Services,
  actor: Actor,
  resource: ResourceRow,
  number: number,
  meta: RequestMeta = {},
) {
  if (!canEditResource(actor, resource.author_team_id)) {
    throw new AppError('forbidden', 'You can edit only the resources of the teams you lead.');
  }
  const revision = await findRevisionByNumber(services.db, resource.id, number);
  if (!revision) throw new AppError('not_found', 'That revision was not found.');
  const content = revision.content as unknown as ResourceContent;
  if (!isEditor(actor) && !canEditResource(actor, content.authorTeamId)) {
    throw new AppError('forbidden', 'That revision names a team you do not lead as the author.');
  }
  return services.db.transaction().execute(async (tx) => {
    const saved = await writeRevision(tx, {
      resourceId: resource.id,
      content,
      action: 'restore',
      publish: resource.published_revision_id !== null,
      actorPersonId: actor.personId,
      restoredFrom: number,
      now: services.now(),
    });
    await recordAudit(tx, {
      actor,
      action: 'resource.restored',
      subjectType: 'resource',
      subjectId: resource.id,
      details: { slug: resource.slug, from: number, revision: saved.revisionNumber },
      ...meta,
    });
    return saved;
  });
}

/**
 * Checks and stores one uploaded file. Refuses (nothing stored) a file over the size limit or
 * of a type we do not accept, judged by its bytes. `resourceId` null keeps it pending (private
 * to its uploader's form) until the resource is saved: the editor form always uploads so. */
export async function storeAttachment(
  services: Services,
  actor: Actor | null,
  file: { name: string; bytes: Buffer },
  placement: { resourceId: number | null; stepKey: string | null; isSample?: boolean },
  db: Executor = services.db,
) {
  const shown = file.name.slice(0, 120) || 'The file';
  if (file.bytes.length === 0) {
    throw new AppError('invalid_input', `${shown} is empty.`, {
      attachment: `${shown} is empty: choose the file again.`,
    });
  }
  if (file.bytes.length > MAX_ATTACHMENT_BYTES) {
    const message = `${shown} is ${formatBytes(file.bytes.length)}; files can be at most ${formatBytes(MAX_ATTACHMENT_BYTES)}. Nothing was uploaded.`;
    throw new AppError('invalid_input', message, { attachment: message });
  }
  const type = detectFileType(file.bytes, file.name);
  if (!type) {
    const message = `${shown} is not a file type we accept. Attach a PDF, an image (PNG, JPEG, GIF, WebP), Word, PowerPoint, Excel or OpenDocument file, or plain text. Nothing was uploaded.`;
    throw new AppError('invalid_input', message, { attachment: message });
  }
  const storage = fileStorageFor(services.config);
  const storageKey = newStorageKey('resources', services.now());
  await storage.put(storageKey, file.bytes, type.contentType);
  try {
    return await insertAttachment(db, {
      resource_id: placement.resourceId,
      step_key: placement.stepKey,
      storage_key: storageKey,
      file_name: cleanFileName(file.name, type),
      content_type: type.contentType,
      size_bytes: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      uploaded_by: actor?.personId ?? null,
      is_sample: placement.isSample ?? false,
    });
  } catch (error) {
    await storage.delete(storageKey);
    throw error;
  }
}

/** Removes an attachment (the resource's, or one's own pending upload) and its stored file. */
export async function removeAttachment(
  services: Services,
  actor: Actor,
  resource: ResourceRow | null,
  attachmentId: number,
  meta: RequestMeta = {},
): Promise<void> {
  const attachment = await findAttachment(services.db, attachmentId);
  const mine =
    attachment &&
    ((attachment.resource_id === null && attachment.uploaded_by === actor.personId) ||
      (resource !== null &&
        attachment.resource_id === resource.id &&
        canEditResource(actor, resource.author_team_id)));
  if (!attachment || !mine) throw new AppError('not_found', 'That attachment was not found.');
  await services.db.transaction().execute(async (tx) => {
    await deleteAttachmentRow(tx, attachment.id);
    await recordAudit(tx, {
      actor,
      action: 'resource.attachment_removed',
      subjectType: 'resource',
      subjectId: attachment.resource_id,
      details: { file: attachment.file_name },
      ...meta,
    });
  });
  await fileStorageFor(services.config).delete(attachment.storage_key);
}

/** Pending uploads left behind by an abandoned form, after a day. */
export async function removeAbandonedUploads(services: Services): Promise<number> {
  const rows = await findAbandonedUploads(
    services.db,
    new Date(services.now().getTime() - 86_400_000),
  );
  const storage = fileStorageFor(services.config);
  for (const row of rows) {
    await deleteAttachmentRow(services.db, row.id);
    await storage.delete(row.storage_key);
  }
  return rows.length;
}

/** An organizer (or an editor) marks a toolkit as used by a group. */
export async function setGroupUses(
  services: Services,
  actor: Actor,
  resource: ResourceRow,
  groupSlug: string,
  uses: boolean,
  meta: RequestMeta = {},
) {
  const group = await findGroupBySlug(services.db, groupSlug);
  if (!group) throw new AppError('invalid_input', 'Choose a group.', { group: 'Choose a group.' });
  if (!canEditGroup(actor, group.id) && !canEditResource(actor, resource.author_team_id)) {
    throw new AppError('forbidden', 'Only organizers of that group can say it uses this toolkit.');
  }
  await services.db.transaction().execute(async (tx) => {
    if (uses) await addGroupUsing(tx, resource.id, group.id, actor.personId);
    else await removeGroupUsing(tx, resource.id, group.id);
    await recordAudit(tx, {
      actor,
      action: uses ? 'resource.group_added' : 'resource.group_removed',
      subjectType: 'resource',
      subjectId: resource.id,
      details: { group: group.slug },
      ...meta,
    });
  });
  return group;
}

/** Rebuilds the search documents of every published resource (after a restore from backup). */
export async function reindexResources(
  services: Services,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const rows = await services.db.selectFrom('resources').select('id').orderBy('id').execute();
  let done = 0;
  for (const { id } of rows) {
    await services.db.transaction().execute(async (tx) => {
      const row = (await findResourceById(tx, id))!;
      if (row.published_revision_id === null) await unindexResource(tx, id);
      else await indexResource(tx, id, row.slug, contentOfRow(row));
    });
    onProgress?.(++done, rows.length);
  }
  return rows.length;
}
