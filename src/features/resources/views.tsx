import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { FormState } from '../../platform/http/forms.ts';
import { t } from '../../platform/i18n/index.ts';
import { ISSUE_AREAS, issueAreaName } from '../../platform/issue-areas.ts';
import {
  Badge,
  CheckboxGroup,
  CsrfField,
  EmptyState,
  ErrorSummary,
  Field,
  NextPageLink,
  PageHeader,
  SampleBadge,
  SelectField,
  TextAreaField,
} from '../../platform/views/components.tsx';
import {
  coalitionZone,
  formatDay,
  formatTimestamp,
  formatWhen,
} from '../../platform/views/format.ts';
import type { ResourceFormModel } from './form.ts';
import { renderMarkdown } from './markdown.ts';
import type { AttachmentRow, ResourceRow } from './repository.ts';
import type { ResourceContent } from './service.ts';
import { AUDIENCES, RESOURCE_KINDS, type ResourceKind, type ResourceLink } from './tables.ts';
import { formatBytes, MAX_ATTACHMENT_BYTES } from './uploads.ts';

const kindLabel = (kind: string) => t(`resources.kind.${kind}`);
const audienceLabel = (audience: string) => t(`resources.audience.${audience}`);

function reviewedDate(date: string | null): string | null {
  return date ? formatDay(new Date(`${date}T12:00:00Z`), 'UTC') : null;
}

function Markdown({ text }: { text: string }) {
  return <div class="prose">{raw(renderMarkdown(text))}</div>;
}

export function attachmentUrl(slug: string, attachment: Pick<AttachmentRow, 'id' | 'file_name'>) {
  return `/resources/${slug}/files/${attachment.id}/${encodeURIComponent(attachment.file_name)}`;
}

function AuthorLine({
  resource,
}: {
  resource: Pick<ResourceRow, 'author_name' | 'author_type' | 'author_slug'>;
}) {
  if (!resource.author_name) return null;
  if (resource.author_type === 'group') {
    return (
      <span>
        {t('resources.by', { author: '' }).trim()}{' '}
        <a href={`/groups/${resource.author_slug}`}>{resource.author_name}</a>
      </span>
    );
  }
  return <span>{t('resources.byTeam', { author: resource.author_name })}</span>;
}

export function ResourceCard({
  resource,
  showState,
}: {
  resource: ResourceRow;
  showState?: boolean;
}) {
  return (
    <li class="card resource-card">
      <p class="resource-card-kind">
        <Badge tone={resource.kind === 'toolkit' ? undefined : 'muted'}>
          {kindLabel(resource.kind)}
        </Badge>{' '}
        <SampleBadge isSample={resource.is_sample} />
        {showState && resource.published_revision_id === null && (
          <Badge tone="warning">{t('resources.draft')}</Badge>
        )}
      </p>
      <h3>
        <a href={`/resources/${resource.slug}`}>{resource.title}</a>
      </h3>
      {resource.summary && <p>{resource.summary}</p>}
      <p class="muted resource-card-meta">
        {audienceLabel(resource.audience)}
        {resource.issue_areas.length > 0 &&
          ` · ${resource.issue_areas.map(issueAreaName).join(', ')}`}
      </p>
    </li>
  );
}

export interface LibraryFilters {
  kind?: string;
  issue_area?: string;
  audience?: string;
  q?: string;
}

