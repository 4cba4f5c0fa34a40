// Submitting an event without an account: validation, the upload check, confirmation by email,
// moderation (approve, reject with a reason) and the rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, linkIn, type TestContext } from '../../../test/support/harness.ts';
import { validForm } from './test-support.ts';

let ctx: TestContext;

const START = new Date('2026-03-02T15:00:00Z'); // Monday, 10 am in Boston

async function countEvents() {
  const row = await ctx.services.db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  ctx = await createTestContext({ start: START });
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
