import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createTestContext, linkIn, type TestContext } from '../../../test/support/harness.ts';

let ctx: TestContext;
let groupId: number;
let otherGroupId: number;

const START = new Date('2026-03-02T15:00:00Z'); // Monday, 10 am in Boston

const validForm = (overrides: Record<string, string | string[] | undefined> = {}) => ({
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

async function countEvents() {
  const row = await ctx.services.db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  ctx = await createTestContext({ start: START });
  const groups = await ctx.services.db
    .insertInto('groups')
    .values([
      {
        slug: 'northampton-indivisible',
        name: 'Northampton Indivisible',
        website: null,
        email: null,
        links: '{}',
      },
      { slug: 'boston-allies', name: 'Boston Allies', website: null, email: null, links: '{}' },
    ])
    .returning('id')
    .execute();
  groupId = groups[0]!.id;
  otherGroupId = groups[1]!.id;
});
afterAll(() => ctx.close());

describe('submitting an event without an account', () => {
  it('rejects bad input with a message beside each field and stores nothing', async () => {
    const before = await countEvents();
    const visitor = ctx.client();
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ endTime: '17:00' }, 'endTime', /end must be after the start/],
      [{ town: 'Springfeld Gardens' }, 'town', /do not know a Massachusetts city or town/],
      [
        { repeat: 'custom', rrule: 'FREQ=EVERY;BYDAY=XX' },
        'rrule',
        /daily, weekly, monthly or yearly|not valid/,
      ],
      [{ date: '2031-03-12' }, 'date', /more than 2 years away/],
      [{ date: '2026-02-30' }, 'date', /Enter the date/],
      [{ title: '' }, 'title', /Give the event a title/],
      [{ submitterEmail: '' }, 'submitterEmail', /email address/],
      [{ mode: 'online', town: '', venue: '' }, 'onlineUrl', /link people use to join/],
      [{ capacity: '-4' }, 'capacity', /number of places/],
    ];
    for (const [change, field, message] of cases) {
      const response = await visitor.postForm('/events/new', validForm(change));
      expect(response.status, field).toBe(400);
      const html = await response.text();
      expect(html, field).toMatch(message);
      expect(html, field).toContain(`id="field-${field}-error"`);
      // Values are kept.
      expect(html, field).toContain('value="20 West Street"');
    }
    expect(await countEvents()).toBe(before);
    expect(await ctx.outbox('dana@example.org')).toHaveLength(0);
  });

  it('refuses an upload that is not an image, keeping everything else', async () => {
    const before = await countEvents();
    const form = new FormData();
    for (const [key, value] of Object.entries(validForm())) {
      for (const item of Array.isArray(value) ? value : [value!]) form.append(key, item);
    }
    form.append(
      'image',
      new File(['#!/bin/sh\necho not an image'], 'photo.jpg', { type: 'image/jpeg' }),
    );
    const response = await ctx.client().postMultipart('/events/new', form);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Upload a JPEG, PNG, GIF or WebP/);
    expect(await countEvents()).toBe(before);
  });

  it('goes from confirmation email to moderation to the calendar and its feed', async () => {
    const visitor = ctx.client();
    const response = await visitor.postForm('/events/new', validForm());
    expect(response.status).toBe(303);
    const [mail] = await ctx.outbox('dana@example.org');
    expect(mail!.subject).toBe('Confirm your event');
    const link = linkIn(mail!.text_body, 'http://hub.test/events/confirm/');

    // Not listed yet, and not in the queue until confirmed.
    const editor = await ctx.signedIn({ roles: ['editor'] });
    expect(await (await editor.get('/admin/events')).text()).not.toContain(
      'Climate letter writing night',
    );

    const confirmPage = await visitor.get(link.replace('http://hub.test', ''));
    expect(confirmPage.status).toBe(200);
    const confirmed = await visitor.postForm(link.replace('http://hub.test', ''), {});
    expect(confirmed.status).toBe(303);
    // The link works once.
    expect((await visitor.get(link.replace('http://hub.test', ''))).status).toBe(410);

    const queue = await (await editor.get('/admin/events')).text();
    expect(queue).toContain('Climate letter writing night');
    expect(await (await ctx.client().get('/events')).text()).not.toContain(
      'Climate letter writing night',
    );

    const event = await ctx.services.db
      .selectFrom('events')
      .selectAll()
      .where('title', '=', 'Climate letter writing night')
      .executeTakeFirstOrThrow();
    expect(event.moderation).toBe('pending');
    expect(event.districts).toEqual([2]);

    const approve = await editor.postForm(`/admin/events/${event.id}/moderate`, {
      decision: 'approved',
    });
    expect(approve.status).toBe(303);
    const approvedMail = (await ctx.outbox('dana@example.org')).at(-1)!;
    expect(approvedMail.subject).toContain('Your event is in the calendar');

    const list = await (await ctx.client().get('/events')).text();
    expect(list).toContain('Climate letter writing night');
    expect(list).toContain('Thu, Mar 12');
    const ics = await (await ctx.client().get('/events.ics')).text();
    expect(ics).toContain('SUMMARY:Climate letter writing night');
    expect(ics).toContain('DTSTART;TZID=America/New_York:20260312T183000');
    const page = await (await ctx.client().get(`/events/${event.id}`)).text();
    expect(page).toContain('"@type":"Event"');
    expect(page).toContain('"startDate":"2026-03-12T18:30:00-04:00"');
    expect(page).toContain('<strong>state senator</strong>');
  });

  it('rejects with a reason that is emailed to the submitter, and insists on the reason', async () => {
    const visitor = ctx.client();
    await visitor.postForm(
      '/events/new',
      validForm({ title: 'Selling raffle tickets', submitterEmail: 'raffle@example.org' }),
    );
    const link = linkIn(
      (await ctx.outbox('raffle@example.org'))[0]!.text_body,
      'http://hub.test/events/confirm/',
    );
    await visitor.postForm(link.replace('http://hub.test', ''), {});
    const event = await ctx.services.db
      .selectFrom('events')
      .select('id')
      .where('title', '=', 'Selling raffle tickets')
      .executeTakeFirstOrThrow();
    const editor = await ctx.signedIn({ roles: ['editor'] });
    const withoutReason = await editor.postForm(`/admin/events/${event.id}/moderate`, {
      decision: 'rejected',
      reason: '',
    });
    expect(withoutReason.status).toBe(400);
    expect(await withoutReason.text()).toMatch(/Say why the event is rejected/);
    const rejected = await editor.postForm(`/admin/events/${event.id}/moderate`, {
      decision: 'rejected',
      reason: 'Fundraisers are not listed.',
    });
    expect(rejected.status).toBe(303);
    const mail = (await ctx.outbox('raffle@example.org')).at(-1)!;
    expect(mail.subject).toContain('was not listed');
    expect(mail.text_body).toContain('Fundraisers are not listed.');
    // Not visible to visitors.
    expect((await ctx.client().get(`/events/${event.id}`)).status).toBe(404);
  });

  it('limits repeated submissions from one address', async () => {
    const visitor = ctx.client();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await visitor.postForm(
        '/events/new',
        validForm({ title: `Repeated event ${i}`, submitterEmail: 'eager@example.org' }),
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 5)).toEqual([303, 303, 303, 303, 303]);
    expect(statuses[5]).toBe(429);
  });
});

