// The host's controls for one date of an event (move, cancel, restore), on the event page.

import { DateTime } from 'luxon';
import { t } from '../../../platform/i18n/index.ts';
import { CsrfField, Field } from '../../../platform/views/components.tsx';
import type { EventPageData } from './event-metadata.ts';

export function OccurrenceControls({ data, zone }: { data: EventPageData; zone: string }) {
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
