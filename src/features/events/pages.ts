import { DateTime } from 'luxon';
import type { Actor } from '../../platform/auth/actor.ts';
import { canEditEvent, canModerateEvents } from '../../platform/auth/policies.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { isIssueArea, issueAreaName } from '../../platform/issue-areas.ts';
import type { Services } from '../../platform/services.ts';
import { coalitionZone, localDate } from '../../platform/views/format.ts';
import { distanceKm, findTown, listTowns } from '../places/lookup.ts';
import { cached } from './cache.ts';
import {
  findOccurrences,
  type OccurrenceFilter,
  type OccurrenceListRow,
} from './occurrence-query.ts';
import { describeRule } from './recurrence.ts';
import {
  findEvent,
  findGroupById,
  findGroupBySlug,
  listCohosts,
  listGroupOptions,
  listIssueAreas,
} from './repository.ts';
import { countGoing } from './rsvp.ts';
import type { FilterQuery } from './schemas.ts';
import { renderDescription } from './text.ts';
import type { EventPageData } from './views/event-metadata.ts';
import type { MonthCell } from './views/events-page.tsx';
import type { FilterView } from './views/filter-form.tsx';

const DAY = 86_400_000;
const MILE_KM = 1.609344;

export interface ResolvedFilter {
  filter: Omit<OccurrenceFilter, 'from' | 'to' | 'after' | 'limit'>;
  view: FilterView;
  /** The end of "this week" when that filter is on. */
  weekEnd?: Date;
  cacheKey: string;
  title: string[];
}

/** Turns the query string filters into an occurrence filter and a description for people. */
export async function resolveFilter(
  db: Executor,
  query: FilterQuery,
  now: Date,
  options: { groups?: boolean } = {},
): Promise<ResolvedFilter> {
  const filter: ResolvedFilter['filter'] = {};
  const description: string[] = [];
  const params = new URLSearchParams();
  let townError: string | undefined;
  if (query.district) {
    filter.district = query.district;
    description.push(t('events.filter.districtN', { n: query.district }));
    params.set('district', String(query.district));
  }
  if (query.town) {
    const town = findTown(query.town);
    if (!town) {
      townError = t('events.error.unknownTown', { town: query.town });
      filter.townIds = [];
    } else if (query.within) {
      const km = query.within * MILE_KM;
      filter.townIds = listTowns()
        .filter((other) => distanceKm(town, other) <= km)
        .map((other) => other.id);
      description.push(t('events.filter.withinOf', { n: query.within, town: town.name }));
      params.set('town', town.name);
      params.set('within', String(query.within));
    } else {
      filter.townId = town.id;
      description.push(town.name);
      params.set('town', town.name);
    }
  }
  if (query.group) {
    const group = await findGroupBySlug(db, query.group);
    filter.groupId = group?.id ?? -1;
    description.push(group?.name ?? query.group);
    params.set('group', query.group);
  }
  if (query.type) {
    filter.type = query.type;
    description.push(t(`events.type.${query.type}`));
    params.set('type', query.type);
  }
  if (query.issue_area && isIssueArea(query.issue_area)) {
    filter.issueArea = query.issue_area;
    description.push(issueAreaName(query.issue_area));
    params.set('issue_area', query.issue_area);
  }
  if (query.online) {
    filter.onlineOnly = true;
    description.push(t('events.filter.online'));
    params.set('online', '1');
  }
  let weekEnd: Date | undefined;
  if (query.week) {
    weekEnd = DateTime.fromJSDate(now, { zone: coalitionZone() }).endOf('week').toJSDate();
    description.push(t('events.filter.week'));
    params.set('week', '1');
  }
  // Group names change rarely (and elsewhere): shared for up to a minute.
  const groups =
    options.groups === false
      ? []
      : await cached('group-options', now.getTime(), () => listGroupOptions(db));
  const queryString = params.toString();
  return {
    filter,
    weekEnd,
    cacheKey: queryString,
    title: description,
    view: {
      values: {
        district: query.district ? String(query.district) : undefined,
        town: query.town,
        within: query.within ? String(query.within) : undefined,
        group: query.group,
        type: query.type,
        issue_area: query.issue_area,
        online: query.online,
        week: query.week,
      },
      groups,
      query: queryString,
      description,
      townError,
    },
  };
}

export const PAGE_SIZE = 30;

/**
 * One page of the list from now on. Shared by every visitor for up to a minute (and until the
 * calendar changes): "now" is taken to the minute, so the busiest page costs no query at all.
 */
export async function listPage(
  db: Executor,
  resolved: ResolvedFilter,
  now: Date,
  after?: { start: Date; id: number },
) {
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const key = `list:${minute.getTime()}:${resolved.cacheKey}:${after ? `${after.start.getTime()}-${after.id}` : ''}`;
  return cached(key, now.getTime(), () =>
    findOccurrences(db, {
      ...resolved.filter,
      from: minute,
      to: resolved.weekEnd ?? new Date(minute.getTime() + 548 * DAY),
      after,
      limit: PAGE_SIZE + 1,
    }),
  );
}

