import type { Child } from 'hono/jsx';
import type { FormState } from '../../platform/http/forms.ts';
import { t, tn } from '../../platform/i18n/index.ts';
import { ISSUE_AREAS, issueAreaName, issueAreaOptions } from '../../platform/issue-areas.ts';
import {
  Badge,
  CheckboxGroup,
  CsrfField,
  EmptyState,
  ErrorSummary,
  Field,
  NextPageLink,
  PageHeader,
  SampleBadge,
  SelectField,
  TextAreaField,
} from '../../platform/views/components.tsx';
import { coalitionZone, formatTimestamp } from '../../platform/views/format.ts';
import type { PlaceLookup, Representative, StateLegislator, Town } from '../places/lookup.ts';
import type { RowError } from './csv.ts';
import type { GroupSummary } from './directory.ts';
import { type FinderMatch, milesFrom } from './finder.ts';
import type { PlannedRow } from './import.ts';
import { MapFigure } from './map.tsx';
import { SOCIAL_LINKS } from './tables.ts';

// Small pieces -------------------------------------------------------------------------------

export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10];
  return `${n}${suffix ?? 'th'}`;
}

export const districtName = (n: number) => t('groups.district.one', { ordinal: ordinal(n) });

const townHref = (town: Town) => `/groups?q=${encodeURIComponent(town.name)}`;

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.trim())
        .filter(Boolean)
        .map((paragraph) => (
          <p>{paragraph}</p>
        ))}
    </>
  );
}

function KindBadge({ kind }: { kind: string }) {
  return kind === 'ally' ? <Badge tone="success">{t('groups.kind.ally')}</Badge> : null;
}

/** "Worcester, Shrewsbury, Boylston and 4 more towns" */
function TownsLine({ towns, max = 4 }: { towns: readonly Town[]; max?: number }) {
  if (!towns.length) return <>{t('groups.statewide')}</>;
  const shown = towns.slice(0, max).map((town) => town.name);
  const rest = towns.length - shown.length;
  return (
    <>
      {shown.join(', ')}
      {rest > 0 && ` ${tn('groups.card.more', rest)}`}
    </>
  );
}

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

// The finder ---------------------------------------------------------------------------------

export function FinderForm({ state }: { state: FormState<any> }) {
  const values = state.values;
  const error = state.errors.q;
  const filtersOpen = Boolean(values.district || values.issue_area || values.kind);
  return (
    <form action="/groups" method="get" class="finder group-finder" role="search">
      <div class={error ? 'field has-error' : 'field'}>
        <label for="field-q">{t('groups.finder.label')}</label>
        {error && (
          <p class="field-error" id="field-q-error">
            {error}
          </p>
        )}
        <div class="finder-row">
          <input
            id="field-q"
            name="q"
            type="text"
            value={String(values.q ?? '')}
            placeholder={t('groups.finder.help')}
            autocomplete="off"
            data-town-suggest=""
            list="group-town-suggestions"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'field-q-error' : undefined}
          />
          <button type="submit">{t('groups.finder.button')}</button>
        </div>
        <datalist id="group-town-suggestions" />
      </div>
      <details class="finder-filters" open={filtersOpen}>
        <summary>{t('groups.finder.filters')}</summary>
        <div class="finder-filter-grid">
          <SelectField
            name="district"
            label={t('groups.finder.district')}
            state={state}
            options={[
              { value: '', label: t('groups.finder.anyDistrict') },
              ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({
                value: String(n),
                label: districtName(n),
              })),
            ]}
          />
          <SelectField
            name="issue_area"
            label={t('groups.finder.issueArea')}
            state={state}
            options={[{ value: '', label: t('groups.finder.anyIssueArea') }, ...issueAreaOptions()]}
          />
          <SelectField
            name="kind"
            label={t('groups.finder.kind')}
            state={state}
            options={[
              { value: '', label: t('groups.finder.anyKind') },
              { value: 'group', label: t('groups.kind.group') },
              { value: 'ally', label: t('groups.kind.ally') },
            ]}
          />
        </div>
        <p>
          <button type="submit" class="secondary">
            {t('groups.finder.apply')}
          </button>{' '}
          <a href="/groups">{t('groups.finder.clear')}</a>
        </p>
      </details>
    </form>
  );
}

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

