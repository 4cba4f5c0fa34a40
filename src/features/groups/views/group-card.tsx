import { t } from '../../../platform/i18n/index.ts';
import { issueAreaName } from '../../../platform/issue-areas.ts';
import { Badge, SampleBadge } from '../../../platform/views/components.tsx';
import type { Town } from '../../places/lookup.ts';
import type { GroupSummary } from '../directory.ts';
import { type FinderMatch, milesFrom } from '../finder.ts';
import { KindBadge, TownsLine } from './parts.tsx';

function DistanceLine({ match, placeTown }: { match: FinderMatch; placeTown?: Town }) {
  let text: string | undefined;
  if (match.servesPlace && placeTown)
    text = t('groups.results.servesPlace', { town: placeTown.name });
  else if (match.distanceKm !== null)
    text = t('groups.results.away', { miles: milesFrom(match.distanceKm) });
  else if (!match.group.towns.length) text = t('groups.results.statewide');
  return text ? <p class="group-card-distance">{text}</p> : null;
}

export interface NextEvent {
  title: string;
  when: string;
  url: string;
}

export function GroupCard({
  group,
  match,
  placeTown,
  nextEvent,
}: {
  group: GroupSummary;
  match?: FinderMatch;
  placeTown?: Town;
  nextEvent?: NextEvent;
}) {
  return (
    <li class="card group-card">
      <h3>
        <a href={`/groups/${group.slug}`}>{group.name}</a> <KindBadge kind={group.kind} />{' '}
        <SampleBadge isSample={group.isSample} />
      </h3>
      <p class="group-card-where">
        <TownsLine towns={group.towns} />
        {group.districts.length > 0 && (
          <span class="muted">
            {' · '}
            {group.districts.map((d) => t('groups.district.short', { district: d })).join(', ')}
          </span>
        )}
      </p>
      {match && <DistanceLine match={match} placeTown={placeTown} />}
      {group.issueAreas.length > 0 && (
        <p class="group-card-areas">
          {group.issueAreas.slice(0, 3).map((area) => (
            <Badge tone="muted">{issueAreaName(area)}</Badge>
          ))}
        </p>
      )}
      {nextEvent && (
        <p class="group-card-event">
          <strong>{t('groups.card.nextEvent')}</strong>{' '}
          <a href={nextEvent.url}>{nextEvent.title}</a>, {nextEvent.when}
        </p>
      )}
      {group.hasContact && (
        <p>
          <a class="button secondary" href={`/groups/${group.slug}#contact`}>
            {t('groups.card.contact')}
          </a>
        </p>
      )}
    </li>
  );
}
