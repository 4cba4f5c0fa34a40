import { raw } from 'hono/html';
import { t } from '../../../platform/i18n/index.ts';
import { issueAreaName } from '../../../platform/issue-areas.ts';
import { Badge, SampleBadge } from '../../../platform/views/components.tsx';
import { formatDay } from '../../../platform/views/format.ts';
import { renderMarkdown } from '../markdown.ts';
import type { AttachmentRow, ResourceRow } from '../repository.ts';

export const kindLabel = (kind: string) => t(`resources.kind.${kind}`);
export const audienceLabel = (audience: string) => t(`resources.audience.${audience}`);

export function reviewedDate(date: string | null): string | null {
  return date ? formatDay(new Date(`${date}T12:00:00Z`), 'UTC') : null;
}

export function Markdown({ text }: { text: string }) {
  return <div class="prose">{raw(renderMarkdown(text))}</div>;
}

export function attachmentUrl(slug: string, attachment: Pick<AttachmentRow, 'id' | 'file_name'>) {
  return `/resources/${slug}/files/${attachment.id}/${encodeURIComponent(attachment.file_name)}`;
}

export function AuthorLine({
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

export function whoOf(revision: {
  author_name: string | null;
  author_email: string | null;
}): string {
  return revision.author_name || revision.author_email || t('resources.history.someone');
}
