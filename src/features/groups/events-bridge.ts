import type { Db } from '../../platform/db/database.ts';
import { t } from '../../platform/i18n/index.ts';
import type { Services } from '../../platform/services.ts';
import { coalitionZone, formatWhen, relativeDay } from '../../platform/views/format.ts';
import { type DigestOccurrence, listUpcomingOccurrences } from '../events/digest.ts';
import type { GroupSummary } from './directory.ts';
import type { NextEvent } from './views/group-card.tsx';
import type { ProfileEvent } from './views/profile-page.tsx';

/**
 * The directory's view of the calendar, through the calendar's digest contract
 * (events/digest.ts): each card's next event and the profile's upcoming events. Both are kept
 * for a short while per process, so the directory pages stay fast under load; a new event
 * shows within CACHE_MILLISECONDS.
 */
const CACHE_MILLISECONDS = 30_000;
const WINDOW_DAYS = 60;
const PROFILE_LIMIT = 6;

interface Cached<T> {
  at: number;
  value: Promise<T>;
}
const nextBySlug = new WeakMap<Db, Cached<Map<string, DigestOccurrence>>>();
const byGroup = new WeakMap<Db, Map<number, Cached<DigestOccurrence[]>>>();

function when(occurrence: DigestOccurrence, now: Date): string {
  const zone = coalitionZone();
  const text = formatWhen(occurrence.start, occurrence.end, zone, {
    allDay: occurrence.allDay,
    now,
  });
  const day = relativeDay(occurrence.start, zone, now);
  return day === 'today' || day === 'tomorrow' ? `${day}, ${text}` : text;
}

function fresh<T>(entry: Cached<T> | undefined): entry is Cached<T> {
  return Boolean(entry && Date.now() - entry.at < CACHE_MILLISECONDS);
}

/** One query for the whole page: the next scheduled occurrence hosted by each group. */
async function loadNextBySlug(services: Services): Promise<Map<string, DigestOccurrence>> {
  const cached = nextBySlug.get(services.db);
  if (fresh(cached)) return cached.value;
  const now = services.now();
  const value = listUpcomingOccurrences(services.db, {
    from: now,
    to: new Date(now.getTime() + WINDOW_DAYS * 86_400_000),
    limit: 1000,
  }).then((occurrences) => {
    const map = new Map<string, DigestOccurrence>();
    for (const occurrence of occurrences) {
      if (!occurrence.group || occurrence.status !== 'scheduled') continue;
      if (!map.has(occurrence.group.slug)) map.set(occurrence.group.slug, occurrence);
    }
    return map;
  });
  nextBySlug.set(services.db, { at: Date.now(), value });
  value.catch(() => nextBySlug.delete(services.db));
  return value;
}

/** Each listed group's next event, for the cards. */
export async function upcomingForGroups(
  services: Services,
  groups: readonly GroupSummary[],
): Promise<Map<number, NextEvent>> {
  const result = new Map<number, NextEvent>();
  if (!groups.length) return result;
  const next = await loadNextBySlug(services);
  const now = services.now();
  for (const group of groups) {
    const occurrence = next.get(group.slug);
    if (occurrence)
      result.set(group.id, {
        title: occurrence.title,
        when: when(occurrence, now),
        url: occurrence.url,
      });
  }
  return result;
}

/** The group's upcoming events (it hosts or co-hosts), for its profile. */
export async function upcomingForGroup(
  services: Services,
  group: GroupSummary,
): Promise<ProfileEvent[]> {
  let perGroup = byGroup.get(services.db);
  if (!perGroup) {
    perGroup = new Map();
    byGroup.set(services.db, perGroup);
  }
  let entry = perGroup.get(group.id);
  if (!fresh(entry)) {
    const now = services.now();
    const value = listUpcomingOccurrences(services.db, {
      groupId: group.id,
      from: now,
      to: new Date(now.getTime() + 4 * WINDOW_DAYS * 86_400_000),
      limit: PROFILE_LIMIT,
    });
    entry = { at: Date.now(), value };
    perGroup.set(group.id, entry);
    const map = perGroup;
    value.catch(() => map.delete(group.id));
  }
  const now = services.now();
  return (await entry.value).map((occurrence) => ({
    title: occurrence.title,
    when: when(occurrence, now),
    url: occurrence.url,
    status: occurrence.status,
    where: occurrence.mode === 'online' ? t('groups.profile.online') : occurrence.town,
  }));
}
