import type { Child } from 'hono/jsx';
import { DateTime } from 'luxon';
import type { FormState } from '../../platform/http/forms.ts';
import { t } from '../../platform/i18n/index.ts';
import { issueAreaName, issueAreaOptions } from '../../platform/issue-areas.ts';
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
import {
  coalitionZone,
  formatDay,
  formatTime,
  formatWhen,
  localDate,
  relativeDay,
  zoneAbbreviation,
} from '../../platform/views/format.ts';
import type { OccurrenceListRow } from './occurrence-query.ts';
import { REPEAT_CHOICES } from './schemas.ts';
import { EVENT_MODES, EVENT_TYPES, type EventRow } from './tables.ts';

export const typeOptions = () =>
  EVENT_TYPES.map((type) => ({ value: type, label: t(`events.type.${type}`) }));
const modeOptions = () =>
  EVENT_MODES.map((mode) => ({ value: mode, label: t(`events.mode.${mode}`) }));

/** "Tue, Mar 2 · 7:00–8:30 pm", with the event's zone named when it differs from the coalition's. */
export function whenText(
  row: { starts_at: Date; ends_at: Date | null; timezone: string; all_day: boolean },
  now?: Date,
): string {
  const zone = coalitionZone();
  const text = formatWhen(row.starts_at, row.ends_at, zone, { allDay: row.all_day, now });
  if (row.all_day || row.timezone === zone) return text;
  const local = formatWhen(row.starts_at, row.ends_at, row.timezone, { allDay: false, now });
  return `${text} (${local} ${zoneAbbreviation(row.starts_at, row.timezone)})`;
}

export function StatusBadge({ status }: { status: string }) {
  if (status === 'scheduled') return null;
  return (
    <Badge tone={status === 'cancelled' ? 'danger' : 'warning'}>
      {t(`events.status.${status}`)}
    </Badge>
  );
}

export function OccurrenceItem({
  row,
  now,
  showDay,
}: {
  row: OccurrenceListRow;
  now: Date;
  showDay?: boolean;
}) {
  const zone = coalitionZone();
  const time = row.all_day ? t('events.allDay') : formatTime(row.starts_at, zone);
  const where = [row.venue, row.town_name].filter(Boolean).join(', ');
  return (
    <li class={`event-item${row.status === 'cancelled' ? ' is-cancelled' : ''}`}>
      <p class="event-time">
        {showDay ? `${relativeDay(row.starts_at, zone, now)} · ` : ''}
        {time}
      </p>
      <div class="event-body">
        <h3 class="event-title">
          <a href={`/events/${row.event_id}?occurrence=${row.occurrence_id}`}>
            {row.status !== 'scheduled' && (
              <span class="event-status-word">{t(`events.status.${row.status}`)}: </span>
            )}
            {row.title}
          </a>
        </h3>
        <p class="event-meta muted">
          {t(`events.type.${row.type}`)}
          {' · '}
          {row.mode === 'online' ? t('events.mode.online') : where || t(`events.mode.${row.mode}`)}
          {row.mode === 'hybrid' ? ` · ${t('events.alsoOnline')}` : ''}
          {row.group_name ? ` · ${row.group_name}` : ''}
        </p>
        <p class="event-badges">
          <StatusBadge status={row.status} />
          {row.is_recurring && <Badge tone="muted">{t('events.repeats')}</Badge>}
          <SampleBadge isSample={row.is_sample} />
        </p>
      </div>
    </li>
  );
}

