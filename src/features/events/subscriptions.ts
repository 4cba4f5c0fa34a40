/**
 * Group feed subscriptions (an iCal address or a Mobilize organization), refreshed on a schedule.
 * Each feed syncs in its own job, so one failing feed never stops the others. A failure is
 * retried later with growing delays (15 min, 30 min, 1 h ... up to a day) and reported to the
 * group's organizers the first time and when it keeps failing.
 */
import { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { canEditGroup, canModerateEvents } from '../../platform/auth/policies.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { enqueueJob, type JobDefinition } from '../../platform/jobs/queue.ts';
import { renderEmail } from '../../platform/mail/template.ts';
import { readAllowedHosts } from '../../platform/net/allowed-hosts.ts';
import { checkFetchTarget, FetchRefusedError } from '../../platform/net/safe-fetch.ts';
import type { Services } from '../../platform/services.ts';
import { coalitionZone } from '../../platform/views/format.ts';
import { calendarChanged } from './cache.ts';
import {
  fetchCalendarText,
  type ImportReport,
  parseCalendar,
  storeImportedEvents,
} from './import-ics.ts';
import { fetchMobilize, MOBILIZE_API } from './mobilize.ts';
import { findGroupById, listGroupOrganizerEmails } from './repository.ts';
import { syncSearch } from './service.ts';
import type { EventFeedRow } from './tables.ts';

export const FEED_SYNC_JOB = 'events.feed-sync';
export const FEED_TICK_JOB = 'events.feeds-tick';
export const SYNC_EVERY_MS = 3_600_000;
const BACKOFF_BASE_MS = 15 * 60_000;
const BACKOFF_MAX_MS = 24 * 3_600_000;

export function backoffMs(failures: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(failures - 1, 0), BACKOFF_MAX_MS);
}

export async function listFeedsFor(db: Executor, actor: Actor) {
  const all = canModerateEvents(actor);
  let query = db
    .selectFrom('event_feeds as f')
    .leftJoin('groups as g', 'g.id', 'f.group_id')
    .selectAll('f')
    .select('g.name as group_name')
    .orderBy('g.name')
    .orderBy('f.id');
  if (!all)
    query = query.where(
      'f.group_id',
      'in',
      actor.organizerOf.length ? [...actor.organizerOf] : [-1],
    );
  const feeds = await query.execute();
  let groups = db.selectFrom('groups').select(['id', 'name']).orderBy('name');
  if (!all)
    groups = groups.where('id', 'in', actor.organizerOf.length ? [...actor.organizerOf] : [-1]);
  return { feeds, groups: await groups.execute() };
}

function canManageFeed(actor: Actor, groupId: number | null): boolean {
  return canModerateEvents(actor) || (groupId !== null && canEditGroup(actor, groupId));
}

