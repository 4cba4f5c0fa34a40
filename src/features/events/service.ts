import { createHash } from 'node:crypto';
import './messages.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import {
  canEditEvent,
  canModerateEvents,
  canPublishForGroup,
  isEditor,
} from '../../platform/auth/policies.ts';
import { takeRateLimit } from '../../platform/auth/rate-limit.ts';
import { hashToken, randomToken } from '../../platform/auth/tokens.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { isIssueArea } from '../../platform/issue-areas.ts';
import { enqueueJob } from '../../platform/jobs/queue.ts';
import { renderEmail } from '../../platform/mail/template.ts';
import { findOrCreatePerson } from '../../platform/people.ts';
import { indexDocument, removeDocument } from '../../platform/search-index.ts';
import type { Services } from '../../platform/services.ts';
import { formatWhen } from '../../platform/views/format.ts';
import { findTown } from '../places/lookup.ts';
import { afterCommit, calendarChanged } from './cache.ts';
import { type OccurrenceChange, reconcileOccurrences } from './materialize.ts';
import { checkRule, isValidZone } from './recurrence.ts';
import {
  type EventFields,
  type EventOrigin,
  fieldsOf,
  findEvent,
  findEventByConfirmToken,
  findGroupById,
  findGroupBySlug,
  insertEvent,
  listIssueAreas,
  markEmailConfirmed,
  markMerged,
  nextOccurrenceStart,
  replaceCohosts,
  replaceIssueAreas,
  setModeration,
  updateEventRow,
} from './repository.ts';
import {
  EVENT_MODES,
  EVENT_STATUSES,
  EVENT_TYPES,
  type EventRow,
  type EventStatus,
  type ModerationState,
  VISIBILITIES,
} from './tables.ts';
import { plainText, summarize } from './text.ts';

export const SUBMISSION_RATE = { limit: 5, windowSeconds: 3600 };
/** Events further ahead than this are refused as a likely typo in the year. */
export const MAX_YEARS_AHEAD = 2;

/**
 * An event as submitted, before the service checks it against the world (towns, groups,
 * recurrence, dates). Forms and the API both produce one. `fieldNames` lets errors land beside
 * the field the person actually filled in (the form has "date", the API "start").
 */
export interface EventDraft {
  title: string;
  description: string;
  type: string;
  mode: string;
  group: string | null;
  cohosts: string[];
  venue: string | null;
  address: string | null;
  town: string | null;
  onlineUrl: string | null;
  onlineUrlForRsvpsOnly: boolean;
  accessibility: string | null;
  capacity: number | null;
  imagePath: string | null;
  contactName: string | null;
  contactEmail: string | null;
  timezone: string;
  start: Date;
  end: Date | null;
  allDay: boolean;
  rrule: string | null;
  exdates: Date[];
  rdates: Date[];
  issueAreas: string[];
  status: EventStatus;
  visibility: 'public' | 'unlisted';
  externalUrl: string | null;
}

export interface DraftRules {
  /** Imports may carry out-of-state venues, past dates, no link. */
  lenient?: boolean;
  fieldNames?: Partial<Record<'start' | 'end' | 'rrule' | 'town' | 'group', string>>;
}

