import { t } from '../../../platform/i18n/index.ts';
import type { PlaceLookup, Representative, StateLegislator } from '../../places/lookup.ts';
import { districtName } from './parts.tsx';

function RepresentativeLine({ person }: { person: Representative }) {
  return (
    <li>
      <strong>{person.name}</strong> ({person.party}
      {person.district ? `, ${t('groups.district.short', { district: person.district })}` : ''})
      {person.website && (
        <>
          {' · '}
          <a href={person.website} rel="noopener">
            {t('groups.reps.website')}
          </a>
        </>
      )}
      {person.phone && (
        <>
          {' · '}
          <a href={`tel:${person.phone.replace(/[^\d+]/g, '')}`}>{person.phone}</a>
        </>
      )}
    </li>
  );
}

function LegislatorLine({ person }: { person: StateLegislator }) {
  return (
    <li>
      <strong>{person.name}</strong> ({person.party}, {person.district})
      {person.email && (
        <>
          {' · '}
          <a href={`mailto:${person.email}`}>{person.email}</a>
        </>
      )}
    </li>
  );
}

/** A town with many state legislators (Boston has 18) lists them folded: the address decides. */
function LegislatorGroup({
  title,
  people,
  town,
}: {
  title: string;
  people: readonly StateLegislator[];
  town?: string;
}) {
  if (!people.length) return null;
  const list = (
    <ul>
      {people.map((person) => (
        <LegislatorLine person={person} />
      ))}
    </ul>
  );
  return (
    <>
      <dt>{title}</dt>
      <dd>
        {people.length <= 2 ? (
          list
        ) : (
          <details class="legislators">
            <summary>{t('groups.reps.many', { count: people.length, town: town ?? '' })}</summary>
            {list}
          </details>
        )}
      </dd>
    </>
  );
}

function choiceHref(place: PlaceLookup, district: number, values: Record<string, unknown>) {
  const params = new URLSearchParams({ q: place.query.trim(), district: String(district) });
  if (values.issue_area) params.set('issue_area', String(values.issue_area));
  if (values.kind) params.set('kind', String(values.kind));
  return `/groups?${params.toString()}`;
}

/** Where the person is: their districts (or the one question a split place needs), and who represents them. */
export function PlacePanel({
  place,
  chosen,
  values,
}: {
  place: PlaceLookup;
  chosen?: number;
  values: Record<string, unknown>;
}) {
  const label = place.town ? place.town.name : (place.zip ?? place.query);
  const split = place.districts.length > 1;
  const houseMembers = chosen
    ? place.representatives.filter((r) => r.district === chosen)
    : place.representatives;
  return (
    <section class="place-panel card" aria-labelledby="place-title">
      <h2 id="place-title">{t('groups.reps.title')}</h2>
      {split && !chosen ? (
        <div class="district-choice">
          <p class="lead">
            {place.town
              ? t('groups.place.splitTown', { town: label, count: place.districts.length })
              : t('groups.place.splitZip', { zip: label, count: place.districts.length })}
          </p>
          <ul class="choice-list">
            {place.districts.map((candidate) => {
              const member = place.representatives.find((r) => r.district === candidate.district);
              return (
                <li>
                  <a class="button secondary" href={choiceHref(place, candidate.district, values)}>
                    {t('groups.place.chooseDistrict', {
                      district: districtName(candidate.district),
                    })}
                  </a>
                  {member && <span class="muted"> {member.name}</span>}
                </li>
              );
            })}
          </ul>
          <p class="muted">
            {!place.town && (
              <>
                <label for="field-q">{t('groups.place.orTown')}</label>{' '}
              </>
            )}
            <a href="https://www.sec.state.ma.us/WhereDoIVoteMA/ShowBallot" rel="noopener">
              {t('groups.place.notSure')}
            </a>
            .
          </p>
        </div>
      ) : (
        <p class="lead">
          {split && chosen ? (
            <>
              {t('groups.place.chosen', { district: districtName(chosen) })}{' '}
              <a href={`/groups?q=${encodeURIComponent(place.query.trim())}`}>
                {t('groups.place.change')}
              </a>
            </>
          ) : place.town ? (
            t('groups.place.town', {
              town: label,
              districts: districtName(place.districts[0]!.district),
            })
          ) : (
            t('groups.place.zip', {
              zip: label,
              districts: districtName(place.districts[0]!.district),
            })
          )}
        </p>
      )}
      <dl class="reps">
        {houseMembers.length > 0 && (
          <>
            <dt>{t('groups.reps.house')}</dt>
            <dd>
              <ul>
                {houseMembers.map((person) => (
                  <RepresentativeLine person={person} />
                ))}
              </ul>
            </dd>
          </>
        )}
        <LegislatorGroup
          title={t('groups.reps.stateRep')}
          people={place.stateRepresentatives}
          town={place.town?.name}
        />
        <LegislatorGroup
          title={t('groups.reps.stateSenator')}
          people={place.stateSenators}
          town={place.town?.name}
        />
        <dt>{t('groups.reps.senate')}</dt>
        <dd>
          <ul>
            {place.senators.map((person) => (
              <RepresentativeLine person={person} />
            ))}
          </ul>
        </dd>
      </dl>
      {!place.town && <p class="muted">{t('groups.place.townHint')}</p>}
    </section>
  );
}