describe('organizers and editors', () => {
  it("publishes an organizer's event for their own group at once, and waits for another group's", async () => {
    const organizer = await ctx.signedIn({ email: 'org@example.org' });
    await ctx.services.db
      .insertInto('group_organizers')
      .values({ group_id: groupId, person_id: organizer.actor.personId })
      .execute();
    const client = await ctx.signedIn({ email: 'org@example.org' });
    const own = await client.postForm(
      '/events/new',
      validForm({
        title: 'Our own meeting',
        group: 'northampton-indivisible',
        submitterEmail: undefined,
      }),
    );
    expect(own.status).toBe(303);
    const ownEvent = await ctx.services.db
      .selectFrom('events')
      .selectAll()
      .where('title', '=', 'Our own meeting')
      .executeTakeFirstOrThrow();
    expect(ownEvent.moderation).toBe('approved');
    expect(own.headers.get('location')).toBe(`/events/${ownEvent.id}`);

    await client.postForm(
      '/events/new',
      validForm({ title: 'Their meeting', group: 'boston-allies', submitterEmail: undefined }),
    );
    const theirs = await ctx.services.db
      .selectFrom('events')
      .selectAll()
      .where('title', '=', 'Their meeting')
      .executeTakeFirstOrThrow();
    expect(theirs.moderation).toBe('pending');
    expect(theirs.group_id).toBe(otherGroupId);
  });

  it('lets nobody edit what is not theirs', async () => {
    const event = await ctx.services.db
      .selectFrom('events')
      .selectAll()
      .where('title', '=', 'Our own meeting')
      .executeTakeFirstOrThrow();
    const stranger = await ctx.signedIn();
    expect((await stranger.get(`/events/${event.id}/edit`)).status).toBe(403);
    expect(
      (await stranger.postForm(`/events/${event.id}/edit`, validForm({ title: 'Hijacked' })))
        .status,
    ).toBe(403);
    expect((await ctx.client().get(`/events/${event.id}/edit`)).status).toBe(401);
    expect((await stranger.get(`/events/${event.id}/rsvps`)).status).toBe(403);
    const token = await ctx.apiToken();
    const patch = await api(ctx.app, 'PATCH', `/api/v1/events/${event.id}`, {
      token,
      body: { title: 'Hijacked' },
    });
    expect(patch.status).toBe(403);
    const unchanged = await ctx.services.db
      .selectFrom('events')
      .select('title')
      .where('id', '=', event.id)
      .executeTakeFirstOrThrow();
    expect(unchanged.title).toBe('Our own meeting');
  });
});

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
        group: 'northampton-indivisible',
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

