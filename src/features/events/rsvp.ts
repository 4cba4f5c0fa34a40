import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { canEditEvent } from '../../platform/auth/policies.ts';
import { takeRateLimit } from '../../platform/auth/rate-limit.ts';
import { hashToken, hmac, randomToken } from '../../platform/auth/tokens.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { enqueueJob, type JobDefinition } from '../../platform/jobs/queue.ts';
import { renderEmail } from '../../platform/mail/template.ts';
import { findOrCreatePerson } from '../../platform/people.ts';
import type { Services } from '../../platform/services.ts';
import { formatWhen } from '../../platform/views/format.ts';
import { afterCommit, calendarChanged } from './cache.ts';
import { occurrenceCalendar } from './feeds.ts';
import { findOccurrences, type OccurrenceListRow } from './occurrence-query.ts';
import { findEvent } from './repository.ts';
import type { RsvpState } from './tables.ts';
import './messages.ts';

export const REMINDER_PURPOSE = 'event_reminders';
const RSVP_RATE = { limit: 10, windowSeconds: 3600 };
export const REMINDER_JOB = 'events.rsvp-reminder';
export const NOTIFY_JOB = 'events.notify-attendees';

/** One occurrence with its event's details, as RSVP pages and mail need it. */
export async function findOccurrenceDetails(
  db: Executor,
  occurrenceId: number,
): Promise<OccurrenceListRow | undefined> {
  const occurrence = await db
    .selectFrom('event_occurrences')
    .select('event_id')
    .where('id', '=', occurrenceId)
    .executeTakeFirst();
  if (!occurrence) return undefined;
  const rows = await findOccurrences(db, {
    eventId: occurrence.event_id,
    includeUnlisted: true,
    moderation: ['approved', 'pending', 'rejected'],
  });
  return rows.find((row) => row.occurrence_id === occurrenceId);
}

export async function countGoing(db: Executor, occurrenceId: number): Promise<number> {
  const row = await db
    .selectFrom('event_rsvps')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>(eb('guests', '+', 1)), eb.lit(0)).as('n'))
    .where('occurrence_id', '=', occurrenceId)
    .where('state', '=', 'going')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function when(row: OccurrenceListRow): string {
  return formatWhen(row.starts_at, row.ends_at, row.timezone, { allDay: row.all_day });
}

function whereText(row: OccurrenceListRow): string {
  return (
    [row.venue, row.address, row.town_name].filter(Boolean).join(', ') ||
    t(`events.mode.${row.mode}`)
  );
}

export interface RsvpInput {
  occurrenceId: number;
  name: string;
  email: string;
  guests: number;
  reminders: boolean;
  ip: string;
}

/**
 * Says someone is coming (no account needed): one person record per address, a consent record
 * when they want reminders, a place or a waitlist spot by capacity, a confirmation with an .ics
 * file, and reminders a day and an hour before. Answering again updates the same RSVP.
 */