export async function addFeed(
  services: Services,
  actor: Actor,
  input: {
    groupId: number;
    kind: 'ical' | 'mobilize';
    url: string;
    organizationId: string;
    trusted: boolean;
  },
): Promise<EventFeedRow> {
  if (!canManageFeed(actor, input.groupId))
    throw new AppError('forbidden', t('events.error.forbidden'));
  const errors: Record<string, string> = {};
  const group = await findGroupById(services.db, input.groupId);
  if (!group) errors.group = t('events.feeds.error.group');
  let url = input.url.trim();
  if (input.kind === 'ical') {
    url = url.replace(/^webcal:/i, 'https:');
    if (!/^https?:\/\/\S+\.\S+/.test(url)) errors.url = t('events.feeds.error.url');
  } else {
    url ||= MOBILIZE_API;
    if (!/^https?:\/\/\S+/.test(url)) errors.url = t('events.feeds.error.url');
    if (!/^\d+$/.test(input.organizationId))
      errors.organizationId = t('events.feeds.error.organizationId');
  }
  if (!errors.url) {
    // Refuse an internal address at once, where the organizer sees why (the sync checks again).
    try {
      await checkFetchTarget(url, await readAllowedHosts(services.db));
    } catch (error) {
      if (error instanceof FetchRefusedError) errors.url = error.message;
    }
  }
  if (Object.keys(errors).length)
    throw new AppError('invalid_input', t('events.error.summary'), errors);
  // Only editors may let a feed skip moderation.
  const trusted = input.trusted && canModerateEvents(actor);
  return services.db.transaction().execute(async (tx) => {
    const feed = await tx
      .insertInto('event_feeds')
      .values({
        group_id: input.groupId,
        kind: input.kind,
        url,
        organization_id: input.kind === 'mobilize' ? input.organizationId : null,
        is_trusted: trusted,
        last_synced_at: null,
        last_success_at: null,
        last_error: null,
        cursor: null,
        report: '{}',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await enqueueJob(
      tx,
      FEED_SYNC_JOB,
      { feedId: feed.id },
      { uniqueKey: `events:feed-sync:${feed.id}:first`, runAt: services.now() },
    );
    await recordAudit(tx, {
      actor,
      action: 'event_feed.create',
      subjectType: 'event_feed',
      subjectId: feed.id,
      details: { kind: input.kind, url, trusted },
    });
    return feed;
  });
}

async function findFeedFor(services: Services, actor: Actor, feedId: number) {
  const feed = await services.db
    .selectFrom('event_feeds')
    .selectAll()
    .where('id', '=', feedId)
    .executeTakeFirst();
  if (!feed) throw new AppError('not_found', t('events.feeds.notFound'));
  if (!canManageFeed(actor, feed.group_id))
    throw new AppError('forbidden', t('events.error.forbidden'));
  return feed;
}

export async function syncFeedNow(services: Services, actor: Actor, feedId: number) {
  await findFeedFor(services, actor, feedId);
  await enqueueJob(
    services.db,
    FEED_SYNC_JOB,
    { feedId },
    {
      uniqueKey: `events:feed-sync:${feedId}:manual:${services.now().getTime()}`,
      runAt: services.now(),
    },
  );
}

export async function removeFeed(services: Services, actor: Actor, feedId: number) {
  await findFeedFor(services, actor, feedId);
  await services.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('event_feeds').where('id', '=', feedId).execute();
    await recordAudit(tx, {
      actor,
      action: 'event_feed.delete',
      subjectType: 'event_feed',
      subjectId: feedId,
    });
  });
}

