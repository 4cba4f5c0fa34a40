import type { Child } from 'hono/jsx';
import { t } from '../../../platform/i18n/index.ts';
import { issueAreaName } from '../../../platform/issue-areas.ts';
import { EmptyState, PageHeader } from '../../../platform/views/components.tsx';
import type { GroupSummary } from '../directory.ts';
import { MapFigure } from '../map.tsx';
import { GroupCard, type NextEvent } from './group-card.tsx';

export function IssueAreaPage({
  slug,
  groups,
  mapSrc,
  nextEvents,
  extra,
}: {
  slug: string;
  groups: GroupSummary[];
  mapSrc: string;
  nextEvents: Map<number, NextEvent>;
  extra?: Child;
}) {
  const area = issueAreaName(slug);
  return (
    <>
      <p class="breadcrumbs">
        <a href="/issue-areas">{t('groups.issueAreas.title')}</a> ›
      </p>
      <PageHeader title={area} lead={t('groups.issueArea.lead', { area })} />
      {groups.length ? (
        <ul class="card-grid group-grid">
          {groups.map((group) => (
            <GroupCard group={group} nextEvent={nextEvents.get(group.id)} />
          ))}
        </ul>
      ) : (
        <EmptyState title={t('groups.issueArea.none', { area })}>
          <p>
            <a href="/groups">{t('groups.home.browse')}</a>
          </p>
        </EmptyState>
      )}
      {extra}
      {groups.length > 0 && (
        <MapFigure
          src={mapSrc}
          alt={t('groups.map.alt', { count: groups.length })}
          caption={t('groups.map.captionPlain')}
        />
      )}
    </>
  );
}
