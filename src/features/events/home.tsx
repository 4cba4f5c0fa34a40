import { DateTime } from 'luxon';
import { t } from '../../platform/i18n/index.ts';
import type { Services } from '../../platform/services.ts';
import { coalitionZone } from '../../platform/views/format.ts';
import { findOccurrences } from './occurrence-query.ts';
import { OccurrenceItem } from './views/occurrence-list.tsx';

/** The home page's "this week" section: a short list, then all events. */
export async function renderHomeEvents(services: Services) {
  const now = services.now();
  const weekEnd = DateTime.fromJSDate(now, { zone: coalitionZone() })
    .plus({ days: 7 })
    .endOf('day')
    .toJSDate();
  const rows = await findOccurrences(services.db, { from: now, to: weekEnd, limit: 6 });
  return (
    <section class="home-events" aria-labelledby="home-events-title">
      <h2 id="home-events-title">{t('events.home.title')}</h2>
      {rows.length === 0 ? (
        <p class="muted">
          {t('events.home.empty')} <a href="/events/new">{t('events.add')}</a>
        </p>
      ) : (
        <ul class="event-list">
          {rows.map((row) => (
            <OccurrenceItem row={row} now={now} showDay />
          ))}
        </ul>
      )}
      <p>
        <a class="button secondary" href="/events">
          {t('events.allEvents')}
        </a>{' '}
        <a href="/events/new">{t('events.add')}</a>
      </p>
    </section>
  );
}
