// The moderation queue (/admin/events).

import type { FormState } from '../../../platform/http/forms.ts';
import { t } from '../../../platform/i18n/index.ts';
import {
  CsrfField,
  EmptyState,
  ErrorSummary,
  PageHeader,
  TextAreaField,
} from '../../../platform/views/components.tsx';
import { type DuplicateRow, EventSummaryCard, type PendingRow } from './admin-event-summary.tsx';

export function ModerationQueue({
  items,
  states,
}: {
  items: { event: PendingRow; duplicates: DuplicateRow[] }[];
  states: Map<number, FormState>;
}) {
  return (
    <>
      <p class="breadcrumbs">
        <a href="/admin">{t('admin.title')}</a>
      </p>
      <PageHeader
        title={t('events.moderation.title')}
        lead={t('events.moderation.lead')}
        actions={
          <a class="button secondary" href="/admin/events/feeds">
            {t('events.feeds.title')}
          </a>
        }
      />
      {items.length === 0 ? (
        <EmptyState title={t('events.moderation.empty')}>
          <p>
            <a href="/events">{t('events.moderation.seeCalendar')}</a>
          </p>
        </EmptyState>
      ) : (
        <ol class="moderation-list">
          {items.map(({ event, duplicates }) => {
            const state = states.get(event.id);
            return (
              <li class="card moderation-item" id={`event-${event.id}`}>
                <div class={duplicates.length ? 'side-by-side' : ''}>
                  <EventSummaryCard
                    event={event}
                    label={t('events.moderation.submittedBy', {
                      email: event.submitter_email ?? event.source,
                    })}
                  />
                  {duplicates.map((duplicate) => (
                    <div>
                      <EventSummaryCard
                        event={duplicate}
                        label={t('events.moderation.possibleDuplicate')}
                      />
                      <form method="post" action={`/admin/events/${event.id}/merge`}>
                        <CsrfField />
                        <input type="hidden" name="into" value={String(duplicate.id)} />
                        <button class="button secondary" type="submit">
                          {t('events.moderation.merge')}
                        </button>
                      </form>
                    </div>
                  ))}
                </div>
                <form method="post" action={`/admin/events/${event.id}/moderate`} class="stack">
                  <CsrfField />
                  <ErrorSummary state={state} />
                  <TextAreaField
                    name="reason"
                    label={t('events.moderation.reason')}
                    help={t('events.moderation.reasonHelp')}
                    state={state}
                    rows={2}
                    optional
                  />
                  <p>
                    <button class="button" type="submit" name="decision" value="approved">
                      {t('events.moderation.approve')}
                    </button>{' '}
                    <button class="button danger" type="submit" name="decision" value="rejected">
                      {t('events.moderation.reject')}
                    </button>{' '}
                    <a href={`/events/${event.id}/edit`}>{t('events.host.edit')}</a>
                  </p>
                </form>
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}
