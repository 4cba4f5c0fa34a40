import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { canEditResource, canEditResources, isEditor } from '../../platform/auth/policies.ts';
import { AppError, type FieldErrors, notFound } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/api.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { emptyForm, type FormState, readForm, withErrors } from '../../platform/http/forms.ts';
import { requireActor } from '../../platform/http/guards.ts';
import { idParam, parseQuery } from '../../platform/http/input.ts';
import { setFlash } from '../../platform/http/middleware.ts';
import { t } from '../../platform/i18n/index.ts';
import { isIssueArea } from '../../platform/issue-areas.ts';
import type { Services } from '../../platform/services.ts';
import { fileStorageFor } from '../../platform/storage/storage.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { findUpcomingEventDocuments } from '../search/repository.ts';
import {
  applyShapeAction,
  blankStep,
  emptyModel,
  inputFromModel,
  modelFromInput,
  parseLinks,
  type ResourceFormModel,
  readResourceForm,
  stepIndexMap,
} from './form.ts';
import {
  type AttachmentRow,
  findAttachment,
  findAttachmentsForForm,
  findGroupsByIds,
  findResourceBySlug,
  findResourcesByIds,
  findRevisionByNumber,
  listAttachments,
  listGroups,
  listGroupsUsing,
  listResources,
  listResourceTags,
  listRevisions,
  listTeams,
  type ResourceRow,
} from './repository.ts';
import { LinkInput, ResourceInput, resourceFieldErrors } from './schemas.ts';
import {
  contentOfRow,
  createResource,
  inputOfContent,
  type ResourceContent,
  removeAttachment,
  restoreRevision,
  setGroupUses,
  storeAttachment,
  unpublishResource,
  updateResource,
  workingContent,
} from './service.ts';
import { AUDIENCES, RESOURCE_KINDS } from './tables.ts';
import { contentDisposition } from './uploads.ts';
import { AdminResourcesPage } from './views/admin-resources-page.tsx';
import type { FormOptions } from './views/form-fields.tsx';
import { HistoryPage } from './views/history-page.tsx';
import { LibraryPage } from './views/library-page.tsx';
import { NewResourceChooser } from './views/new-resource-page.tsx';
import { ResourceArticle } from './views/resource-article.tsx';
import { ResourceForm } from './views/resource-form.tsx';
import { ResourcePage } from './views/resource-page.tsx';
import { RevisionPage } from './views/revision-page.tsx';

const LibraryQuery = z.object({
  kind: z.enum(RESOURCE_KINDS).optional().catch(undefined),
  issue_area: z.string().refine(isIssueArea).optional().catch(undefined),
  audience: z.enum(AUDIENCES).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  cursor: z.string().max(200).optional(),
});

export const LibraryCursor = z.object({ at: z.string(), id: z.number().int() });
const PAGE_SIZE = 24;
const VERSION_NOT_FOUND = 'That version was not found.';
const FILE_NOT_FOUND = 'That file was not found.';

function meta(c: Context<AppEnv>) {
  return { ip: c.get('ip'), requestId: c.get('requestId') };
}

/** The resource, if this actor may see it: published ones for all, drafts for their editors. */
async function loadVisible(services: Services, c: Context<AppEnv>) {
  const resource = await findResourceBySlug(services.db, c.req.param('slug') ?? '');
  if (!resource) throw notFound('That resource');
  const actor = c.get('actor');
  const canEdit = canEditResource(actor, resource.author_team_id);
  if (resource.published_revision_id === null && !canEdit) throw notFound('That resource');
  return { resource, actor, canEdit };
}

async function loadEditable(services: Services, c: Context<AppEnv>) {
  const actor = requireActor(c, canEditResources);
  const resource = await findResourceBySlug(services.db, c.req.param('slug') ?? '');
  if (!resource) throw notFound('That resource');
  if (!canEditResource(actor, resource.author_team_id)) {
    throw new AppError('forbidden', 'You can edit only the resources of the teams you lead.');
  }
  return { actor, resource };
}

async function linkedResources(
  services: Services,
  content: ResourceContent,
  includeDrafts: boolean,
) {
  const rows = await findResourcesByIds(
    services.db,
    [...new Set(content.steps.flatMap((step) => step.resourceIds))],
    { publishedOnly: !includeDrafts },
  );
  return new Map(rows.map((row) => [row.id, { slug: row.slug, title: row.title }] as const));
}

