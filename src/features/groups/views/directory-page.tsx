import type { FormState } from '../../../platform/http/forms.ts';
import { t, tn } from '../../../platform/i18n/index.ts';
import { EmptyState, NextPageLink, PageHeader } from '../../../platform/views/components.tsx';
import type { PlaceLookup, Town } from '../../places/lookup.ts';
import type { GroupSummary } from '../directory.ts';
import type { FinderMatch } from '../finder.ts';
import { MapFigure } from '../map.tsx';
import { FinderForm } from './finder-form.tsx';
import { GroupCard, type NextEvent } from './group-card.tsx';
import { districtName, townHref } from './parts.tsx';
import { PlacePanel } from './place-panel.tsx';

export interface DirectoryItem {
  group: GroupSummary;
  match?: FinderMatch;
}

export interface DirectoryPageProps {
  state: FormState<any>;
  suggestions?: Town[];
  place?: PlaceLookup;
  chosenDistrict?: number;
  heading: string;
  items: DirectoryItem[];
  total: number;
  next: string | null;
  /** The map image of this view (/groups/map.svg?...). */
  mapSrc: string;
  nextEvents: Map<number, NextEvent>;
  /** Districts with their number of groups, for the text list beside the map. */
  districtCounts: { district: number; count: number }[];
}

export function DirectoryPage(props: DirectoryPageProps) {
  const values = props.state.values;
  const query: Record<string, string | undefined> = {
    q: values.q ? String(values.q) : undefined,
    district: values.district ? String(values.district) : undefined,
    issue_area: values.issue_area ? String(values.issue_area) : undefined,
    kind: values.kind ? String(values.kind) : undefined,
  };
  return (
    <>
      <PageHeader title={t('groups.title')} lead={t('groups.lead')} />
      <FinderForm state={props.state} />
      {props.suggestions && props.suggestions.length > 0 && (
        <p class="suggestions">
          {t('groups.finder.didYouMean')}{' '}
          {props.suggestions.map((town, index) => (
            <>
              {index > 0 && ', '}
              <a href={townHref(town)}>{town.name}</a>
            </>
          ))}
          ?
        </p>
      )}
      {props.place && (
        <PlacePanel place={props.place} chosen={props.chosenDistrict} values={values} />
      )}
      <section class="group-results" aria-labelledby="results-title">
        <h2 id="results-title">
          {props.heading} <span class="muted">({tn('groups.results.count', props.total)})</span>
        </h2>
        {props.items.length ? (
          <ul class="card-grid group-grid">
            {props.items.map((item) => (
              <GroupCard
                group={item.group}
                match={item.match}
                placeTown={props.place?.town}
                nextEvent={props.nextEvents.get(item.group.id)}
              />
            ))}
          </ul>
        ) : props.total === 0 && !Object.values(query).some(Boolean) ? (
          <EmptyState title={t('groups.results.noneDirectory')}>
            <p>{t('groups.results.noneDirectoryBody')}</p>
          </EmptyState>
        ) : (
          <EmptyState title={t('groups.results.noneTitle')}>
            <p>{t('groups.results.noneBody')}</p>
            <p>
              <a href="/groups">{t('groups.finder.clear')}</a>
            </p>
          </EmptyState>
        )}
        <NextPageLink next={props.next} query={query} />
      </section>
      <section class="group-map-section" aria-labelledby="map-title">
        <h2 id="map-title">{t('groups.map.title')}</h2>
        <MapFigure
          src={props.mapSrc}
          alt={t('groups.map.alt', { count: props.total })}
          caption={t('groups.map.caption')}
        />
        <h3>{t('groups.byDistrict')}</h3>
        <ul class="district-links">
          {props.districtCounts.map((entry) => (
            <li>
              <a href={`/groups?district=${entry.district}`}>{districtName(entry.district)}</a>{' '}
              <span class="muted">({tn('groups.results.count', entry.count)})</span>
            </li>
          ))}
        </ul>
        <p>
          <a href="/issue-areas">{t('groups.byIssueArea')}</a> ·{' '}
          <a href="/groups.csv" download>
            {t('groups.export')}
          </a>
        </p>
      </section>
    </>
  );
}
