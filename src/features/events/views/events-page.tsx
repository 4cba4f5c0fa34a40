// The events page (/events): list, month and map views.

import type { Child } from 'hono/jsx';
import { t } from '../../../platform/i18n/index.ts';
import { EmptyState, NextPageLink, PageHeader } from '../../../platform/views/components.tsx';
import { coalitionZone, formatDay, formatTime } from '../../../platform/views/format.ts';
import type { OccurrenceListRow } from '../occurrence-query.ts';
import { FilterForm, type FilterView } from './filter-form.tsx';
import { DayGroups } from './occurrence-list.tsx';
import { SubscribeLinks } from './subscribe-links.tsx';

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
