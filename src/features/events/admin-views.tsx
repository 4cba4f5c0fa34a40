import type { FormState } from '../../platform/http/forms.ts';
import { t } from '../../platform/i18n/index.ts';
import {
  Badge,
  CsrfField,
  EmptyState,
  ErrorSummary,
  Field,
  PageHeader,
  SelectField,
  TextAreaField,
} from '../../platform/views/components.tsx';
import { coalitionZone, formatTimestamp } from '../../platform/views/format.ts';
import type { OccurrenceListRow } from './occurrence-query.ts';
import { describeRule } from './recurrence.ts';
import type { findLikelyDuplicates, listPendingEvents } from './repository.ts';
import type { RsvpListRow } from './rsvp.ts';
import type { EventFeedRow, EventRow } from './tables.ts';
import { summarize } from './text.ts';
import { whenText } from './views/occurrence-list.tsx';

type PendingRow = Awaited<ReturnType<typeof listPendingEvents>>[number];
type DuplicateRow = Awaited<ReturnType<typeof findLikelyDuplicates>>[number];

function EventSummaryCard({
  event,
  label,
}: {
  event:
    | (EventRow & { group_name: string | null; town_name: string | null })
    | PendingRow
    | DuplicateRow;
  label?: string;
}) {
  return (
    <div class="moderation-card">
      {label && <p class="muted">{label}</p>}
      <h3>
        <a href={`/events/${event.id}`}>{event.title}</a>
      </h3>
      <p>
        {whenText({
          starts_at: event.starts_at,
          ends_at: event.ends_at,
          timezone: event.timezone,
          all_day: event.all_day,
        })}
      </p>
      <p class="muted">
        {t(`events.type.${event.type}`)} ·{' '}
        {[event.venue, event.town_name].filter(Boolean).join(', ') ||
          t(`events.mode.${event.mode}`)}
        {event.group_name ? ` · ${event.group_name}` : ''}
      </p>
      {event.rrule && (
        <p class="muted">
          {t('events.page.repeats', {
            rule: describeRule(event.rrule, event.starts_at, event.timezone) ?? event.rrule,
          })}
        </p>
      )}
      <p>{summarize(event.description, 300)}</p>
      <p>
        <Badge
          tone={
            event.moderation === 'approved'
              ? 'success'
              : event.moderation === 'rejected'
                ? 'danger'
                : 'warning'
          }
        >
          {t(`events.moderation.${event.moderation}`)}
        </Badge>
      </p>
    </div>
  );
}

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

export function FeedsPage({
  feeds,
  groups,
  state,
}: {
  feeds: (EventFeedRow & { group_name: string | null })[];
  groups: { id: number; name: string }[];
  state?: FormState;
}) {
  return (
    <>
      <p class="breadcrumbs">
        <a href="/admin">{t('admin.title')}</a>
      </p>
      <PageHeader title={t('events.feeds.title')} lead={t('events.feeds.lead')} />
      {feeds.length === 0 ? (
        <EmptyState title={t('events.feeds.empty')}>
          <p>{t('events.feeds.emptyHelp')}</p>
        </EmptyState>
      ) : (
        <ul class="stack feed-list">
          {feeds.map((feed) => (
            <li class="card">
              <h2>
                {feed.group_name ?? t('events.feeds.noGroup')} ·{' '}
                {feed.kind === 'ical' ? 'iCal' : 'Mobilize'}
              </h2>
              <p class="feed-url">
                {feed.kind === 'mobilize' ? `${feed.url} · ${feed.organization_id}` : feed.url}
              </p>
              <p>
                {feed.last_error ? (
                  <Badge tone="danger">
                    {t('events.feeds.failing', { count: feed.failure_count })}
                  </Badge>
                ) : feed.last_success_at ? (
                  <Badge tone="success">{t('events.feeds.ok')}</Badge>
                ) : (
                  <Badge tone="muted">{t('events.feeds.never')}</Badge>
                )}{' '}
                {feed.is_trusted && <Badge>{t('events.feeds.trusted')}</Badge>}
              </p>
              {feed.last_error && <p class="field-error">{feed.last_error}</p>}
              <FeedReport report={feed.report} />
              <p class="muted">
                {feed.last_synced_at
                  ? t('events.feeds.lastSynced', {
                      when: formatTimestamp(feed.last_synced_at, coalitionZone()),
                    })
                  : ''}{' '}
                {t('events.feeds.nextSync', {
                  when: formatTimestamp(feed.next_sync_at, coalitionZone()),
                })}
              </p>
              <form
                method="post"
                action={`/admin/events/feeds/${feed.id}/sync`}
                class="inline-form"
              >
                <CsrfField />
                <button class="button secondary" type="submit">
                  {t('events.feeds.syncNow')}
                </button>
              </form>{' '}
              <form
                method="post"
                action={`/admin/events/feeds/${feed.id}/delete`}
                class="inline-form"
              >
                <CsrfField />
                <button class="button danger" type="submit">
                  {t('events.feeds.remove')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <section class="card">
        <h2>{t('events.feeds.add')}</h2>
        <form method="post" action="/admin/events/feeds" class="stack">
          <CsrfField />
          <ErrorSummary state={state} />
          <SelectField
            name="group"
            label={t('events.feeds.group')}
            options={groups.map((g) => ({ value: String(g.id), label: g.name }))}
            state={state}
          />
          <SelectField
            name="kind"
            label={t('events.feeds.kind')}
            options={[
              { value: 'ical', label: t('events.feeds.kind.ical') },
              { value: 'mobilize', label: t('events.feeds.kind.mobilize') },
            ]}
            state={state}
          />
          <Field
            name="url"
            label={t('events.feeds.url')}
            help={t('events.feeds.urlHelp')}
            state={state}
            type="url"
          />
          <Field
            name="organizationId"
            label={t('events.feeds.organizationId')}
            help={t('events.feeds.organizationIdHelp')}
            state={state}
            optional
          />
          <label class="checkbox">
            <input type="checkbox" name="trusted" value="1" /> {t('events.feeds.trustedLabel')}
          </label>
          <p>
            <button class="button" type="submit">
              {t('events.feeds.addButton')}
            </button>
          </p>
        </form>
      </section>
    </>
  );
}

function FeedReport({ report }: { report: Record<string, unknown> }) {
  const skipped = (report.skipped as { uid?: string; reason: string }[] | undefined) ?? [];
  const kept = (report.keptLocalEdits as string[] | undefined) ?? [];
  if (!report.created && !report.updated && !skipped.length && !kept.length && !report.cancelled)
    return null;
  return (
    <div class="feed-report">
      <p>
        {t('events.feeds.report', {
          created: Number(report.created ?? 0),
          updated: Number(report.updated ?? 0),
          cancelled: Number(report.cancelled ?? 0),
          skipped: skipped.length,
        })}
      </p>
      {kept.length > 0 && (
        <p class="muted">{t('events.feeds.keptLocalEdits', { titles: kept.join(', ') })}</p>
      )}
      {skipped.length > 0 && (
        <details>
          <summary>{t('events.feeds.skippedList')}</summary>
          <ul>
            {skipped.slice(0, 50).map((s) => (
              <li>
                {s.uid ?? '?'}: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
