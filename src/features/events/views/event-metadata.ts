// What the event page shows about an event, and its outward forms: schema.org JSON-LD and a
// Google Calendar link.

import { DateTime } from 'luxon';
import type { OccurrenceListRow } from '../occurrence-query.ts';
import type { EventRow } from '../tables.ts';

export interface EventPageData {
  event: EventRow;
  occurrence: OccurrenceListRow;
  upcoming: OccurrenceListRow[];
  group: { slug: string; name: string } | null;
  cohosts: { slug: string; name: string }[];
  issueAreas: string[];
  townName: string | null;
  ruleText: string | null;
  descriptionHtml: string;
  going: number;
  canEdit: boolean;
  canModerate: boolean;
  publicUrl: string;
  now: Date;
}

export function googleCalendarLink(data: {
  title: string;
  start: Date;
  end: Date | null;
  allDay: boolean;
  timezone: string;
  details: string;
  location: string;
}) {
  const fmt = (d: Date) =>
    d
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
  const day = (d: Date) => DateTime.fromJSDate(d, { zone: data.timezone }).toFormat('yyyyMMdd');
  const end = data.end ?? new Date(data.start.getTime() + (data.allDay ? 86_400_000 : 3_600_000));
  const dates = data.allDay ? `${day(data.start)}/${day(end)}` : `${fmt(data.start)}/${fmt(end)}`;
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: data.title,
    dates,
    details: data.details,
    location: data.location,
    ctz: data.timezone,
  });
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}

function isoIn(date: Date, zone: string, allDay: boolean): string {
  const d = DateTime.fromJSDate(date, { zone });
  return allDay ? d.toISODate()! : d.toISO({ suppressMilliseconds: true })!;
}

export function eventJsonLd(data: EventPageData): string {
  const { event, occurrence } = data;
  const url = `${data.publicUrl}/events/${event.id}`;
  const attendance = {
    in_person: 'OfflineEventAttendanceMode',
    online: 'OnlineEventAttendanceMode',
    hybrid: 'MixedEventAttendanceMode',
  }[event.mode];
  const status = {
    scheduled: 'EventScheduled',
    cancelled: 'EventCancelled',
    postponed: 'EventPostponed',
  }[occurrence.status];
  const place = {
    '@type': 'Place',
    name: occurrence.venue ?? data.townName ?? undefined,
    address: {
      '@type': 'PostalAddress',
      streetAddress: occurrence.address ?? undefined,
      addressLocality: data.townName ?? undefined,
      addressRegion: 'MA',
      addressCountry: 'US',
    },
  };
  const virtual = {
    '@type': 'VirtualLocation',
    url: event.online_url && !event.online_url_for_rsvps_only ? event.online_url : url,
  };
  const json = {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: occurrence.title,
    description: occurrence.description.slice(0, 500),
    url,
    startDate: isoIn(occurrence.starts_at, event.timezone, event.all_day),
    ...(occurrence.ends_at
      ? {
          endDate: isoIn(
            event.all_day ? new Date(occurrence.ends_at.getTime() - 1) : occurrence.ends_at,
            event.timezone,
            event.all_day,
          ),
        }
      : {}),
    eventStatus: `https://schema.org/${status}`,
    eventAttendanceMode: `https://schema.org/${attendance}`,
    location:
      event.mode === 'in_person' ? place : event.mode === 'online' ? virtual : [place, virtual],
    ...(data.group
      ? {
          organizer: {
            '@type': 'Organization',
            name: data.group.name,
            url: `${data.publicUrl}/groups/${data.group.slug}`,
          },
        }
      : {}),
    ...(event.image_path ? { image: `${data.publicUrl}/events/images/${event.image_path}` } : {}),
    ...(event.capacity ? { maximumAttendeeCapacity: event.capacity } : {}),
    isAccessibleForFree: true,
  };
  return JSON.stringify(json).replace(/</g, '\\u003c');
}
