import { DateTime } from 'luxon';
import { z } from 'zod';
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import { asList } from '../../platform/http/forms.ts';
import { Id } from '../../platform/http/input.ts';
import { t } from '../../platform/i18n/index.ts';
import { EmailAddress } from '../../platform/people.ts';
import { localToInstant, startOfLocalDay } from './recurrence.ts';
import type { EventDraft } from './service.ts';
import { EVENT_MODES, EVENT_STATUSES, EVENT_TYPES, VISIBILITIES } from './tables.ts';
import './messages.ts';

const optionalText = (max: number, message?: string) =>
  z
    .string()
    .trim()
    .max(max, message ?? `At most ${max} characters.`)
    .optional()
    .transform((value) => value || null);

/** An http(s) address (the API's schemas use it too). */
export const httpUrl = z
  .string()
  .trim()
  .max(2000, t('events.error.url'))
  .refine((value) => /^https?:\/\/[^\s]+\.[^\s]+$/i.test(value), t('events.error.url'));

const optionalUrl = z
  .union([z.literal(''), httpUrl])
  .optional()
  .transform((value) => value || null);

const checkbox = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => value !== undefined && value !== '' && value !== '0' && value !== 'false');

// ---------------------------------------------------------------------------------------------
// Filters (pages, feeds, API)

export const FilterQuery = z.object({
  group: z.string().trim().max(200).optional(),
  district: z.coerce.number().int().min(1).max(9).optional().catch(undefined),
  town: z.string().trim().max(100).optional(),
  within: z.coerce.number().int().min(1).max(100).optional().catch(undefined),
  type: z.enum(EVENT_TYPES).optional().catch(undefined),
  issue_area: z.string().trim().max(100).optional(),
  online: z.enum(['1']).optional().catch(undefined),
  week: z.enum(['1']).optional().catch(undefined),
});
export type FilterQuery = z.infer<typeof FilterQuery>;

// ---------------------------------------------------------------------------------------------
// The submission form

export const REPEAT_CHOICES = ['none', 'weekly', 'biweekly', 'monthly', 'custom'] as const;

