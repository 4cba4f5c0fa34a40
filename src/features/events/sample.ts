import { DateTime } from 'luxon';
import type { Tx } from '../../platform/db/database.ts';
import { removeDocument } from '../../platform/search-index.ts';
import type { Services } from '../../platform/services.ts';
import { coalitionZone } from '../../platform/views/format.ts';
import { calendarChanged } from './cache.ts';
import { insertEvent } from './repository.ts';
import { type EventDraft, resolveDraft, writeEventDependents } from './service.ts';
import type { EventType } from './tables.ts';

interface SampleEvent {
  title: string;
  type: EventType;
  town: string | null;
  venue?: string;
  address?: string;
  mode?: 'in_person' | 'online' | 'hybrid';
  /** Days from today, local time "HH:mm", minutes long. */
  inDays: number;
  at: string;
  minutes: number;
  rrule?: string;
  cancelled?: boolean;
  issueAreas: string[];
  description: string;
  capacity?: number;
}

const EVENTS: SampleEvent[] = [
  {
    title: 'Weekly visibility on the town common',
    type: 'visibility',
    town: 'Northampton',
    venue: 'Pulaski Park',
    address: 'Main Street',
    inDays: 1,
    at: '12:00',
    minutes: 60,
    rrule: 'FREQ=WEEKLY;BYDAY={day}',
    issueAreas: ['democracy'],
    description: 'Bring a sign, or borrow one of ours. We stand for an hour and wave.',
  },
  {
    title: 'Monthly group meeting',
    type: 'meeting',
    town: 'Worcester',
    venue: 'Worcester Public Library, Saxe Room',
    address: '3 Salem Square',
    inDays: 3,
    at: '19:00',
    minutes: 90,
    rrule: 'FREQ=MONTHLY;BYDAY={nth}',
    issueAreas: ['voting-rights', 'democracy'],
    description:
      'Our regular meeting: updates from the working groups, then planning for next month.\n\nNewcomers welcome.',
  },
  {
    title: 'Postcards to voters',
    type: 'letter_writing',
    town: 'Lexington',
    venue: 'Cary Memorial Library',
    address: '1874 Massachusetts Ave',
    inDays: 2,
    at: '14:00',
    minutes: 120,
    rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY={day}',
    issueAreas: ['voting-rights'],
    description: 'We write postcards to voters in close races. Stamps and addresses provided.',
    capacity: 30,
  },
  {
    title: 'Statewide phone bank for the climate bill',
    type: 'phone_bank',
    town: null,
    mode: 'online',
    inDays: 4,
    at: '18:30',
    minutes: 90,
    rrule: 'FREQ=WEEKLY;BYDAY={day};COUNT=8',
    issueAreas: ['climate'],
    description:
      'Call constituents and connect them to their state senator. Training at the start; no experience needed.',
  },
  {
    title: 'Town hall with our state senator',
    type: 'town_hall',
    town: 'Springfield',
    venue: 'Springfield Central Library',
    address: '220 State Street',
    mode: 'hybrid',
    inDays: 6,
    at: '18:00',
    minutes: 90,
    issueAreas: ['healthcare', 'housing'],
    description: 'Questions collected in advance. Streamed online for those who cannot come.',
  },
  {
    title: 'Rally for immigrant families',
    type: 'rally',
    town: 'Boston',
    venue: 'Boston Common, Parkman Bandstand',
    inDays: 9,
    at: '13:00',
    minutes: 120,
    issueAreas: ['immigrant-rights'],
    description: 'Speakers from immigrant-led organizations. Wear yellow.',
  },
  {
    title: 'Know your rights training',
    type: 'training',
    town: 'Lawrence',
    venue: 'Lawrence Public Library',
    address: '51 Lawrence Street',
    inDays: 11,
    at: '10:00',
    minutes: 150,
    issueAreas: ['immigrant-rights', 'criminal-justice-reform'],
    description: 'A training for volunteers who accompany neighbors to court and check-ins.',
    capacity: 40,
  },
  {
    title: 'Canvass for the school budget override',
    type: 'canvass',
    town: 'Framingham',
    venue: 'Meet at the Memorial Building',
    address: '150 Concord Street',
    inDays: 5,
    at: '10:00',
    minutes: 180,
    issueAreas: ['education'],
    description: 'Door knocking in pairs. Lists and scripts provided.',
  },
  {
    title: 'Beach clean-up and picnic',
    type: 'social',
    town: 'Barnstable',
    venue: 'Craigville Beach',
    inDays: 13,
    at: '11:00',
    minutes: 180,
    issueAreas: ['climate'],
    description: 'Bags and gloves provided. Bring lunch; we bring dessert.',
  },
  {
    title: 'Advocacy call: the right to counsel',
    type: 'advocacy_call',
    town: null,
    mode: 'online',
    inDays: 7,
    at: '12:30',
    minutes: 30,
    issueAreas: ['housing'],
    description: 'Thirty minutes: a briefing, then we call our legislators together.',
  },
  {
    title: 'Book club: "The Sum of Us"',
    type: 'social',
    town: 'Pittsfield',
    venue: 'Berkshire Athenaeum',
    address: '1 Wendell Avenue',
    inDays: 16,
    at: '19:00',
    minutes: 90,
    issueAreas: ['racial-justice', 'economic-justice'],
    description: 'Chapters 1 to 4 this time.',
  },
  {
    title: 'Letter writing for reproductive freedom',
    type: 'letter_writing',
    town: 'New Bedford',
    venue: 'Casa da Saudade Library',
    address: '58 Crapo Street',
    inDays: 8,
    at: '18:00',
    minutes: 90,
    issueAreas: ['womens-rights'],
    description: 'Letters to the editor and to our delegation.',
  },
  {
    title: 'Vigil for gun violence prevention',
    type: 'visibility',
    town: 'Brockton',
    venue: 'Brockton City Hall plaza',
    address: '45 School Street',
    inDays: 10,
    at: '17:30',
    minutes: 45,
    cancelled: true,
    issueAreas: ['gun-safety'],
    description:
      'This vigil is cancelled because of the weather forecast. We will announce a new date.',
  },
  {
    title: 'Voter registration table at the farmers market',
    type: 'canvass',
    town: 'Lowell',
    venue: 'Lowell farmers market',
    address: 'Kearney Square',
    inDays: 12,
    at: '09:00',
    minutes: 240,
    issueAreas: ['voting-rights'],
    description: 'Help neighbors register or update their address.',
  },
  {
    title: 'Statewide coalition call',
    type: 'meeting',
    town: null,
    mode: 'online',
    inDays: 14,
    at: '19:30',
    minutes: 60,
    issueAreas: ['democracy'],
    description: 'Updates from groups across the state and the Coordinating Board.',
  },
];

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** About fifteen clearly sample events across the districts: some repeat, one is cancelled. */
export async function loadSampleEvents(
  tx: Tx,
  services: Services,
): Promise<Record<string, number>> {
  const zone = coalitionZone();
  const groups = await tx
    .selectFrom('groups')
    .select(['id', 'slug'])
    .where('is_sample', '=', true)
    .orderBy('id')
    .execute();
  const today = DateTime.fromJSDate(services.now(), { zone }).startOf('day');
  let count = 0;
  for (const [index, sample] of EVENTS.entries()) {
    const day = today.plus({ days: sample.inDays });
    const [hour, minute] = sample.at.split(':').map(Number);
    const start = day.set({ hour: hour!, minute: minute! });
    const weekday = DAYS[start.weekday - 1]!;
    const nth = Math.ceil(start.day / 7);
    const rrule =
      sample.rrule
        ?.replace('{day}', weekday)
        .replace('{nth}', `${nth >= 5 ? -1 : nth}${weekday}`) ?? null;
    const draft: EventDraft = {
      title: sample.title,
      description: `${sample.description}\n\n*This is a sample event, shown until real events are added.*`,
      type: sample.type,
      mode: sample.mode ?? 'in_person',
      group: groups.length ? groups[index % groups.length]!.slug : null,
      cohosts: [],
      venue: sample.venue ?? null,
      address: sample.address ?? null,
      town: sample.town,
      onlineUrl:
        sample.mode && sample.mode !== 'in_person'
          ? 'https://example.org/join-sample-meeting'
          : null,
      onlineUrlForRsvpsOnly: sample.mode === 'online',
      accessibility: sample.mode === 'online' ? 'Live captions on.' : 'Step-free entrance.',
      capacity: sample.capacity ?? null,
      imagePath: null,
      contactName: null,
      contactEmail: null,
      timezone: zone,
      start: start.toJSDate(),
      end: start.plus({ minutes: sample.minutes }).toJSDate(),
      allDay: false,
      rrule,
      exdates: [],
      rdates: [],
      issueAreas: sample.issueAreas,
      status: sample.cancelled ? 'cancelled' : 'scheduled',
      visibility: 'public',
      externalUrl: null,
    };
    const resolved = await resolveDraft(tx, draft, services.now(), { lenient: true });
    const event = await insertEvent(tx, resolved.fields, {
      source: 'manual',
      moderation: 'approved',
      submittedVia: 'sample',
      isSample: true,
      emailConfirmedAt: services.now(),
    });
    await writeEventDependents(tx, services, event, { issueAreas: resolved.issueAreas });
    count++;
  }
  calendarChanged();
  return { events: count };
}

export async function clearSampleEvents(tx: Tx): Promise<Record<string, number>> {
  const rows = await tx
    .deleteFrom('events')
    .where('is_sample', '=', true)
    .returning('id')
    .execute();
  for (const row of rows) await removeDocument(tx, 'event', row.id);
  await tx.deleteFrom('event_rsvps').where('is_sample', '=', true).execute();
  calendarChanged();
  return { events: rows.length };
}
