// The host's RSVP list for one date, with the CSV link and a message form (/events/:id/rsvps).

import type { FormState } from '../../../platform/http/forms.ts';
import { t } from '../../../platform/i18n/index.ts';
import {
  CsrfField,
  EmptyState,
  ErrorSummary,
  Field,
  PageHeader,
  SelectField,
  TextAreaField,
} from '../../../platform/views/components.tsx';
import { coalitionZone, formatTimestamp } from '../../../platform/views/format.ts';
import type { OccurrenceListRow } from '../occurrence-query.ts';
import type { RsvpListRow } from '../rsvp.ts';
import type { EventRow } from '../tables.ts';
import { whenText } from '../views/occurrence-list.tsx';

export function RsvpListPage({
  event,
  occurrence,
  occurrences,
  rows,
  state,
}: {
  event: EventRow;
  occurrence: OccurrenceListRow;
  occurrences: OccurrenceListRow[];
  rows: RsvpListRow[];
  state?: FormState;
}) {
  const going = rows.filter((r) => r.state === 'going');
  const count = going.reduce((sum, r) => sum + 1 + r.guests, 0);
  return (
    <>
      <p class="breadcrumbs">
        <a href={`/events/${event.id}?occurrence=${occurrence.occurrence_id}`}>
          {occurrence.title}
        </a>
      </p>
      <PageHeader
        title={t('events.rsvps.title')}
        lead={`${occurrence.title} · ${whenText(occurrence)}`}
      />
      {occurrences.length > 1 && (
        <form method="get" class="inline-form">
          <SelectField
            name="occurrence"
            label={t('events.rsvps.date')}
            options={occurrences.map((o) => ({
              value: String(o.occurrence_id),
              label: whenText(o),
            }))}
            value={String(occurrence.occurrence_id)}
          />
          <button class="button secondary" type="submit">
            {t('events.rsvps.show')}
          </button>
        </form>
      )}
      <p>
        {t('events.rsvps.count', { count, capacity: event.capacity ?? '∞' })}{' '}
        <a href={`/events/${event.id}/rsvps.csv?occurrence=${occurrence.occurrence_id}`}>
          {t('events.rsvps.csv')}
        </a>
      </p>
      {rows.length === 0 ? (
        <EmptyState title={t('events.rsvps.empty')}>
          <p>{t('events.rsvps.emptyHelp')}</p>
        </EmptyState>
      ) : (
        <div class="table-wrap">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('events.rsvps.name')}</th>
                <th scope="col">{t('events.rsvps.email')}</th>
                <th scope="col">{t('events.rsvps.guests')}</th>
                <th scope="col">{t('events.rsvps.state')}</th>
                <th scope="col">{t('events.rsvps.when')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <td>{row.name}</td>
                  <td>{row.email}</td>
                  <td>{row.guests}</td>
                  <td>{t(`events.rsvps.state.${row.state}`)}</td>
                  <td>{formatTimestamp(row.created_at, coalitionZone())}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.some((r) => r.state !== 'cancelled') && (
        <section class="card">
          <h2>{t('events.message.title')}</h2>
          <form method="post" action={`/events/${event.id}/message`} class="stack">
            <CsrfField />
            <ErrorSummary state={state} />
            <input type="hidden" name="occurrence" value={String(occurrence.occurrence_id)} />
            <Field name="subject" label={t('events.message.subject')} state={state} />
            <TextAreaField name="body" label={t('events.message.body')} state={state} rows={6} />
            <p>
              <button class="button" type="submit">
                {t('events.message.send')}
              </button>
            </p>
          </form>
        </section>
      )}
    </>
  );
}