/** Fetches one feed and stores what it has; returns the report (throws when the feed cannot be read). */
export async function syncFeed(services: Services, feed: EventFeedRow): Promise<ImportReport> {
  const group =
    feed.group_id !== null ? await findGroupById(services.db, feed.group_id) : undefined;
  const options = {
    feedId: feed.id,
    groupSlug: group?.slug ?? null,
    approve: feed.is_trusted,
  };
  if (feed.kind === 'ical') {
    // No readFile: a feed is always a web address, never a path on this server.
    const body = await fetchCalendarText(feed.url, {
      allowedHosts: await readAllowedHosts(services.db),
    });
    const parsed = parseCalendar(body, coalitionZone());
    return storeImportedEvents(services, parsed, {
      ...options,
      source: 'ical',
      cancelMissing: true,
    });
  }
  const startedAt = Math.floor(services.now().getTime() / 1000);
  const since = feed.cursor ? Number(feed.cursor) : null;
  const fetched = await fetchMobilize(
    feed.url,
    feed.organization_id ?? '',
    since,
    coalitionZone(),
    await readAllowedHosts(services.db),
  );
  const report = await storeImportedEvents(services, fetched, { ...options, source: 'mobilize' });
  for (const id of fetched.deletedIds) {
    const event = await services.db
      .selectFrom('events')
      .selectAll()
      .where('source', '=', 'mobilize')
      .where('source_uid', '=', id)
      .executeTakeFirst();
    if (!event || event.status === 'cancelled') continue;
    await services.db.transaction().execute(async (tx) => {
      const updated = await tx
        .updateTable('events')
        .set({ status: 'cancelled', updated_at: services.now(), source_hash: null })
        .where('id', '=', event.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await syncSearch(tx, updated, services.now());
      await enqueueJob(
        tx,
        'events.notify-attendees',
        { eventId: event.id, kind: 'cancelled' },
        { runAt: services.now() },
      );
    });
    report.cancelled++;
  }
  calendarChanged();
  await services.db
    .updateTable('event_feeds')
    .set({ cursor: String(startedAt) })
    .where('id', '=', feed.id)
    .execute();
  return report;
}

async function reportFailure(
  services: Services,
  feed: EventFeedRow,
  message: string,
  failures: number,
) {
  if (feed.group_id === null || (failures !== 1 && failures !== 4)) return;
  const group = await findGroupById(services.db, feed.group_id);
  const recipients = await listGroupOrganizerEmails(services.db, feed.group_id);
  if (group?.email) recipients.push(group.email);
  for (const to of new Set(recipients)) {
    const mail = renderEmail({
      subject: t('events.feeds.failedEmail.subject', { group: group?.name ?? '' }),
      blocks: [
        {
          type: 'paragraph',
          text: t('events.feeds.failedEmail.body', {
            url: feed.kind === 'mobilize' ? `Mobilize ${feed.organization_id}` : feed.url,
          }),
        },
        { type: 'paragraph', text: message },
        { type: 'paragraph', text: t('events.feeds.failedEmail.retry') },
        {
          type: 'button',
          text: t('events.feeds.title'),
          url: `${services.config.publicUrl}/admin/events/feeds`,
        },
      ],
    });
    await services.mailer.send(services.db, { to, ...mail, purpose: 'event-feed' });
  }
}

/** Runs one feed's sync and records the outcome and when to try next. Never throws. */
export async function runFeedSync(services: Services, feedId: number): Promise<void> {
  const feed = await services.db
    .selectFrom('event_feeds')
    .selectAll()
    .where('id', '=', feedId)
    .executeTakeFirst();
  if (!feed || !feed.is_active) return;
  const now = services.now();
  try {
    const report = await syncFeed(services, feed);
    await services.db
      .updateTable('event_feeds')
      .set({
        last_synced_at: now,
        last_success_at: now,
        last_error: null,
        failure_count: 0,
        next_sync_at: new Date(now.getTime() + SYNC_EVERY_MS),
        report: JSON.stringify(report),
      })
      .where('id', '=', feedId)
      .execute();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failures = feed.failure_count + 1;
    await services.db
      .updateTable('event_feeds')
      .set({
        last_synced_at: now,
        last_error: message.slice(0, 1000),
        failure_count: failures,
        next_sync_at: new Date(now.getTime() + backoffMs(failures)),
      })
      .where('id', '=', feedId)
      .execute();
    services.logger.warn({ feedId, err: message, failures }, 'event feed sync failed');
    await reportFailure(services, feed, message, failures);
  }
}

export function feedJobs(services: Services): JobDefinition[] {
  return [
    {
      name: FEED_SYNC_JOB,
      payload: z.object({ feedId: z.number().int() }),
      maxAttempts: 1,
      handle: ({ feedId }) => runFeedSync(services, feedId),
    },
    {
      name: FEED_TICK_JOB,
      payload: z.object({}).passthrough(),
      async handle() {
        const due = await services.db
          .selectFrom('event_feeds')
          .select(['id', 'next_sync_at'])
          .where('is_active', '=', true)
          .where('next_sync_at', '<=', services.now())
          .execute();
        for (const feed of due) {
          await enqueueJob(
            services.db,
            FEED_SYNC_JOB,
            { feedId: feed.id },
            {
              uniqueKey: `events:feed-sync:${feed.id}:${feed.next_sync_at.getTime()}`,
              runAt: services.now(),
            },
          );
        }
      },
    },
  ];
}
