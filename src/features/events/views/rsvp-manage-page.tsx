// Managing an RSVP from the emailed link (/events/rsvp/:token).

import { t } from '../../../platform/i18n/index.ts';
import { CsrfField, PageHeader } from '../../../platform/views/components.tsx';

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
