// The JSON API's input (/api/v1/events): events to create or change, and the list query.
// The web forms' schemas are in schemas.ts.

import { DateTime } from 'luxon';
import { z } from 'zod';
import { t } from '../../platform/i18n/index.ts';
import { EmailAddress } from '../../platform/people.ts';
import { fromFloating, startOfLocalDay } from './recurrence.ts';
import { httpUrl } from './schemas.ts';
import {
  EVENT_MODES,
  EVENT_STATUSES,
  EVENT_TYPES,
  MODERATION_STATES,
  VISIBILITIES,
} from './tables.ts';
import './messages.ts';

/** ISO 8601 with an offset, or YYYY-MM-DD for all-day events. */
const ApiDateTime = z
  .string()
  .trim()
  .refine(
    (value) =>
      /^\d{4}-\d{2}-\d{2}$/.test(value) ||
      (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value))),
    {
      message:
        'Use ISO 8601 with an offset (2026-12-03T19:00:00-05:00) or YYYY-MM-DD for all-day events.',
    },
  );

const ApiEventFields = {
  title: z.string().trim().min(3, t('events.error.title')).max(200, t('events.error.title')),
  description: z.string().max(20_000, t('events.error.description')),
  type: z.enum(EVENT_TYPES),
  start: ApiDateTime,
  end: ApiDateTime.nullable(),
  timezone: z.string().max(64),
  allDay: z.boolean(),
  rrule: z.string().max(500).nullable(),
  exdates: z.array(ApiDateTime).max(500),
  mode: z.enum(EVENT_MODES),
  venue: z.string().trim().max(200).nullable(),
  address: z.string().trim().max(300).nullable(),
  town: z.string().trim().max(100).nullable(),
  onlineUrl: httpUrl.nullable(),
  onlineUrlForRsvpsOnly: z.boolean(),
  group: z.string().trim().max(200).nullable(),
  cohosts: z.array(z.string().max(200)).max(20),
  issueAreas: z.array(z.string().max(100)).max(20),
  accessibility: z.string().max(2000).nullable(),
  capacity: z.number().int().min(1).max(100_000).nullable(),
  contactName: z.string().max(200).nullable(),
  contactEmail: EmailAddress.nullable(),
  status: z.enum(EVENT_STATUSES),
  visibility: z.enum(VISIBILITIES),
  externalUrl: httpUrl.nullable(),
};

export const ApiEventCreate = z.object({
  ...ApiEventFields,
  description: ApiEventFields.description.optional().default(''),
  end: ApiEventFields.end.optional().default(null),
  timezone: ApiEventFields.timezone.optional(),
  allDay: ApiEventFields.allDay.optional().default(false),
  rrule: ApiEventFields.rrule.optional().default(null),
  exdates: ApiEventFields.exdates.optional().default([]),
  mode: ApiEventFields.mode.optional().default('in_person'),
  venue: ApiEventFields.venue.optional().default(null),
  address: ApiEventFields.address.optional().default(null),
  town: ApiEventFields.town.optional().default(null),
  onlineUrl: ApiEventFields.onlineUrl.optional().default(null),
  onlineUrlForRsvpsOnly: ApiEventFields.onlineUrlForRsvpsOnly.optional().default(false),
  group: ApiEventFields.group.optional().default(null),
  cohosts: ApiEventFields.cohosts.optional().default([]),
  issueAreas: ApiEventFields.issueAreas.optional().default([]),
  accessibility: ApiEventFields.accessibility.optional().default(null),
  capacity: ApiEventFields.capacity.optional().default(null),
  contactName: ApiEventFields.contactName.optional().default(null),
  contactEmail: ApiEventFields.contactEmail.optional().default(null),
  status: ApiEventFields.status.optional().default('scheduled'),
  visibility: ApiEventFields.visibility.optional().default('public'),
  externalUrl: ApiEventFields.externalUrl.optional().default(null),
  moderation: z.enum(MODERATION_STATES).optional(),
});
export type ApiEventCreate = z.infer<typeof ApiEventCreate>;

export const ApiEventPatch = z
  .object({
    ...Object.fromEntries(Object.entries(ApiEventFields).map(([k, v]) => [k, v.optional()])),
    moderation: z.enum(MODERATION_STATES).optional(),
    moderationReason: z.string().trim().max(2000).optional(),
  })
  .strict() as z.ZodType<
  Partial<{ [K in keyof typeof ApiEventFields]: z.infer<(typeof ApiEventFields)[K]> }> & {
    moderation?: (typeof MODERATION_STATES)[number];
    moderationReason?: string;
  }
>;

/** An API date: "YYYY-MM-DD" is that day's midnight in the zone; anything else is an instant. */
export function parseApiDate(value: string, zone: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = startOfLocalDay(value, zone);
    return day;
  }
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(value)) {
    // No offset: a local time in the event's zone.
    const local = DateTime.fromISO(value, { zone: 'UTC' });
    return fromFloating(local.toJSDate(), zone);
  }
  return new Date(value);
}

export const ApiEventsQuery = z.object({
  from: z
    .string()
    .datetime({ offset: true })
    .or(z.string().regex(/^\d{4}-\d{2}-\d{2}$/))
    .optional(),
  to: z
    .string()
    .datetime({ offset: true })
    .or(z.string().regex(/^\d{4}-\d{2}-\d{2}$/))
    .optional(),
  group: z.string().max(200).optional(),
  district: z.coerce.number().int().min(1).max(9).optional(),
  type: z.enum(EVENT_TYPES).optional(),
  issue_area: z.string().max(100).optional(),
  town: z.string().max(100).optional(),
  moderation: z.enum(MODERATION_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
});
