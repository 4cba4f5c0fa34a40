import { t } from '../../../platform/i18n/index.ts';
import { Badge, EmptyState, PageHeader, SampleBadge } from '../../../platform/views/components.tsx';
import { coalitionZone, formatTimestamp } from '../../../platform/views/format.ts';
import type { ResourceRow } from '../repository.ts';
import { kindLabel } from './shared.tsx';

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
