/**
 * A client for Mobilize's public API (https://github.com/mobilizeamerica/api), built to its
 * published shape: GET /v1/organizations/:id/events (paged by `next`, filtered by
 * `updated_since`, one event with many timeslots) and GET /v1/organizations/:id/events/deleted.
 * Each Mobilize event becomes one event here; each timeslot one occurrence of it.
 */
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { safeFetch } from '../../platform/net/safe-fetch.ts';
import { findTown } from '../places/lookup.ts';
import { recurrenceKeyOf } from './recurrence.ts';
import { contentHash, type EventDraft } from './service.ts';
import type { EventType } from './tables.ts';

export const MOBILIZE_API = 'https://api.mobilize.us';

const Timeslot = z.object({
  id: z.number(),
  start_date: z.number(),
  end_date: z.number().nullable().optional(),
  is_full: z.boolean().optional(),
});

const MobilizeEvent = z.object({
  id: z.number(),
  title: z.string(),
  summary: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  event_type: z.string().nullable().optional(),
  timezone: z.string().nullable().optional(),
  browser_url: z.string().nullable().optional(),
  visibility: z.string().nullable().optional(),
  is_virtual: z.boolean().nullable().optional(),
  virtual_action_url: z.string().nullable().optional(),
  accessibility_notes: z.string().nullable().optional(),
  modified_date: z.number().nullable().optional(),
  location: z
    .object({
      venue: z.string().nullable().optional(),
      address_lines: z.array(z.string()).nullable().optional(),
      locality: z.string().nullable().optional(),
      region: z.string().nullable().optional(),
      postal_code: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
  timeslots: z.array(Timeslot),
});
export type MobilizeEvent = z.infer<typeof MobilizeEvent>;

const Page = z.object({ next: z.string().nullable().optional(), data: z.array(z.unknown()) });
const Deleted = z.object({
  next: z.string().nullable().optional(),
  data: z.array(z.object({ id: z.number() }).passthrough()),
});

const TYPES: Record<string, EventType> = {
  CANVASS: 'canvass',
  COMMUNITY_CANVASS: 'canvass',
  VOTER_REG: 'canvass',
  SIGNATURE_GATHERING: 'canvass',
  LITERATURE_DROP_OFF: 'canvass',
  PHONE_BANK: 'phone_bank',
  TEXT_BANK: 'phone_bank',
  AUTOMATED_PHONE_BANK: 'phone_bank',
  RELATIONAL_PHONE_BANK: 'phone_bank',
  MEETING: 'meeting',
  BARNSTORM: 'meeting',
  TRAINING: 'training',
  WORKSHOP: 'training',
  RALLY: 'rally',
  SOLIDARITY_EVENT: 'rally',
  TOWN_HALL: 'town_hall',
  ADVOCACY_CALL: 'advocacy_call',
  LETTER_WRITING: 'letter_writing',
  POSTCARD_WRITING: 'letter_writing',
  VISIBILITY_EVENT: 'visibility',
  COMMUNITY: 'social',
  MEET_GREET: 'social',
  HOUSE_PARTY: 'social',
  DEBATE_WATCH_PARTY: 'social',
};

async function getJson(url: string, allowedHosts: readonly string[]): Promise<unknown> {
  const response = await safeFetch(url, { allowedHosts, headers: { accept: 'application/json' } });
  if (!response.ok)
    throw new Error(`Mobilize answered ${response.status} for ${new URL(url).pathname}.`);
  return response.json();
}

/** Every page of a Mobilize list, following `next`. */
async function allPages<T>(
  first: string,
  schema: z.ZodType<{ next?: string | null; data: T[] }>,
  allowedHosts: readonly string[],
  limit = 50,
): Promise<T[]> {
  const items: T[] = [];
  let url: string | null | undefined = first;
  for (let page = 0; url && page < limit; page++) {
    const parsed = schema.safeParse(await getJson(url, allowedHosts));
    if (!parsed.success)
      throw new Error('Mobilize sent an answer in a shape this client does not know.');
    items.push(...parsed.data.data);
    url = parsed.data.next;
  }
  return items;
}

export interface MobilizeFetch {
  events: {
    uid: string;
    draft: EventDraft;
    overrides: {
      recurrenceKey: string;
      start: Date;
      end: Date | null;
      cancelled: boolean;
      title: string | null;
    }[];
    hash: string;
  }[];
  skipped: { uid?: string; summary?: string; reason: string }[];
  deletedIds: string[];
}

/** Events changed since `updatedSince` (unix seconds) and the ids deleted since, for one organization. */
export async function fetchMobilize(
  base: string,
  organizationId: string,
  updatedSince: number | null,
  fallbackZone: string,
  allowedHosts: readonly string[],
): Promise<MobilizeFetch> {
  if (!/^\d+$/.test(organizationId))
    throw new AppError('invalid_input', 'A Mobilize organization id is a number.');
  const root = base.replace(/\/+$/, '');
  const since = updatedSince ? `&updated_since=${updatedSince}` : '';
  const raw = await allPages(
    `${root}/v1/organizations/${organizationId}/events?per_page=100&timeslot_start=gte_now${since}`,
    Page,
    allowedHosts,
  );
  const deleted = updatedSince
    ? await allPages(
        `${root}/v1/organizations/${organizationId}/events/deleted?per_page=100${since}`,
        Deleted,
        allowedHosts,
      )
    : [];
  const result: MobilizeFetch = {
    events: [],
    skipped: [],
    deletedIds: deleted.map((d) => String(d.id)),
  };
  for (const item of raw) {
    const parsed = MobilizeEvent.safeParse(item);
    const id = (item as { id?: unknown })?.id;
    if (!parsed.success) {
      result.skipped.push({
        uid: id ? String(id) : undefined,
        reason: 'Mobilize sent this event without a title, id or timeslots.',
      });
      continue;
    }
    const event = parsed.data;
    if (event.visibility && event.visibility !== 'PUBLIC') continue;
    const slots = [...event.timeslots].sort((a, b) => a.start_date - b.start_date);
    if (!slots.length) {
      result.skipped.push({
        uid: String(event.id),
        summary: event.title,
        reason: 'It has no timeslots.',
      });
      continue;
    }
    const first = slots[0]!;
    const start = new Date(first.start_date * 1000);
    const end = first.end_date ? new Date(first.end_date * 1000) : null;
    const duration = end ? end.getTime() - start.getTime() : null;
    const location = event.location;
    const townName =
      location?.locality && (location.region ?? 'MA').toUpperCase() === 'MA'
        ? (findTown(location.locality)?.name ?? null)
        : null;
    const zone = event.timezone || fallbackZone;
    const draft: EventDraft = {
      title: event.title.slice(0, 200),
      description: (event.description ?? event.summary ?? '').slice(0, 20_000),
      type: TYPES[event.event_type ?? ''] ?? 'other',
      mode: event.is_virtual ? 'online' : 'in_person',
      group: null,
      cohosts: [],
      venue: event.is_virtual ? null : (location?.venue?.slice(0, 200) ?? null),
      address: event.is_virtual
        ? null
        : [
            ...(location?.address_lines ?? []).filter(Boolean),
            location?.locality,
            location?.postal_code,
          ]
            .filter(Boolean)
            .join(', ')
            .slice(0, 300) || null,
      town: townName,
      onlineUrl: event.is_virtual && event.virtual_action_url ? event.virtual_action_url : null,
      onlineUrlForRsvpsOnly: false,
      accessibility: event.accessibility_notes ?? null,
      capacity: null,
      imagePath: null,
      contactName: null,
      contactEmail: null,
      timezone: zone,
      start,
      end,
      allDay: false,
      rrule: null,
      exdates: [],
      // One occurrence per timeslot: the first is DTSTART, the rest are RDATEs.
      rdates: slots.slice(1).map((slot) => new Date(slot.start_date * 1000)),
      issueAreas: [],
      status: 'scheduled',
      visibility: 'public',
      externalUrl: event.browser_url ?? null,
    };
    // Timeslots whose length differs from the first keep their own end.
    const overrides = slots
      .slice(1)
      .filter(
        (slot) =>
          slot.end_date &&
          duration !== null &&
          (slot.end_date - slot.start_date) * 1000 !== duration,
      )
      .map((slot) => ({
        recurrenceKey: recurrenceKeyOf(new Date(slot.start_date * 1000)),
        start: new Date(slot.start_date * 1000),
        end: new Date(slot.end_date! * 1000),
        cancelled: false,
        title: null,
      }));
    result.events.push({
      uid: String(event.id),
      draft,
      overrides,
      hash: contentHash({ draft, overrides }),
    });
  }
  return result;
}
