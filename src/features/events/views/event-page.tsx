// The event page (/events/:id).

import type { FormState } from '../../../platform/http/forms.ts';
import { t } from '../../../platform/i18n/index.ts';
import { issueAreaName } from '../../../platform/issue-areas.ts';
import { SampleBadge } from '../../../platform/views/components.tsx';
import { coalitionZone } from '../../../platform/views/format.ts';
import { type EventPageData, googleCalendarLink } from './event-metadata.ts';
import { OccurrenceControls } from './occurrence-controls.tsx';
import { StatusBadge, whenText } from './occurrence-list.tsx';
import { RsvpSection } from './rsvp-section.tsx';

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
