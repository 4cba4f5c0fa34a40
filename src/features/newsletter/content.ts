/**
 * Pure helpers shared by the email and the web version of an issue: Markdown to safe HTML and to
 * plain text, and the events digest grouped by day and district ("Near you" first).
 */
import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { formatWhen, localDate } from '../../platform/views/format.ts';
import type { DigestOccurrence } from '../events/digest.ts';
import type { StoredOccurrence } from './tables.ts';

const ALLOWED_TAGS = [
  'p',
  'a',
  'strong',
  'em',
  'b',
  'i',
  'ul',
  'ol',
  'li',
  'br',
  'blockquote',
  'h3',
];

/** Markdown written by editors and organizers, as HTML safe to put in a page or an email. */
export function markdownToHtml(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: true }) as string;
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ['href'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    transformTags: {
      h1: 'h3',
      h2: 'h3',
      h4: 'h3',
      a: (tagName, attribs) => ({ tagName, attribs: { href: attribs.href ?? '' } }),
    },
  }).trim();
}

/** Markdown as plain text for the text part: links become "text (url)", emphasis marks go. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/\r\n/g, '\n')
    .replace(/!\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, (_m, text: string, url: string) =>
      text === url ? url : `${text} (${url})`,
    )
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^*\w])[*_]([^*_\n]+)[*_](?=[^*\w]|$)/g, '$1$2')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function toStoredOccurrence(occurrence: DigestOccurrence): StoredOccurrence {
  return {
    eventId: occurrence.eventId,
    occurrenceId: occurrence.occurrenceId,
    title: occurrence.title,
    start: occurrence.start.toISOString(),
    end: occurrence.end ? occurrence.end.toISOString() : null,
    allDay: occurrence.allDay,
    status: occurrence.status,
    mode: occurrence.mode,
    town: occurrence.town,
    districts: [...occurrence.districts].sort((a, b) => a - b),
    group: occurrence.group,
    url: occurrence.url,
    featured: occurrence.featured,
    summary: occurrence.summary,
  };
}

export interface DigestItem extends StoredOccurrence {
  when: string;
}

export interface DistrictGroup {
  key: string;
  label: string;
  items: DigestItem[];
}

export interface DigestDay {
  date: string;
  label: string;
  groups: DistrictGroup[];
}

export interface Digest {
  /** The subscriber's districts' events (empty when their place is not known). */
  nearYou: DigestDay[];
  /** Everything else (or everything, for a subscriber without a place and on the web). */
  elsewhere: DigestDay[];
  nearYouLabel: string;
  total: number;
}

export function districtLabel(districts: readonly number[]): string {
  if (!districts.length) return 'Online and statewide';
  if (districts.length === 1) return `District ${districts[0]}`;
  return `Districts ${districts.slice(0, -1).join(', ')} and ${districts[districts.length - 1]}`;
}

function dayLabel(date: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(date);
}

/**
 * Days in order; within a day, featured events first, then one group per district (online and
 * statewide events last), each by start time.
 */
export function groupByDayAndDistrict(
  items: readonly StoredOccurrence[],
  zone: string,
  now: Date,
): DigestDay[] {
  const days = new Map<string, { label: string; groups: Map<string, DistrictGroup> }>();
  const sorted = [...items].sort((a, b) => a.start.localeCompare(b.start));
  for (const item of sorted) {
    const start = new Date(item.start);
    const date = item.allDay ? item.start.slice(0, 10) : localDate(start, zone);
    let day = days.get(date);
    if (!day) {
      const labelDate = item.allDay ? new Date(`${date}T12:00:00Z`) : start;
      day = { label: dayLabel(labelDate, item.allDay ? 'UTC' : zone), groups: new Map() };
      days.set(date, day);
    }
    const key = item.featured
      ? 'featured'
      : item.districts.length
        ? item.districts.join('-')
        : 'statewide';
    let group = day.groups.get(key);
    if (!group) {
      group = {
        key,
        label: item.featured ? 'Featured' : districtLabel(item.districts),
        items: [],
      };
      day.groups.set(key, group);
    }
    group.items.push({
      ...item,
      when: formatWhen(start, item.end ? new Date(item.end) : null, item.allDay ? 'UTC' : zone, {
        allDay: item.allDay,
        now,
      }),
    });
  }
  const districtOrder = (group: DistrictGroup) =>
    group.key === 'featured' ? 0 : group.key === 'statewide' ? 99 : Number(group.key.split('-')[0]);
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, day]) => ({
      date,
      label: day.label,
      groups: [...day.groups.values()]
        .sort((a, b) => districtOrder(a) - districtOrder(b) || a.key.localeCompare(b.key))
        .map((group) => ({
          ...group,
          items: group.items.sort(
            (a, b) => Number(b.featured) - Number(a.featured) || a.start.localeCompare(b.start),
          ),
        })),
    }));
}

/**
 * The digest as one subscriber sees it: when their districts are known, "Near you" holds the
 * events in those districts and the rest follow; otherwise everything is in one list.
 */
export function buildDigest(
  items: readonly StoredOccurrence[],
  districts: readonly number[],
  zone: string,
  now: Date,
): Digest {
  const mine = new Set(districts);
  const near = mine.size ? items.filter((item) => item.districts.some((d) => mine.has(d))) : [];
  const nearIds = new Set(near.map((item) => item.occurrenceId));
  const rest = items.filter((item) => !nearIds.has(item.occurrenceId));
  return {
    nearYou: groupByDayAndDistrict(near, zone, now),
    elsewhere: groupByDayAndDistrict(rest, zone, now),
    nearYouLabel: districtLabel([...mine].sort((a, b) => a - b)),
    total: items.length,
  };
}

export const MODE_LABELS: Record<StoredOccurrence['mode'], string> = {
  in_person: 'In person',
  online: 'Online',
  hybrid: 'In person and online',
};

export const STATUS_LABELS: Record<StoredOccurrence['status'], string> = {
  scheduled: '',
  cancelled: 'Cancelled',
  postponed: 'Postponed',
};

/** "Framingham · In person · Metrowest Indivisible" (featured ones name their district too). */
export function occurrenceMeta(item: StoredOccurrence): string {
  return [
    item.featured && item.districts.length ? districtLabel(item.districts) : '',
    item.town,
    MODE_LABELS[item.mode],
    item.group?.name,
  ]
    .filter(Boolean)
    .join(' · ');
}