export async function rsvpToOccurrence(
  services: Services,
  input: RsvpInput,
): Promise<{ state: RsvpState; token: string }> {
  const now = services.now();
  return afterCommit(
    services.db.transaction().execute(async (tx) => {
      const occurrence = await findOccurrenceDetails(tx, input.occurrenceId);
      if (!occurrence || occurrence.moderation !== 'approved')
        throw new AppError('not_found', t('events.error.occurrence'));
      if (occurrence.status !== 'scheduled')
        throw new AppError('conflict', t('events.rsvp.error.cancelled'));
      if ((occurrence.ends_at ?? occurrence.starts_at) < now)
        throw new AppError('conflict', t('events.rsvp.error.past'));
      const byIp = await takeRateLimit(
        tx,
        `events:rsvp:ip:${input.ip}`,
        { limit: 30, windowSeconds: 3600 },
        now,
      );
      const byEmail = await takeRateLimit(tx, `events:rsvp:email:${input.email}`, RSVP_RATE, now);
      if (!byIp || !byEmail) throw new AppError('rate_limited', t('events.rsvp.error.rateLimited'));

      const person = await findOrCreatePerson(tx, { email: input.email, name: input.name });
      if (input.reminders) await grantReminderConsent(tx, person.id, occurrence.event_id, input.ip);

      const existing = await tx
        .selectFrom('event_rsvps')
        .selectAll()
        .where('occurrence_id', '=', input.occurrenceId)
        .where('person_id', '=', person.id)
        .executeTakeFirst();
      const going = await countGoing(tx, input.occurrenceId);
      const alreadyCounted = existing?.state === 'going' ? existing.guests + 1 : 0;
      const hasRoom =
        occurrence.capacity === null ||
        going - alreadyCounted + input.guests + 1 <= occurrence.capacity;
      const state: RsvpState =
        existing?.state === 'going' && hasRoom ? 'going' : hasRoom ? 'going' : 'waitlisted';
      let rsvpId: number;
      if (existing) {
        await tx
          .updateTable('event_rsvps')
          .set({ name: input.name, guests: input.guests, state, updated_at: now })
          .where('id', '=', existing.id)
          .execute();
        rsvpId = existing.id;
      } else {
        const row = await tx
          .insertInto('event_rsvps')
          .values({
            occurrence_id: input.occurrenceId,
            person_id: person.id,
            name: input.name,
            guests: input.guests,
            state,
            manage_token_hash: `new:${randomToken(9)}`,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        rsvpId = row.id;
        await tx
          .updateTable('event_rsvps')
          .set({ manage_token_hash: hashToken(rsvpToken(services, rsvpId)) })
          .where('id', '=', rsvpId)
          .execute();
      }
      const token = rsvpToken(services, rsvpId);
      await sendRsvpConfirmation(tx, services, occurrence, {
        email: person.email,
        name: input.name,
        state,
        token,
      });
      if (state === 'going' && input.reminders)
        await scheduleReminders(tx, rsvpId, occurrence.starts_at, now);
      // Places left show on the event page.
      calendarChanged();
      return { state, token };
    }),
  );
}

async function grantReminderConsent(tx: Tx, personId: number, eventId: number, ip: string) {
  const active = await tx
    .selectFrom('consents')
    .select('id')
    .where('person_id', '=', personId)
    .where('purpose', '=', REMINDER_PURPOSE)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  if (!active) {
    await tx
      .insertInto('consents')
      .values({
        person_id: personId,
        purpose: REMINDER_PURPOSE,
        method: 'form',
        source: `rsvp:event:${eventId}`,
        ip,
        withdrawn_at: null,
      })
      .execute();
  }
}

export async function hasReminderConsent(db: Executor, personId: number): Promise<boolean> {
  const row = await db
    .selectFrom('consents')
    .select('id')
    .where('person_id', '=', personId)
    .where('purpose', '=', REMINDER_PURPOSE)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Boolean(row);
}

async function scheduleReminders(tx: Tx, rsvpId: number, start: Date, now: Date) {
  for (const [kind, before] of [
    ['day', 86_400_000],
    ['hour', 3_600_000],
  ] as const) {
    const runAt = new Date(start.getTime() - before);
    if (runAt <= now) continue;
    await enqueueJob(
      tx,
      REMINDER_JOB,
      { rsvpId, start: start.toISOString(), kind },
      { runAt, uniqueKey: `events:reminder:${rsvpId}:${start.toISOString()}:${kind}` },
    );
  }
}

/** The secret in an RSVP's links: the same in every email about it, unguessable without the installation secret. */
export function rsvpToken(services: Services, rsvpId: number): string {
  return hmac(services.secret, `event-rsvp:${rsvpId}`);
}

function manageUrl(services: Services, token: string) {
  return `${services.config.publicUrl}/events/rsvp/${token}`;
}

async function sendRsvpConfirmation(
  tx: Tx,
  services: Services,
  occurrence: OccurrenceListRow,
  to: { email: string; name: string; state: RsvpState; token: string },
) {
  const event = await findEvent(tx, occurrence.event_id);
  const onlineLine =
    event?.online_url && occurrence.mode !== 'in_person' && to.state === 'going'
      ? [
          {
            type: 'paragraph' as const,
            text: t('events.rsvp.email.join', { url: event.online_url }),
          },
        ]
      : [];
  const waitlisted = to.state === 'waitlisted';
  const mail = renderEmail({
    subject: t(waitlisted ? 'events.rsvp.email.waitlistSubject' : 'events.rsvp.email.subject', {
      title: occurrence.title,
    }),
    preheader: when(occurrence),
    blocks: [
      { type: 'heading', text: occurrence.title },
      {
        type: 'paragraph',
        text: t(waitlisted ? 'events.rsvp.email.waitlisted' : 'events.rsvp.email.going', {
          name: to.name,
        }),
      },
      { type: 'list', items: [when(occurrence), whereText(occurrence)] },
      ...onlineLine,
      {
        type: 'button',
        text: t('events.rsvp.email.view'),
        url: `${services.config.publicUrl}/events/${occurrence.event_id}?occurrence=${occurrence.occurrence_id}`,
      },
      {
        type: 'small',
        text: t('events.rsvp.email.manage', { url: manageUrl(services, to.token) }),
      },
    ],
  });
  const ics = await occurrenceCalendar(tx, services, occurrence.event_id, occurrence.occurrence_id);
  await services.mailer.send(tx, {
    to: to.email,
    ...mail,
    purpose: 'event-rsvp',
    attachments:
      ics && !waitlisted
        ? [
            {
              filename: 'event.ics',
              contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
              content: ics,
            },
          ]
        : [],
  });
}

export async function findRsvpByToken(db: Executor, token: string) {
  return db
    .selectFrom('event_rsvps as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .selectAll('r')
    .select('p.email')
    .where('r.manage_token_hash', '=', hashToken(token))
    .executeTakeFirst();
}

/** Cancels an RSVP from its emailed link; the first person waiting gets the place. */
export async function cancelRsvp(services: Services, token: string): Promise<boolean> {
  return afterCommit(
    services.db.transaction().execute(async (tx) => {
      const rsvp = await findRsvpByToken(tx, token);
      if (!rsvp || rsvp.state === 'cancelled') return false;
      await tx
        .updateTable('event_rsvps')
        .set({ state: 'cancelled', updated_at: services.now() })
        .where('id', '=', rsvp.id)
        .execute();
      if (rsvp.state === 'going') await promoteFromWaitlist(tx, services, rsvp.occurrence_id);
      calendarChanged();
      return true;
    }),
  );
}

/** Stops reminders for this person (withdraws the event-reminders consent). */
export async function stopReminders(services: Services, token: string): Promise<boolean> {
  const rsvp = await findRsvpByToken(services.db, token);
  if (!rsvp) return false;
  await services.db
    .updateTable('consents')
    .set({ withdrawn_at: services.now() })
    .where('person_id', '=', rsvp.person_id)
    .where('purpose', '=', REMINDER_PURPOSE)
    .where('withdrawn_at', 'is', null)
    .execute();
  return true;
}

async function promoteFromWaitlist(tx: Tx, services: Services, occurrenceId: number) {
  const occurrence = await findOccurrenceDetails(tx, occurrenceId);
  if (!occurrence) return;
  const waiting = await tx
    .selectFrom('event_rsvps as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.id', 'r.guests', 'r.name', 'r.person_id', 'p.email'])
    .where('r.occurrence_id', '=', occurrenceId)
    .where('r.state', '=', 'waitlisted')
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
  let going = await countGoing(tx, occurrenceId);
  for (const person of waiting) {
    if (occurrence.capacity !== null && going + person.guests + 1 > occurrence.capacity) break;
    const token = rsvpToken(services, person.id);
    await tx
      .updateTable('event_rsvps')
      .set({ state: 'going', updated_at: services.now() })
      .where('id', '=', person.id)
      .execute();
    going += person.guests + 1;
    await sendRsvpConfirmation(tx, services, occurrence, {
      email: person.email,
      name: person.name,
      state: 'going',
      token,
    });
    if (await hasReminderConsent(tx, person.person_id))
      await scheduleReminders(tx, person.id, occurrence.starts_at, services.now());
  }
}

export interface RsvpListRow {
  id: number;
  name: string;
  email: string;
  guests: number;
  state: RsvpState;
  created_at: Date;
}

/** Who is coming to an occurrence (host tools). */
export async function listRsvps(db: Executor, occurrenceId: number): Promise<RsvpListRow[]> {
  return db
    .selectFrom('event_rsvps as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.id', 'r.name', 'p.email', 'r.guests', 'r.state', 'r.created_at'])
    .where('r.occurrence_id', '=', occurrenceId)
    .orderBy('r.state')
    .orderBy('r.created_at')
    .execute();
}

/** Hosts (editors, the group's organizers) and the person who submitted it see RSVPs. */
export async function requireHost(services: Services, actor: Actor, eventId: number) {
  const event = await findEvent(services.db, eventId);
  if (!event) throw new AppError('not_found', t('events.notFound'));
  if (!canEditEvent(actor, event) && event.submitter_person_id !== actor.personId) {
    throw new AppError('forbidden', t('events.error.forbidden'));
  }
  return event;
}

/** Emails everyone going (and waiting) to one occurrence; replies go to the host. */
export async function messageAttendees(
  services: Services,
  actor: Actor,
  eventId: number,
  occurrenceId: number,
  message: { subject: string; body: string },
): Promise<number> {
  await requireHost(services, actor, eventId);
  return afterCommit(
    services.db.transaction().execute(async (tx) => {
      const occurrence = await findOccurrenceDetails(tx, occurrenceId);
      if (!occurrence || occurrence.event_id !== eventId)
        throw new AppError('not_found', t('events.error.occurrence'));
      const rows = (await listRsvps(tx, occurrenceId)).filter((row) => row.state !== 'cancelled');
      for (const row of rows) {
        const mail = renderEmail({
          subject: message.subject,
          blocks: [
            { type: 'paragraph', text: message.body },
            {
              type: 'small',
              text: t('events.message.footer', { title: occurrence.title, when: when(occurrence) }),
            },
          ],
        });
        await services.mailer.send(tx, {
          to: row.email,
          ...mail,
          purpose: 'event-message',
          replyTo: actor.email,
        });
      }
      return rows.length;
    }),
  );
}

/** Background jobs: reminders, and notes to attendees when an event is cancelled or moved. */
export function rsvpJobs(services: Services): JobDefinition[] {
  return [
    {
      name: REMINDER_JOB,
      payload: z.object({
        rsvpId: z.number().int(),
        start: z.string(),
        kind: z.enum(['day', 'hour']),
      }),
      async handle({ rsvpId, start, kind }) {
        const rsvp = await services.db
          .selectFrom('event_rsvps as r')
          .innerJoin('people as p', 'p.id', 'r.person_id')
          .select(['r.id', 'r.state', 'r.occurrence_id', 'r.name', 'r.person_id', 'p.email'])
          .where('r.id', '=', rsvpId)
          .executeTakeFirst();
        if (!rsvp || rsvp.state !== 'going') return;
        if (!(await hasReminderConsent(services.db, rsvp.person_id))) return;
        const occurrence = await findOccurrenceDetails(services.db, rsvp.occurrence_id);
        // Moved since (a new reminder was scheduled for the new time) or no longer happening.
        if (
          !occurrence ||
          occurrence.starts_at.toISOString() !== start ||
          occurrence.status !== 'scheduled'
        )
          return;
        const token = rsvpToken(services, rsvp.id);
        await services.db.transaction().execute(async (tx) => {
          const event = await findEvent(tx, occurrence.event_id);
          const mail = renderEmail({
            subject: t(
              kind === 'day' ? 'events.reminder.daySubject' : 'events.reminder.hourSubject',
              { title: occurrence.title },
            ),
            blocks: [
              { type: 'paragraph', text: t('events.reminder.body', { name: rsvp.name }) },
              { type: 'list', items: [when(occurrence), whereText(occurrence)] },
              ...(event?.online_url && occurrence.mode !== 'in_person'
                ? [
                    {
                      type: 'paragraph' as const,
                      text: t('events.rsvp.email.join', { url: event.online_url }),
                    },
                  ]
                : []),
              {
                type: 'button',
                text: t('events.rsvp.email.view'),
                url: `${services.config.publicUrl}/events/${occurrence.event_id}?occurrence=${occurrence.occurrence_id}`,
              },
              {
                type: 'small',
                text: t('events.reminder.stop', { url: manageUrl(services, token) }),
              },
            ],
          });
          await services.mailer.send(tx, { to: rsvp.email, ...mail, purpose: 'event-reminder' });
        });
      },
    },
    {
      name: NOTIFY_JOB,
      payload: z.object({
        eventId: z.number().int(),
        occurrenceId: z.number().int().optional(),
        kind: z.enum(['cancelled', 'moved']),
        previousStart: z.string().optional(),
      }),
      async handle({ eventId, occurrenceId, kind, previousStart }) {
        const now = services.now();
        const occurrences = await findOccurrences(services.db, {
          eventId,
          includeUnlisted: true,
          moderation: ['approved', 'pending', 'rejected'],
          from: occurrenceId ? undefined : now,
        });
        const targets = occurrences.filter((o) =>
          occurrenceId ? o.occurrence_id === occurrenceId : true,
        );
        for (const occurrence of targets) {
          const people = (await listRsvps(services.db, occurrence.occurrence_id)).filter(
            (r) => r.state !== 'cancelled',
          );
          if (!people.length) continue;
          await services.db.transaction().execute(async (tx) => {
            for (const person of people) {
              const token = rsvpToken(services, person.id);
              const previous = previousStart
                ? formatWhen(new Date(previousStart), null, occurrence.timezone, {
                    allDay: occurrence.all_day,
                  })
                : '';
              const mail = renderEmail({
                subject: t(
                  kind === 'cancelled'
                    ? 'events.notify.cancelledSubject'
                    : 'events.notify.movedSubject',
                  { title: occurrence.title },
                ),
                blocks: [
                  {
                    type: 'paragraph',
                    text:
                      kind === 'cancelled'
                        ? t('events.notify.cancelled', {
                            name: person.name,
                            title: occurrence.title,
                            when: when(occurrence),
                          })
                        : t('events.notify.moved', {
                            name: person.name,
                            title: occurrence.title,
                            previous,
                            when: when(occurrence),
                          }),
                  },
                  ...(kind === 'moved'
                    ? [{ type: 'list' as const, items: [when(occurrence), whereText(occurrence)] }]
                    : []),
                  {
                    type: 'button',
                    text: t('events.rsvp.email.view'),
                    url: `${services.config.publicUrl}/events/${occurrence.event_id}?occurrence=${occurrence.occurrence_id}`,
                  },
                  {
                    type: 'small',
                    text: t('events.rsvp.email.manage', { url: manageUrl(services, token) }),
                  },
                ],
              });
              const ics =
                kind === 'moved'
                  ? await occurrenceCalendar(
                      tx,
                      services,
                      occurrence.event_id,
                      occurrence.occurrence_id,
                    )
                  : undefined;
              await services.mailer.send(tx, {
                to: person.email,
                ...mail,
                purpose: 'event-update',
                attachments: ics
                  ? [
                      {
                        filename: 'event.ics',
                        contentType: 'text/calendar; charset=utf-8',
                        content: ics,
                      },
                    ]
                  : [],
              });
              if (kind === 'moved' && person.state === 'going') {
                const personRow = await tx
                  .selectFrom('event_rsvps')
                  .select('person_id')
                  .where('id', '=', person.id)
                  .executeTakeFirstOrThrow();
                if (await hasReminderConsent(tx, personRow.person_id))
                  await scheduleReminders(tx, person.id, occurrence.starts_at, now);
              }
            }
          });
        }
      },
    },
  ];
}