/** Checks a draft against the world and gives the fields to store, or throws field errors. */
export async function resolveDraft(
  db: Executor,
  draft: EventDraft,
  now: Date,
  rules: DraftRules = {},
): Promise<{ fields: EventFields; issueAreas: string[]; cohostIds: number[] }> {
  const name = (key: 'start' | 'end' | 'rrule' | 'town' | 'group') =>
    rules.fieldNames?.[key] ?? key;
  const errors: FieldErrors = {};
  if (!EVENT_TYPES.includes(draft.type as never)) errors.type = t('events.error.type');
  if (!EVENT_MODES.includes(draft.mode as never)) errors.mode = t('events.error.mode');
  if (!EVENT_STATUSES.includes(draft.status)) errors.status = t('events.error.status');
  if (!VISIBILITIES.includes(draft.visibility)) errors.visibility = t('events.error.visibility');
  if (!isValidZone(draft.timezone)) errors.timezone = t('events.error.timezone');
  if (Number.isNaN(draft.start.getTime())) errors[name('start')] = t('events.error.start');
  if (draft.end && draft.end.getTime() <= draft.start.getTime()) {
    errors[name('end')] = t('events.error.endBeforeStart');
  }
  const yearsAhead = new Date(now.getTime() + MAX_YEARS_AHEAD * 365.25 * 86_400_000);
  if (draft.start > yearsAhead)
    errors[name('start')] = t('events.error.tooFar', { years: MAX_YEARS_AHEAD });
  if (
    !rules.lenient &&
    (draft.end ?? draft.start).getTime() < now.getTime() - 86_400_000 &&
    !draft.rrule
  ) {
    errors[name('start')] ??= t('events.error.past');
  }
  if (draft.end && draft.end.getTime() - draft.start.getTime() > 31 * 86_400_000) {
    errors[name('end')] ??= t('events.error.tooLong');
  }
  let townId: number | null = null;
  let districts: number[] = [];
  if (draft.town) {
    const town = findTown(draft.town);
    if (!town) errors[name('town')] = t('events.error.unknownTown', { town: draft.town });
    else {
      townId = town.id;
      districts = [...town.cds];
    }
  } else if (!rules.lenient && draft.mode !== 'online') {
    errors[name('town')] = t('events.error.townRequired');
  }
  if (!rules.lenient && draft.mode !== 'in_person' && !draft.onlineUrl) {
    errors.onlineUrl = t('events.error.onlineUrlRequired');
  }
  if (!rules.lenient && draft.mode !== 'online' && !draft.venue && !draft.address) {
    errors.venue = t('events.error.venueRequired');
  }
  if (draft.rrule && !errors[name('start')]) {
    const problem = checkRule(draft.rrule, draft.start, draft.timezone);
    if (problem) errors[name('rrule')] = problem;
  }
  const unknownAreas = draft.issueAreas.filter((area) => !isIssueArea(area));
  if (unknownAreas.length)
    errors.issueAreas = t('events.error.issueArea', { areas: unknownAreas.join(', ') });
  let groupId: number | null = null;
  if (draft.group) {
    const group = await findGroupBySlug(db, draft.group);
    if (!group) errors[name('group')] = t('events.error.unknownGroup');
    else groupId = group.id;
  }
  const cohostIds: number[] = [];
  for (const slug of draft.cohosts) {
    const group = await findGroupBySlug(db, slug);
    if (group && group.id !== groupId) cohostIds.push(group.id);
  }
  if (Object.keys(errors).length) {
    throw new AppError('invalid_input', t('events.error.summary'), errors);
  }
  return {
    fields: {
      title: draft.title.trim(),
      description: draft.description.trim(),
      type: draft.type as EventFields['type'],
      mode: draft.mode as EventFields['mode'],
      groupId,
      venue: draft.venue,
      address: draft.address,
      townId,
      districts,
      onlineUrl: draft.onlineUrl,
      onlineUrlForRsvpsOnly: draft.onlineUrl ? draft.onlineUrlForRsvpsOnly : false,
      accessibility: draft.accessibility,
      capacity: draft.capacity,
      imagePath: draft.imagePath,
      contactName: draft.contactName,
      contactEmail: draft.contactEmail,
      timezone: draft.timezone,
      start: draft.start,
      end: draft.end,
      allDay: draft.allDay,
      rrule: draft.rrule
        ? draft.rrule
            .trim()
            .replace(/^RRULE:/i, '')
            .toUpperCase()
        : null,
      exdates: draft.exdates,
      rdates: draft.rdates,
      status: draft.status,
      visibility: draft.visibility,
      externalUrl: draft.externalUrl,
    },
    issueAreas: [...new Set(draft.issueAreas)],
    cohostIds,
  };
}

/** Keeps the search index in step with an event: only approved, public, unmerged ones are found. */
export async function syncSearch(db: Executor, event: EventRow, now: Date): Promise<void> {
  if (event.moderation !== 'approved' || event.merged_into_id !== null) {
    await removeDocument(db, 'event', event.id);
    return;
  }
  await indexDocument(db, {
    kind: 'event',
    refId: event.id,
    title: event.title,
    summary: summarize(event.description),
    body: [plainText(event.description), event.venue ?? '', event.address ?? ''].join('\n'),
    url: `/events/${event.id}`,
    isPublic: event.visibility === 'public',
    startsAt: await nextOccurrenceStart(db, event.id, now),
  });
}