async function formOptions(
  services: Services,
  actor: Actor,
  exceptId?: number,
): Promise<FormOptions> {
  const anyAuthor = isEditor(actor);
  const teams = (await listTeams(services.db)).filter(
    (team) => anyAuthor || actor.leadOf.includes(team.id),
  );
  const resources = (await listResources(services.db, { limit: 500 }))
    .filter((row) => row.id !== exceptId)
    .map((row) => ({ slug: row.slug, title: row.title }))
    .sort((a, b) => a.title.localeCompare(b.title));
  return {
    anyAuthor,
    teams,
    groups: anyAuthor ? await listGroups(services.db) : [],
    resources,
  };
}

/** What the preview shows: the form's content as visitors would see it (nothing resolved or saved). */
function previewContent(model: ResourceFormModel): ResourceContent {
  const input = inputFromModel(model) as {
    steps: { key: string; title: string; body: string; checklist: string[] }[];
  };
  return {
    kind: (RESOURCE_KINDS as readonly string[]).includes(model.kind)
      ? (model.kind as ResourceContent['kind'])
      : 'guide',
    title: model.title,
    summary: model.summary,
    body: model.body,
    audience: 'everyone',
    issueAreas: [],
    authorTeamId: null,
    authorGroupId: null,
    links: parseLinks(model.links).filter((link) => LinkInput.safeParse(link).success),
    lastReviewedOn: null,
    featured: false,
    eventQuery: '',
    steps: input.steps.map((step) => ({ ...step, resourceIds: [] })),
  };
}

/** Step errors come numbered among the non-blank steps; place them on the form's own rows. */
function placeStepErrors(errors: FieldErrors, model: ResourceFormModel): FieldErrors {
  const indexes = stepIndexMap(model);
  const placed: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    const match = /^steps-(\d+)-(\w+)$/.exec(key);
    placed[match ? `steps-${indexes[Number(match[1])] ?? match[1]}-${match[2]}` : key] = message;
  }
  return placed;
}

