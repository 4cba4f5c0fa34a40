import type { Hono } from 'hono';
import { z } from 'zod';
import {
  canEditResource,
  canEditResources,
  type MaybeActor,
} from '../../platform/auth/policies.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { apiRoute, decodeCursor, encodeCursor } from '../../platform/http/api.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { isIssueArea } from '../../platform/issue-areas.ts';
import type { Services } from '../../platform/services.ts';
import { renderMarkdown } from './markdown.ts';
import {
  findResourceBySlug,
  findResourcesByIds,
  listAttachments,
  listGroupsUsing,
  listResources,
  type ResourceRow,
} from './repository.ts';
import { LibraryCursor } from './routes.tsx';
import {
  CreateResourceBody,
  PatchResourceBody,
  ResourceInput,
  resourceFieldErrors,
} from './schemas.ts';
import {
  contentOfRow,
  createResource,
  inputOfContent,
  unpublishResource,
  updateResource,
  workingContent,
} from './service.ts';
import { AUDIENCES, RESOURCE_KINDS } from './tables.ts';
import { attachmentUrl } from './views/shared.tsx';

const ListQuery = z.object({
  kind: z.enum(RESOURCE_KINDS).optional(),
  issue_area: z.string().refine(isIssueArea, 'Unknown issue area.').optional(),
  audience: z.enum(AUDIENCES).optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

const Author = z
  .object({ type: z.enum(['team', 'group']), slug: z.string(), name: z.string() })
  .nullable();

const ResourceSummary = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  kind: z.enum(RESOURCE_KINDS),
  audience: z.enum(AUDIENCES),
  issueAreas: z.array(z.string()),
  author: Author,
  url: z.string(),
  lastReviewedOn: z.string().nullable(),
  published: z.boolean(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  isSample: z.boolean(),
});

const FileItem = z.object({
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  url: z.string(),
});

const ResourceDetail = ResourceSummary.extend({
  body: z.string(),
  bodyHtml: z.string(),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
  steps: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      body: z.string(),
      bodyHtml: z.string(),
      checklist: z.array(z.string()),
      resources: z.array(z.object({ slug: z.string(), title: z.string(), url: z.string() })),
      attachments: z.array(FileItem),
    }),
  ),
  attachments: z.array(FileItem),
  groups: z.array(z.object({ slug: z.string(), name: z.string() })),
  eventQuery: z.string(),
  hasUnpublishedChanges: z.boolean(),
});

const SlugParams = z.object({ slug: z.string().min(1).max(120) });

