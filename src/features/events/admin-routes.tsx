import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { canModerateEvents, isOrganizer } from '../../platform/auth/policies.ts';
import { writeCsv } from '../../platform/csv.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { type FormState, parseForm, withErrors } from '../../platform/http/forms.ts';
import { requireActor } from '../../platform/http/guards.ts';
import { Id, idParam, parseQuery } from '../../platform/http/input.ts';
import { setFlash } from '../../platform/http/middleware.ts';
import { t } from '../../platform/i18n/index.ts';
import type { Services } from '../../platform/services.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { findOccurrences } from './occurrence-query.ts';
import { findLikelyDuplicates, listPendingEvents } from './repository.ts';
import { listRsvps, messageAttendees, requireHost } from './rsvp.ts';
import { FeedForm, MergeForm, MessageForm, ModerationForm } from './schemas.ts';
import { mergeEvents, moderateEvent } from './service.ts';
import { addFeed, listFeedsFor, removeFeed, syncFeedNow } from './subscriptions.ts';
import { FeedsPage } from './views/admin-feeds-page.tsx';
import { ModerationQueue } from './views/admin-moderation-page.tsx';
import { RsvpListPage } from './views/admin-rsvps-page.tsx';

const eventIdParam = (c: Context) => idParam(c, 'id', t('events.notFound'));
/** The occurrence whose RSVPs to show; anything else shows every occurrence's. */
const OccurrenceQuery = z.object({ occurrence: Id.optional().catch(undefined) });