/** A month grid (weeks Monday to Sunday) of occurrences in the coalition's zone. */
export async function monthData(
  db: Executor,
  resolved: ResolvedFilter,
  now: Date,
  month: string | undefined,
) {
  const zone = coalitionZone();
  const parsed =
    month && /^\d{4}-\d{2}$/.test(month) ? DateTime.fromISO(`${month}-01`, { zone }) : undefined;
  const first = parsed?.isValid
    ? parsed.startOf('month')
    : DateTime.fromJSDate(now, { zone }).startOf('month');
  const gridStart = first.startOf('week');
  const gridEnd = first.endOf('month').endOf('week');
  const rows = await findOccurrences(db, {
    ...resolved.filter,
    from: gridStart.toJSDate(),
    to: gridEnd.toJSDate(),
    limit: 1000,
  });
  const byDay = new Map<string, OccurrenceListRow[]>();
  for (const row of rows) {
    const day = localDate(row.starts_at, zone);
    byDay.set(day, [...(byDay.get(day) ?? []), row]);
  }
  const today = localDate(now, zone);
  const weeks: MonthCell[][] = [];
  for (let day = gridStart; day < gridEnd; day = day.plus({ days: 1 })) {
    if (day.weekday === 1) weeks.push([]);
    const date = day.toISODate()!;
    weeks[weeks.length - 1]!.push({
      date,
      day: day.day,
      inMonth: day.month === first.month,
      isToday: date === today,
      rows: byDay.get(date) ?? [],
    });
  }
  return {
    label: first.toFormat('LLLL yyyy'),
    value: first.toFormat('yyyy-MM'),
    prev: first.minus({ months: 1 }).toFormat('yyyy-MM'),
    next: first.plus({ months: 1 }).toFormat('yyyy-MM'),
    weeks,
  };
}

/**
 * Everything the event page shows. Pending and rejected events are seen only by those who may
 * edit them (and by the person who sent them); unlisted ones by anyone with the link.
 */
export async function loadEventPage(
  services: Services,
  actor: Actor | null,
  eventId: number,
  occurrenceId: number | undefined,
): Promise<EventPageData> {
  const now = services.now();
  // What every visitor sees is shared for up to a minute (until the calendar or an RSVP changes);
  // who may see and edit it is decided per request.
  const minute = Math.floor(now.getTime() / 60_000);
  const shared = await cached(
    `page:${eventId}:${occurrenceId ?? ''}:${minute}`,
    now.getTime(),
    () => loadSharedPage(services, eventId, occurrenceId, now),
  );
  const { event } = shared;
  const canEdit = canEditEvent(actor, event);
  const isSubmitter = actor !== null && event.submitter_person_id === actor.personId;
  if (event.moderation !== 'approved' && !canEdit && !isSubmitter)
    throw new AppError('not_found', t('events.notFound'));
  return { ...shared, canEdit, canModerate: canModerateEvents(actor), now };
}

async function loadSharedPage(
  services: Services,
  eventId: number,
  occurrenceId: number | undefined,
  now: Date,
): Promise<Omit<EventPageData, 'canEdit' | 'canModerate' | 'now'>> {
  const db = services.db;
  const event = await findEvent(db, eventId);
  if (!event) throw new AppError('not_found', t('events.notFound'));
  if (event.merged_into_id !== null) throw new AppError('not_found', t('events.notFound'));
  const scope = {
    eventId,
    includeUnlisted: true,
    moderation: ['approved', 'pending', 'rejected'] as const,
  };
  const upcoming = await findOccurrences(db, { ...scope, from: now, limit: 12 });
  let occurrence =
    occurrenceId !== undefined
      ? upcoming.find((row) => row.occurrence_id === occurrenceId)
      : upcoming[0];
  if (!occurrence) {
    // A past date, one further ahead, or an event that is over: look through all of them.
    const all = await findOccurrences(db, scope);
    occurrence =
      (occurrenceId !== undefined
        ? all.find((row) => row.occurrence_id === occurrenceId)
        : undefined) ??
      upcoming[0] ??
      all[all.length - 1];
  }
  if (!occurrence) throw new AppError('not_found', t('events.notFound'));
  const group =
    event.group_id !== null ? ((await findGroupById(db, event.group_id)) ?? null) : null;
  return {
    event,
    occurrence,
    upcoming,
    group: group ? { slug: group.slug, name: group.name } : null,
    cohosts: await listCohosts(db, eventId),
    issueAreas: await listIssueAreas(db, eventId),
    townName: occurrence.town_name,
    ruleText: describeRule(event.rrule, event.starts_at, event.timezone),
    descriptionHtml: renderDescription(event.description),
    going: await countGoing(db, occurrence.occurrence_id),
    publicUrl: services.config.publicUrl,
  };
}