export function resourceApiRoutes(app: Hono<AppEnv>, services: Services): void {
  const base = services.config.publicUrl;

  const summaryOf = (row: ResourceRow) => ({
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    kind: row.kind,
    audience: row.audience,
    issueAreas: row.issue_areas,
    author:
      row.author_type && row.author_slug && row.author_name
        ? { type: row.author_type, slug: row.author_slug, name: row.author_name }
        : null,
    url: `${base}/resources/${row.slug}`,
    lastReviewedOn: row.last_reviewed_on,
    published: row.published_revision_id !== null,
    publishedAt: row.published_at ? row.published_at.toISOString() : null,
    updatedAt: row.updated_at.toISOString(),
    isSample: row.is_sample,
  });

  const detailOf = async (row: ResourceRow, canEdit: boolean) => {
    const content = contentOfRow(row);
    const attachments = await listAttachments(services.db, row.id);
    const fileOf = (a: (typeof attachments)[number]) => ({
      name: a.file_name,
      contentType: a.content_type,
      size: a.size_bytes,
      url: `${base}${attachmentUrl(row.slug, a)}`,
    });
    const linked = new Map(
      (
        await findResourcesByIds(
          services.db,
          content.steps.flatMap((s) => s.resourceIds),
          { publishedOnly: !canEdit },
        )
      ).map((r) => [r.id, r] as const),
    );
    const stepKeys = new Set(content.steps.map((s) => s.key));
    return {
      ...summaryOf(row),
      body: content.body,
      bodyHtml: renderMarkdown(content.body),
      links: content.links,
      steps: content.steps.map((step) => ({
        key: step.key,
        title: step.title,
        body: step.body,
        bodyHtml: renderMarkdown(step.body),
        checklist: step.checklist,
        resources: step.resourceIds
          .map((id) => linked.get(id))
          .filter((r) => !!r)
          .map((r) => ({ slug: r!.slug, title: r!.title, url: `${base}/resources/${r!.slug}` })),
        attachments: attachments.filter((a) => a.step_key === step.key).map(fileOf),
      })),
      attachments: attachments.filter((a) => !a.step_key || !stepKeys.has(a.step_key)).map(fileOf),
      groups: (await listGroupsUsing(services.db, row.id)).map((g) => ({
        slug: g.slug,
        name: g.name,
      })),
      eventQuery: content.eventQuery,
      hasUnpublishedChanges:
        row.published_revision_id !== null && row.current_revision_id !== row.published_revision_id,
    };
  };

  const visible = async (slug: string, actor: MaybeActor) => {
    const row = await findResourceBySlug(services.db, slug);
    if (!row) throw notFound('That resource');
    const canEdit = canEditResource(actor, row.author_team_id);
    if (row.published_revision_id === null && !canEdit) throw notFound('That resource');
    return { row, canEdit };
  };

  apiRoute(
    app,
    {
      method: 'get',
      path: '/resources',
      summary:
        'Published resources and toolkits, newest first (an editor’s token also lists drafts).',
      tag: 'resources',
      query: ListQuery,
      response: z.object({ data: z.array(ResourceSummary), next: z.string().nullable() }),
    },
    async ({ query, actor }) => {
      const rows = await listResources(services.db, {
        kind: query.kind,
        issueArea: query.issue_area,
        audience: query.audience,
        q: query.q || undefined,
        includeDrafts: canEditResources(actor),
        limit: query.limit + 1,
        after: decodeCursor(query.cursor, LibraryCursor),
      });
      const page = rows
        .slice(0, query.limit)
        .filter(
          (row) => row.published_revision_id !== null || canEditResource(actor, row.author_team_id),
        );
      const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
      return {
        data: page.map(summaryOf),
        next: last
          ? encodeCursor({ at: (last.published_at ?? last.updated_at).toISOString(), id: last.id })
          : null,
      };
    },
  );

  apiRoute(
    app,
    {
      method: 'get',
      path: '/resources/:slug',
      summary: 'One resource with its text, steps, links and files.',
      tag: 'resources',
      params: SlugParams,
      response: ResourceDetail,
    },
    async ({ params, actor }) => {
      const { row, canEdit } = await visible(params.slug, actor);
      return detailOf(row, canEdit);
    },
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/resources',
      summary:
        'Create a resource (editors and team leads). `published: true` publishes it at once; otherwise it is a draft.',
      tag: 'resources',
      body: CreateResourceBody,
      auth: true,
      status: 201,
      response: ResourceDetail,
    },
    async ({ body, actor }) => {
      if (!canEditResources(actor)) {
        throw new AppError('forbidden', 'Only editors and team leads write resources.');
      }
      const { published, ...input } = body;
      const saved = await createResource(services, actor!, input, {
        mode: published ? 'publish' : 'draft',
        fieldSeparator: '.',
      });
      const row = (await findResourceBySlug(services.db, saved.slug))!;
      return detailOf(row, true);
    },
  );

  apiRoute(
    app,
    {
      method: 'patch',
      path: '/resources/:slug',
      summary:
        'Change a resource; every change is a new revision. Without `published`, a published resource stays published (the change goes live) and a draft stays a draft; `published: false` unpublishes.',
      tag: 'resources',
      params: SlugParams,
      body: PatchResourceBody,
      auth: true,
      response: ResourceDetail,
    },
    async ({ params, body, actor }, c) => {
      const row = await findResourceBySlug(services.db, params.slug);
      if (!row) throw notFound('That resource');
      if (!canEditResource(actor, row.author_team_id)) {
        throw new AppError('forbidden', 'You can edit only the resources of the teams you lead.');
      }
      const { published, ...changes } = body;
      // zod fills defaults into absent fields; change only what the request actually sent.
      const sent = new Set(Object.keys((await c.req.json()) as object));
      const defined = Object.fromEntries(
        Object.entries(changes).filter(([key, value]) => sent.has(key) && value !== undefined),
      );
      const hasChanges = Object.keys(defined).length > 0;
      const wasPublished = row.published_revision_id !== null;
      if (hasChanges || published === true) {
        const current = await inputOfContent(services.db, await workingContent(services.db, row));
        const merged: Record<string, unknown> = { ...current, ...defined };
        if (defined.team !== undefined && defined.group === undefined) delete merged.group;
        if (defined.group !== undefined && defined.team === undefined) delete merged.team;
        const parsed = ResourceInput.safeParse(merged);
        if (!parsed.success) {
          const fields = resourceFieldErrors(parsed.error, '.');
          throw new AppError('invalid_input', Object.values(fields)[0] ?? 'Invalid body.', fields);
        }
        await updateResource(services, actor!, row, parsed.data, {
          mode:
            published === true || (published === undefined && wasPublished) ? 'publish' : 'draft',
          fieldSeparator: '.',
        });
      }
      if (published === false && wasPublished) {
        await unpublishResource(
          services,
          actor!,
          (await findResourceBySlug(services.db, row.slug))!,
        );
      }
      return detailOf((await findResourceBySlug(services.db, row.slug))!, true);
    },
  );
}