export function eventAdminRoutes(app: Hono<AppEnv>, services: Services): void {
  const queuePage = async (
    c: Context<AppEnv>,
    states = new Map<number, FormState>(),
    status: 200 | 400 = 200,
  ) => {
    const pending = await listPendingEvents(services.db);
    const items = [];
    for (const event of pending)
      items.push({ event, duplicates: await findLikelyDuplicates(services.db, event) });
    return renderPage(
      c,
      { title: t('events.moderation.title') },
      <ModerationQueue items={items} states={states} />,
      status,
    );
  };

  app.get('/admin/events', async (c) => {
    requireActor(c, canModerateEvents);
    return queuePage(c);
  });

  app.post('/admin/events/:id{[0-9]+}/moderate', async (c) => {
    const actor = requireActor(c, canModerateEvents);
    const id = eventIdParam(c);
    const form = await parseForm(c, ModerationForm);
    if (!form.ok) return queuePage(c, new Map([[id, form.state]]), 400);
    try {
      await moderateEvent(services, actor, id, form.data.decision, form.data.reason || null);
    } catch (error) {
      return queuePage(c, new Map([[id, withErrors(form.state, error)]]), 400);
    }
    setFlash(
      c,
      services,
      t(
        form.data.decision === 'approved'
          ? 'events.moderation.approvedFlash'
          : 'events.moderation.rejectedFlash',
      ),
    );
    return c.redirect('/admin/events', 303);
  });

  app.post('/admin/events/:id{[0-9]+}/merge', async (c) => {
    const actor = requireActor(c, canModerateEvents);
    const form = await parseForm(c, MergeForm);
    if (!form.ok) throw new AppError('invalid_input', t('events.error.summary'));
    await mergeEvents(services, actor, eventIdParam(c), form.data.into);
    setFlash(c, services, t('events.moderation.merged'));
    return c.redirect('/admin/events', 303);
  });

  // --- RSVP lists (hosts) ---------------------------------------------------------------------
  const rsvpPage = async (
    c: Context<AppEnv>,
    eventId: number,
    occurrenceId: number | undefined,
    state?: FormState,
    status: 200 | 400 = 200,
  ) => {
    const actor = requireActor(c);
    const event = await requireHost(services, actor, eventId);
    const occurrences = await findOccurrences(services.db, {
      eventId,
      includeUnlisted: true,
      moderation: ['approved', 'pending', 'rejected'],
    });
    const now = services.now();
    const occurrence =
      occurrences.find((o) => o.occurrence_id === occurrenceId) ??
      occurrences.find((o) => (o.ends_at ?? o.starts_at) >= now) ??
      occurrences[occurrences.length - 1];
    if (!occurrence) throw new AppError('not_found', t('events.notFound'));
    const rows = await listRsvps(services.db, occurrence.occurrence_id);
    return {
      event,
      occurrence,
      occurrences,
      rows,
      render: () =>
        renderPage(
          c,
          { title: t('events.rsvps.title') },
          <RsvpListPage
            event={event}
            occurrence={occurrence}
            occurrences={occurrences.slice(0, 60)}
            rows={rows}
            state={state}
          />,
          status,
        ),
    };
  };

  app.get('/events/:id{[0-9]+}/rsvps', async (c) => {
    const page = await rsvpPage(c, eventIdParam(c), parseQuery(c, OccurrenceQuery).occurrence);
    return page.render();
  });

  app.get('/events/:id{[0-9]+}/rsvps.csv', async (c) => {
    const page = await rsvpPage(c, eventIdParam(c), parseQuery(c, OccurrenceQuery).occurrence);
    const csv = writeCsv(
      page.rows.map((row) => ({
        name: row.name,
        email: row.email,
        guests: row.guests,
        state: row.state,
        rsvp_at: row.created_at.toISOString(),
      })),
      { header: true, columns: ['name', 'email', 'guests', 'state', 'rsvp_at'] },
    );
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header(
      'Content-Disposition',
      `attachment; filename="rsvps-event-${page.event.id}-${page.occurrence.occurrence_id}.csv"`,
    );
    c.header('Cache-Control', 'no-store');
    return c.body(csv);
  });

  app.post('/events/:id{[0-9]+}/message', async (c) => {
    const actor = requireActor(c);
    const eventId = eventIdParam(c);
    const form = await parseForm(c, MessageForm);
    if (!form.ok) {
      const page = await rsvpPage(
        c,
        eventId,
        Number(form.state.values.occurrence) || undefined,
        form.state,
        400,
      );
      return page.render();
    }
    const sent = await messageAttendees(services, actor, eventId, form.data.occurrence, {
      subject: form.data.subject,
      body: form.data.body,
    });
    setFlash(c, services, t('events.message.sent', { count: sent }));
    return c.redirect(`/events/${eventId}/rsvps?occurrence=${form.data.occurrence}`, 303);
  });

  // --- Feed subscriptions (editors; organizers for their groups) -----------------------------
  const canManageFeeds = (actor: Parameters<typeof canModerateEvents>[0]) =>
    canModerateEvents(actor) || isOrganizer(actor);
  const feedsPage = async (c: Context<AppEnv>, state?: FormState, status: 200 | 400 = 200) => {
    const actor = requireActor(c, canManageFeeds);
    const { feeds, groups } = await listFeedsFor(services.db, actor);
    return renderPage(
      c,
      { title: t('events.feeds.title') },
      <FeedsPage feeds={feeds} groups={groups} state={state} />,
      status,
    );
  };

  app.get('/admin/events/feeds', (c) => feedsPage(c));

  app.post('/admin/events/feeds', async (c) => {
    const actor = requireActor(c, canManageFeeds);
    const form = await parseForm(
      c,
      FeedForm.extend({
        group: z.coerce
          .number()
          .int()
          .positive({ message: t('events.feeds.error.group') }),
      }),
    );
    if (!form.ok) return feedsPage(c, form.state, 400);
    try {
      await addFeed(services, actor, {
        groupId: form.data.group,
        kind: form.data.kind,
        url: form.data.url,
        organizationId: form.data.organizationId,
        trusted: form.data.trusted,
      });
    } catch (error) {
      return feedsPage(c, withErrors(form.state, error), 400);
    }
    setFlash(c, services, t('events.feeds.added'));
    return c.redirect('/admin/events/feeds', 303);
  });

  app.post('/admin/events/feeds/:id{[0-9]+}/sync', async (c) => {
    const actor = requireActor(c, canManageFeeds);
    await syncFeedNow(services, actor, eventIdParam(c));
    setFlash(c, services, t('events.feeds.syncQueued'));
    return c.redirect('/admin/events/feeds', 303);
  });

  app.post('/admin/events/feeds/:id{[0-9]+}/delete', async (c) => {
    const actor = requireActor(c, canManageFeeds);
    await removeFeed(services, actor, eventIdParam(c));
    setFlash(c, services, t('events.feeds.removed'));
    return c.redirect('/admin/events/feeds', 303);
  });
}
