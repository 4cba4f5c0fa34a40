// RSVPs: confirmation with an .ics, reminders, the waitlist, the host's list and CSV, and what
// attendees are told when the event is cancelled or moved.
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGroup, type GroupRow } from '../../../test/support/factories.ts';
import { api, createTestContext, linkIn, type TestContext } from '../../../test/support/harness.ts';

let ctx: TestContext;
let group: GroupRow;

const START = new Date('2026-03-02T15:00:00Z'); // Monday, 10 am in Boston

beforeAll(async () => {
  ctx = await createTestContext({ start: START });
  group = await buildGroup(ctx.services, { name: 'Northampton Indivisible' });
});
afterAll(() => ctx.close());

describe('RSVPs', () => {
  let eventId: number;
  let occurrenceId: number;

  beforeAll(async () => {
    const token = await ctx.apiToken({ roles: ['editor'] });
    const created = await api(ctx.app, 'POST', '/api/v1/events', {
      token,
      body: {
        title: 'Small training',
        type: 'training',
        start: '2026-03-10T19:00:00-04:00',
        end: '2026-03-10T21:00:00-04:00',
        timezone: 'America/New_York',
        town: 'Amherst',
        venue: 'Jones Library',
        capacity: 2,
        group: group.slug,
      },
    });
    expect(created.status).toBe(201);
    eventId = created.body.id;
    const occurrence = await ctx.services.db
      .selectFrom('event_occurrences')
      .select('id')
      .where('event_id', '=', eventId)
      .executeTakeFirstOrThrow();
    occurrenceId = occurrence.id;
  });

  it('confirms with an .ics attachment, records consent, and reminds a day and an hour before', async () => {
    const person = ctx.client();
    const response = await person.postForm(`/events/${eventId}/rsvp`, {
      occurrence: String(occurrenceId),
      name: 'Ria Attendee',
      email: 'Ria@Example.org',
      reminders: '1',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toContain('rsvp=going');
    const [mail] = await ctx.outbox('ria@example.org');
    expect(mail!.subject).toBe("You're going: Small training");
    const stored = await ctx.services.db
      .selectFrom('mail_messages')
      .select('attachments')
      .where('id', '=', mail!.id)
      .executeTakeFirstOrThrow();
    expect(stored.attachments[0]!.filename).toBe('event.ics');
    const ics = Buffer.from(stored.attachments[0]!.content, 'base64').toString('utf8');
    const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    expect(new ICAL.Event(vevent).startDate.toJSDate().toISOString()).toBe(
      '2026-03-10T23:00:00.000Z',
    );

    const person2 = await ctx.services.db
      .selectFrom('people')
      .select('id')
      .where('email', '=', 'ria@example.org')
      .executeTakeFirstOrThrow();
    const consent = await ctx.services.db
      .selectFrom('consents')
      .selectAll()
      .where('person_id', '=', person2.id)
      .executeTakeFirstOrThrow();
    expect(consent.purpose).toBe('event_reminders');

    ctx.travel(new Date('2026-03-09T23:30:00Z').getTime() - ctx.services.now().getTime());
    await ctx.runJobs();
    expect((await ctx.outbox('ria@example.org')).map((m) => m.subject)).toContain(
      'Tomorrow: Small training',
    );
    ctx.travel(23 * 3_600_000);
    await ctx.runJobs();
    expect((await ctx.outbox('ria@example.org')).map((m) => m.subject)).toContain(
      'In an hour: Small training',
    );
    ctx.travel(START.getTime() - ctx.services.now().getTime());
  });

  it('puts people on a waitlist when full, and gives the place on when someone cancels', async () => {
    await ctx.client().postForm(`/events/${eventId}/rsvp`, {
      occurrence: String(occurrenceId),
      name: 'Sam Second',
      email: 'sam@example.org',
      reminders: '1',
    });
    const third = await ctx.client().postForm(`/events/${eventId}/rsvp`, {
      occurrence: String(occurrenceId),
      name: 'Wes Waiting',
      email: 'wes@example.org',
    });
    expect(third.headers.get('location')).toContain('rsvp=waitlisted');
    expect((await ctx.outbox('wes@example.org'))[0]!.subject).toBe(
      'On the waitlist: Small training',
    );

    const samMail = (await ctx.outbox('sam@example.org'))[0]!;
    const manage = linkIn(samMail.text_body, 'http://hub.test/events/rsvp/').replace(
      'http://hub.test',
      '',
    );
    const sam = ctx.client();
    expect((await sam.get(manage)).status).toBe(200);
    expect((await sam.postForm(manage, { action: 'cancel' })).status).toBe(303);
    expect((await ctx.outbox('wes@example.org')).at(-1)!.subject).toBe(
      "You're going: Small training",
    );
  });

  it('shows the host the list and a CSV, and tells attendees when the event is cancelled', async () => {
    const editor = await ctx.signedIn({ roles: ['editor'] });
    const list = await (await editor.get(`/events/${eventId}/rsvps`)).text();
    expect(list).toContain('Ria Attendee');
    expect(list).toContain('ria@example.org');
    const csv = await editor.get(`/events/${eventId}/rsvps.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\n')[0]).toBe('name,email,guests,state,rsvp_at');
    expect(text).toContain('Wes Waiting,wes@example.org,0,going');

    const bad = await ctx.client().postForm(`/events/${eventId}/rsvp`, {
      occurrence: String(occurrenceId),
      name: '',
      email: 'not-an-address',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Enter your name.');
    expect(html).toContain('Enter an email address like name@example.org.');

    const token = await ctx.apiToken({ roles: ['editor'] });
    const cancelled = await api(ctx.app, 'PATCH', `/api/v1/events/${eventId}`, {
      token,
      body: { status: 'cancelled' },
    });
    expect(cancelled.status).toBe(200);
    await ctx.runJobs();
    expect((await ctx.outbox('ria@example.org')).at(-1)!.subject).toBe('Cancelled: Small training');
    const page = await (await ctx.client().get(`/events/${eventId}`)).text();
    expect(page).toContain('This event is cancelled.');
    expect(page).not.toContain('id="rsvp"');
    const feed = await (await ctx.client().get(`/events/${eventId}.ics`)).text();
    expect(feed).toContain('STATUS:CANCELLED');
  });
});

describe('changing an event people are coming to', () => {
  it('moves the RSVP with the event and tells the attendee the new time', async () => {
    const token = await ctx.apiToken({ roles: ['editor'] });
    const created = await api(ctx.app, 'POST', '/api/v1/events', {
      token,
      body: {
        title: 'Vigil at city hall',
        type: 'visibility',
        start: '2026-03-20T18:00:00-04:00',
        end: '2026-03-20T19:00:00-04:00',
        town: 'Springfield',
        venue: 'City Hall steps',
      },
    });
    const occurrence = await ctx.services.db
      .selectFrom('event_occurrences')
      .select('id')
      .where('event_id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    await ctx.client().postForm(`/events/${created.body.id}/rsvp`, {
      occurrence: String(occurrence.id),
      name: 'Mo Mover',
      email: 'mo@example.org',
      reminders: '1',
    });

    const editor = await ctx.signedIn({ roles: ['editor'] });
    const form = await (await editor.get(`/events/${created.body.id}/edit`)).text();
    expect(form).toContain('value="City Hall steps"');
    const saved = await editor.postForm(`/events/${created.body.id}/edit`, {
      title: 'Vigil at city hall',
      type: 'visibility',
      mode: 'in_person',
      venue: 'City Hall steps',
      town: 'Springfield',
      date: '2026-03-21',
      startTime: '17:00',
      endTime: '18:00',
      repeat: 'none',
      status: 'scheduled',
      visibility: 'public',
    });
    expect(saved.status).toBe(303);
    await ctx.runJobs();
    const mail = (await ctx.outbox('mo@example.org')).at(-1)!;
    expect(mail.subject).toBe('New time: Vigil at city hall');
    expect(mail.text_body).toContain('Sat, Mar 21 · 5:00–6:00 pm');
    const rsvp = await ctx.services.db
      .selectFrom('event_rsvps')
      .select('occurrence_id')
      .where('occurrence_id', '=', occurrence.id)
      .executeTakeFirstOrThrow();
    expect(rsvp.occurrence_id).toBe(occurrence.id);
    const moved = await ctx.services.db
      .selectFrom('event_occurrences')
      .select('starts_at')
      .where('id', '=', occurrence.id)
      .executeTakeFirstOrThrow();
    expect(moved.starts_at.toISOString()).toBe('2026-03-21T21:00:00.000Z');
  });
});