// The profile --------------------------------------------------------------------------------

export interface ProfileEvent {
  title: string;
  when: string;
  url: string;
  status: 'scheduled' | 'cancelled' | 'postponed';
  where: string | null;
}

export interface ProfilePageProps {
  group: GroupSummary;
  canEdit: boolean;
  canDelete: boolean;
  contactState: FormState<any>;
  stamp: string;
  related: { group: GroupSummary; shared: string[] }[];
  /** Undefined when the calendar is not available. */
  events?: ProfileEvent[];
  representatives: Map<number, Representative | undefined>;
}

export function ProfilePage(props: ProfilePageProps) {
  const { group } = props;
  const links = SOCIAL_LINKS.filter((key) => group.links[key]);
  return (
    <>
      <p class="breadcrumbs">
        <a href="/groups">{t('groups.title')}</a> ›
      </p>
      <div class="page-header group-header">
        <div>
          <h1>
            {group.name} <KindBadge kind={group.kind} /> <SampleBadge isSample={group.isSample} />
          </h1>
          <p class="lead">
            <TownsLine towns={group.towns} max={6} />
          </p>
        </div>
        {group.hasContact && (
          <div class="page-actions">
            <a class="button" href="#contact">
              {t('groups.card.contact')}
            </a>
          </div>
        )}
      </div>
      {props.canEdit && (
        <nav class="manage-bar notice" aria-label={t('groups.manage.title')}>
          <strong>{t('groups.manage.title')}</strong>
          <a href={`/groups/${group.slug}/edit`}>{t('groups.manage.edit')}</a>
          <a href={`/groups/${group.slug}/organizers`}>{t('groups.manage.organizers')}</a>
          <a href={`/groups/${group.slug}/messages`}>{t('groups.manage.messages')}</a>
        </nav>
      )}
      <div class="group-profile">
        <section aria-labelledby="about-title" class="group-about">
          <h2 id="about-title">{t('groups.profile.about')}</h2>
          {group.description ? (
            <Paragraphs text={group.description} />
          ) : (
            <p class="muted">{t('groups.profile.noDescription')}</p>
          )}
        </section>
        <aside class="group-facts">
          <dl class="meta-list group-meta">
            <dt>{t('groups.profile.towns')}</dt>
            <dd>
              {group.towns.length ? (
                <ul class="inline-list">
                  {group.towns.map((town) => (
                    <li>
                      <a href={townHref(town)}>{town.name}</a>
                    </li>
                  ))}
                </ul>
              ) : (
                t('groups.statewide')
              )}
            </dd>
            {group.districts.length > 0 && (
              <>
                <dt>{t('groups.profile.districts')}</dt>
                <dd>
                  <ul class="plain-list">
                    {group.districts.map((district) => {
                      const member = props.representatives.get(district);
                      return (
                        <li>
                          <a href={`/groups?district=${district}`}>{districtName(district)}</a>
                          {member && <span class="muted"> · {member.name}</span>}
                        </li>
                      );
                    })}
                  </ul>
                </dd>
              </>
            )}
            {group.issueAreas.length > 0 && (
              <>
                <dt>{t('groups.profile.issueAreas')}</dt>
                <dd>
                  <ul class="inline-list">
                    {group.issueAreas.map((area) => (
                      <li>
                        <a href={`/issue-areas/${area}`}>{issueAreaName(area)}</a>
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
            {group.website && (
              <>
                <dt>{t('groups.profile.website')}</dt>
                <dd>
                  <a href={group.website} rel="noopener">
                    {group.website.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '')}
                  </a>
                </dd>
              </>
            )}
            {group.email && (
              <>
                <dt>{t('groups.profile.email')}</dt>
                <dd>
                  <a href={`mailto:${group.email}`}>{group.email}</a>
                </dd>
              </>
            )}
            {links.length > 0 && (
              <>
                <dt>{t('groups.profile.links')}</dt>
                <dd>
                  <ul class="inline-list">
                    {links.map((key) => (
                      <li>
                        <a href={group.links[key]} rel="noopener me">
                          {t(`groups.link.${key}`)}
                        </a>
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>
        </aside>
        {props.events && (
          <section aria-labelledby="events-title" class="group-upcoming">
            <h2 id="events-title">{t('groups.profile.events')}</h2>
            {props.events.length ? (
              <ul class="group-events">
                {props.events.map((event) => (
                  <li>
                    <a href={event.url}>{event.title}</a>{' '}
                    {event.status !== 'scheduled' && (
                      <Badge tone="danger">{t(`groups.profile.${event.status}`)}</Badge>
                    )}
                    <br />
                    <span class="muted">
                      {event.when}
                      {event.where ? ` · ${event.where}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">{t('groups.profile.noEvents')}</p>
            )}
            <p>
              <a href={`/events?group=${group.slug}`}>{t('groups.profile.allEvents')}</a>
            </p>
          </section>
        )}
        <section id="contact" aria-labelledby="contact-title" class="group-contact">
          <h2 id="contact-title">{t('groups.contact.title', { group: group.name })}</h2>
          {group.hasContact ? (
            <ContactForm slug={group.slug} state={props.contactState} stamp={props.stamp} />
          ) : (
            <p class="muted">{t('groups.contact.none')}</p>
          )}
        </section>
      </div>
      {props.related.length > 0 && (
        <section aria-labelledby="related-title">
          <h2 id="related-title">{t('groups.profile.related')}</h2>
          <ul class="card-grid group-grid">
            {props.related.map((entry) => (
              <li class="card group-card">
                <h3>
                  <a href={`/groups/${entry.group.slug}`}>{entry.group.name}</a>{' '}
                  <KindBadge kind={entry.group.kind} />{' '}
                  <SampleBadge isSample={entry.group.isSample} />
                </h3>
                <p class="group-card-where">
                  <TownsLine towns={entry.group.towns} max={3} />
                </p>
                <p class="muted">
                  {t('groups.profile.relatedShared', {
                    areas: entry.shared.map(issueAreaName).join(', '),
                  })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {props.canDelete && (
        <form
          method="post"
          action={`/groups/${group.slug}/delete`}
          class="danger-zone"
          data-confirm={t('groups.manage.deleteConfirm')}
        >
          <CsrfField />
          <button type="submit" class="danger">
            {t('groups.manage.delete')}
          </button>
        </form>
      )}
    </>
  );
}

export function ContactForm({
  slug,
  state,
  stamp,
}: {
  slug: string;
  state: FormState<any>;
  stamp: string;
}) {
  return (
    <form method="post" action={`/groups/${slug}/contact#contact`} class="contact-form" novalidate>
      <p>{t('groups.contact.lead')}</p>
      <ErrorSummary state={state} />
      <CsrfField />
      <input type="hidden" name="started" value={stamp} />
      <Field
        name="name"
        label={t('groups.contact.name')}
        state={state}
        autocomplete="name"
        required
      />
      <Field
        name="email"
        type="email"
        label={t('groups.contact.email')}
        help={t('groups.contact.emailHelp')}
        state={state}
        autocomplete="email"
        required
      />
      <TextAreaField
        name="message"
        label={t('groups.contact.message')}
        state={state}
        rows={6}
        required
      />
      <div class="hp-field" aria-hidden="true">
        <label for="field-website">{t('groups.contact.honeypot')}</label>
        <input id="field-website" name="website" type="text" tabindex={-1} autocomplete="off" />
      </div>
      <button type="submit">{t('groups.contact.send')}</button>
    </form>
  );
}

export function ContactSent({ group, email }: { group: GroupSummary; email: string }) {
  return (
    <>
      <h1>{t('groups.contact.sent.title')}</h1>
      <p class="lead">{t('groups.contact.sent.body', { group: group.name, email })}</p>
      <p>
        <a href={`/groups/${group.slug}`}>{t('groups.contact.back', { group: group.name })}</a>
      </p>
    </>
  );
}

// Editing ------------------------------------------------------------------------------------

export function GroupFormFields({ state }: { state: FormState<any> }) {
  return (
    <>
      <Field name="name" label={t('groups.form.name')} state={state} required />
      <SelectField
        name="kind"
        label={t('groups.form.kind')}
        help={t('groups.form.kindHelp')}
        state={state}
        options={[
          { value: 'group', label: t('groups.kind.group') },
          { value: 'ally', label: t('groups.kind.ally') },
        ]}
      />
      <TextAreaField
        name="description"
        label={t('groups.form.description')}
        help={t('groups.form.descriptionHelp')}
        state={state}
        rows={6}
        optional
      />
      <TextAreaField
        name="towns"
        label={t('groups.form.towns')}
        help={t('groups.form.townsHelp')}
        state={state}
        rows={4}
        optional
      />
      <CheckboxGroup
        name="issueAreas"
        legend={t('groups.form.issueAreas')}
        options={issueAreaOptions()}
        state={state}
      />
      <Field
        name="website"
        type="url"
        label={t('groups.form.website')}
        state={state}
        inputmode="url"
        optional
      />
      <Field
        name="email"
        type="email"
        label={t('groups.form.email')}
        help={t('groups.form.emailHelp')}
        state={state}
        optional
      />
      <fieldset class="field">
        <legend>{t('groups.form.links')}</legend>
        <p class="help">{t('groups.form.linkHelp')}</p>
        {SOCIAL_LINKS.map((key) => (
          <Field
            name={key}
            type="url"
            label={t(`groups.link.${key}`)}
            state={state}
            inputmode="url"
            optional
          />
        ))}
      </fieldset>
    </>
  );
}

export function EditGroupPage({ group, state }: { group: GroupSummary; state: FormState<any> }) {
  return (
    <>
      <p class="breadcrumbs">
        <a href={`/groups/${group.slug}`}>{group.name}</a> ›
      </p>
      <h1>{t('groups.edit.title', { group: group.name })}</h1>
      <form method="post" action={`/groups/${group.slug}/edit`} novalidate>
        <ErrorSummary state={state} />
        <CsrfField />
        <GroupFormFields state={state} />
        <button type="submit">{t('groups.form.save')}</button>
      </form>
    </>
  );
}

export function NewGroupPage({ state }: { state: FormState<any> }) {
  return (
    <>
      <p class="breadcrumbs">
        <a href="/admin/groups">{t('groups.admin.title')}</a> ›
      </p>
      <h1>{t('groups.new.title')}</h1>
      <form method="post" action="/admin/groups/new" novalidate>
        <ErrorSummary state={state} />
        <CsrfField />
        <GroupFormFields state={state} />
        <TextAreaField
          name="organizers"
          label={t('groups.form.organizers')}
          help={t('groups.form.organizersHelp')}
          state={state}
          rows={3}
          optional
        />
        <button type="submit">{t('groups.form.create')}</button>
      </form>
    </>
  );
}

export interface OrganizerRow {
  personId: number;
  email: string;
  name: string | null;
  since: Date;
}

export function OrganizersPage({
  group,
  organizers,
  state,
  currentPersonId,
}: {
  group: GroupSummary;
  organizers: OrganizerRow[];
  state: FormState<any>;
  currentPersonId: number;
}) {
  return (
    <>
      <p class="breadcrumbs">
        <a href={`/groups/${group.slug}`}>{group.name}</a> ›
      </p>
      <PageHeader
        title={t('groups.organizers.title', { group: group.name })}
        lead={t('groups.organizers.lead')}
      />
      {organizers.length ? (
        <div class="table-wrap">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('groups.organizers.person')}</th>
                <th scope="col">{t('groups.organizers.since')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('groups.organizers.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {organizers.map((organizer) => (
                <tr>
                  <td>
                    {organizer.name ?? organizer.email}{' '}
                    {organizer.personId === currentPersonId && (
                      <span class="muted">{t('groups.organizers.you')}</span>
                    )}
                    <br />
                    <span class="muted">{organizer.email}</span>
                  </td>
                  <td>{formatTimestamp(organizer.since, coalitionZone())}</td>
                  <td>
                    <form
                      method="post"
                      action={`/groups/${group.slug}/organizers/${organizer.personId}/remove`}
                      class="inline-form"
                      data-confirm={t('groups.organizers.removeConfirm')}
                    >
                      <CsrfField />
                      <button type="submit" class="link-button">
                        {t('groups.organizers.remove')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState title={t('groups.organizers.none')}>
          <p>{t('groups.organizers.noneBody')}</p>
        </EmptyState>
      )}
      <h2>{t('groups.organizers.invite')}</h2>
      <p>{t('groups.organizers.inviteHelp')}</p>
      <form
        method="post"
        action={`/groups/${group.slug}/organizers`}
        class="narrow-form"
        novalidate
      >
        <ErrorSummary state={state} />
        <CsrfField />
        <Field
          name="email"
          type="email"
          label={t('groups.organizers.email')}
          state={state}
          required
        />
        <Field name="name" label={t('groups.organizers.name')} state={state} optional />
        <button type="submit">{t('groups.organizers.send')}</button>
      </form>
    </>
  );
}

export interface MessageRow {
  id: number;
  sender_name: string;
  email: string;
  body: string;
  created_at: Date;
}

export function MessagesPage({
  group,
  messages,
  olderThan,
}: {
  group: GroupSummary;
  messages: MessageRow[];
  olderThan?: number;
}) {
  return (
    <>
      <p class="breadcrumbs">
        <a href={`/groups/${group.slug}`}>{group.name}</a> ›
      </p>
      <PageHeader
        title={t('groups.messages.title', { group: group.name })}
        lead={t('groups.messages.lead')}
      />
      {messages.length ? (
        <ol class="message-list">
          {messages.map((message) => (
            <li class="card">
              <p class="message-meta">
                <strong>{message.sender_name}</strong>{' '}
                <a href={`mailto:${message.email}`}>{message.email}</a>
                <br />
                <span class="muted">{formatTimestamp(message.created_at, coalitionZone())}</span>
              </p>
              <p class="message-body">{message.body}</p>
              <p>
                <a
                  class="button secondary"
                  href={`mailto:${message.email}?subject=${encodeURIComponent(`Re: ${group.name}`)}`}
                >
                  {t('groups.messages.reply')}
                </a>
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <EmptyState title={t('groups.messages.none')}>
          <p>{t('groups.messages.noneBody')}</p>
        </EmptyState>
      )}
      {olderThan && (
        <p class="pagination">
          <a class="button secondary" href={`?before=${olderThan}`} rel="next">
            {t('groups.messages.older')}
          </a>
        </p>
      )}
    </>
  );
}

// Administration -----------------------------------------------------------------------------

export function AdminGroupsPage({ groups, isAdmin }: { groups: GroupSummary[]; isAdmin: boolean }) {
  return (
    <>
      <p class="breadcrumbs">
        <a href="/admin">{t('nav.admin')}</a> ›
      </p>
      <PageHeader
        title={isAdmin ? t('groups.admin.title') : t('groups.admin.yours')}
        lead={isAdmin ? t('groups.admin.lead') : undefined}
        actions={
          isAdmin && (
            <>
              <a class="button" href="/admin/groups/new">
                {t('groups.admin.add')}
              </a>
              <a class="button secondary" href="/admin/groups/import">
                {t('groups.admin.import')}
              </a>
              <a class="button secondary" href="/groups.csv">
                {t('groups.export')}
              </a>
            </>
          )
        }
      />
      {groups.length ? (
        <div class="table-wrap">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('groups.admin.name')}</th>
                <th scope="col">{t('groups.admin.towns')}</th>
                <th scope="col">{t('groups.admin.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => (
                <tr>
                  <td>
                    <a href={`/groups/${group.slug}`}>{group.name}</a>{' '}
                    <KindBadge kind={group.kind} /> <SampleBadge isSample={group.isSample} />
                    <br />
                    <a href={`/groups/${group.slug}/edit`}>{t('groups.manage.edit')}</a> ·{' '}
                    <a href={`/groups/${group.slug}/organizers`}>{t('groups.manage.organizers')}</a>{' '}
                    · <a href={`/groups/${group.slug}/messages`}>{t('groups.manage.messages')}</a>
                  </td>
                  <td>
                    <TownsLine towns={group.towns} max={3} />
                  </td>
                  <td>{formatTimestamp(group.updatedAt, coalitionZone())}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState title={t('groups.admin.none')}>
          <p>{t('groups.admin.noneBody')}</p>
        </EmptyState>
      )}
    </>
  );
}

export function ImportPage({
  state,
  errors,
  plan,
  csv,
}: {
  state?: FormState<any>;
  errors?: RowError[];
  plan?: PlannedRow[];
  csv?: string;
}) {
  return (
    <>
      <p class="breadcrumbs">
        <a href="/admin/groups">{t('groups.admin.title')}</a> ›
      </p>
      <PageHeader title={t('groups.import.title')} lead={t('groups.import.lead')} />
      {errors && errors.length > 0 && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>{t('groups.import.errorsTitle')}</h2>
          <ul>
            {errors.map((error) => (
              <li>
                {t('groups.import.line')} {error.line}: {error.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {plan && csv !== undefined ? (
        <>
          <h2>{t('groups.import.previewTitle')}</h2>
          <div class="table-wrap">
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('groups.import.line')}</th>
                  <th scope="col">{t('groups.admin.name')}</th>
                  <th scope="col">{t('groups.import.action')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.map((planned) => (
                  <tr>
                    <td>{planned.row.line}</td>
                    <td>{planned.row.name}</td>
                    <td>
                      {planned.action === 'update'
                        ? t('groups.import.action.update', { fields: planned.changes.join(', ') })
                        : t(`groups.import.action.${planned.action}`)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form
            method="post"
            action="/admin/groups/import/confirm"
            enctype="multipart/form-data"
            class="import-confirm"
          >
            <CsrfField />
            <input type="hidden" name="csv" value={csv} />
            <button type="submit">{t('groups.import.confirm')}</button>
          </form>
        </>
      ) : (
        <form method="post" action="/admin/groups/import" enctype="multipart/form-data" novalidate>
          <ErrorSummary state={state} />
          <CsrfField />
          <Field
            name="file"
            type="file"
            accept=".csv,text/csv"
            label={t('groups.import.file')}
            state={state}
            required
          />
          <button type="submit">{t('groups.import.preview')}</button>
        </form>
      )}
    </>
  );
}

// Issue areas --------------------------------------------------------------------------------

export function IssueAreasPage({ counts }: { counts: Map<string, number> }) {
  return (
    <>
      <PageHeader title={t('groups.issueAreas.title')} lead={t('groups.issueAreas.lead')} />
      <ul class="card-grid issue-area-grid">
        {ISSUE_AREAS.map((area) => (
          <li class="card">
            <h3>
              <a href={`/issue-areas/${area.slug}`}>{area.name}</a>
            </h3>
            <p class="muted">{tn('groups.issueArea.count', counts.get(area.slug) ?? 0)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

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
