// The RSVP form on the event page.

import type { FormState } from '../../../platform/http/forms.ts';
import { t } from '../../../platform/i18n/index.ts';
import { CsrfField, ErrorSummary, Field } from '../../../platform/views/components.tsx';
import type { EventPageData } from './event-metadata.ts';
import { whenText } from './occurrence-list.tsx';

export function RsvpSection({
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