/** Writes an event's dependent rows (occurrences, issue areas, co-hosts, search) after a change. */
async function afterWrite(
  tx: Tx,
  services: Services,
  event: EventRow,
  extras: { issueAreas?: string[]; cohostIds?: number[] },
): Promise<OccurrenceChange[]> {
  if (extras.issueAreas) await replaceIssueAreas(tx, event.id, extras.issueAreas);
  if (extras.cohostIds) await replaceCohosts(tx, event.id, extras.cohostIds);
  const changes = await reconcileOccurrences(tx, event, services.now());
  await syncSearch(tx, event, services.now());
  calendarChanged();
  return changes;
}

export function eventUrl(services: Services, eventId: number): string {
  return `${services.config.publicUrl}/events/${eventId}`;
}

function describeWhen(event: EventRow, start: Date = event.starts_at, end = event.ends_at): string {
  return formatWhen(start, end, event.timezone, { allDay: event.all_day });
}

export interface SubmitOptions {
  actor: Actor | null;
  /** For visitors without an account: who is submitting (confirmed by email). */
  submitter?: { email: string; name: string | null };
  ip: string;
  via: 'form' | 'api';
  /** Editors (API) may set the moderation state directly. */
  moderation?: ModerationState;
}

export interface SubmitResult {
  event: EventRow;
  /** What happens next: published at once, waiting for the email link, or for an editor. */
  outcome: 'published' | 'confirm_email' | 'pending';
}

/**
 * Submits a new event. Organizers of the host group and editors publish at once; a signed-in
 * person's event waits for an editor; a visitor's waits for their email confirmation first.
 * Repeated submissions from one address or network are rate-limited.
 */
export async function submitEvent(
  services: Services,
  draft: EventDraft,
  options: SubmitOptions,
): Promise<SubmitResult> {
  const now = services.now();
  const { fields, issueAreas, cohostIds } = await resolveDraft(services.db, draft, now, {
    fieldNames: options.via === 'form' ? { start: 'date', end: 'endTime' } : undefined,
  });
  return afterCommit(
    services.db.transaction().execute(async (tx) => {
      const actor = options.actor;
      const email = actor?.email ?? options.submitter?.email;
      if (!email)
        throw new AppError('invalid_input', t('events.error.summary'), {
          email: t('events.error.email'),
        });
      const allowedByIp = await takeRateLimit(
        tx,
        `events:submit:ip:${options.ip}`,
        { limit: 20, windowSeconds: 3600 },
        now,
      );
      const allowedByEmail = await takeRateLimit(
        tx,
        `events:submit:email:${email}`,
        SUBMISSION_RATE,
        now,
      );
      if (!isEditor(actor) && (!allowedByIp || !allowedByEmail)) {
        throw new AppError('rate_limited', t('events.error.rateLimited'));
      }
      const person = actor
        ? { id: actor.personId, email: actor.email }
        : await findOrCreatePerson(tx, { email, name: options.submitter?.name ?? null });
      let moderation: ModerationState = 'pending';
      if (options.moderation && canModerateEvents(actor)) moderation = options.moderation;
      else if (canPublishForGroup(actor, fields.groupId)) moderation = 'approved';
      const needsConfirmation = !actor;
      const token = needsConfirmation ? randomToken() : null;
      const origin: EventOrigin = {
        source: options.via === 'api' ? 'api' : 'manual',
        submitterPersonId: person.id,
        submittedVia: options.via,
        moderation,
        emailConfirmedAt: needsConfirmation ? null : now,
        confirmTokenHash: token ? hashToken(token) : null,
      };
      const event = await insertEvent(tx, fields, origin);
      await afterWrite(tx, services, event, { issueAreas, cohostIds });
      if (actor) {
        await recordAudit(tx, {
          actor,
          action: 'event.create',
          subjectType: 'event',
          subjectId: event.id,
          details: { moderation, via: options.via },
          ip: options.ip,
        });
      }
      if (token) {
        const mail = renderEmail({
          subject: t('events.confirm.email.subject'),
          preheader: event.title,
          blocks: [
            { type: 'paragraph', text: t('events.confirm.email.body', { title: event.title }) },
            { type: 'paragraph', text: describeWhen(event) },
            {
              type: 'button',
              text: t('events.confirm.email.button'),
              url: `${services.config.publicUrl}/events/confirm/${token}`,
            },
            { type: 'small', text: t('events.confirm.email.ignore') },
          ],
        });
        await services.mailer.send(tx, { to: person.email, ...mail, purpose: 'event-confirm' });
        return { event, outcome: 'confirm_email' as const };
      }
      return {
        event,
        outcome: moderation === 'approved' ? ('published' as const) : ('pending' as const),
      };
    }),
  );
}

