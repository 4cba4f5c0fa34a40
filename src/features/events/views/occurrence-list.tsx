// One occurrence in a list, and lists grouped by day: the events page, the home section, embeds.

import { t } from '../../../platform/i18n/index.ts';
import { Badge, SampleBadge } from '../../../platform/views/components.tsx';
import {
  coalitionZone,
  formatDay,
  formatTime,
  formatWhen,
  localDate,
  relativeDay,
  zoneAbbreviation,
} from '../../../platform/views/format.ts';
import type { OccurrenceListRow } from '../occurrence-query.ts';

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
