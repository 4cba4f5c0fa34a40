import type { Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { canEditEvent, canModerateEvents } from '../../platform/auth/policies.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/api.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import {
  displayValues,
  type FormState,
  parseForm,
  readForm,
  withErrors,
} from '../../platform/http/forms.ts';
import { requireActor } from '../../platform/http/guards.ts';
import { Id, idParam, parseId, parseQuery } from '../../platform/http/input.ts';
import { setFlash } from '../../platform/http/middleware.ts';
import { t } from '../../platform/i18n/index.ts';
import type { Services } from '../../platform/services.ts';
import { coalitionZone } from '../../platform/views/format.ts';
import { renderBare, renderPage } from '../../platform/views/render.tsx';
import { EmbedList } from './embed.tsx';
import { calendarFeed, eventCalendar, type FeedBody, feedTitle, rssFeed } from './feeds.ts';
import { readImage, readImageUpload, storeImage } from './images.ts';
import { EventsMap } from './map.tsx';
import { findOccurrences } from './occurrence-query.ts';
import { listPage, loadEventPage, monthData, PAGE_SIZE, resolveFilter } from './pages.ts';
import { countPendingEvents, findEvent, listGroupOptions } from './repository.ts';
import {
  cancelRsvp,
  findOccurrenceDetails,
  findRsvpByToken,
  rsvpToOccurrence,
  stopReminders,
} from './rsvp.ts';
import {
  choiceForRule,
  draftFromForm,
  EventForm,
  FilterQuery,
  OccurrenceForm,
  RsvpForm,
} from './schemas.ts';
import {
  changeOccurrence,
  confirmSubmission,
  draftOf,
  inspectConfirmation,
  submitEvent,
  updateEvent,
} from './service.ts';
import { ConfirmPage } from './views/confirm-page.tsx';
import { EventFormPage } from './views/event-form-page.tsx';
import { EventPage } from './views/event-page.tsx';
import { EventsPage } from './views/events-page.tsx';
import { MessagePage } from './views/message-page.tsx';
import { whenText } from './views/occurrence-list.tsx';
import { RsvpManagePage } from './views/rsvp-manage-page.tsx';

/** An occurrence named in the query string; anything else shows the event's next one. */
const OccurrenceQuery = z.object({ occurrence: Id.optional().catch(undefined) });

const ListCursor = z.object({ s: z.string(), i: z.number().int() });

function feedHeaders(c: Context<AppEnv>, type: string, filename?: string) {
  c.header('Content-Type', type);
  c.header('Cache-Control', 'public, max-age=300');
  c.header('Access-Control-Allow-Origin', '*');
  if (filename) c.header('Content-Disposition', `inline; filename="${filename}"`);
}

/** Calendar apps poll: answer 304 when they already have this version. */
function sendFeed(c: Context<AppEnv>, feed: FeedBody) {
  c.header('ETag', feed.etag);
  if (c.req.header('if-none-match') === feed.etag) return c.body(null, 304);
  return c.body(feed.bytes as Uint8Array<ArrayBuffer>);
}