/** The event a confirmation link belongs to (still unconfirmed), for the confirm page. */
export async function inspectConfirmation(services: Services, token: string) {
  return findEventByConfirmToken(services.db, hashToken(token));
}

/** Confirms a visitor's email address: the event now waits in the moderation queue. */
export async function confirmSubmission(
  services: Services,
  token: string,
): Promise<EventRow | undefined> {
  return afterCommit(
    services.db.transaction().execute(async (tx) => {
      const event = await findEventByConfirmToken(tx, hashToken(token));
      if (!event) return undefined;
      await markEmailConfirmed(tx, event.id, services.now());
      return event;
    }),
  );
}

export type EventPatch = Partial<EventDraft> & {
  moderation?: ModerationState;
  moderationReason?: string | null;
};

/** The draft an event row corresponds to (for editing and patching). */
export async function draftOf(db: Executor, event: EventRow): Promise<EventDraft> {
  const group = event.group_id !== null ? await findGroupById(db, event.group_id) : undefined;
  const town =
    event.town_id !== null
      ? await db
          .selectFrom('towns')
          .select('name')
          .where('id', '=', event.town_id)
          .executeTakeFirst()
      : undefined;
  const cohosts = await db
    .selectFrom('event_cohosts as c')
    .innerJoin('groups as g', 'g.id', 'c.group_id')
    .select('g.slug')
    .where('c.event_id', '=', event.id)
    .execute();
  const fields = fieldsOf(event);
  return {
    ...fields,
    group: group?.slug ?? null,
    cohosts: cohosts.map((c) => c.slug),
    town: town?.name ?? null,
    issueAreas: await listIssueAreas(db, event.id),
  };
}

/**
 * Changes an event (and, for editors, its moderation state). People who RSVP'd hear about a
 * cancellation or a new time; imported events remember the local edit so the next sync does not
 * overwrite it silently.
 */
export async function updateEvent(
  services: Services,
  actor: Actor,
  eventId: number,
  patch: EventPatch,
  options: { ip?: string; requestId?: string } = {},
): Promise<EventRow> {
  const now = services.now();
  const existing = await findEvent(services.db, eventId);
  if (!existing || existing.merged_into_id !== null)
    throw new AppError('not_found', t('events.notFound'));
  if (!canEditEvent(actor, existing)) throw new AppError('forbidden', t('events.error.forbidden'));
  if (patch.moderation !== undefined && !canModerateEvents(actor)) {
    throw new AppError('forbidden', t('events.error.moderationForbidden'), {
      moderation: t('events.error.moderationForbidden'),
    });
  }
  const current = await draftOf(services.db, existing);
  const { moderation, moderationReason, ...draftPatch } = patch;
  const merged: EventDraft = {
    ...current,
    ...Object.fromEntries(Object.entries(draftPatch).filter(([, v]) => v !== undefined)),
  } as EventDraft;
  if (merged.group !== current.group && merged.group && !canPublishForGroup(actor, null)) {
    const group = await findGroupBySlug(services.db, merged.group);
    if (group && !canPublishForGroup(actor, group.id)) {
      throw new AppError('forbidden', t('events.error.groupForbidden'), {
        group: t('events.error.groupForbidden'),
      });
    }
  }
  const { fields, issueAreas, cohostIds } = await resolveDraft(services.db, merged, now, {
    lenient: existing.source === 'ical' || existing.source === 'mobilize',
  });
  const { event, changes } = await services.db.transaction().execute(async (tx) => {
    let event = await updateEventRow(tx, eventId, fields, {
      locallyEditedAt:
        existing.source === 'ical' || existing.source === 'mobilize' ? now : undefined,
    });
    if (moderation !== undefined && moderation !== existing.moderation) {
      event = await applyModeration(
        tx,
        services,
        actor,
        event,
        moderation,
        moderationReason ?? null,
      );
    }
    const changes = await afterWrite(tx, services, event, { issueAreas, cohostIds });
    if (existing.status !== 'cancelled' && event.status === 'cancelled') {
      await enqueueJob(
        tx,
        'events.notify-attendees',
        { eventId, kind: 'cancelled' },
        { runAt: now },
      );
    }
    for (const change of changes) {
      await enqueueJob(
        tx,
        'events.notify-attendees',
        {
          eventId,
          occurrenceId: change.occurrenceId,
          kind: change.kind,
          previousStart: change.previousStart.toISOString(),
        },
        { runAt: now },
      );
    }
    await recordAudit(tx, {
      actor,
      action: 'event.update',
      subjectType: 'event',
      subjectId: eventId,
      details: { fields: Object.keys(patch) },
      ip: options.ip,
      requestId: options.requestId,
    });
    return { event, changes };
  });
  void changes;
  return event;
}

