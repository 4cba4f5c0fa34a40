import { t } from '../../../platform/i18n/index.ts';
import { ISSUE_AREAS } from '../../../platform/issue-areas.ts';
import { EmptyState, NextPageLink, PageHeader } from '../../../platform/views/components.tsx';
import type { ResourceRow } from '../repository.ts';
import { AUDIENCES, RESOURCE_KINDS } from '../tables.ts';
import { audienceLabel, ResourceCard } from './shared.tsx';

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
