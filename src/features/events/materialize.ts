import type { Executor } from '../../platform/db/database.ts';
import { localDate } from '../../platform/views/format.ts';
import { expandSeries } from './recurrence.ts';
import {
  deleteOccurrences,
  insertOccurrences,
  listOccurrencesOfEvent,
  occurrencesWithRsvps,
  updateOccurrence,
} from './repository.ts';
import type { EventRow } from './tables.ts';

/** How far occurrences are kept in the table: some history, and 18 months ahead. */
export const PAST_DAYS = 120;
export const FUTURE_DAYS = 548;
const DAY = 86_400_000;

export interface OccurrenceChange {
  occurrenceId: number;
  kind: 'moved' | 'cancelled';
  previousStart: Date;
}

export function materializationWindow(now: Date) {
  return {
    from: new Date(now.getTime() - PAST_DAYS * DAY),
    to: new Date(now.getTime() + FUTURE_DAYS * DAY),
  };
}

/**
 * Brings an event's stored occurrences in line with its timing: new ones are added, vanished
 * ones deleted. Occurrences people RSVP'd to are never silently lost: a vanished one is moved
 * to the new occurrence on the same local day (or, for a one-off event, to its new time), or
 * else kept and marked cancelled. Hand-made overrides keep their own times. Returns what
 * happened to occurrences with RSVPs, so the caller can tell those people.
 */
export async function reconcileOccurrences(
  db: Executor,
  event: EventRow,
  now: Date,
): Promise<OccurrenceChange[]> {
  const window = materializationWindow(now);
  const expanded = expandSeries(
    {
      start: event.starts_at,
      end: event.ends_at,
      timezone: event.timezone,
      allDay: event.all_day,
      rrule: event.rrule,
      exdates: event.exdates,
      rdates: event.rdates,
    },
    window,
  );
  const isOneOff = !event.rrule && event.rdates.length === 0;
  const existing = await listOccurrencesOfEvent(db, event.id);
  const byKey = new Map(existing.map((row) => [row.recurrence_key, row]));
  const wanted = new Map(expanded.map((occurrence) => [occurrence.recurrenceKey, occurrence]));

  const toInsert: typeof expanded = [];
  for (const occurrence of expanded) {
    const row = byKey.get(occurrence.recurrenceKey);
    if (!row) {
      toInsert.push(occurrence);
      continue;
    }
    const endChanged = (row.ends_at?.getTime() ?? null) !== (occurrence.end?.getTime() ?? null);
    if (
      !row.is_override &&
      (row.starts_at.getTime() !== occurrence.start.getTime() || endChanged)
    ) {
      await updateOccurrence(db, row.id, { starts_at: occurrence.start, ends_at: occurrence.end });
    }
  }

  // Rows no longer in the series (leave history before the window alone).
  const vanished = existing.filter(
    (row) => !wanted.has(row.recurrence_key) && (isOneOff || row.original_start >= window.from),
  );
  const withRsvps = await occurrencesWithRsvps(
    db,
    vanished.map((row) => row.id),
  );
  const changes: OccurrenceChange[] = [];
  const toDelete: number[] = [];
  for (const row of vanished) {
    if (!withRsvps.has(row.id)) {
      toDelete.push(row.id);
      continue;
    }
    const day = localDate(row.original_start, event.timezone);
    const index = isOneOff
      ? toInsert.length > 0
        ? 0
        : -1
      : toInsert.findIndex((o) => localDate(o.originalStart, event.timezone) === day);
    if (index >= 0) {
      const [target] = toInsert.splice(index, 1);
      await updateOccurrence(db, row.id, {
        recurrence_key: target!.recurrenceKey,
        original_start: target!.originalStart,
        starts_at: target!.start,
        ends_at: target!.end,
        is_override: false,
      });
      if (target!.start.getTime() !== row.starts_at.getTime()) {
        changes.push({ occurrenceId: row.id, kind: 'moved', previousStart: row.starts_at });
      }
    } else if (row.status !== 'cancelled') {
      await updateOccurrence(db, row.id, { status: 'cancelled', is_override: true });
      changes.push({ occurrenceId: row.id, kind: 'cancelled', previousStart: row.starts_at });
    }
  }
  await deleteOccurrences(db, toDelete);
  await insertOccurrences(
    db,
    toInsert.map((occurrence) => ({
      event_id: event.id,
      recurrence_key: occurrence.recurrenceKey,
      original_start: occurrence.originalStart,
      starts_at: occurrence.start,
      ends_at: occurrence.end,
    })),
  );
  return changes;
}