export function LibraryPage({
  filters,
  resources,
  next,
  canEdit,
}: {
  filters: LibraryFilters;
  resources: ResourceRow[];
  next: string | null;
  canEdit: boolean;
}) {
  const filtered = Boolean(filters.kind || filters.issue_area || filters.audience || filters.q);
  return (
    <>
      <PageHeader
        title={t('resources.title')}
        lead={t('resources.lead')}
        actions={
          canEdit && (
            <>
              <a class="button" href="/resources/new">
                {t('resources.add')}
              </a>
              <a class="button secondary" href="/admin/resources">
                {t('resources.manage')}
              </a>
            </>
          )
        }
      />
      <nav class="resource-kinds" aria-label={t('resources.filter.kind')}>
        <ul>
          <li>
            <a href="/resources" aria-current={!filters.kind ? 'page' : undefined}>
              {t('resources.filter.any')}
            </a>
          </li>
          {RESOURCE_KINDS.map((kind) => (
            <li>
              <a
                href={`/resources?kind=${kind}`}
                aria-current={filters.kind === kind ? 'page' : undefined}
              >
                {t(`resources.kinds.${kind}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action="/resources" class="resource-filters">
        <h2 class="visually-hidden">{t('resources.filters')}</h2>
        {filters.kind && <input type="hidden" name="kind" value={filters.kind} />}
        <div class="resource-filter-row">
          <div class="field">
            <label for="filter-q">{t('resources.filter.q')}</label>
            <input id="filter-q" type="search" name="q" value={filters.q ?? ''} maxlength={200} />
          </div>
          <div class="field">
            <label for="filter-issue">{t('resources.filter.issueArea')}</label>
            <select id="filter-issue" name="issue_area">
              <option value="">{t('resources.filter.any')}</option>
              {ISSUE_AREAS.map((area) => (
                <option value={area.slug} selected={filters.issue_area === area.slug}>
                  {area.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="filter-audience">{t('resources.filter.audience')}</label>
            <select id="filter-audience" name="audience">
              <option value="">{t('resources.filter.any')}</option>
              {AUDIENCES.filter((a) => a !== 'everyone').map((audience) => (
                <option value={audience} selected={filters.audience === audience}>
                  {audienceLabel(audience)}
                </option>
              ))}
            </select>
          </div>
          <div class="resource-filter-actions">
            <button type="submit">{t('resources.filter.apply')}</button>
            {filtered && <a href="/resources">{t('resources.filter.clear')}</a>}
          </div>
        </div>
      </form>
      {resources.length === 0 ? (
        filtered ? (
          <EmptyState title={t('resources.empty.title')}>
            <p>{t('resources.empty.body')}</p>
            <p>
              <a href="/resources">{t('resources.filter.clear')}</a>
            </p>
          </EmptyState>
        ) : (
          <EmptyState title={t('resources.empty.none')}>
            <p>{t('resources.empty.noneBody')}</p>
          </EmptyState>
        )
      ) : (
        <ul class="card-grid resource-grid">
          {resources.map((resource) => (
            <ResourceCard resource={resource} />
          ))}
        </ul>
      )}
      <NextPageLink next={next} query={filters as Record<string, string | undefined>} />
    </>
  );
}

function FileLink({ slug, attachment }: { slug: string; attachment: AttachmentRow }) {
  return (
    <li>
      <a href={attachmentUrl(slug, attachment)} download={attachment.file_name}>
        {attachment.file_name}
      </a>{' '}
      <span class="muted">({formatBytes(attachment.size_bytes)})</span>
    </li>
  );
}

function Links({ links, kind }: { links: ResourceLink[]; kind: ResourceKind }) {
  if (!links.length) return null;
  return (
    <section class="resource-links">
      <h2>{t('resources.links')}</h2>
      <ul>
        {links.map((link, index) => (
          <li>
            <a
              href={link.url}
              rel="nofollow noopener"
              class={kind === 'recording' && index === 0 ? 'button' : undefined}
            >
              {link.label ||
                (kind === 'recording' && index === 0 ? t('resources.watch') : link.url)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export interface ArticleProps {
  slug: string;
  content: ResourceContent;
  attachments: AttachmentRow[];
  linked: Map<number, { slug: string; title: string }>;
}

/** The body of a resource: text, steps with checklists and templates, links, downloads. */
export function ResourceArticle({ slug, content, attachments, linked }: ArticleProps) {
  const stepKeys = new Set(content.steps.map((step) => step.key));
  const general = attachments.filter((a) => !a.step_key || !stepKeys.has(a.step_key));
  return (
    <>
      {content.body.trim() && <Markdown text={content.body} />}
      {content.kind === 'toolkit' && content.steps.length > 0 && (
        <section class="toolkit-steps-section">
          <h2>{t('resources.steps')}</h2>
          <ol class="toolkit-steps">
            {content.steps.map((step, index) => {
              const templates = attachments.filter((a) => a.step_key === step.key);
              const seeAlso = step.resourceIds.map((id) => linked.get(id)).filter((r) => !!r);
              return (
                <li class="toolkit-step" id={`step-${index + 1}`}>
                  <h3>
                    <span class="step-number">{t('resources.step', { n: index + 1 })}</span>{' '}
                    {step.title}
                  </h3>
                  {step.body.trim() && <Markdown text={step.body} />}
                  {step.checklist.length > 0 && (
                    <fieldset class="toolkit-checklist">
                      <legend>{t('resources.checklist')}</legend>
                      <ul>
                        {step.checklist.map((item, itemIndex) => (
                          <li>
                            <label class="checkbox">
                              <input
                                type="checkbox"
                                data-checklist={`${slug}:${step.key}:${itemIndex}`}
                              />{' '}
                              <span>{item}</span>
                            </label>
                          </li>
                        ))}
                      </ul>
                    </fieldset>
                  )}
                  {templates.length > 0 && (
                    <div class="toolkit-templates">
                      <h4>{t('resources.templates')}</h4>
                      <ul>
                        {templates.map((attachment) => (
                          <FileLink slug={slug} attachment={attachment} />
                        ))}
                      </ul>
                    </div>
                  )}
                  {seeAlso.length > 0 && (
                    <div class="toolkit-see-also">
                      <h4>{t('resources.seeAlso')}</h4>
                      <ul>
                        {seeAlso.map((resource) => (
                          <li>
                            <a href={`/resources/${resource!.slug}`}>{resource!.title}</a>
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      )}
      <Links links={content.links} kind={content.kind} />
      {general.length > 0 && (
        <section class="resource-downloads">
          <h2>{t('resources.downloads')}</h2>
          <ul>
            {general.map((attachment) => (
              <FileLink slug={slug} attachment={attachment} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

export interface ResourcePageProps {
  resource: ResourceRow;
  content: ResourceContent;
  attachments: AttachmentRow[];
  linked: Map<number, { slug: string; title: string }>;
  groups: { slug: string; name: string }[];
  events: { title: string; url: string; starts_at: Date }[];
  canEdit: boolean;
  hasUnpublishedChanges: boolean;
  /** Groups the visitor organizes (to mark "our group uses this toolkit"). */
  organizerGroups: { slug: string; name: string }[];
  /** Free tags (an imported site's tags that match no issue area). */
  tags?: string[];
  now: Date;
}

export function ResourcePage(props: ResourcePageProps) {
  const { resource, content, canEdit, now } = props;
  const isDraft = resource.published_revision_id === null;
  const zone = coalitionZone();
  const reviewed = reviewedDate(content.lastReviewedOn);
  return (
    <article class={`resource resource-${content.kind}`}>
      <p class="breadcrumbs no-print">
        <a href="/resources">{t('resources.breadcrumb')}</a> ›{' '}
        <a href={`/resources?kind=${content.kind}`}>{t(`resources.kinds.${content.kind}`)}</a>
      </p>
      {isDraft && <p class="notice">{t('resources.draftNotice')}</p>}
      {!isDraft && canEdit && props.hasUnpublishedChanges && (
        <p class="notice no-print">
          {t('resources.changesNotice')}{' '}
          <a href={`/resources/${resource.slug}/edit`}>{t('resources.edit')}</a>
        </p>
      )}
      <header class="resource-header">
        <p class="resource-kind">
          <Badge tone={content.kind === 'toolkit' ? undefined : 'muted'}>
            {kindLabel(content.kind)}
          </Badge>{' '}
          <SampleBadge isSample={resource.is_sample} />
        </p>
        <h1>{content.title}</h1>
        {content.summary && <p class="lead">{content.summary}</p>}
        <p class="resource-meta muted">
          <AuthorLine resource={resource} />
          {resource.author_name && ' · '}
          {t('resources.for', { audience: audienceLabel(content.audience) })}
          {reviewed && ` · ${t('resources.reviewed', { date: reviewed })}`}
        </p>
        {content.issueAreas.length > 0 && (
          <ul class="resource-issue-areas">
            {content.issueAreas.map((area) => (
              <li>
                <a href={`/resources?issue_area=${area}`}>{issueAreaName(area)}</a>
              </li>
            ))}
          </ul>
        )}
        {props.tags && props.tags.length > 0 && (
          <p class="resource-tags muted">
            {t('resources.tags')}{' '}
            {props.tags.map((tag, index) => (
              <>
                {index > 0 && ', '}
                <a href={`/search?q=${encodeURIComponent(`"${tag}"`)}`}>{tag}</a>
              </>
            ))}
          </p>
        )}
        <div class="resource-actions no-print">
          <button type="button" class="secondary" data-print="" hidden>
            {t('resources.print')}
          </button>
          {canEdit && (
            <>
              <a class="button secondary" href={`/resources/${resource.slug}/edit`}>
                {t('resources.edit')}
              </a>
              <a class="button secondary" href={`/resources/${resource.slug}/history`}>
                {t('resources.history')}
              </a>
              {!isDraft && (
                <form
                  method="post"
                  action={`/resources/${resource.slug}/unpublish`}
                  class="inline-form"
                  data-confirm={t('resources.unpublishConfirm')}
                >
                  <CsrfField />
                  <button type="submit" class="secondary">
                    {t('resources.unpublish')}
                  </button>
                </form>
              )}
            </>
          )}
        </div>
      </header>
      <ResourceArticle
        slug={resource.slug}
        content={content}
        attachments={props.attachments}
        linked={props.linked}
      />
      {content.kind === 'toolkit' && content.eventQuery && (
        <section class="toolkit-events no-print">
          <h2>{t('resources.events')}</h2>
          {props.events.length ? (
            <ul>
              {props.events.map((event) => (
                <li>
                  <a href={event.url}>{event.title}</a>{' '}
                  <span class="muted">{formatWhen(event.starts_at, null, zone, { now })}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">
              {t('resources.events.none')} <a href="/events/new">{t('resources.events.add')}</a>
            </p>
          )}
        </section>
      )}
      {content.kind === 'toolkit' && (
        <section class="toolkit-groups no-print">
          <h2>{t('resources.groups')}</h2>
          {props.groups.length ? (
            <ul class="toolkit-group-list">
              {props.groups.map((group) => (
                <li>
                  <a href={`/groups/${group.slug}`}>{group.name}</a>
                  {(canEdit || props.organizerGroups.some((g) => g.slug === group.slug)) && (
                    <form
                      method="post"
                      action={`/resources/${resource.slug}/groups/remove`}
                      class="inline-form"
                    >
                      <CsrfField />
                      <input type="hidden" name="group" value={group.slug} />{' '}
                      <button type="submit" class="link-button">
                        {t('resources.groups.remove')}
                      </button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('resources.groups.none')}</p>
          )}
          {!isDraft && props.organizerGroups.length > 0 && (
            <form
              method="post"
              action={`/resources/${resource.slug}/groups`}
              class="toolkit-group-form"
            >
              <CsrfField />
              <SelectField
                name="group"
                label={t('resources.groups.group')}
                options={props.organizerGroups.map((g) => ({ value: g.slug, label: g.name }))}
              />
              <button type="submit" class="secondary">
                {t('resources.groups.mark')}
              </button>
            </form>
          )}
        </section>
      )}
    </article>
  );
}

export function NewResourceChooser() {
  return (
    <>
      <PageHeader title={t('resources.new.title')} lead={t('resources.new.lead')} />
      <ul class="card-grid">
        {RESOURCE_KINDS.map((kind) => (
          <li class="card">
            <h2>
              <a href={`/resources/new?kind=${kind}`}>{kindLabel(kind)}</a>
            </h2>
            <p>{t(`resources.new.${kind}Help`)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

export interface FormOptions {
  teams: { slug: string; name: string }[];
  groups: { slug: string; name: string }[];
  /** Resources a step may link to. */
  resources: { slug: string; title: string }[];
  /** The actor may name any author (editors); team leads only their teams. */
  anyAuthor: boolean;
}

export interface ResourceFormProps {
  action: string;
  model: ResourceFormModel;
  state?: FormState;
  options: FormOptions;
  attachments: AttachmentRow[];
  isPublished: boolean;
  preview?: Child;
  slug?: string;
}

function StepFields({
  model,
  state,
  options,
}: Pick<ResourceFormProps, 'model' | 'state' | 'options'>) {
  const errors = state?.errors ?? {};
  return (
    <fieldset class="form-steps" id="field-steps">
      <legend>{t('resources.form.steps')}</legend>
      <p class="help">{t('resources.form.stepsHelp')}</p>
      {errors.steps && <p class="field-error">{errors.steps}</p>}
      <ol class="form-step-list">
        {model.steps.map((step, index) => {
          const n = index + 1;
          const id = (field: string) => `field-steps-${index}-${field}`;
          const err = (field: string) => errors[`steps-${index}-${field}`];
          const linked = new Set(step.resources);
          return (
            <li class="form-step">
              <input type="hidden" name="step_key" value={step.key} />
              <div class={err('title') ? 'field has-error' : 'field'}>
                <label for={id('title')}>{t('resources.form.stepTitle', { n })}</label>
                {err('title') && <p class="field-error">{err('title')}</p>}
                <input
                  id={id('title')}
                  type="text"
                  name="step_title"
                  value={step.title}
                  maxlength={200}
                />
              </div>
              <div class={err('body') ? 'field has-error' : 'field'}>
                <label for={id('body')}>{t('resources.form.stepBody')}</label>
                {err('body') && <p class="field-error">{err('body')}</p>}
                <textarea id={id('body')} name="step_body" rows={5}>
                  {step.body}
                </textarea>
              </div>
              <div class={err('checklist') ? 'field has-error' : 'field'}>
                <label for={id('checklist')}>{t('resources.form.stepChecklist')}</label>
                <p class="help">{t('resources.form.stepChecklistHelp')}</p>
                {err('checklist') && <p class="field-error">{err('checklist')}</p>}
                <textarea id={id('checklist')} name="step_checklist" rows={4}>
                  {step.checklist}
                </textarea>
              </div>
              {options.resources.length > 0 && (
                <div class={err('resources') ? 'field has-error' : 'field'}>
                  <label for={id('resources')}>{t('resources.form.stepResources')}</label>
                  {err('resources') && <p class="field-error">{err('resources')}</p>}
                  <select
                    id={id('resources')}
                    name={`step_resources_${step.key}`}
                    multiple
                    size={4}
                  >
                    {options.resources.map((resource) => (
                      <option value={resource.slug} selected={linked.has(resource.slug)}>
                        {resource.title}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <div class="form-step-buttons">
                {index > 0 && (
                  <button
                    type="submit"
                    name="action"
                    value={`move-up:${step.key}`}
                    class="secondary"
                  >
                    {t('resources.form.moveUp', { n })}
                  </button>
                )}
                {index < model.steps.length - 1 && (
                  <button
                    type="submit"
                    name="action"
                    value={`move-down:${step.key}`}
                    class="secondary"
                  >
                    {t('resources.form.moveDown', { n })}
                  </button>
                )}
                <button
                  type="submit"
                  name="action"
                  value={`remove-step:${step.key}`}
                  class="secondary"
                >
                  {t('resources.form.removeStep', { n })}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button type="submit" name="action" value="add-step" class="secondary">
        {t('resources.form.addStep')}
      </button>
    </fieldset>
  );
}

function AttachmentFields({
  model,
  state,
  attachments,
}: Pick<ResourceFormProps, 'model' | 'state' | 'attachments'>) {
  const error = state?.errors?.attachment;
  const stepOptions = [
    { value: '', label: t('resources.form.wholeResource') },
    ...(model.kind === 'toolkit'
      ? model.steps.map((step, index) => ({
          value: step.key,
          label: `${t('resources.step', { n: index + 1 })}${step.title ? `: ${step.title}` : ''}`,
        }))
      : []),
  ];
  const placement = new Map(model.attachments.map((a) => [a.id, a.step] as const));
  return (
    <fieldset
      class={error ? 'field has-error form-attachments' : 'field form-attachments'}
      id="field-attachment"
    >
      <legend>{t('resources.form.attachments')}</legend>
      <p class="help">
        {t('resources.form.attachmentsHelp', { size: formatBytes(MAX_ATTACHMENT_BYTES) })}
      </p>
      {error && <p class="field-error">{error}</p>}
      {attachments.length === 0 ? (
        <p class="muted">{t('resources.form.noAttachments')}</p>
      ) : (
        <ul class="form-attachment-list">
          {attachments.map((attachment) => (
            <li>
              <input type="hidden" name="attachment_id" value={String(attachment.id)} />
              <span class="form-attachment-name">{attachment.file_name}</span>{' '}
              <span class="muted">({formatBytes(attachment.size_bytes)})</span>
              <label class="visually-hidden" for={`attachment-step-${attachment.id}`}>
                {t('resources.form.attachmentStep')}
              </label>
              <select id={`attachment-step-${attachment.id}`} name="attachment_step">
                {stepOptions.map((option) => (
                  <option
                    value={option.value}
                    selected={
                      (placement.get(attachment.id) ?? attachment.step_key ?? '') === option.value
                    }
                  >
                    {option.label}
                  </option>
                ))}
              </select>{' '}
              <button
                type="submit"
                name="action"
                value={`remove-attachment:${attachment.id}`}
                class="link-button"
              >
                {t('resources.form.removeAttachment', { name: attachment.file_name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="field">
        <label for="field-attachment-file">{t('resources.form.attachment')}</label>
        <input id="field-attachment-file" type="file" name="attachment" multiple />
      </div>
      {stepOptions.length > 1 && (
        <div class="field">
          <label for="field-new-attachment-step">{t('resources.form.attachmentStep')}</label>
          <select id="field-new-attachment-step" name="new_attachment_step">
            {stepOptions.map((option) => (
              <option value={option.value} selected={model.newAttachmentStep === option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      )}
    </fieldset>
  );
}

export function ResourceForm(props: ResourceFormProps) {
  const { model, options } = props;
  const state: FormState = props.state ?? { values: {}, errors: {} };
  const values = { ...model, featured: model.featured ? 'on' : '' };
  const filled: FormState = { ...state, values: values as unknown as FormState['values'] };
  const authorOptions = [
    ...(options.anyAuthor ? [{ value: '', label: t('resources.form.authorNone') }] : []),
    ...options.teams.map((team) => ({
      value: `team:${team.slug}`,
      label: `${t('resources.form.teams')}: ${team.name}`,
    })),
    ...(options.anyAuthor
      ? options.groups.map((group) => ({
          value: `group:${group.slug}`,
          label: `${t('resources.form.groups')}: ${group.name}`,
        }))
      : []),
  ];
  return (
    <>
      <ErrorSummary state={state} />
      {props.preview && (
        <section class="resource-preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading">{t('resources.form.previewHeading')}</h2>
          {props.preview}
        </section>
      )}
      <form
        method="post"
        action={props.action}
        enctype="multipart/form-data"
        class="resource-form"
        novalidate
      >
        <CsrfField />
        <input type="hidden" name="baseRevision" value={model.baseRevision} />
        <Field name="title" label={t('resources.form.title')} state={filled} required />
        <SelectField
          name="kind"
          label={t('resources.form.kind')}
          state={filled}
          options={RESOURCE_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
        />
        <TextAreaField
          name="summary"
          label={t('resources.form.summary')}
          help={t('resources.form.summaryHelp')}
          state={filled}
          rows={2}
          optional
        />
        <TextAreaField
          name="body"
          label={t('resources.form.body')}
          help={t('resources.form.bodyHelp')}
          state={filled}
          rows={10}
          optional
        />
        {model.kind === 'toolkit' && <StepFields model={model} state={state} options={options} />}
        <SelectField
          name="audience"
          label={t('resources.form.audience')}
          state={filled}
          options={AUDIENCES.map((audience) => ({
            value: audience,
            label: audienceLabel(audience),
          }))}
        />
        <SelectField
          name="author"
          label={t('resources.form.author')}
          state={filled}
          options={authorOptions}
        />
        <CheckboxGroup
          name="issueAreas"
          legend={t('resources.form.issueAreas')}
          options={ISSUE_AREAS.map((area) => ({ value: area.slug, label: area.name }))}
          state={filled}
        />
        <TextAreaField
          name="links"
          label={t('resources.form.links')}
          help={t('resources.form.linksHelp')}
          state={filled}
          rows={3}
          optional
        />
        <Field
          name="lastReviewedOn"
          label={t('resources.form.lastReviewedOn')}
          help={t('resources.form.lastReviewedHelp')}
          type="date"
          state={filled}
          optional
        />
        {model.kind === 'toolkit' && (
          <>
            <Field
              name="eventQuery"
              label={t('resources.form.eventQuery')}
              help={t('resources.form.eventQueryHelp')}
              state={filled}
              optional
            />
            <div class="field">
              <label class="checkbox">
                <input type="checkbox" name="featured" checked={model.featured} />{' '}
                {t('resources.form.featured')}
              </label>
            </div>
          </>
        )}
        <AttachmentFields model={model} state={state} attachments={props.attachments} />
        <div class="form-buttons">
          <button type="submit" name="action" value="preview" class="secondary">
            {t('resources.form.preview')}
          </button>
          <button type="submit" name="action" value="draft" class="secondary">
            {t('resources.form.saveDraft')}
          </button>
          <button type="submit" name="action" value="publish">
            {props.isPublished ? t('resources.form.publishChanges') : t('resources.form.publish')}
          </button>
        </div>
      </form>
    </>
  );
}

export interface RevisionListItem {
  id: number;
  number: number;
  action: string;
  changed: string[];
  created_at: Date;
  restored_from: number | null;
  author_name: string | null;
  author_email: string | null;
}

function whoOf(revision: { author_name: string | null; author_email: string | null }): string {
  return revision.author_name || revision.author_email || t('resources.history.someone');
}

function changedText(revision: RevisionListItem, isFirst: boolean): string {
  if (isFirst) return t('resources.history.nothing');
  const fields = [...new Set(revision.changed.map((field) => t(`resources.field.${field}`)))];
  const parts = fields.length ? fields.join(', ') : t('resources.history.noChanges');
  return revision.restored_from
    ? `${t('resources.history.restoredFrom', { n: revision.restored_from })}: ${parts}`
    : parts;
}

export function HistoryPage({
  resource,
  revisions,
}: {
  resource: ResourceRow;
  revisions: RevisionListItem[];
}) {
  const zone = coalitionZone();
  const oldest = revisions[revisions.length - 1]?.number;
  return (
    <>
      <p class="breadcrumbs">
        <a href={`/resources/${resource.slug}`}>{resource.title}</a>
      </p>
      <PageHeader
        title={t('resources.history.title', { title: resource.title })}
        lead={t('resources.history.lead')}
      />
      <div class="table-wrap">
        <table class="data-table history-table">
          <thead>
            <tr>
              <th>{t('resources.history.number')}</th>
              <th>{t('resources.history.when')}</th>
              <th>{t('resources.history.who')}</th>
              <th>{t('resources.history.what')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {revisions.map((revision) => {
              const isCurrent = revision.id === resource.current_revision_id;
              return (
                <tr>
                  <td>
                    <a href={`/resources/${resource.slug}/history/${revision.number}`}>
                      {revision.number}
                    </a>{' '}
                    {isCurrent && <Badge tone="muted">{t('resources.history.current')}</Badge>}{' '}
                    {revision.id === resource.published_revision_id && (
                      <Badge tone="success">{t('resources.history.published')}</Badge>
                    )}
                  </td>
                  <td>{formatTimestamp(revision.created_at, zone)}</td>
                  <td>{whoOf(revision)}</td>
                  <td>
                    <strong>{t(`resources.action.${revision.action}`)}</strong>:{' '}
                    {changedText(revision, revision.number === oldest)}
                  </td>
                  <td>
                    {!isCurrent && (
                      <form
                        method="post"
                        action={`/resources/${resource.slug}/history/${revision.number}/restore`}
                        class="inline-form"
                      >
                        <CsrfField />
                        <button type="submit" class="secondary">
                          {t('resources.history.restore')}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function RevisionPage({
  resource,
  revision,
  content,
  attachments,
  linked,
}: {
  resource: ResourceRow;
  revision: RevisionListItem;
  content: ResourceContent;
  attachments: AttachmentRow[];
  linked: Map<number, { slug: string; title: string }>;
}) {
  const isCurrent = revision.id === resource.current_revision_id;
  return (
    <article class={`resource resource-${content.kind}`}>
      <p class="breadcrumbs">
        <a href={`/resources/${resource.slug}/history`}>{t('resources.history')}</a>
      </p>
      <div class="notice">
        <p>
          {t('resources.revision.notice', {
            n: revision.number,
            when: formatTimestamp(revision.created_at, coalitionZone()),
            who: whoOf(revision),
          })}
        </p>
        {!isCurrent && (
          <form
            method="post"
            action={`/resources/${resource.slug}/history/${revision.number}/restore`}
            class="inline-form"
          >
            <CsrfField />
            <button type="submit">{t('resources.history.restore')}</button>
          </form>
        )}
      </div>
      <h1>{content.title}</h1>
      {content.summary && <p class="lead">{content.summary}</p>}
      <ResourceArticle
        slug={resource.slug}
        content={content}
        attachments={attachments}
        linked={linked}
      />
    </article>
  );
}

export function AdminResourcesPage({ resources }: { resources: ResourceRow[] }) {
  const zone = coalitionZone();
  return (
    <>
      <PageHeader
        title={t('resources.admin.title')}
        lead={t('resources.admin.lead')}
        actions={
          <a class="button" href="/resources/new">
            {t('resources.add')}
          </a>
        }
      />
      {resources.length === 0 ? (
        <EmptyState title={t('resources.admin.empty')}>
          <p>
            <a href="/resources/new">{t('resources.add')}</a>
          </p>
        </EmptyState>
      ) : (
        <div class="table-wrap">
          <table class="data-table">
            <thead>
              <tr>
                <th>{t('resources.form.title')}</th>
                <th>{t('resources.form.kind')}</th>
                <th>{t('resources.admin.state')}</th>
                <th>{t('resources.admin.updated')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {resources.map((resource) => (
                <tr>
                  <td>
                    <a href={`/resources/${resource.slug}`}>{resource.title}</a>{' '}
                    <SampleBadge isSample={resource.is_sample} />
                  </td>
                  <td>{kindLabel(resource.kind)}</td>
                  <td>
                    {resource.published_revision_id === null ? (
                      <Badge tone="warning">{t('resources.draft')}</Badge>
                    ) : resource.published_revision_id !== resource.current_revision_id ? (
                      <Badge tone="warning">{t('resources.admin.changes')}</Badge>
                    ) : (
                      <Badge tone="success">{t('resources.admin.published')}</Badge>
                    )}
                  </td>
                  <td>{formatTimestamp(resource.updated_at, zone)}</td>
                  <td>
                    <a href={`/resources/${resource.slug}/edit`}>{t('resources.edit')}</a> ·{' '}
                    <a href={`/resources/${resource.slug}/history`}>{t('resources.history')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function HomeToolkits({ toolkits }: { toolkits: ResourceRow[] }) {
  return (
    <section class="home-toolkits" aria-labelledby="home-toolkits-title">
      <h2 id="home-toolkits-title">{t('resources.home.title')}</h2>
      {toolkits.length === 0 ? (
        <EmptyState title={t('resources.home.empty')}>
          <p>
            <a href="/resources">{t('resources.home.all')}</a>
          </p>
        </EmptyState>
      ) : (
        <>
          <ul class="card-grid resource-grid">
            {toolkits.map((toolkit) => (
              <ResourceCard resource={toolkit} />
            ))}
          </ul>
          <p>
            <a href="/resources">{t('resources.home.all')}</a>
          </p>
        </>
      )}
    </section>
  );
}
