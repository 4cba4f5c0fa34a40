// An event as the moderation queue shows it: the submission and its likely duplicates.

import { t } from '../../../platform/i18n/index.ts';
import { Badge } from '../../../platform/views/components.tsx';
import { describeRule } from '../recurrence.ts';
import type { findLikelyDuplicates, listPendingEvents } from '../repository.ts';
import type { EventRow } from '../tables.ts';
import { summarize } from '../text.ts';
import { whenText } from '../views/occurrence-list.tsx';

export type PendingRow = Awaited<ReturnType<typeof listPendingEvents>>[number];
export type DuplicateRow = Awaited<ReturnType<typeof findLikelyDuplicates>>[number];

export function EventSummaryCard({
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