async function applyModeration(
  tx: Tx,
  services: Services,
  actor: Actor,
  event: EventRow,
  moderation: ModerationState,
  reason: string | null,
): Promise<EventRow> {
  const updated = await setModeration(tx, event.id, moderation, reason, services.now());
  await recordAudit(tx, {
    actor,
    action: `event.${moderation === 'approved' ? 'approve' : moderation === 'rejected' ? 'reject' : 'unapprove'}`,
    subjectType: 'event',
    subjectId: event.id,
    details: reason ? { reason } : {},
  });
  if (
    event.submitter_person_id !== null &&
    event.submitter_person_id !== actor.personId &&
    moderation !== 'pending'
  ) {
    const submitter = await tx
      .selectFrom('people')
      .select('email')
      .where('id', '=', event.submitter_person_id)
      .executeTakeFirst();
    if (submitter) {
      const approved = moderation === 'approved';
      const mail = renderEmail({
        subject: t(
          approved ? 'events.moderated.approved.subject' : 'events.moderated.rejected.subject',
          { title: event.title },
        ),
        blocks: [
          {
            type: 'paragraph',
            text: t(
              approved ? 'events.moderated.approved.body' : 'events.moderated.rejected.body',
              { title: event.title },
            ),
          },
          ...(reason
            ? [{ type: 'paragraph' as const, text: t('events.moderated.reason', { reason }) }]
            : []),
          ...(approved
            ? [
                {
                  type: 'button' as const,
                  text: t('events.moderated.view'),
                  url: eventUrl(services, event.id),
                },
              ]
            : []),
        ],
      });
      await services.mailer.send(tx, { to: submitter.email, ...mail, purpose: 'event-moderation' });
    }
  }
  return updated;
}

/** Approves or rejects an event from the moderation queue; the submitter is told (with the reason). */
export async function moderateEvent(
  services: Services,
  actor: Actor,
  eventId: number,
  decision: 'approved' | 'rejected',
  reason: string | null,
): Promise<EventRow> {
  if (!canModerateEvents(actor))
    throw new AppError('forbidden', t('events.error.moderationForbidden'));
  if (decision === 'rejected' && !reason?.trim()) {
    throw new AppError('invalid_input', t('events.error.summary'), {
      reason: t('events.error.reasonRequired'),
    });
  }
  return afterCommit(
    services.db.transaction().execute(async (tx) => {
      const event = await findEvent(tx, eventId);
      if (!event || event.merged_into_id !== null)
        throw new AppError('not_found', t('events.notFound'));
      const updated = await applyModeration(
        tx,
        services,
        actor,
        event,
        decision,
        reason?.trim() || null,
      );
      await syncSearch(tx, updated, services.now());
      calendarChanged();
      return updated;
    }),
  );
}

/**
 * Merges a duplicate into the event it repeats: the duplicate disappears from every list, its
 * RSVPs move to the kept event's matching occurrence when there is one, and it points there.
 */