export function resourceRoutes(app: Hono<AppEnv>, services: Services): void {
  const renderForm = async (
    c: Context<AppEnv>,
    actor: Actor,
    resource: ResourceRow | null,
    model: ResourceFormModel,
    options: {
      errors?: FieldErrors;
      message?: string;
      preview?: boolean;
      status?: 200 | 400 | 409;
    } = {},
  ) => {
    if (model.kind === 'toolkit' && model.steps.length === 0) model.steps.push(blankStep());
    const attachments: AttachmentRow[] = await findAttachmentsForForm(
      services.db,
      model.attachments.map((a) => a.id),
      resource?.id ?? null,
      actor.personId,
    );
    const state: FormState = { values: {}, errors: options.errors ?? {}, message: options.message };
    const title = resource
      ? t('resources.edit.title', { title: resource.title })
      : t('resources.new.title');
    const preview = options.preview ? (
      <>
        <h1>{model.title}</h1>
        {model.summary && <p class="lead">{model.summary}</p>}
        <ResourceArticle
          slug={resource?.slug ?? 'preview'}
          content={previewContent(model)}
          attachments={attachments.filter((a) => a.resource_id !== null)}
          linked={new Map()}
        />
      </>
    ) : undefined;
    return renderPage(
      c,
      { title },
      <>
        {resource && (
          <p class="breadcrumbs">
            <a href={`/resources/${resource.slug}`}>{resource.title}</a> ·{' '}
            <a href={`/resources/${resource.slug}/history`}>{t('resources.history')}</a>
          </p>
        )}
        <h1>{title}</h1>
        <ResourceForm
          action={resource ? `/resources/${resource.slug}/edit` : '/resources/new'}
          model={model}
          state={state}
          options={await formOptions(services, actor, resource?.id)}
          attachments={attachments}
          isPublished={resource?.published_revision_id != null}
          preview={preview}
          slug={resource?.slug}
        />
      </>,
      options.status ?? 200,
    );
  };

  /** The editor's form, new or existing: uploads first, then the button pressed. */
  const handleFormPost = async (c: Context<AppEnv>, actor: Actor, resource: ResourceRow | null) => {
    const { model, action, files } = readResourceForm(await readForm(c));
    let current: ResourceFormModel = { ...model, attachments: [...model.attachments] };
    const errors: FieldErrors = {};
    const stepKey = current.steps.some((step) => step.key === current.newAttachmentStep)
      ? current.newAttachmentStep
      : null;
    for (const file of files) {
      try {
        const stored = await storeAttachment(
          services,
          actor,
          { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) },
          // Pending (no resource) until the form is saved: an upload during a preview of a
          // published resource must not be public yet (issue 11, item 9).
          { resourceId: null, stepKey },
        );
        current.attachments.push({ id: stored.id, step: stepKey ?? '' });
      } catch (error) {
        const refused = withErrors(emptyForm(), error);
        errors.attachment =
          refused.errors.attachment ?? refused.message ?? (error as Error).message;
      }
    }
    if (action.type === 'remove-attachment') {
      await removeAttachment(services, actor, resource, action.id, meta(c));
      current.attachments = current.attachments.filter((a) => a.id !== action.id);
    }
    current = applyShapeAction(current, action);
    if (Object.keys(errors).length) {
      return renderForm(c, actor, resource, current, { errors, status: 400 });
    }
    if (action.type !== 'draft' && action.type !== 'publish') {
      return renderForm(c, actor, resource, current, { preview: action.type === 'preview' });
    }
    const parsed = ResourceInput.safeParse(inputFromModel(current));
    if (!parsed.success) {
      return renderForm(c, actor, resource, current, {
        errors: placeStepErrors(resourceFieldErrors(parsed.error, '-'), current),
        status: 400,
      });
    }
    const placements = current.attachments.map((a) => ({ id: a.id, stepKey: a.step || null }));
    let saved: { slug: string };
    try {
      saved = resource
        ? await updateResource(services, actor, resource, parsed.data, {
            mode: action.type,
            attachments: placements,
            baseRevisionId: Number(current.baseRevision) || undefined,
            meta: meta(c),
          })
        : await createResource(services, actor, parsed.data, {
            mode: action.type,
            attachments: placements,
            meta: meta(c),
          });
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict' && resource) {
        const fresh = await findResourceBySlug(services.db, resource.slug);
        return renderForm(
          c,
          actor,
          resource,
          { ...current, baseRevision: String(fresh?.current_revision_id ?? '') },
          { message: t('resources.form.conflict'), status: 409 },
        );
      }
      const refused = withErrors(emptyForm(), error);
      return renderForm(c, actor, resource, current, {
        errors: placeStepErrors(refused.errors, current),
        message: refused.message,
        status: 400,
      });
    }
    setFlash(
      c,
      services,
      action.type === 'publish' ? t('resources.saved.published') : t('resources.saved.draft'),
    );
    return c.redirect(
      action.type === 'publish' ? `/resources/${saved.slug}` : `/resources/${saved.slug}/edit`,
      303,
    );
  };

  app.get('/resources', async (c) => {
    const query = parseQuery(c, LibraryQuery);
    const after = decodeCursor(query.cursor, LibraryCursor);
    const rows = await listResources(services.db, {
      kind: query.kind,
      issueArea: query.issue_area,
      audience: query.audience,
      q: query.q || undefined,
      limit: PAGE_SIZE + 1,
      after,
    });
    const page = rows.slice(0, PAGE_SIZE);
    const last = page[page.length - 1];
    const next =
      rows.length > PAGE_SIZE && last
        ? encodeCursor({ at: (last.published_at ?? last.updated_at).toISOString(), id: last.id })
        : null;
    return renderPage(
      c,
      { title: t('resources.title'), description: t('resources.lead') },
      <LibraryPage
        filters={{
          kind: query.kind,
          issue_area: query.issue_area,
          audience: query.audience,
          q: query.q || undefined,
        }}
        resources={page}
        next={next}
        canEdit={canEditResources(c.get('actor'))}
      />,
    );
  });

  app.get('/resources/new', async (c) => {
    const actor = requireActor(c, canEditResources);
    const kind = c.req.query('kind');
    if (!kind || !(RESOURCE_KINDS as readonly string[]).includes(kind)) {
      return renderPage(c, { title: t('resources.new.title') }, <NewResourceChooser />);
    }
    const model = emptyModel(kind);
    if (!isEditor(actor)) {
      const team = (await listTeams(services.db)).find((row) => actor.leadOf.includes(row.id));
      if (team) model.author = `team:${team.slug}`;
    }
    return renderForm(c, actor, null, model);
  });

  app.post('/resources/new', async (c) => {
    const actor = requireActor(c, canEditResources);
    return handleFormPost(c, actor, null);
  });

  app.get('/resources/:slug', async (c) => {
    const { resource, actor, canEdit } = await loadVisible(services, c);
    const content = contentOfRow(resource);
    const now = services.now();
    const organizerGroups = isEditor(actor)
      ? await listGroups(services.db)
      : await findGroupsByIds(services.db, actor?.organizerOf ?? []);
    return renderPage(
      c,
      { title: content.title, description: content.summary || undefined },
      <ResourcePage
        resource={resource}
        content={content}
        attachments={await listAttachments(services.db, resource.id)}
        linked={await linkedResources(services, content, canEdit)}
        groups={content.kind === 'toolkit' ? await listGroupsUsing(services.db, resource.id) : []}
        events={
          content.kind === 'toolkit'
            ? await findUpcomingEventDocuments(services.db, content.eventQuery, now, 5)
            : []
        }
        canEdit={canEdit}
        hasUnpublishedChanges={
          resource.published_revision_id !== null &&
          resource.current_revision_id !== resource.published_revision_id
        }
        organizerGroups={organizerGroups}
        tags={await listResourceTags(services.db, resource.id)}
        now={now}
      />,
    );
  });

  app.get('/resources/:slug/edit', async (c) => {
    const { actor, resource } = await loadEditable(services, c);
    const input = await inputOfContent(services.db, await workingContent(services.db, resource));
    const attachments = await listAttachments(services.db, resource.id);
    const model = modelFromInput(input, {
      attachments: attachments.map((a) => ({ id: a.id, step: a.step_key ?? '' })),
      baseRevision: String(resource.current_revision_id ?? ''),
    });
    return renderForm(c, actor, resource, model);
  });

  app.post('/resources/:slug/edit', async (c) => {
    const { actor, resource } = await loadEditable(services, c);
    return handleFormPost(c, actor, resource);
  });

  app.post('/resources/:slug/unpublish', async (c) => {
    const { actor, resource } = await loadEditable(services, c);
    await unpublishResource(services, actor, resource, meta(c));
    setFlash(c, services, t('resources.unpublished'));
    return c.redirect(`/resources/${resource.slug}`, 303);
  });

  app.get('/resources/:slug/history', async (c) => {
    const { resource } = await loadEditable(services, c);
    return renderPage(
      c,
      { title: t('resources.history.title', { title: resource.title }) },
      <HistoryPage resource={resource} revisions={await listRevisions(services.db, resource.id)} />,
    );
  });

  app.get('/resources/:slug/history/:number', async (c) => {
    const { resource } = await loadEditable(services, c);
    const number = idParam(c, 'number', VERSION_NOT_FOUND);
    const revision = await findRevisionByNumber(services.db, resource.id, number);
    if (!revision) throw notFound('That version');
    const content = revision.content as unknown as ResourceContent;
    return renderPage(
      c,
      { title: t('resources.revision.title', { n: revision.number, title: resource.title }) },
      <RevisionPage
        resource={resource}
        revision={revision}
        content={content}
        attachments={await listAttachments(services.db, resource.id)}
        linked={await linkedResources(services, content, true)}
      />,
    );
  });

  app.post('/resources/:slug/history/:number/restore', async (c) => {
    const { actor, resource } = await loadEditable(services, c);
    const number = idParam(c, 'number', VERSION_NOT_FOUND);
    const saved = await restoreRevision(services, actor, resource, number, meta(c));
    setFlash(
      c,
      services,
      t('resources.history.restored', { from: number, number: saved.revisionNumber }),
    );
    return c.redirect(`/resources/${resource.slug}`, 303);
  });

  const groupForm = z.object({ group: z.string().trim().min(1).max(120) });
  for (const [path, uses] of [
    ['/resources/:slug/groups', true],
    ['/resources/:slug/groups/remove', false],
  ] as const) {
    app.post(path, async (c) => {
      const actor = requireActor(c);
      const { resource } = await loadVisible(services, c);
      const parsed = groupForm.safeParse(await readForm(c));
      if (!parsed.success) throw new AppError('invalid_input', 'Choose a group.');
      const group = await setGroupUses(services, actor, resource, parsed.data.group, uses, meta(c));
      setFlash(
        c,
        services,
        t(uses ? 'resources.groups.added' : 'resources.groups.removed', { group: group.name }),
      );
      return c.redirect(`/resources/${resource.slug}`, 303);
    });
  }

  const download = async (c: Context<AppEnv>) => {
    const { resource } = await loadVisible(services, c);
    const attachment = await findAttachment(services.db, idParam(c, 'id', FILE_NOT_FOUND));
    if (!attachment || attachment.resource_id !== resource.id) throw notFound('That file');
    const bytes = await fileStorageFor(services.config).get(attachment.storage_key);
    if (!bytes) throw notFound('That file');
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': attachment.content_type,
      'Content-Length': String(bytes.length),
      'Content-Disposition': contentDisposition(attachment.file_name),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control':
        resource.published_revision_id === null ? 'private, no-store' : 'public, max-age=300',
    });
  };
  app.get('/resources/:slug/files/:id/:name', download);
  app.get('/resources/:slug/files/:id', download);

  app.get('/admin/resources', async (c) => {
    const actor = requireActor(c, canEditResources);
    const rows = (await listResources(services.db, { includeDrafts: true, limit: 1000 })).filter(
      (row) => row.published_revision_id !== null || canEditResource(actor, row.author_team_id),
    );
    return renderPage(
      c,
      { title: t('resources.admin.title') },
      <AdminResourcesPage resources={rows} />,
    );
  });
}
