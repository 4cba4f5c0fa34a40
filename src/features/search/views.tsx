import { raw } from 'hono/html';
import { t, tn } from '../../platform/i18n/index.ts';
import type { SearchKind } from '../../platform/search-index.ts';
import { Badge, EmptyState, PageHeader } from '../../platform/views/components.tsx';
import { coalitionZone, formatWhen } from '../../platform/views/format.ts';
import { SEARCH_KINDS, type SearchHit } from './repository.ts';
import { highlightHtml } from './snippet.ts';

export interface SearchPageProps {
  q: string;
  kind?: SearchKind;
  hits: SearchHit[];
  counts: Partial<Record<SearchKind, number>>;
  page: number;
  hasMore: boolean;
  now: Date;
}

function searchHref(q: string, kind?: SearchKind, page?: number): string {
  const params = new URLSearchParams({ q });
  if (kind) params.set('kind', kind);
  if (page && page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
}

function KindFilter({ q, kind, counts }: Pick<SearchPageProps, 'q' | 'kind' | 'counts'>) {
  const total = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
  const options: { kind?: SearchKind; label: string; count: number }[] = [
    { label: t('search.kind.all'), count: total },
    ...SEARCH_KINDS.map((k) => ({ kind: k, label: t(`search.kind.${k}`), count: counts[k] ?? 0 })),
  ];
  return (
    <nav class="search-filters" aria-label={t('search.filterLabel')}>
      <ul>
        {options
          .filter((option) => option.count > 0 || option.kind === kind || !option.kind)
          .map((option) => (
            <li>
              <a
                href={searchHref(q, option.kind)}
                aria-current={option.kind === kind ? 'page' : undefined}
              >
                {option.label} <span class="search-count">{option.count}</span>
              </a>
            </li>
          ))}
      </ul>
    </nav>
  );
}

export function SearchForm({ q, kind }: { q: string; kind?: SearchKind }) {
  return (
    <form action="/search" method="get" class="search-form" role="search">
      <label for="search-q">{t('search.field')}</label>
      <p class="help" id="search-q-help">
        {t('search.help')}
      </p>
      <div class="search-row">
        <input
          id="search-q"
          type="search"
          name="q"
          value={q}
          aria-describedby="search-q-help"
          maxlength={200}
        />
        {kind && <input type="hidden" name="kind" value={kind} />}
        <button type="submit">{t('search.submit')}</button>
      </div>
    </form>
  );
}

function Hit({ hit, now }: { hit: SearchHit; now: Date }) {
  return (
    <li class="search-hit">
      <p class="search-hit-kind">
        <Badge tone={hit.kind === 'toolkit' ? undefined : 'muted'}>
          {t(`search.badge.${hit.kind}`)}
        </Badge>
      </p>
      <h2 class="search-hit-title">
        <a href={hit.url}>{raw(highlightHtml(hit.titleMarked))}</a>
      </h2>
      {hit.startsAt && (
        <p class="search-hit-when">
          {t('search.when', { when: formatWhen(hit.startsAt, null, coalitionZone(), { now }) })}
        </p>
      )}
      {hit.snippetMarked.trim() && (
        <p class="search-hit-snippet">{raw(highlightHtml(hit.snippetMarked))}</p>
      )}
    </li>
  );
}

export function SearchPage(props: SearchPageProps) {
  const { q, kind, hits, counts, page, hasMore, now } = props;
  const total = kind
    ? (counts[kind] ?? 0)
    : Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
  return (
    <>
      <PageHeader title={t('search.title')} lead={t('search.lead')} />
      <SearchForm q={q} kind={kind} />
      {!q ? (
        <EmptyState title={t('search.start.title')}>
          <p>{t('search.start.body')}</p>
        </EmptyState>
      ) : total === 0 && !hits.length ? (
        <EmptyState title={t('search.empty.title', { q })}>
          <p>{t('search.empty.body')}</p>
          <ul class="search-suggestions">
            <li>
              <a href="/groups">{t('search.empty.groups')}</a>
            </li>
            <li>
              <a href="/events">{t('search.empty.events')}</a>
            </li>
            <li>
              <a href="/resources">{t('search.empty.resources')}</a>
            </li>
          </ul>
        </EmptyState>
      ) : (
        <>
          <KindFilter q={q} kind={kind} counts={counts} />
          <p class="search-summary" role="status">
            {tn('search.results', total, { q })}
          </p>
          <ol class="search-results">
            {hits.map((hit) => (
              <Hit hit={hit} now={now} />
            ))}
          </ol>
          <p class="pagination">
            {page > 1 && (
              <a class="button secondary" href={searchHref(q, kind, page - 1)} rel="prev">
                {t('search.previous')}
              </a>
            )}{' '}
            {hasMore && (
              <a class="button secondary" href={searchHref(q, kind, page + 1)} rel="next">
                {t('search.more')}
              </a>
            )}
          </p>
        </>
      )}
    </>
  );
}
