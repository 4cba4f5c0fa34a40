import { t } from '../../../platform/i18n/index.ts';
import { CsrfField } from '../../../platform/views/components.tsx';
import { coalitionZone, formatTimestamp } from '../../../platform/views/format.ts';
import type { AttachmentRow, ResourceRow } from '../repository.ts';
import type { ResourceContent } from '../service.ts';
import type { RevisionListItem } from './history-page.tsx';
import { ResourceArticle } from './resource-article.tsx';
import { whoOf } from './shared.tsx';

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
