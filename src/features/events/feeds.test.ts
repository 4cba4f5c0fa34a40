import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createTestContext, type TestContext } from '../../../test/support/harness.ts';
import { buildVtimezone, escapeText, foldLine, writeCalendar } from './ics.ts';

describe('the iCalendar writer', () => {
  it('escapes text and folds long lines at 75 octets without splitting characters', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    const line = `SUMMARY:${'Réunion à Worcester — '.repeat(8)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n'))
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(
      folded
        .split('\r\n')
        .map((part, i) => (i ? part.slice(1) : part))
        .join(''),
    ).toBe(line);
  });

  it('round-trips through ical.js: text, zones, all-day events', () => {
    const text = writeCalendar({
      name: 'Test',
      events: [
        {
          uid: 'a@test',
          stamp: new Date('2026-01-01T00:00:00Z'),
          start: new Date('2026-07-04T14:00:00Z'),
          end: new Date('2026-07-04T16:00:00Z'),
          allDay: false,
          timezone: 'America/New_York',
          summary: 'Rally; bring water, hats\nand signs',
          description:
            'Line one\nLine two with a very long sentence that certainly needs folding because it goes on and on and on.',
          status: 'cancelled',
        },
        {
          uid: 'b@test',
          stamp: new Date('2026-01-01T00:00:00Z'),
          start: new Date('2026-07-10T04:00:00Z'),
          end: null,
          allDay: true,
          timezone: 'America/New_York',
          summary: 'Fair',
          status: 'scheduled',
        },
      ],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(text));
    for (const zone of calendar.getAllSubcomponents('vtimezone'))
      ICAL.TimezoneService.register(zone);
    const [rally, fair] = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(rally!.summary).toBe('Rally; bring water, hats\nand signs');
    expect(rally!.startDate.toJSDate().toISOString()).toBe('2026-07-04T14:00:00.000Z');
    expect(rally!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(fair!.startDate.isDate).toBe(true);
    expect(fair!.startDate.toString()).toBe('2026-07-10');
    expect(fair!.endDate.toString()).toBe('2026-07-11');
  });

  it('describes each daylight-saving change of the zone in its VTIMEZONE', () => {
    const lines = buildVtimezone('America/New_York', 2026, 2026);
    expect(lines).toContain('DTSTART:20260308T020000');
    expect(lines).toContain('DTSTART:20261101T020000');
    expect(lines.filter((l) => l === 'BEGIN:DAYLIGHT')).toHaveLength(1);
  });
});

describe('the feeds', () => {
  let ctx: TestContext;
  let seriesId: number;

  beforeAll(async () => {
    ctx = await createTestContext({ start: new Date('2027-02-20T12:00:00Z') });
    await ctx.services.db
      .insertInto('groups')
      .values({
        slug: 'lowell-indivisible',
        name: 'Lowell Indivisible',
        website: null,
        email: null,
        links: '{}',
      })
      .execute();
    const token = await ctx.apiToken({ roles: ['editor'] });
    const series = await api(ctx.app, 'POST', '/api/v1/events', {
      token,
      body: {
        title: 'Weekly meeting, with commas, semicolons; and a backslash \\',
        type: 'meeting',
        start: '2027-03-02T19:00:00-05:00',
        end: '2027-03-02T20:30:00-05:00',
        rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=8',
        exdates: ['2027-03-23T19:00:00-04:00'],
        town: 'Lowell',
        venue: 'Pollard Memorial Library',
        group: 'lowell-indivisible',
        issueAreas: ['democracy'],
      },
    });
    expect(series.status).toBe(201);
    seriesId = series.body.id;
    await api(ctx.app, 'POST', '/api/v1/events', {
      token,
      body: {
        title: 'Online training',
        type: 'training',
        start: '2027-03-05T12:00:00-05:00',
        mode: 'online',
        onlineUrl: 'https://example.org/zoom',
        issueAreas: ['climate'],
      },
    });
    // Move the third date and cancel the fifth: overrides of one occurrence each.
    const editor = await ctx.signedIn({ roles: ['editor'] });
    const occurrences = await ctx.services.db
      .selectFrom('event_occurrences')
      .selectAll()
      .where('event_id', '=', seriesId)
      .orderBy('starts_at')
      .execute();
    expect(occurrences).toHaveLength(7);
    const moved = await editor.postForm(`/events/${seriesId}/occurrences/${occurrences[2]!.id}`, {
      action: 'move',
      date: '2027-03-17',
      startTime: '18:00',
      endTime: '19:00',
    });
    expect(moved.status).toBe(303);
    const cancelled = await editor.postForm(
      `/events/${seriesId}/occurrences/${occurrences[4]!.id}`,
      { action: 'cancel' },
    );
    expect(cancelled.status).toBe(303);
  });
  afterAll(() => ctx.close());

  it('publishes one VEVENT per series with RRULE and EXDATE, and RECURRENCE-ID overrides that ical.js expands to the same dates as the API', async () => {
    const response = await ctx.client().get('/events.ics');
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await response.text();
    expect(text).toContain('BEGIN:VTIMEZONE');
    expect(text).toContain('TZID:America/New_York');
    expect(text).toContain('RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=8');
    expect(text).toContain('EXDATE;TZID=America/New_York:20270323T190000');
    expect(text).toContain(
      'SUMMARY:Weekly meeting\\, with commas\\, semicolons\\; and a backslash \\\\',
    );
    expect(text).toMatch(/RECURRENCE-ID;TZID=America\/New_York:20270316T190000/);
    expect(text).toContain('STATUS:CANCELLED');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);

    const calendar = new ICAL.Component(ICAL.parse(text));
    for (const zone of calendar.getAllSubcomponents('vtimezone'))
      ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    for (const event of events) expect(event.uid).toBeTruthy();
    const uid = `event-${seriesId}@hub.test`;
    const master = events.find((e) => e.uid === uid && !e.isRecurrenceException())!;
    for (const exception of events.filter((e) => e.uid === uid && e.isRecurrenceException()))
      master.relateException(exception);
    const fromFeed: { start: string; cancelled: boolean }[] = [];
    const iterator = master.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      const details = master.getOccurrenceDetails(next);
      fromFeed.push({
        start: details.startDate.toJSDate().toISOString(),
        cancelled: details.item.component.getFirstPropertyValue('status') === 'CANCELLED',
      });
    }
    const fromApi = await api(
      ctx.app,
      'GET',
      '/api/v1/events?from=2027-03-01T00:00:00Z&to=2027-06-01T00:00:00Z&type=meeting',
    );
    const apiDates = fromApi.body.data.map((item: { start: string; status: string }) => ({
      start: new Date(item.start).toISOString(),
      cancelled: item.status === 'cancelled',
    }));
    expect(fromFeed.sort((a, b) => a.start.localeCompare(b.start))).toEqual(apiDates);
    expect(apiDates).toHaveLength(7);
    expect(apiDates).toContainEqual({ start: '2027-03-17T22:00:00.000Z', cancelled: false });
    expect(apiDates).toContainEqual({ start: '2027-04-06T23:00:00.000Z', cancelled: true });
  });

  it('filters the feeds by group, district, type, issue area and town', async () => {
    const titles = async (query: string) => {
      const text = await (await ctx.client().get(`/events.ics?${query}`)).text();
      return new ICAL.Component(ICAL.parse(text))
        .getAllSubcomponents('vevent')
        .filter((v) => !v.hasProperty('recurrence-id'))
        .map((v) => String(v.getFirstPropertyValue('summary')));
    };
    expect(await titles('group=lowell-indivisible')).toHaveLength(1);
    expect(await titles('district=3')).toHaveLength(1);
    expect(await titles('district=1')).toHaveLength(0);
    expect(await titles('type=training')).toEqual(['Online training']);
    expect(await titles('issue_area=climate')).toEqual(['Online training']);
    expect(await titles('town=Lowell')).toHaveLength(1);
    expect(await titles('')).toHaveLength(2);
  });

  it('serves one event as .ics and an RSS feed of upcoming occurrences', async () => {
    const one = await ctx.client().get(`/events/${seriesId}.ics`);
    expect(one.status).toBe(200);
    const text = await one.text();
    expect(new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').length).toBe(3);
    expect((await ctx.client().get('/events/999999.ics')).status).toBe(404);

    const rss = await ctx.client().get('/events.rss?group=lowell-indivisible');
    expect(rss.headers.get('content-type')).toContain('application/rss+xml');
    const xml = await rss.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<rss version="2.0"/);
    expect(xml.match(/<item>/g)).toHaveLength(7);
    expect(xml).toContain('CANCELLED: Weekly meeting, with commas');
  });

  it('shows a change in the feed at once (the cache is thrown away)', async () => {
    const before = await (await ctx.client().get('/events.ics?type=training')).text();
    expect(before).toContain('Online training');
    const apiUrl = '/api/v1/events?from=2027-03-01T00:00:00Z&type=training';
    const first = await api(ctx.app, 'GET', apiUrl);
    expect((await api(ctx.app, 'GET', apiUrl)).body).toEqual(first.body);
    expect(first.body.data[0].title).toBe('Online training');
    const event = await ctx.services.db
      .selectFrom('events')
      .select('id')
      .where('title', '=', 'Online training')
      .executeTakeFirstOrThrow();
    const token = await ctx.apiToken({ roles: ['editor'] });
    await api(ctx.app, 'PATCH', `/api/v1/events/${event.id}`, {
      token,
      body: { title: 'Online training, renamed' },
    });
    const after = await (await ctx.client().get('/events.ics?type=training')).text();
    expect(after).toContain('SUMMARY:Online training\\, renamed');
    expect((await api(ctx.app, 'GET', apiUrl)).body.data[0].title).toBe('Online training, renamed');
  });
});
