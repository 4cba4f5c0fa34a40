import type { Executor } from '../../platform/db/database.ts';
import { findOccurrences, type OccurrenceListRow } from './occurrence-query.ts';
import { summarize } from './text.ts';

/**
 * The stable contract other features (group profiles, the newsletter draft) use to read the
 * calendar. Only approved, public events appear; one item per occurrence, ordered by start.
 */
export interface DigestOccurrence {
  eventId: number;
  occurrenceId: string;
  title: string;
  start: Date;
  end: Date | null;
  allDay: boolean;
  timezone: string;
  status: 'scheduled' | 'cancelled' | 'postponed';
  mode: 'in_person' | 'online' | 'hybrid';
  town: string | null;
  districts: number[];
  group: { slug: string; name: string } | null;
  /** Site-relative: /events/:id */
  url: string;
  featured: boolean;
  summary: string;
}

export function toDigestOccurrence(row: OccurrenceListRow): DigestOccurrence {
  return {
    eventId: row.event_id,
    occurrenceId: String(row.occurrence_id),
    title: row.title,
    start: row.starts_at,
    end: row.ends_at,
    allDay: row.all_day,
    timezone: row.timezone,
    status: row.status,
    mode: row.mode,
    town: row.town_name,
    districts: [...row.districts],
    group: row.group_slug && row.group_name ? { slug: row.group_slug, name: row.group_name } : null,
    url: `/events/${row.event_id}`,
    featured: row.is_featured,
    summary: summarize(row.description),
  };
}

/** Upcoming occurrences for a group's profile or a district page (host or co-host group). */
export async function listUpcomingOccurrences(
  db: Executor,
  options: { groupId?: number; district?: number; from: Date; to: Date; limit: number },
): Promise<DigestOccurrence[]> {
  const rows = await findOccurrences(db, {
    groupId: options.groupId,
    district: options.district,
    from: options.from,
    to: options.to,
    limit: options.limit,
  });
  return rows.map(toDigestOccurrence);
}

/** Every occurrence in the window, for the newsletter's events digest. */
export async function listDigestOccurrences(
  db: Executor,
  options: { from: Date; to: Date },
): Promise<DigestOccurrence[]> {
  const rows = await findOccurrences(db, { from: options.from, to: options.to });
  return rows.map(toDigestOccurrence);
}
