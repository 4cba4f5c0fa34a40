import { t } from '../../../platform/i18n/index.ts';
import { issueAreaName } from '../../../platform/issue-areas.ts';
import { Badge, CsrfField, SampleBadge, SelectField } from '../../../platform/views/components.tsx';
import { coalitionZone, formatWhen } from '../../../platform/views/format.ts';
import type { AttachmentRow, ResourceRow } from '../repository.ts';
import type { ResourceContent } from '../service.ts';
import { ResourceArticle } from './resource-article.tsx';
import { AuthorLine, audienceLabel, kindLabel, reviewedDate } from './shared.tsx';

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
