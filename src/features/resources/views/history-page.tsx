import { t } from '../../../platform/i18n/index.ts';
import { Badge, CsrfField, PageHeader } from '../../../platform/views/components.tsx';
import { coalitionZone, formatTimestamp } from '../../../platform/views/format.ts';
import type { ResourceRow } from '../repository.ts';
import { whoOf } from './shared.tsx';

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
