import { z } from 'zod';
import { canModerateEvents, isOrganizer } from '../../platform/auth/policies.ts';
import type { AttentionItem, Feature } from '../../platform/feature.ts';
import { tn } from '../../platform/i18n/index.ts';
import { eventAdminRoutes } from './admin-routes.tsx';
import { eventApi } from './api.ts';
import { eventCommands } from './commands.ts';
import { renderHomeEvents } from './home.tsx';
import { extendOpenSeries } from './maintenance.ts';
import './messages.ts';
import { countPendingEvents } from './repository.ts';
import { eventRoutes } from './routes.tsx';
import { rsvpJobs } from './rsvp.ts';
import { clearSampleEvents, loadSampleEvents } from './sample.ts';
import { FEED_TICK_JOB, feedJobs } from './subscriptions.ts';

export const EXTEND_JOB = 'events.extend-series';

/** The shared calendar: events, occurrences, moderation, RSVPs, feeds, imports, API. */
export const eventsFeature: Feature = {
  name: 'events',
  routes(app, services) {
    eventApi(app, services);
    eventAdminRoutes(app, services);
    eventRoutes(app, services);
  },
  homeSections: [{ order: 20, name: 'events', render: renderHomeEvents }],
  jobs(services) {
    return [
      ...rsvpJobs(services),
      ...feedJobs(services),
      {
        name: EXTEND_JOB,
        payload: z.object({}).passthrough(),
        handle: async () => void (await extendOpenSeries(services)),
      },
    ];
  },
  recurring: [
    { name: FEED_TICK_JOB, everySeconds: 300 },
    { name: EXTEND_JOB, everySeconds: 86_400 },
  ],
  commands: eventCommands,
  adminLinks: [
    {
      href: '/admin/events',
      label: 'events.moderation.title',
      description: 'events.admin.moderationDescription',
      allowed: canModerateEvents,
    },
    {
      href: '/admin/events/feeds',
      label: 'events.feeds.title',
      description: 'events.admin.feedsDescription',
      allowed: (actor) => canModerateEvents(actor) || isOrganizer(actor),
    },
  ],
  async attention(services, actor) {
    const items: AttentionItem[] = [];
    if (canModerateEvents(actor)) {
      const pending = await countPendingEvents(services.db);
      if (pending > 0)
        items.push({
          label: tn('events.attention.pending', pending),
          count: pending,
          href: '/admin/events',
          tone: 'warning',
        });
    }
    let failing = services.db
      .selectFrom('event_feeds')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('last_error', 'is not', null)
      .where('is_active', '=', true);
    if (!canModerateEvents(actor))
      failing = failing.where(
        'group_id',
        'in',
        actor.organizerOf.length ? [...actor.organizerOf] : [-1],
      );
    const failed = Number((await failing.executeTakeFirstOrThrow()).n);
    if (failed > 0)
      items.push({
        label: tn('events.attention.feedsFailing', failed),
        count: failed,
        href: '/admin/events/feeds',
        tone: 'danger',
      });
    return items;
  },
  sample: { load: loadSampleEvents, clear: clearSampleEvents },
};