/** Occurrences grouped under a heading per day (in the coalition's zone). */
export function DayGroups({ rows, now }: { rows: OccurrenceListRow[]; now: Date }) {
  const zone = coalitionZone();
  const days: { day: string; rows: OccurrenceListRow[] }[] = [];
  for (const row of rows) {
    // Something that started before today and is still going is listed under today.
    const at = row.starts_at < now ? now : row.starts_at;
    const day = localDate(at, zone);
    const last = days[days.length - 1];
    if (last?.day === day) last.rows.push(row);
    else days.push({ day, rows: [row] });
  }
  return (
    <div class="event-days">
      {days.map((group) => {
        const first = group.rows[0]!;
        const at = first.starts_at < now ? now : first.starts_at;
        const label = relativeDay(at, zone, now);
        const full = formatDay(at, zone, now);
        return (
          <section class="event-day" aria-label={full}>
            <h2 class="event-day-heading">
              {label === full ? full : `${label[0]!.toUpperCase()}${label.slice(1)} · ${full}`}
            </h2>
            <ul class="event-list">
              {group.rows.map((row) => (
                <OccurrenceItem row={row} now={now} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

export interface FilterView {
  values: Record<string, string | undefined>;
  groups: { slug: string; name: string }[];
  /** The query string of the current filters (no view/month/cursor). */
  query: string;
  description: string[];
  townError?: string;
}

export function FilterForm({
  filter,
  view,
  month,
}: {
  filter: FilterView;
  view: string;
  month?: string;
}) {
  const v = filter.values;
  const active = filter.description.length > 0;
  const districtOptions = [
    { value: '', label: t('events.filter.anyDistrict') },
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({
      value: String(n),
      label: t('events.filter.districtN', { n }),
    })),
  ];
  return (
    <details class="event-filters" open={active || Boolean(filter.townError)}>
      <summary>{active ? t('events.filter.changeFilters') : t('events.filter.filter')}</summary>
      <form method="get" action="/events" class="stack">
        {view !== 'list' && <input type="hidden" name="view" value={view} />}
        {month && <input type="hidden" name="month" value={month} />}
        <div class="filter-grid">
          <SelectField
            name="district"
            label={t('events.filter.district')}
            options={districtOptions}
            value={v.district ?? ''}
          />
          <div class={filter.townError ? 'field has-error' : 'field'}>
            <label for="field-town">{t('events.filter.town')}</label>
            {filter.townError && <p class="field-error">{filter.townError}</p>}
            <input
              id="field-town"
              name="town"
              type="text"
              value={v.town ?? ''}
              autocomplete="address-level2"
            />
          </div>
          <SelectField
            name="within"
            label={t('events.filter.within')}
            options={[
              { value: '', label: t('events.filter.thisTownOnly') },
              ...[5, 10, 25, 50].map((n) => ({
                value: String(n),
                label: t('events.filter.withinMiles', { n }),
              })),
            ]}
            value={v.within ?? ''}
          />
          <SelectField
            name="group"
            label={t('events.filter.group')}
            options={[
              { value: '', label: t('events.filter.anyGroup') },
              ...filter.groups.map((g) => ({ value: g.slug, label: g.name })),
            ]}
            value={v.group ?? ''}
          />
          <SelectField
            name="type"
            label={t('events.filter.type')}
            options={[{ value: '', label: t('events.filter.anyType') }, ...typeOptions()]}
            value={v.type ?? ''}
          />
          <SelectField
            name="issue_area"
            label={t('events.filter.issueArea')}
            options={[{ value: '', label: t('events.filter.anyIssueArea') }, ...issueAreaOptions()]}
            value={v.issue_area ?? ''}
          />
        </div>
        <div class="filter-checks">
          <label class="checkbox">
            <input type="checkbox" name="online" value="1" checked={v.online === '1'} />{' '}
            {t('events.filter.online')}
          </label>
          <label class="checkbox">
            <input type="checkbox" name="week" value="1" checked={v.week === '1'} />{' '}
            {t('events.filter.week')}
          </label>
        </div>
        <p>
          <button type="submit" class="button">
            {t('events.filter.apply')}
          </button>{' '}
          {active && (
            <a href="/events" class="button secondary">
              {t('events.filter.clear')}
            </a>
          )}
        </p>
      </form>
    </details>
  );
}

export function SubscribeLinks({ publicUrl, query }: { publicUrl: string; query: string }) {
  const suffix = query ? `?${query}` : '';
  const ics = `${publicUrl}/events.ics${suffix}`;
  const webcal = ics.replace(/^https?:/, 'webcal:');
  const google = `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcal)}`;
  return (
    <details class="subscribe">
      <summary>{query ? t('events.subscribe.filtered') : t('events.subscribe.all')}</summary>
      <p class="muted">{t('events.subscribe.help')}</p>
      <ul class="subscribe-links">
        <li>
          <a href={webcal}>{t('events.subscribe.apple')}</a>
        </li>
        <li>
          <a href={google} rel="noopener">
            {t('events.subscribe.google')}
          </a>
        </li>
        <li>
          <a href={`/events.ics${suffix}`}>{t('events.subscribe.download')}</a>
        </li>
        <li>
          <a href={`/events.rss${suffix}`}>{t('events.subscribe.rss')}</a>
        </li>
      </ul>
      <p class="muted">
        {t('events.subscribe.address')} <code class="feed-url">{ics}</code>
      </p>
    </details>
  );
}

function ViewTabs({ view, query }: { view: string; query: string }) {
  const link = (name: string) => {
    const params = new URLSearchParams(query);
    if (name !== 'list') params.set('view', name);
    const qs = params.toString();
    return `/events${qs ? `?${qs}` : ''}`;
  };
  return (
    <nav class="view-tabs" aria-label={t('events.view.label')}>
      {(['list', 'month', 'map'] as const).map((name) => (
        <a href={link(name)} aria-current={view === name ? 'page' : undefined}>
          {t(`events.view.${name}`)}
        </a>
      ))}
    </nav>
  );
}

export function EventsPage(props: {
  rows: OccurrenceListRow[];
  now: Date;
  filter: FilterView;
  publicUrl: string;
  next: string | null;
  view: 'list' | 'month' | 'map';
  month?: { label: string; value: string; prev: string; next: string; weeks: MonthCell[][] };
  map?: Child;
  canModerate: boolean;
  pendingCount: number;
}) {
  const { rows, now, filter } = props;
  return (
    <>
      <PageHeader
        title={t('events.title')}
        lead={t('events.lead')}
        actions={
          <a class="button" href="/events/new">
            {t('events.add')}
          </a>
        }
      />
      {props.canModerate && props.pendingCount > 0 && (
        <p class="notice">
          <a href="/admin/events">
            {t('events.moderation.waiting', { count: props.pendingCount })}
          </a>
        </p>
      )}
      <FilterForm filter={filter} view={props.view} month={props.month?.value} />
      {filter.description.length > 0 && (
        <p class="muted filter-summary">
          {t('events.filter.showing')} {filter.description.join(' · ')}
        </p>
      )}
      <ViewTabs view={props.view} query={filter.query} />
      {props.view === 'list' &&
        (rows.length === 0 ? (
          <EmptyState title={t('events.empty.title')}>
            <p>
              {filter.description.length ? t('events.empty.filtered') : t('events.empty.none')}{' '}
              <a href="/events/new">{t('events.add')}</a>
            </p>
          </EmptyState>
        ) : (
          <>
            <DayGroups rows={rows} now={now} />
            <NextPageLink
              next={props.next}
              query={Object.fromEntries(new URLSearchParams(filter.query))}
            />
          </>
        ))}
      {props.view === 'month' && props.month && (
        <MonthGrid month={props.month} query={filter.query} />
      )}
      {props.view === 'map' && props.map}
      <SubscribeLinks publicUrl={props.publicUrl} query={filter.query} />
    </>
  );
}

export interface MonthCell {
  date: string;
  day: number;
  inMonth: boolean;
  isToday: boolean;
  rows: OccurrenceListRow[];
}

function MonthGrid({
  month,
  query,
}: {
  month: NonNullable<Parameters<typeof EventsPage>[0]['month']>;
  query: string;
}) {
  const link = (value: string) => {
    const params = new URLSearchParams(query);
    params.set('view', 'month');
    params.set('month', value);
    return `/events?${params.toString()}`;
  };
  const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const any = month.weeks.some((week) => week.some((cell) => cell.rows.length));
  return (
    <section class="month-view" aria-labelledby="month-heading">
      <div class="month-nav">
        <a href={link(month.prev)} rel="prev">
          ← {t('events.month.previous')}
        </a>
        <h2 id="month-heading">{month.label}</h2>
        <a href={link(month.next)} rel="next">
          {t('events.month.next')} →
        </a>
      </div>
      {!any && (
        <EmptyState title={t('events.empty.month')}>
          <p>
            <a href="/events/new">{t('events.add')}</a>
          </p>
        </EmptyState>
      )}
      <table class="month-grid">
        <thead>
          <tr>
            {weekdays.map((day) => (
              <th scope="col">{day}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {month.weeks.map((week) => (
            <tr>
              {week.map((cell) => (
                <td
                  class={`${cell.inMonth ? '' : 'out-of-month'}${cell.isToday ? ' is-today' : ''}${cell.rows.length ? ' has-events' : ''}`}
                >
                  <span class="month-day" aria-hidden="true">
                    {cell.day}
                  </span>
                  <span class="month-date-full">
                    {formatDay(new Date(`${cell.date}T12:00:00Z`), 'UTC')}
                  </span>
                  {cell.rows.length > 0 && (
                    <ul>
                      {cell.rows.map((row) => (
                        <li class={row.status === 'cancelled' ? 'is-cancelled' : ''}>
                          <a href={`/events/${row.event_id}?occurrence=${row.occurrence_id}`}>
                            {!row.all_day && (
                              <span class="month-time">
                                {formatTime(row.starts_at, coalitionZone())}{' '}
                              </span>
                            )}
                            {row.status !== 'scheduled'
                              ? `${t(`events.status.${row.status}`)}: `
                              : ''}
                            {row.title}
                          </a>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// The event page

export interface EventPageData {
  event: EventRow;
  occurrence: OccurrenceListRow;
  upcoming: OccurrenceListRow[];
  group: { slug: string; name: string } | null;
  cohosts: { slug: string; name: string }[];
  issueAreas: string[];
  townName: string | null;
  ruleText: string | null;
  descriptionHtml: string;
  going: number;
  canEdit: boolean;
  canModerate: boolean;
  publicUrl: string;
  now: Date;
}

export function googleCalendarLink(data: {
  title: string;
  start: Date;
  end: Date | null;
  allDay: boolean;
  timezone: string;
  details: string;
  location: string;
}) {
  const fmt = (d: Date) =>
    d
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
  const day = (d: Date) => DateTime.fromJSDate(d, { zone: data.timezone }).toFormat('yyyyMMdd');
  const end = data.end ?? new Date(data.start.getTime() + (data.allDay ? 86_400_000 : 3_600_000));
  const dates = data.allDay ? `${day(data.start)}/${day(end)}` : `${fmt(data.start)}/${fmt(end)}`;
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: data.title,
    dates,
    details: data.details,
    location: data.location,
    ctz: data.timezone,
  });
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}

function isoIn(date: Date, zone: string, allDay: boolean): string {
  const d = DateTime.fromJSDate(date, { zone });
  return allDay ? d.toISODate()! : d.toISO({ suppressMilliseconds: true })!;
}

export function eventJsonLd(data: EventPageData): string {
  const { event, occurrence } = data;
  const url = `${data.publicUrl}/events/${event.id}`;
  const attendance = {
    in_person: 'OfflineEventAttendanceMode',
    online: 'OnlineEventAttendanceMode',
    hybrid: 'MixedEventAttendanceMode',
  }[event.mode];
  const status = {
    scheduled: 'EventScheduled',
    cancelled: 'EventCancelled',
    postponed: 'EventPostponed',
  }[occurrence.status];
  const place = {
    '@type': 'Place',
    name: occurrence.venue ?? data.townName ?? undefined,
    address: {
      '@type': 'PostalAddress',
      streetAddress: occurrence.address ?? undefined,
      addressLocality: data.townName ?? undefined,
      addressRegion: 'MA',
      addressCountry: 'US',
    },
  };
  const virtual = {
    '@type': 'VirtualLocation',
    url: event.online_url && !event.online_url_for_rsvps_only ? event.online_url : url,
  };
  const json = {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: occurrence.title,
    description: occurrence.description.slice(0, 500),
    url,
    startDate: isoIn(occurrence.starts_at, event.timezone, event.all_day),
    ...(occurrence.ends_at
      ? {
          endDate: isoIn(
            event.all_day ? new Date(occurrence.ends_at.getTime() - 1) : occurrence.ends_at,
            event.timezone,
            event.all_day,
          ),
        }
      : {}),
    eventStatus: `https://schema.org/${status}`,
    eventAttendanceMode: `https://schema.org/${attendance}`,
    location:
      event.mode === 'in_person' ? place : event.mode === 'online' ? virtual : [place, virtual],
    ...(data.group
      ? {
          organizer: {
            '@type': 'Organization',
            name: data.group.name,
            url: `${data.publicUrl}/groups/${data.group.slug}`,
          },
        }
      : {}),
    ...(event.image_path ? { image: `${data.publicUrl}/events/images/${event.image_path}` } : {}),
    ...(event.capacity ? { maximumAttendeeCapacity: event.capacity } : {}),
    isAccessibleForFree: true,
  };
  return JSON.stringify(json).replace(/</g, '\\u003c');
}

export function EventPage({
  data,
  rsvpState,
  rsvpDone,
}: {
  data: EventPageData;
  rsvpState?: FormState;
  rsvpDone?: string;
}) {
  const { event, occurrence, now } = data;
  const zone = coalitionZone();
  const where = [occurrence.venue, occurrence.address, data.townName].filter(Boolean).join(', ');
  const directions = where
    ? `https://www.openstreetmap.org/search?query=${encodeURIComponent(`${where}, Massachusetts`)}`
    : null;
  const isPast = (occurrence.ends_at ?? occurrence.starts_at) < now;
  const full = event.capacity !== null && data.going >= event.capacity;
  const google = googleCalendarLink({
    title: occurrence.title,
    start: occurrence.starts_at,
    end: occurrence.ends_at,
    allDay: event.all_day,
    timezone: event.timezone,
    details: `${data.publicUrl}/events/${event.id}`,
    location: where,
  });
  return (
    <article class="event-page">
      <p class="breadcrumbs">
        <a href="/events">{t('events.title')}</a>
      </p>
      {occurrence.status === 'cancelled' && (
        <div class="notice notice-cancelled" role="status">
          <p>
            <strong>{t('events.page.cancelled')}</strong> {t('events.page.cancelledHelp')}
          </p>
        </div>
      )}
      {occurrence.status === 'postponed' && (
        <div class="notice" role="status">
          <p>
            <strong>{t('events.page.postponed')}</strong>
          </p>
        </div>
      )}
      {event.moderation !== 'approved' && (
        <div class="notice" role="status">
          <p>
            <strong>{t(`events.moderation.${event.moderation}`)}.</strong>{' '}
            {event.moderation === 'rejected' && event.moderation_reason
              ? event.moderation_reason
              : t('events.page.notListed')}
          </p>
        </div>
      )}
      {occurrence.note && <p class="notice">{occurrence.note}</p>}
      <header class="event-header">
        <p class="event-kind">
          {t(`events.type.${event.type}`)} · {t(`events.mode.${event.mode}`)}{' '}
          <SampleBadge isSample={event.is_sample} />
        </p>
        <h1>{occurrence.title}</h1>
        <p class="event-when lead">
          <time datetime={occurrence.starts_at.toISOString()}>{whenText(occurrence, now)}</time>
        </p>
        {data.ruleText && <p class="muted">{t('events.page.repeats', { rule: data.ruleText })}</p>}
      </header>

      {event.image_path && (
        <img class="event-image" src={`/events/images/${event.image_path}`} alt="" loading="lazy" />
      )}

      <dl class="meta-list event-facts">
        {event.mode !== 'online' && (
          <>
            <dt>{t('events.page.where')}</dt>
            <dd>
              {where || t('events.page.whereUnknown')}
              {directions && (
                <>
                  {' '}
                  <a href={directions} rel="noopener">
                    {t('events.page.directions')}
                  </a>
                </>
              )}
            </dd>
          </>
        )}
        {event.mode !== 'in_person' && (
          <>
            <dt>{t('events.page.online')}</dt>
            <dd>
              {event.online_url && !event.online_url_for_rsvps_only ? (
                <a href={event.online_url} rel="noopener">
                  {t('events.page.joinOnline')}
                </a>
              ) : (
                t('events.page.linkAfterRsvp')
              )}
            </dd>
          </>
        )}
        {data.group && (
          <>
            <dt>{t('events.page.host')}</dt>
            <dd>
              <a href={`/groups/${data.group.slug}`}>{data.group.name}</a>
              {data.cohosts.length > 0 && (
                <>
                  {' '}
                  {t('events.page.with')}{' '}
                  {data.cohosts.map((g, i) => (
                    <>
                      {i > 0 ? ', ' : ''}
                      <a href={`/groups/${g.slug}`}>{g.name}</a>
                    </>
                  ))}
                </>
              )}
            </dd>
          </>
        )}
        {occurrence.districts.length > 0 && (
          <>
            <dt>{t('events.page.district')}</dt>
            <dd>
              {occurrence.districts.map((n, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <a href={`/events?district=${n}`}>{t('events.filter.districtN', { n })}</a>
                </>
              ))}
            </dd>
          </>
        )}
        {data.issueAreas.length > 0 && (
          <>
            <dt>{t('events.page.issueAreas')}</dt>
            <dd>{data.issueAreas.map(issueAreaName).join(', ')}</dd>
          </>
        )}
        {event.accessibility && (
          <>
            <dt>{t('events.page.accessibility')}</dt>
            <dd>{event.accessibility}</dd>
          </>
        )}
        {(event.contact_name || event.contact_email) && (
          <>
            <dt>{t('events.page.contact')}</dt>
            <dd>
              {event.contact_name}
              {event.contact_email && (
                <>
                  {event.contact_name ? ', ' : ''}
                  <a href={`mailto:${event.contact_email}`}>{event.contact_email}</a>
                </>
              )}
            </dd>
          </>
        )}
        {event.capacity !== null && (
          <>
            <dt>{t('events.page.places')}</dt>
            <dd>
              {full
                ? t('events.page.full')
                : t('events.page.placesLeft', { count: event.capacity - data.going })}
            </dd>
          </>
        )}
      </dl>

      <div class="event-actions">
        <a
          class="button secondary"
          href={`/events/${event.id}.ics?occurrence=${occurrence.occurrence_id}`}
        >
          {t('events.page.addIcs')}
        </a>
        <a class="button secondary" href={google} rel="noopener">
          {t('events.page.addGoogle')}
        </a>
        {event.external_url && (
          <a class="button secondary" href={event.external_url} rel="noopener">
            {t('events.page.original')}
          </a>
        )}
      </div>

      {data.descriptionHtml && (
        <div
          class="event-description prose"
          dangerouslySetInnerHTML={{ __html: data.descriptionHtml }}
        />
      )}

      {occurrence.status === 'scheduled' && !isPast && event.moderation === 'approved' && (
        <RsvpSection data={data} state={rsvpState} done={rsvpDone} full={full} />
      )}

      {data.upcoming.length > 1 && (
        <section class="event-dates">
          <h2>{t('events.page.otherDates')}</h2>
          <ul class="date-list">
            {data.upcoming.map((row) => (
              <li>
                {row.occurrence_id === occurrence.occurrence_id ? (
                  <strong>{whenText(row, now)}</strong>
                ) : (
                  <a href={`/events/${event.id}?occurrence=${row.occurrence_id}`}>
                    {whenText(row, now)}
                  </a>
                )}{' '}
                <StatusBadge status={row.status} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {data.canEdit && (
        <section class="host-tools card">
          <h2>{t('events.host.title')}</h2>
          <ul class="host-links">
            <li>
              <a href={`/events/${event.id}/edit`}>{t('events.host.edit')}</a>
            </li>
            <li>
              <a href={`/events/${event.id}/rsvps?occurrence=${occurrence.occurrence_id}`}>
                {t('events.host.rsvps', { count: data.going })}
              </a>
            </li>
          </ul>
          <OccurrenceControls data={data} zone={zone} />
        </section>
      )}
    </article>
  );
}

function OccurrenceControls({ data, zone }: { data: EventPageData; zone: string }) {
  const { occurrence, event } = data;
  const local = DateTime.fromJSDate(occurrence.starts_at, { zone: event.timezone });
  const endLocal = occurrence.ends_at
    ? DateTime.fromJSDate(occurrence.ends_at, { zone: event.timezone })
    : null;
  void zone;
  return (
    <form
      method="post"
      action={`/events/${event.id}/occurrences/${occurrence.occurrence_id}`}
      class="stack occurrence-form"
    >
      <CsrfField />
      <h3>{t('events.host.thisDate')}</h3>
      <p class="muted">{t('events.host.thisDateHelp')}</p>
      <div class="filter-grid">
        <Field name="date" label={t('events.form.date')} type="date" value={local.toISODate()!} />
        <Field
          name="startTime"
          label={t('events.form.startTime')}
          type="time"
          value={local.toFormat('HH:mm')}
        />
        <Field
          name="endTime"
          label={t('events.form.endTime')}
          type="time"
          value={endLocal?.toFormat('HH:mm') ?? ''}
        />
      </div>
      <Field name="note" label={t('events.host.note')} optional value={occurrence.note ?? ''} />
      <p>
        <button class="button secondary" name="action" value="move" type="submit">
          {t('events.host.move')}
        </button>{' '}
        {occurrence.status === 'cancelled' ? (
          <button class="button secondary" name="action" value="restore" type="submit">
            {t('events.host.restore')}
          </button>
        ) : (
          <button class="button danger" name="action" value="cancel" type="submit">
            {t('events.host.cancelDate')}
          </button>
        )}
      </p>
    </form>
  );
}

function RsvpSection({
  data,
  state,
  done,
  full,
}: {
  data: EventPageData;
  state?: FormState;
  done?: string;
  full: boolean;
}) {
  return (
    <section class="rsvp card" id="rsvp" aria-labelledby="rsvp-heading">
      <h2 id="rsvp-heading">{t('events.rsvp.title')}</h2>
      {done ? (
        <p class="notice" role="status">
          {done}
        </p>
      ) : (
        <form method="post" action={`/events/${data.event.id}/rsvp#rsvp`} class="stack">
          <CsrfField />
          <ErrorSummary state={state} />
          <input type="hidden" name="occurrence" value={String(data.occurrence.occurrence_id)} />
          <p class="muted">
            {full
              ? t('events.rsvp.waitlistHelp')
              : t('events.rsvp.help', { when: whenText(data.occurrence, data.now) })}
          </p>
          <Field
            name="name"
            label={t('events.rsvp.name')}
            state={state}
            autocomplete="name"
            required
          />
          <Field
            name="email"
            label={t('events.rsvp.email')}
            type="email"
            state={state}
            autocomplete="email"
            required
          />
          <Field
            name="guests"
            label={t('events.rsvp.guests')}
            type="number"
            min="0"
            max="10"
            state={state}
            optional
          />
          <label class="checkbox">
            <input
              type="checkbox"
              name="reminders"
              value="1"
              checked={state ? Boolean(state.values.reminders) : true}
            />{' '}
            {t('events.rsvp.reminders')}
          </label>
          <p>
            <button type="submit" class="button">
              {full ? t('events.rsvp.joinWaitlist') : t('events.rsvp.submit')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// The submission and edit form

export function EventFormPage({
  state,
  groups,
  signedIn,
  action,
  title,
  isEdit,
  canChooseVisibility,
}: {
  state?: FormState;
  groups: { slug: string; name: string }[];
  signedIn: boolean;
  action: string;
  title: string;
  isEdit?: boolean;
  canChooseVisibility?: boolean;
}) {
  const values = state?.values ?? {};
  return (
    <>
      <p class="breadcrumbs">
        <a href="/events">{t('events.title')}</a>
      </p>
      <PageHeader title={title} lead={isEdit ? undefined : t('events.form.lead')} />
      <form
        method="post"
        action={action}
        enctype="multipart/form-data"
        class="stack event-form"
        novalidate
      >
        <CsrfField />
        <ErrorSummary state={state} />
        <fieldset class="stack">
          <legend>{t('events.form.what')}</legend>
          <Field name="title" label={t('events.form.title')} state={state} required />
          <SelectField
            name="type"
            label={t('events.form.type')}
            options={typeOptions()}
            state={state}
            value={String(values.type ?? 'meeting')}
          />
          <TextAreaField
            name="description"
            label={t('events.form.description')}
            help={t('events.form.descriptionHelp')}
            state={state}
            rows={6}
            optional
          />
          <SelectField
            name="group"
            label={t('events.form.group')}
            help={t('events.form.groupHelp')}
            options={[
              { value: '', label: t('events.form.noGroup') },
              ...groups.map((g) => ({ value: g.slug, label: g.name })),
            ]}
            state={state}
            optional
          />
          <CheckboxGroup
            name="issueAreas"
            legend={t('events.form.issueAreas')}
            options={issueAreaOptions()}
            state={state}
          />
        </fieldset>
        <fieldset class="stack">
          <legend>{t('events.form.when')}</legend>
          <p class="help">{t('events.form.zoneHelp', { zone: coalitionZone() })}</p>
          <div class="filter-grid">
            <Field name="date" label={t('events.form.date')} type="date" state={state} required />
            <Field name="startTime" label={t('events.form.startTime')} type="time" state={state} />
            <Field
              name="endTime"
              label={t('events.form.endTime')}
              type="time"
              state={state}
              optional
            />
            <Field
              name="endDate"
              label={t('events.form.endDate')}
              type="date"
              state={state}
              help={t('events.form.endDateHelp')}
              optional
            />
          </div>
          <label class="checkbox">
            <input type="checkbox" name="allDay" value="1" checked={Boolean(values.allDay)} />{' '}
            {t('events.form.allDay')}
          </label>
          <SelectField
            name="repeat"
            label={t('events.form.repeat')}
            options={REPEAT_CHOICES.map((choice) => ({
              value: choice,
              label: t(`events.form.repeat.${choice}`),
            }))}
            state={state}
          />
          <Field
            name="repeatUntil"
            label={t('events.form.repeatUntil')}
            type="date"
            state={state}
            optional
          />
          <Field
            name="rrule"
            label={t('events.form.rrule')}
            help={t('events.form.rruleHelp')}
            state={state}
            optional
          />
        </fieldset>
        <fieldset class="stack">
          <legend>{t('events.form.where')}</legend>
          <SelectField
            name="mode"
            label={t('events.form.mode')}
            options={modeOptions()}
            state={state}
            value={String(values.mode ?? 'in_person')}
          />
          <Field
            name="venue"
            label={t('events.form.venue')}
            state={state}
            help={t('events.form.venueHelp')}
          />
          <Field
            name="address"
            label={t('events.form.address')}
            state={state}
            autocomplete="street-address"
            optional
          />
          <Field
            name="town"
            label={t('events.form.town')}
            state={state}
            help={t('events.form.townHelp')}
            autocomplete="address-level2"
          />
          <Field
            name="onlineUrl"
            label={t('events.form.onlineUrl')}
            type="url"
            state={state}
            help={t('events.form.onlineUrlHelp')}
          />
          <label class="checkbox">
            <input
              type="checkbox"
              name="onlineUrlForRsvpsOnly"
              value="1"
              checked={Boolean(values.onlineUrlForRsvpsOnly)}
            />{' '}
            {t('events.form.onlineUrlForRsvpsOnly')}
          </label>
        </fieldset>
        <fieldset class="stack">
          <legend>{t('events.form.more')}</legend>
          <Field
            name="capacity"
            label={t('events.form.capacity')}
            type="number"
            min="1"
            state={state}
            help={t('events.form.capacityHelp')}
            optional
          />
          <TextAreaField
            name="accessibility"
            label={t('events.form.accessibility')}
            help={t('events.form.accessibilityHelp')}
            state={state}
            rows={3}
            optional
          />
          <Field
            name="image"
            label={t('events.form.image')}
            type="file"
            accept="image/jpeg,image/png,image/gif,image/webp"
            state={state}
            help={t('events.form.imageHelp')}
            optional
          />
          <Field name="contactName" label={t('events.form.contactName')} state={state} optional />
          <Field
            name="contactEmail"
            label={t('events.form.contactEmail')}
            type="email"
            state={state}
            optional
          />
          {canChooseVisibility && (
            <SelectField
              name="visibility"
              label={t('events.form.visibility')}
              options={[
                { value: 'public', label: t('events.visibility.public') },
                { value: 'unlisted', label: t('events.visibility.unlisted') },
              ]}
              state={state}
            />
          )}
          {isEdit && (
            <SelectField
              name="status"
              label={t('events.form.status')}
              help={t('events.form.statusHelp')}
              options={[
                { value: 'scheduled', label: t('events.status.scheduled') },
                { value: 'postponed', label: t('events.status.postponed') },
                { value: 'cancelled', label: t('events.status.cancelled') },
              ]}
              state={state}
            />
          )}
        </fieldset>
        {!signedIn && (
          <fieldset class="stack">
            <legend>{t('events.form.you')}</legend>
            <p class="help">{t('events.form.youHelp')}</p>
            <Field
              name="submitterName"
              label={t('events.form.yourName')}
              state={state}
              autocomplete="name"
            />
            <Field
              name="submitterEmail"
              label={t('events.form.yourEmail')}
              type="email"
              state={state}
              autocomplete="email"
              required
            />
          </fieldset>
        )}
        <p>
          <button type="submit" class="button">
            {isEdit ? t('events.form.save') : t('events.form.submit')}
          </button>
        </p>
      </form>
    </>
  );
}

export function MessagePage({
  title,
  body,
  actions,
}: {
  title: string;
  body: string;
  actions?: Child;
}) {
  return (
    <>
      <PageHeader title={title} />
      <p class="lead">{body}</p>
      {actions}
    </>
  );
}

export function ConfirmPage({ title, token }: { title: string; token: string }) {
  return (
    <>
      <PageHeader title={t('events.confirm.title')} />
      <p class="lead">{t('events.confirm.body', { title })}</p>
      <form method="post" action={`/events/confirm/${token}`}>
        <CsrfField />
        <button class="button" type="submit">
          {t('events.confirm.button')}
        </button>
      </form>
    </>
  );
}

export function RsvpManagePage({
  token,
  title,
  when,
  state,
}: {
  token: string;
  title: string;
  when: string;
  state: string;
}) {
  return (
    <>
      <PageHeader title={title} lead={when} />
      <p>{t(`events.rsvp.manage.${state}`)}</p>
      {state !== 'cancelled' && (
        <form method="post" action={`/events/rsvp/${token}`} class="stack">
          <CsrfField />
          <p>
            <button class="button danger" type="submit" name="action" value="cancel">
              {t('events.rsvp.manage.cancel')}
            </button>
          </p>
        </form>
      )}
      <form method="post" action={`/events/rsvp/${token}`}>
        <CsrfField />
        <button class="button secondary" type="submit" name="action" value="stop-reminders">
          {t('events.rsvp.manage.stopReminders')}
        </button>
      </form>
    </>
  );
}