describe('the events API', () => {
  it('lists one item per occurrence with exactly the named fields; moderation only for editors', async () => {
    const editorToken = await ctx.apiToken({ roles: ['editor'] });
    const created = await api(ctx.app, 'POST', '/api/v1/events', {
      token: editorToken,
      body: {
        title: 'Weekly canvass',
        type: 'canvass',
        start: '2026-03-07T10:00:00-05:00',
        end: '2026-03-07T12:00:00-05:00',
        rrule: 'FREQ=WEEKLY;COUNT=3',
        town: 'Boston',
        venue: 'Park Street',
        issueAreas: ['voting-rights'],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.moderation).toBe('approved');
    const pending = await api(ctx.app, 'POST', '/api/v1/events', {
      token: await ctx.apiToken(),
      body: {
        title: 'Pending via API',
        type: 'meeting',
        start: '2026-03-08T10:00:00-04:00',
        town: 'Boston',
        venue: 'Somewhere',
      },
    });
    expect(pending.status).toBe(201);
    expect(pending.body.moderation).toBe('pending');

    const anonymous = await api(
      ctx.app,
      'GET',
      '/api/v1/events?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z&type=canvass',
    );
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.next).toBeNull();
    const items = anonymous.body.data.filter(
      (item: { eventId: number }) => item.eventId === created.body.id,
    );
    expect(items).toHaveLength(3);
    expect(items.map((item: { start: string }) => item.start)).toEqual([
      '2026-03-07T10:00:00-05:00',
      '2026-03-14T10:00:00-04:00',
      '2026-03-21T10:00:00-04:00',
    ]);
    expect(items[0]).toMatchObject({
      eventId: created.body.id,
      title: 'Weekly canvass',
      end: '2026-03-07T12:00:00-05:00',
      allDay: false,
      timezone: 'America/New_York',
      status: 'scheduled',
      mode: 'in_person',
      group: null,
      districts: [7, 8],
      url: `http://hub.test/events/${created.body.id}`,
    });
    expect(typeof items[0].id).toBe('string');
    expect(items[0]).not.toHaveProperty('moderation');
    const all = await api(
      ctx.app,
      'GET',
      '/api/v1/events?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z',
    );
    expect(all.body.data.map((i: { title: string }) => i.title)).not.toContain('Pending via API');

    const asEditor = await api(
      ctx.app,
      'GET',
      '/api/v1/events?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z&moderation=pending',
      { token: editorToken },
    );
    expect(
      asEditor.body.data.map((i: { title: string; moderation: string }) => [i.title, i.moderation]),
    ).toContainEqual(['Pending via API', 'pending']);

    const paged = await api(
      ctx.app,
      'GET',
      '/api/v1/events?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z&limit=1',
    );
    expect(paged.body.data).toHaveLength(1);
    expect(paged.body.next).toEqual(expect.any(String));
    const second = await api(
      ctx.app,
      'GET',
      `/api/v1/events?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z&limit=1&cursor=${paged.body.next}`,
    );
    expect(second.body.data[0].id).not.toBe(paged.body.data[0].id);
  });

  it('lets only editors set moderation, and answers bad input with field errors', async () => {
    const pending = await ctx.services.db
      .selectFrom('events')
      .select(['id', 'submitter_person_id'])
      .where('title', '=', 'Pending via API')
      .executeTakeFirstOrThrow();
    const submitter = await ctx.services.db
      .selectFrom('people')
      .select('email')
      .where('id', '=', pending.submitter_person_id!)
      .executeTakeFirstOrThrow();
    const submitterToken = await ctx.apiToken({ email: submitter.email });
    const self = await api(ctx.app, 'PATCH', `/api/v1/events/${pending.id}`, {
      token: submitterToken,
      body: { moderation: 'approved' },
    });
    expect(self.status).toBe(403);
    const editorToken = await ctx.apiToken({ roles: ['editor'] });
    const approved = await api(ctx.app, 'PATCH', `/api/v1/events/${pending.id}`, {
      token: editorToken,
      body: { moderation: 'approved' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.moderation).toBe('approved');

    const noToken = await api(ctx.app, 'POST', '/api/v1/events', { body: { title: 'x' } });
    expect(noToken.status).toBe(401);
    const bad = await api(ctx.app, 'POST', '/api/v1/events', {
      token: editorToken,
      body: {
        title: 'Backwards',
        type: 'meeting',
        start: '2026-03-20T19:00:00-04:00',
        end: '2026-03-20T18:00:00-04:00',
        town: 'Atlantis',
        venue: 'Hall',
        rrule: 'FREQ=HOURLY',
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_input');
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['end', 'rrule', 'town']);
    const openapi = await api(ctx.app, 'GET', '/api/v1/openapi.json');
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/events', '/api/v1/events/{eventId}']),
    );
  });
});

describe('pages, filters and the widget', () => {
  it('filters by district, town, group, type, issue area and online, and keeps them in the URL', async () => {
    const list = async (query: string) => await (await ctx.client().get(`/events?${query}`)).text();
    expect(await list('district=2')).toContain('Climate letter writing night');
    expect(await list('district=9')).not.toContain('Climate letter writing night');
    expect(await list('town=Northampton')).toContain('Climate letter writing night');
    expect(await list('town=Amherst&within=10')).toContain('Climate letter writing night');
    expect(await list('town=Boston')).not.toContain('Climate letter writing night');
    expect(await list('group=northampton-indivisible')).toContain('Our own meeting');
    expect(await list('type=canvass')).toContain('Weekly canvass');
    expect(await list('type=canvass')).not.toContain('Climate letter writing night');
    expect(await list('issue_area=climate')).toContain('Climate letter writing night');
    expect(await list('online=1')).not.toContain('Climate letter writing night');
    const unknown = await list('town=Gotham');
    expect(unknown).toContain('We do not know a Massachusetts city or town called');
    const filtered = await list('district=2&type=letter_writing');
    expect(filtered).toContain('/events.ics?district=2&amp;type=letter_writing');
    expect(await list('view=month&month=2026-03')).toContain('March 2026');
    expect(await list('view=map')).toContain('<svg');
  });

  it('serves an embeddable widget that other sites may frame, and nothing else is framable', async () => {
    const widget = await ctx.client().get('/events/embed?group=northampton-indivisible');
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(widget.headers.get('x-hub-embeddable')).toBeNull();
    expect(await widget.text()).toContain('Our own meeting');
    const page = await ctx.client().get('/events');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const script = await (await ctx.client().get('/events/embed.js')).text();
    expect(script).toContain('http://hub.test/events/embed');
  });

  it('shows this week on the home page', async () => {
    const home = await (await ctx.client().get('/')).text();
    expect(home).toContain('This week');
    expect(home).toContain('Weekly canvass');
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