export const EventForm = z.object({
  title: z.string().trim().min(3, t('events.error.title')).max(200, t('events.error.title')),
  description: z.string().trim().max(20_000, t('events.error.description')).optional().default(''),
  type: z.enum(EVENT_TYPES, { message: t('events.error.type') }),
  issueAreas: z.preprocess((value) => asList(value), z.array(z.string().max(100)).max(20)),
  group: optionalText(200),
  mode: z.enum(EVENT_MODES, { message: t('events.error.mode') }),
  venue: optionalText(200),
  address: optionalText(300),
  town: optionalText(100),
  onlineUrl: optionalUrl,
  onlineUrlForRsvpsOnly: checkbox,
  date: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, t('events.error.date')),
  startTime: z
    .union([
      z.literal(''),
      z
        .string()
        .trim()
        .regex(/^\d{2}:\d{2}$/, t('events.error.time')),
    ])
    .optional(),
  endDate: z
    .union([
      z.literal(''),
      z
        .string()
        .trim()
        .regex(/^\d{4}-\d{2}-\d{2}$/, t('events.error.date')),
    ])
    .optional(),
  endTime: z
    .union([
      z.literal(''),
      z
        .string()
        .trim()
        .regex(/^\d{2}:\d{2}$/, t('events.error.time')),
    ])
    .optional(),
  allDay: checkbox,
  repeat: z.enum(REPEAT_CHOICES).optional().default('none'),
  rrule: optionalText(500),
  repeatUntil: z
    .union([
      z.literal(''),
      z
        .string()
        .trim()
        .regex(/^\d{4}-\d{2}-\d{2}$/, t('events.error.repeatUntil')),
    ])
    .optional(),
  capacity: z
    .union([
      z.literal(''),
      z.coerce
        .number({ message: t('events.error.capacity') })
        .int(t('events.error.capacity'))
        .min(1, t('events.error.capacity'))
        .max(100_000, t('events.error.capacity')),
    ])
    .optional()
    .transform((value) => (value === '' || value === undefined ? null : value)),
  accessibility: optionalText(2000),
  contactName: optionalText(200),
  contactEmail: z
    .union([z.literal(''), EmailAddress])
    .optional()
    .transform((value) => value || null),
  visibility: z.enum(VISIBILITIES).optional().default('public'),
  status: z.enum(EVENT_STATUSES).optional().default('scheduled'),
  // Visitors without an account say who they are; the service insists when needed.
  submitterName: optionalText(200, t('events.error.name')),
  submitterEmail: z
    .union([z.literal(''), EmailAddress])
    .optional()
    .transform((value) => value || null),
});
export type EventForm = z.infer<typeof EventForm>;

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** The RRULE a "Repeats" choice means, for a series starting on `date` (local). */
export function ruleForChoice(
  choice: EventForm['repeat'],
  date: string,
  custom: string | null,
): string | null {
  const local = DateTime.fromISO(date);
  const weekday = WEEKDAYS[local.weekday - 1]!;
  switch (choice) {
    case 'none':
      return null;
    case 'weekly':
      return `FREQ=WEEKLY;BYDAY=${weekday}`;
    case 'biweekly':
      return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${weekday}`;
    case 'monthly': {
      const n = Math.ceil(local.day / 7);
      return `FREQ=MONTHLY;BYDAY=${n >= 5 ? -1 : n}${weekday}`;
    }
    case 'custom':
      return custom;
  }
}

/** Which "Repeats" choice a stored rule corresponds to (for the edit form). */
export function choiceForRule(rule: string | null): {
  repeat: EventForm['repeat'];
  rrule: string;
  repeatUntil: string;
} {
  if (!rule) return { repeat: 'none', rrule: '', repeatUntil: '' };
  const until = /;?UNTIL=(\d{4})(\d{2})(\d{2})[^;]*/.exec(rule);
  const withoutUntil = rule.replace(/;?UNTIL=[^;]*/, '');
  const repeatUntil = until ? `${until[1]}-${until[2]}-${until[3]}` : '';
  if (/^FREQ=WEEKLY;BYDAY=[A-Z]{2}$/.test(withoutUntil))
    return { repeat: 'weekly', rrule: '', repeatUntil };
  if (/^FREQ=WEEKLY;INTERVAL=2;BYDAY=[A-Z]{2}$/.test(withoutUntil))
    return { repeat: 'biweekly', rrule: '', repeatUntil };
  if (/^FREQ=MONTHLY;BYDAY=-?\d[A-Z]{2}$/.test(withoutUntil))
    return { repeat: 'monthly', rrule: '', repeatUntil };
  return { repeat: 'custom', rrule: rule, repeatUntil: '' };
}

/**
 * Turns the submitted form into a draft: local date and times in the coalition's zone become
 * instants; "Repeats" becomes an RRULE. Throws field errors for dates that do not exist.
 */
export function draftFromForm(form: EventForm, zone: string, imagePath: string | null): EventDraft {
  const errors: FieldErrors = {};
  let start: Date | undefined;
  let end: Date | null = null;
  if (form.allDay) {
    start = localToInstant(form.date, '00:00', zone) && startOfLocalDay(form.date, zone);
    const last = form.endDate || form.date;
    if (!localToInstant(last, '00:00', zone)) errors.endDate = t('events.error.date');
    else end = startOfLocalDay(DateTime.fromISO(last).plus({ days: 1 }).toISODate()!, zone);
  } else {
    if (!form.startTime) errors.startTime = t('events.error.time');
    start = localToInstant(form.date, form.startTime || '00:00', zone);
    if (form.endTime) {
      end = localToInstant(form.endDate || form.date, form.endTime, zone) ?? null;
      if (!end) errors.endTime = t('events.error.time');
    }
  }
  if (!start) errors.date = t('events.error.date');
  let rrule = ruleForChoice(form.repeat, form.date, form.rrule);
  if (form.repeat === 'custom' && !form.rrule) errors.rrule = t('events.error.rrule');
  if (rrule && form.repeatUntil && form.repeat !== 'custom') {
    const until = localToInstant(form.repeatUntil, '23:59', zone);
    if (!until) errors.repeatUntil = t('events.error.repeatUntil');
    else {
      const stamp = until
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
      rrule = `${rrule};UNTIL=${stamp}`;
    }
  }
  if (Object.keys(errors).length)
    throw new AppError('invalid_input', t('events.error.summary'), errors);
  return {
    title: form.title,
    description: form.description,
    type: form.type,
    mode: form.mode,
    group: form.group,
    cohosts: [],
    venue: form.mode === 'online' ? null : form.venue,
    address: form.mode === 'online' ? null : form.address,
    town: form.mode === 'online' ? form.town : form.town,
    onlineUrl: form.mode === 'in_person' ? null : form.onlineUrl,
    onlineUrlForRsvpsOnly: form.onlineUrlForRsvpsOnly,
    accessibility: form.accessibility,
    capacity: form.capacity,
    imagePath,
    contactName: form.contactName,
    contactEmail: form.contactEmail,
    timezone: zone,
    start: start!,
    end,
    allDay: form.allDay,
    rrule,
    exdates: [],
    rdates: [],
    issueAreas: form.issueAreas,
    status: form.status,
    visibility: form.visibility,
    externalUrl: null,
  };
}

export const RsvpForm = z.object({
  occurrence: Id,
  name: z.string().trim().min(1, t('events.rsvp.error.name')).max(200, t('events.rsvp.error.name')),
  email: EmailAddress,
  guests: z
    .union([
      z.literal(''),
      z.coerce
        .number()
        .int()
        .min(0, t('events.rsvp.error.guests'))
        .max(10, t('events.rsvp.error.guests')),
    ])
    .optional()
    .transform((value) => (value === '' || value === undefined ? 0 : value)),
  reminders: checkbox,
});
export type RsvpForm = z.infer<typeof RsvpForm>;

export const ModerationForm = z.object({
  decision: z.enum(['approved', 'rejected']),
  reason: z.string().trim().max(2000).optional().default(''),
});

export const MergeForm = z.object({ into: Id });

export const OccurrenceForm = z.object({
  action: z.enum(['cancel', 'restore', 'move']),
  date: z
    .union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, t('events.error.date'))])
    .optional(),
  startTime: z
    .union([z.literal(''), z.string().regex(/^\d{2}:\d{2}$/, t('events.error.time'))])
    .optional(),
  endTime: z
    .union([z.literal(''), z.string().regex(/^\d{2}:\d{2}$/, t('events.error.time'))])
    .optional(),
  note: z.string().trim().max(500).optional(),
});

export const MessageForm = z.object({
  occurrence: Id,
  subject: z
    .string()
    .trim()
    .min(3, t('events.message.error.subject'))
    .max(200, t('events.message.error.subject')),
  body: z
    .string()
    .trim()
    .min(3, t('events.message.error.body'))
    .max(10_000, t('events.message.error.body')),
});

export const FeedForm = z.object({
  kind: z.enum(['ical', 'mobilize']),
  url: z.string().trim().max(2000).optional().default(''),
  organizationId: z.string().trim().max(50).optional().default(''),
  trusted: checkbox,
});