export function eventRoutes(app: Hono<AppEnv>, services: Services): void {
  // --- Feeds -------------------------------------------------------------------------------
  app.get('/events.ics', async (c) => {
    const query = parseQuery(c, FilterQuery);
    const resolved = await resolveFilter(services.db, query, services.now(), { groups: false });
    const feed = await calendarFeed(
      services,
      resolved.filter,
      feedTitle(resolved.title),
      resolved.cacheKey,
    );
    feedHeaders(c, 'text/calendar; charset=utf-8', 'events.ics');
    return sendFeed(c, feed);
  });

  app.get('/events.rss', async (c) => {
    const query = parseQuery(c, FilterQuery);
    const resolved = await resolveFilter(services.db, query, services.now(), { groups: false });
    const self = `${services.config.publicUrl}/events.rss${resolved.cacheKey ? `?${resolved.cacheKey}` : ''}`;
    const feed = await rssFeed(
      services,
      resolved.filter,
      feedTitle(resolved.title),
      resolved.cacheKey,
      self,
    );
    feedHeaders(c, 'application/rss+xml; charset=utf-8');
    return sendFeed(c, feed);
  });

  app.get('/events/:file{[0-9]+\\.ics}', async (c) => {
    const id = parseId(c.req.param('file').replace(/\.ics$/, ''), t('events.notFound'));
    const event = await findEvent(services.db, id);
    if (!event || event.merged_into_id !== null)
      throw new AppError('not_found', t('events.notFound'));
    if (event.moderation !== 'approved' && !canEditEvent(c.get('actor'), event))
      throw new AppError('not_found', t('events.notFound'));
    const body = await eventCalendar(services, id);
    if (!body) throw new AppError('not_found', t('events.notFound'));
    feedHeaders(c, 'text/calendar; charset=utf-8', `event-${id}.ics`);
    return c.body(body);
  });

  // --- Browsing -----------------------------------------------------------------------------
  app.get('/events', async (c) => {
    const query = parseQuery(c, FilterQuery);
    const now = services.now();
    const resolved = await resolveFilter(services.db, query, now);
    const view = (['month', 'map'] as const).find((v) => v === c.req.query('view')) ?? 'list';
    const actor = c.get('actor');
    const canModerate = canModerateEvents(actor);
    const pendingCount = canModerate ? await countPendingEvents(services.db) : 0;
    let rows: Awaited<ReturnType<typeof listPage>> = [];
    let next: string | null = null;
    let month: Awaited<ReturnType<typeof monthData>> | undefined;
    let map: Child | undefined;
    if (view === 'list') {
      const cursor = decodeCursor(c.req.query('cursor'), ListCursor);
      rows = await listPage(
        services.db,
        resolved,
        now,
        cursor ? { start: new Date(cursor.s), id: cursor.i } : undefined,
      );
      if (rows.length > PAGE_SIZE) {
        rows = rows.slice(0, PAGE_SIZE);
        const last = rows[rows.length - 1]!;
        next = encodeCursor({ s: last.starts_at.toISOString(), i: last.occurrence_id });
      }
    } else if (view === 'month') {
      month = await monthData(services.db, resolved, now, c.req.query('month'));
    } else {
      const mapRows = await findOccurrences(services.db, {
        ...resolved.filter,
        inPersonOnly: true,
        from: now,
        to: resolved.weekEnd ?? new Date(now.getTime() + 90 * 86_400_000),
        limit: 500,
      });
      map = <EventsMap rows={mapRows} now={now} />;
    }
    const feedQuery = resolved.cacheKey ? `?${resolved.cacheKey}` : '';
    return renderPage(
      c,
      {
        title: t('events.title'),
        description: t('events.lead'),
        head: (
          <>
            <link
              rel="alternate"
              type="text/calendar"
              title={t('events.subscribe.all')}
              href={`/events.ics${feedQuery}`}
            />
            <link
              rel="alternate"
              type="application/rss+xml"
              title={t('events.subscribe.rss')}
              href={`/events.rss${feedQuery}`}
            />
          </>
        ),
      },
      <EventsPage
        rows={rows}
        now={now}
        filter={resolved.view}
        publicUrl={services.config.publicUrl}
        next={next}
        view={view}
        month={month}
        map={map}
        canModerate={canModerate}
        pendingCount={pendingCount}
      />,
    );
  });

  // --- Submitting ---------------------------------------------------------------------------
  const formPage = async (
    c: Context<AppEnv>,
    state: FormState | undefined,
    status: 200 | 400 = 200,
  ) => {
    const actor = c.get('actor');
    return renderPage(
      c,
      { title: t('events.add'), narrow: true },
      <EventFormPage
        state={state}
        groups={await listGroupOptions(services.db)}
        signedIn={Boolean(actor)}
        action="/events/new"
        title={t('events.add')}
        canChooseVisibility={Boolean(actor)}
      />,
      status,
    );
  };

  app.get('/events/new', (c) =>
    formPage(c, { values: { type: 'meeting', mode: 'in_person', repeat: 'none' }, errors: {} }),
  );

  app.post('/events/new', async (c) => {
    const actor = c.get('actor');
    const form = await parseForm(c, EventForm);
    const values = form.ok ? displayValues(form.values) : form.state.values;
    let state: FormState = form.ok ? { values, errors: {} } : form.state;
    const rawImage = form.ok ? form.values.image : undefined;
    const image = await readImageUpload(
      rawImage ?? (await readForm(c).catch(() => ({}) as Record<string, unknown>)).image,
    );
    if (image === 'invalid')
      state = { ...state, errors: { ...state.errors, image: t('events.error.image') } };
    if (!actor && !(form.ok ? form.data.submitterEmail : values.submitterEmail)) {
      state = { ...state, errors: { ...state.errors, submitterEmail: t('events.error.email') } };
    }
    if (!form.ok || Object.keys(state.errors).length) return formPage(c, state, 400);
    const imageName = image && image !== 'invalid' ? storeImage(services, image) : null;
    try {
      const draft = draftFromForm(form.data, coalitionZone(), imageName);
      const result = await submitEvent(services, draft, {
        actor,
        submitter: actor
          ? undefined
          : { email: form.data.submitterEmail!, name: form.data.submitterName },
        ip: c.get('ip'),
        via: 'form',
      });
      if (result.outcome === 'published') {
        setFlash(c, services, t('events.submitted.published'));
        return c.redirect(`/events/${result.event.id}`, 303);
      }
      setFlash(
        c,
        services,
        result.outcome === 'confirm_email'
          ? t('events.submitted.confirm', { email: form.data.submitterEmail ?? '' })
          : t('events.submitted.pending'),
      );
      return c.redirect(
        result.outcome === 'pending' ? `/events/${result.event.id}` : '/events',
        303,
      );
    } catch (error) {
      return formPage(c, withErrors(state, error), 400);
    }
  });

  app.get('/events/confirm/:token', async (c) => {
    const event = await inspectConfirmation(services, c.req.param('token'));
    if (!event) {
      return renderPage(
        c,
        { title: t('events.confirm.title'), narrow: true },
        <MessagePage title={t('events.confirm.title')} body={t('events.confirm.invalid')} />,
        410,
      );
    }
    return renderPage(
      c,
      { title: t('events.confirm.title'), narrow: true },
      <ConfirmPage title={event.title} token={c.req.param('token')} />,
    );
  });

  app.post('/events/confirm/:token', async (c) => {
    const event = await confirmSubmission(services, c.req.param('token'));
    if (!event) {
      return renderPage(
        c,
        { title: t('events.confirm.title'), narrow: true },
        <MessagePage title={t('events.confirm.title')} body={t('events.confirm.invalid')} />,
        410,
      );
    }
    setFlash(c, services, t('events.confirm.done'));
    return c.redirect('/events', 303);
  });

  // --- Editing ------------------------------------------------------------------------------
  const editPage = async (
    c: Context<AppEnv>,
    eventId: number,
    state: FormState,
    status: 200 | 400 = 200,
  ) =>
    renderPage(
      c,
      { title: t('events.edit'), narrow: true },
      <EventFormPage
        state={state}
        groups={await listGroupOptions(services.db)}
        signedIn
        action={`/events/${eventId}/edit`}
        title={t('events.edit')}
        isEdit
        canChooseVisibility
      />,
      status,
    );

  app.get('/events/:id{[0-9]+}/edit', async (c) => {
    const actor = requireActor(c);
    const eventId = idParam(c, 'id', t('events.notFound'));
    const event = await findEvent(services.db, eventId);
    if (!event) throw new AppError('not_found', t('events.notFound'));
    if (!canEditEvent(actor, event)) throw new AppError('forbidden', t('events.error.forbidden'));
    const draft = await draftOf(services.db, event);
    const zone = coalitionZone();
    const start = DateTime.fromJSDate(event.starts_at, { zone });
    const end = event.ends_at
      ? DateTime.fromJSDate(event.all_day ? new Date(event.ends_at.getTime() - 1) : event.ends_at, {
          zone,
        })
      : null;
    const repeat = choiceForRule(event.rrule);
    return editPage(c, eventId, {
      errors: {},
      values: {
        title: draft.title,
        description: draft.description,
        type: draft.type,
        mode: draft.mode,
        group: draft.group ?? '',
        issueAreas: draft.issueAreas,
        venue: draft.venue ?? '',
        address: draft.address ?? '',
        town: draft.town ?? '',
        onlineUrl: draft.onlineUrl ?? '',
        onlineUrlForRsvpsOnly: draft.onlineUrlForRsvpsOnly ? '1' : '',
        date: start.toISODate(),
        startTime: event.all_day ? '' : start.toFormat('HH:mm'),
        endDate: end && end.toISODate() !== start.toISODate() ? end.toISODate() : '',
        endTime: end && !event.all_day ? end.toFormat('HH:mm') : '',
        allDay: event.all_day ? '1' : '',
        ...repeat,
        capacity: draft.capacity === null ? '' : String(draft.capacity),
        accessibility: draft.accessibility ?? '',
        contactName: draft.contactName ?? '',
        contactEmail: draft.contactEmail ?? '',
        visibility: draft.visibility,
        status: draft.status,
      },
    });
  });

  app.post('/events/:id{[0-9]+}/edit', async (c) => {
    const actor = requireActor(c);
    const eventId = idParam(c, 'id', t('events.notFound'));
    const event = await findEvent(services.db, eventId);
    if (!event) throw new AppError('not_found', t('events.notFound'));
    if (!canEditEvent(actor, event)) throw new AppError('forbidden', t('events.error.forbidden'));
    const form = await parseForm(c, EventForm);
    if (!form.ok) return editPage(c, eventId, form.state, 400);
    let state: FormState = { values: displayValues(form.values), errors: {} };
    const image = await readImageUpload(form.values.image);
    if (image === 'invalid')
      return editPage(c, eventId, { ...state, errors: { image: t('events.error.image') } }, 400);
    try {
      const draft = draftFromForm(
        form.data,
        coalitionZone(),
        image ? storeImage(services, image) : event.image_path,
      );
      const { cohosts: _cohosts, exdates: _exdates, rdates: _rdates, ...patch } = draft;
      // The form does not show exceptions or co-hosts: the event keeps those it has.
      await updateEvent(services, actor, eventId, patch, {
        ip: c.get('ip'),
        requestId: c.get('requestId'),
      });
    } catch (error) {
      state = withErrors(state, error);
      return editPage(c, eventId, state, 400);
    }
    setFlash(c, services, t('events.updated'));
    return c.redirect(`/events/${eventId}`, 303);
  });

  app.post('/events/:id{[0-9]+}/occurrences/:occurrence{[0-9]+}', async (c) => {
    const actor = requireActor(c);
    const eventId = idParam(c, 'id', t('events.notFound'));
    const occurrenceId = idParam(c, 'occurrence', t('events.notFound'));
    const form = await parseForm(c, OccurrenceForm);
    if (!form.ok)
      throw new AppError(
        'invalid_input',
        Object.values(form.state.errors)[0] ?? t('events.error.summary'),
      );
    const event = await findEvent(services.db, eventId);
    if (!event) throw new AppError('not_found', t('events.notFound'));
    const { action, date, startTime, endTime, note } = form.data;
    if (action === 'move') {
      const { localToInstant } = await import('./recurrence.ts');
      const start = date && startTime ? localToInstant(date, startTime, event.timezone) : undefined;
      if (!start) throw new AppError('invalid_input', t('events.error.date'));
      const end = endTime ? (localToInstant(date!, endTime, event.timezone) ?? null) : null;
      await changeOccurrence(services, actor, occurrenceId, { start, end, note: note || null });
    } else {
      await changeOccurrence(services, actor, occurrenceId, {
        status: action === 'cancel' ? 'cancelled' : 'scheduled',
        note: note === undefined ? undefined : note || null,
      });
    }
    setFlash(c, services, t('events.updated'));
    return c.redirect(`/events/${eventId}?occurrence=${occurrenceId}`, 303);
  });

  // --- The event page and RSVPs --------------------------------------------------------------
  const eventPage = async (
    c: Context<AppEnv>,
    eventId: number,
    occurrenceId: number | undefined,
    rsvpState?: FormState,
    status: 200 | 400 = 200,
  ) => {
    const data = await loadEventPage(services, c.get('actor'), eventId, occurrenceId);
    const done = c.req.query('rsvp');
    const { eventJsonLd } = await import('./views/event-metadata.ts');
    return renderPage(
      c,
      {
        title: data.occurrence.title,
        description: `${whenText(data.occurrence, data.now)}. ${data.occurrence.description.slice(0, 150)}`,
        head: (
          <>
            <script
              type="application/ld+json"
              dangerouslySetInnerHTML={{ __html: eventJsonLd(data) }}
            />
            {data.event.visibility === 'unlisted' || data.event.moderation !== 'approved' ? (
              <meta name="robots" content="noindex" />
            ) : null}
          </>
        ),
      },
      <EventPage
        data={data}
        rsvpState={rsvpState}
        rsvpDone={
          done === 'going'
            ? t('events.rsvp.done.going')
            : done === 'waitlisted'
              ? t('events.rsvp.done.waitlisted')
              : undefined
        }
      />,
      status,
    );
  };

  app.get('/events/:id{[0-9]+}', (c) =>
    eventPage(c, idParam(c, 'id', t('events.notFound')), parseQuery(c, OccurrenceQuery).occurrence),
  );

  app.post('/events/:id{[0-9]+}/rsvp', async (c) => {
    const eventId = idParam(c, 'id', t('events.notFound'));
    const form = await parseForm(c, RsvpForm);
    if (!form.ok)
      return eventPage(
        c,
        eventId,
        Id.safeParse(form.state.values.occurrence).data,
        form.state,
        400,
      );
    const occurrence = await findOccurrenceDetails(services.db, form.data.occurrence);
    if (!occurrence || occurrence.event_id !== eventId)
      throw new AppError('not_found', t('events.error.occurrence'));
    const result = await rsvpToOccurrence(services, {
      occurrenceId: form.data.occurrence,
      name: form.data.name,
      email: form.data.email,
      guests: form.data.guests,
      reminders: form.data.reminders,
      ip: c.get('ip'),
    });
    setFlash(
      c,
      services,
      t(result.state === 'going' ? 'events.rsvp.done.going' : 'events.rsvp.done.waitlisted'),
    );
    return c.redirect(
      `/events/${eventId}?occurrence=${form.data.occurrence}&rsvp=${result.state}#rsvp`,
      303,
    );
  });

  app.get('/events/rsvp/:token', async (c) => {
    const rsvp = await findRsvpByToken(services.db, c.req.param('token'));
    if (!rsvp) throw new AppError('not_found', t('events.rsvp.manage.notFound'));
    const occurrence = await findOccurrenceDetails(services.db, rsvp.occurrence_id);
    if (!occurrence) throw new AppError('not_found', t('events.rsvp.manage.notFound'));
    return renderPage(
      c,
      { title: occurrence.title, narrow: true },
      <RsvpManagePage
        token={c.req.param('token')}
        title={occurrence.title}
        when={whenText(occurrence)}
        state={rsvp.state}
      />,
    );
  });

  app.post('/events/rsvp/:token', async (c) => {
    const token = c.req.param('token');
    const form = await readForm(c);
    if (form.action === 'stop-reminders') {
      if (!(await stopReminders(services, token)))
        throw new AppError('not_found', t('events.rsvp.manage.notFound'));
      setFlash(c, services, t('events.rsvp.manage.remindersStopped'));
    } else {
      if (!(await findRsvpByToken(services.db, token)))
        throw new AppError('not_found', t('events.rsvp.manage.notFound'));
      await cancelRsvp(services, token);
      setFlash(c, services, t('events.rsvp.manage.cancelled'));
    }
    return c.redirect(`/events/rsvp/${token}`, 303);
  });

  // --- Images and the embeddable widget -------------------------------------------------------
  app.get('/events/images/:name', (c) => {
    const image = readImage(services, c.req.param('name'));
    if (!image) throw new AppError('not_found', t('events.notFound'));
    c.header('Content-Type', image.type);
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(new Uint8Array(image.bytes));
  });

  app.get('/events/embed', async (c) => {
    const query = parseQuery(c, FilterQuery);
    const limit = Math.min(Math.max(Number(c.req.query('limit')) || 5, 1), 20);
    const now = services.now();
    const resolved = await resolveFilter(services.db, query, now, { groups: false });
    const rows = await findOccurrences(services.db, {
      ...resolved.filter,
      from: now,
      to: new Date(now.getTime() + 365 * 86_400_000),
      limit,
    });
    c.header('x-hub-embeddable', '1');
    c.header('Cache-Control', 'public, max-age=300');
    return renderBare(
      c,
      <EmbedList
        rows={rows}
        now={now}
        publicUrl={services.config.publicUrl}
        query={resolved.cacheKey}
        title={feedTitle(resolved.title)}
      />,
    );
  });

  app.get('/events/embed.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=3600');
    c.header('Access-Control-Allow-Origin', '*');
    return c.body(embedScript(services.config.publicUrl));
  });
}

/** The script tag a group pastes: it puts an iframe of /events/embed where the tag is. */
function embedScript(publicUrl: string): string {
  return `(function(){var s=document.currentScript;if(!s)return;var p=new URLSearchParams();['group','district','town','type','issue_area','limit'].forEach(function(k){var v=s.getAttribute('data-'+k.replace('_','-'));if(v)p.set(k,v);});var f=document.createElement('iframe');f.src=${JSON.stringify(`${publicUrl}/events/embed`)}+'?'+p.toString();f.title=s.getAttribute('data-title')||'Upcoming events';f.loading='lazy';f.style.cssText='width:100%;max-width:640px;height:'+(s.getAttribute('data-height')||'480')+'px;border:1px solid #d1d5db;border-radius:8px';s.parentNode.insertBefore(f,s.nextSibling);})();\n`;
}
