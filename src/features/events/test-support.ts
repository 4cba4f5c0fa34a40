import type { Actor } from '../../platform/auth/actor.ts';
import type { Services } from '../../platform/services.ts';
import { type EventDraft, submitEvent } from './service.ts';

/** A valid draft for tests: a one-off meeting in Worcester next week, overridable. */
export function draftFor(services: Services, overrides: Partial<EventDraft> = {}): EventDraft {
  const start = new Date(services.now().getTime() + 7 * 86_400_000);
  start.setUTCHours(23, 0, 0, 0);
  return {
    title: 'Town meeting on voting rights',
    description: 'Bring a friend. **Snacks** provided.',
    type: 'meeting',
    mode: 'in_person',
    group: null,
    cohosts: [],
    venue: 'Public library',
    address: '3 Salem Square',
    town: 'Worcester',
    onlineUrl: null,
    onlineUrlForRsvpsOnly: false,
    accessibility: null,
    capacity: null,
    imagePath: null,
    contactName: null,
    contactEmail: null,
    timezone: 'America/New_York',
    start,
    end: new Date(start.getTime() + 90 * 60_000),
    allDay: false,
    rrule: null,
    exdates: [],
    rdates: [],
    issueAreas: ['voting-rights'],
    status: 'scheduled',
    visibility: 'public',
    externalUrl: null,
    ...overrides,
  };
}

/** Creates an event as an editor (approved at once unless told otherwise). */
export async function createEventAs(
  services: Services,
  actor: Actor,
  overrides: Partial<EventDraft> = {},
  moderation?: 'pending' | 'approved' | 'rejected',
) {
  const { event } = await submitEvent(services, draftFor(services, overrides), {
    actor,
    ip: '192.0.2.1',
    via: 'api',
    moderation,
  });
  return event;
}

/** The submission form (/events/new) filled in by a visitor: a letter-writing night, overridable. */
export const validForm = (overrides: Record<string, string | string[] | undefined> = {}) => ({
  title: 'Climate letter writing night',
  type: 'letter_writing',
  description: 'Write to your **state senator**.',
  issueAreas: ['climate'],
  mode: 'in_person',
  venue: 'Forbes Library',
  address: '20 West Street',
  town: 'Northampton',
  date: '2026-03-12',
  startTime: '18:30',
  endTime: '20:00',
  repeat: 'none',
  submitterName: 'Dana Visitor',
  submitterEmail: 'dana@example.org',
  ...overrides,
});