export async function mergeEvents(
  services: Services,
  actor: Actor,
  duplicateId: number,
  keepId: number,
) {
  if (!canModerateEvents(actor))
    throw new AppError('forbidden', t('events.error.moderationForbidden'));
  if (duplicateId === keepId) throw new AppError('invalid_input', t('events.error.mergeSelf'));
  return afterCommit(
    services.db.transaction().execute(async (tx) => {
      const duplicate = await findEvent(tx, duplicateId);
      const keep = await findEvent(tx, keepId);
      if (!duplicate || !keep) throw new AppError('not_found', t('events.notFound'));
      const target = await tx
        .selectFrom('event_occurrences')
        .select('id')
        .where('event_id', '=', keepId)
        .orderBy('starts_at')
        .executeTakeFirst();
      if (target) {
        const sources = await tx
          .selectFrom('event_occurrences')
          .select('id')
          .where('event_id', '=', duplicateId)
          .execute();
        const sourceIds = sources.map((s) => s.id);
        if (sourceIds.length) {
          const rsvps = await tx
            .selectFrom('event_rsvps')
            .selectAll()
            .where('occurrence_id', 'in', sourceIds)
            .execute();
          for (const rsvp of rsvps) {
            await tx
              .insertInto('event_rsvps')
              .values({
                occurrence_id: target.id,
                person_id: rsvp.person_id,
                name: rsvp.name,
                guests: rsvp.guests,
                state: rsvp.state,
                manage_token_hash: rsvp.manage_token_hash,
              })
              .onConflict((c) => c.columns(['occurrence_id', 'person_id']).doNothing())
              .execute();
          }
        }
      }
      await markMerged(tx, duplicateId, keepId, services.now());
      await removeDocument(tx, 'event', duplicateId);
      await recordAudit(tx, {
        actor,
        action: 'event.merge',
        subjectType: 'event',
        subjectId: duplicateId,
        details: { into: keepId },
      });
      calendarChanged();
    }),
  );
}

/** Cancels, moves or restores one occurrence of a series without touching the others. */
export async function changeOccurrence(
  services: Services,
  actor: Actor,
  occurrenceId: number,
  change: { status?: EventStatus; start?: Date; end?: Date | null; note?: string | null },
) {
  return afterCommit(
    services.db.transaction().execute(async (tx) => {
      const occurrence = await tx
        .selectFrom('event_occurrences')
        .selectAll()
        .where('id', '=', occurrenceId)
        .executeTakeFirst();
      if (!occurrence) throw new AppError('not_found', t('events.notFound'));
      const event = await findEvent(tx, occurrence.event_id);
      if (!event || !canEditEvent(actor, event))
        throw new AppError('forbidden', t('events.error.forbidden'));
      if (change.start && change.end && change.end <= change.start) {
        throw new AppError('invalid_input', t('events.error.summary'), {
          endTime: t('events.error.endBeforeStart'),
        });
      }
      await tx
        .updateTable('event_occurrences')
        .set({
          is_override: true,
          ...(change.status
            ? { status: change.status === 'scheduled' ? null : change.status }
            : {}),
          ...(change.start ? { starts_at: change.start, ends_at: change.end ?? null } : {}),
          ...(change.note !== undefined ? { note: change.note } : {}),
        })
        .where('id', '=', occurrenceId)
        .execute();
      if (event.source === 'ical' || event.source === 'mobilize') {
        await tx
          .updateTable('events')
          .set({ locally_edited_at: services.now() })
          .where('id', '=', event.id)
          .execute();
      }
      const moved = change.start && change.start.getTime() !== occurrence.starts_at.getTime();
      const cancelled = change.status === 'cancelled' && occurrence.status !== 'cancelled';
      if (moved || cancelled) {
        await enqueueJob(
          tx,
          'events.notify-attendees',
          {
            eventId: event.id,
            occurrenceId,
            kind: cancelled ? 'cancelled' : 'moved',
            previousStart: occurrence.starts_at.toISOString(),
          },
          { runAt: services.now() },
        );
      }
      await recordAudit(tx, {
        actor,
        action: 'event.occurrence.change',
        subjectType: 'event',
        subjectId: event.id,
        details: { occurrenceId, ...change },
      });
      calendarChanged();
    }),
  );
}

/** A stable fingerprint of imported content, to tell whether a feed changed an event. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);
}

export { afterWrite as writeEventDependents };
