import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createTestContext, type TestContext } from '../../../test/support/harness.ts';
import type { CommandContext } from '../../cli/command.ts';
import { saveAllowedHosts } from '../../platform/net/allowed-hosts.ts';
import { eventCommands } from './commands.ts';
import { backoffMs } from './subscriptions.ts';

let ctx: TestContext;
let server: http.Server;
let baseUrl: string;
/** What the local "remote calendars" answer, by path. */
const routes = new Map<string, { status: number; body: string; type?: string }>();
const requests: string[] = [];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-ics-'));

function calendar(events: string[]): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
    'X-WR-TIMEZONE:America/New_York',
    ...events,
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

const SERIES = [
  'BEGIN:VEVENT',
  'UID:series-1@google.com',
  'DTSTAMP:20270101T000000Z',
  'DTSTART;TZID=America/New_York:20270302T190000',
  'DTEND;TZID=America/New_York:20270302T203000',
  'RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20270331T000000Z',
  'EXDATE;TZID=America/New_York:20270316T190000',
  'SUMMARY:Greenfield Indivisible weekly meeting',
  'LOCATION:Greenfield Public Library\\, 412 Main St\\, Greenfield\\, MA 01301',
  'DESCRIPTION:All welcome.',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:series-1@google.com',
  'DTSTAMP:20270101T000000Z',
  'RECURRENCE-ID;TZID=America/New_York:20270323T190000',
  'DTSTART;TZID=America/New_York:20270324T180000',
  'DTEND;TZID=America/New_York:20270324T193000',
  'SUMMARY:Greenfield Indivisible weekly meeting (Wednesday this week)',
  'END:VEVENT',
].join('\r\n');

const ONE_OFF = (title: string) =>
  [
    'BEGIN:VEVENT',
    'UID:oneoff-2@google.com',
    'DTSTAMP:20270101T000000Z',
    'DTSTART:20270305T150000Z',
    'DTEND:20270305T170000Z',
    `SUMMARY:${title}`,
    'LOCATION:https://zoom.us/j/123456',
    'END:VEVENT',
  ].join('\r\n');

const BROKEN = [
  ['BEGIN:VEVENT', 'UID:no-start@x', 'SUMMARY:Missing its start', 'END:VEVENT'].join('\r\n'),
  [
    'BEGIN:VEVENT',
    'UID:backwards@x',
    'DTSTART:20270310T150000Z',
    'DTEND:20270310T140000Z',
    'SUMMARY:Ends before it starts',
    'END:VEVENT',
  ].join('\r\n'),
  [
    'BEGIN:VEVENT',
    'UID:bad-rule@x',
    'DTSTART:20270310T150000Z',
    'RRULE:FREQ=SECONDLY',
    'SUMMARY:Every second',
    'END:VEVENT',
  ].join('\r\n'),
  ['BEGIN:VEVENT', 'DTSTART:20270310T150000Z', 'SUMMARY:No UID at all', 'END:VEVENT'].join('\r\n'),
];

async function runImport(file: string, extra: Record<string, unknown> = {}) {
  const command = eventCommands.find((c) => c.name === 'events:import')!;
  const said: string[] = [];
  const context = {
    services: ctx.services,
    booted: ctx.booted,
    values: { ics: file, ...extra },
    positionals: [],
    progress: { start() {}, tick() {}, stop() {} },
    say: (line: string) => said.push(line),
  } as unknown as CommandContext;
  const summary = await command.run(context);
  return { summary, said };
}

beforeAll(async () => {
  ctx = await createTestContext({ start: new Date('2027-02-20T12:00:00Z') });
  await ctx.services.db
    .insertInto('groups')
    .values({
      slug: 'greenfield-indivisible',
      name: 'Greenfield Indivisible',
      website: null,
      email: 'greenfield@example.org',
      links: '{}',
    })
    .execute();
  server = http.createServer((request, response) => {
    requests.push(request.url ?? '');
    const url = new URL(request.url ?? '/', 'http://x');
    const route = routes.get(url.pathname);
    if (!route) {
      response.writeHead(404).end('not found');
      return;
    }
    response
      .writeHead(route.status, { 'content-type': route.type ?? 'text/calendar' })
      .end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The "remote calendars" are on this machine: an administrator allows the host, or every
  // fetch is refused as internal (platform/net/safe-fetch.ts).
  await saveAllowedHosts(ctx.services.db, ['127.0.0.1']);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await ctx.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('hub events:import --ics', () => {
  const file = path.join(tmp, 'calendar.ics');

  it('imports series, exceptions and overrides, and skips malformed events with a reason each', async () => {
    fs.writeFileSync(file, calendar([SERIES, ONE_OFF('Statewide call'), ...BROKEN]));
    const { summary, said } = await runImport(file, {
      group: 'greenfield-indivisible',
      approve: true,
    });
    expect(summary).toMatchObject({ ok: true, created: 2, updated: 0, skipped: 4 });
    const reasons = (summary.skippedEvents as { reason: string }[]).map((s) => s.reason).join('\n');
    expect(reasons).toMatch(/no start/);
    expect(reasons).toMatch(/ends before it starts/);
    expect(reasons).toMatch(/repeat rule cannot be used/);
    expect(reasons).toMatch(/no UID/);
    expect(said.length).toBe(4);

    const items = (
      await api(
        ctx.app,
        'GET',
        '/api/v1/events?from=2027-03-01T00:00:00Z&to=2027-04-01T00:00:00Z&group=greenfield-indivisible',
      )
    ).body.data;
    expect(items.map((i: { start: string; title: string }) => [i.start, i.title])).toEqual([
      ['2027-03-02T19:00:00-05:00', 'Greenfield Indivisible weekly meeting'],
      ['2027-03-05T10:00:00-05:00', 'Statewide call'],
      ['2027-03-09T19:00:00-05:00', 'Greenfield Indivisible weekly meeting'],
      ['2027-03-24T18:00:00-04:00', 'Greenfield Indivisible weekly meeting (Wednesday this week)'],
      ['2027-03-30T19:00:00-04:00', 'Greenfield Indivisible weekly meeting'],
    ]);
    expect(items[0].districts).toEqual([2]);
    const online = await ctx.services.db
      .selectFrom('events')
      .selectAll()
      .where('source_uid', '=', 'oneoff-2@google.com')
      .executeTakeFirstOrThrow();
    expect(online.mode).toBe('online');
    expect(online.online_url).toBe('https://zoom.us/j/123456');
  });

  it("never duplicates on a second run, updates what changed, and keeps an editor's local edits (saying so)", async () => {
    const again = await runImport(file, { group: 'greenfield-indivisible', approve: true });
    expect(again.summary).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const count = async () =>
      Number(
        (
          await ctx.services.db
            .selectFrom('events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBe(2);

    fs.writeFileSync(file, calendar([SERIES, ONE_OFF('Statewide call (new agenda)')]));
    const changed = await runImport(file, { approve: true });
    expect(changed.summary).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(await count()).toBe(2);

    const event = await ctx.services.db
      .selectFrom('events')
      .select('id')
      .where('source_uid', '=', 'oneoff-2@google.com')
      .executeTakeFirstOrThrow();
    const token = await ctx.apiToken({ roles: ['editor'] });
    await api(ctx.app, 'PATCH', `/api/v1/events/${event.id}`, {
      token,
      body: { title: 'Statewide call: edited by an editor' },
    });
    fs.writeFileSync(file, calendar([SERIES, ONE_OFF('Statewide call (agenda v3)')]));
    const kept = await runImport(file, { approve: true });
    expect(kept.summary).toMatchObject({ updated: 0, keptLocalEdits: 1 });
    expect(kept.said.join('\n')).toContain(
      'Kept local edits of "Statewide call: edited by an editor"',
    );
    const stored = await ctx.services.db
      .selectFrom('events')
      .select('title')
      .where('id', '=', event.id)
      .executeTakeFirstOrThrow();
    expect(stored.title).toBe('Statewide call: edited by an editor');
  });

  it('fails clearly on a file that is not iCalendar, or a group that does not exist', async () => {
    const bad = path.join(tmp, 'bad.ics');
    fs.writeFileSync(bad, 'name,date\nRally,2027-03-01\n');
    await expect(runImport(bad)).rejects.toThrow(/not an iCalendar file/);
    await expect(runImport(file, { group: 'nope' })).rejects.toThrow(
      /no group with the slug "nope"/,
    );
    await expect(runImport(path.join(tmp, 'missing.ics'))).rejects.toThrow(/Could not read/);
  });
});

describe('group feed subscriptions', () => {
  it('adds events from a subscribed feed, cancels those that leave it, and backs off and tells the group when it fails', async () => {
    routes.set('/good.ics', {
      status: 200,
      body: calendar([
        ONE_OFF('Ignored: same UID as the CLI import'),
        [
          'BEGIN:VEVENT',
          'UID:feed-only@x',
          'DTSTAMP:20270101T000000Z',
          'DTSTART:20270306T150000Z',
          'SUMMARY:Feed rally',
          'LOCATION:Town Common\\, Greenfield',
          'END:VEVENT',
        ].join('\r\n'),
      ]),
    });
    routes.set('/broken.ics', { status: 500, body: 'oops' });
    const editor = await ctx.signedIn({ roles: ['editor'] });
    const organizer = await ctx.signedIn({ email: 'feeds-org@example.org' });
    const group = await ctx.services.db
      .selectFrom('groups')
      .select('id')
      .where('slug', '=', 'greenfield-indivisible')
      .executeTakeFirstOrThrow();
    await ctx.services.db
      .insertInto('group_organizers')
      .values({ group_id: group.id, person_id: organizer.actor.personId })
      .execute();

    const bad = await editor.postForm('/admin/events/feeds', {
      group: String(group.id),
      kind: 'ical',
      url: 'not a url',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/full address of the calendar/);
    expect((await ctx.client().get('/admin/events/feeds')).status).toBe(401);

    expect(
      (
        await editor.postForm('/admin/events/feeds', {
          group: String(group.id),
          kind: 'ical',
          url: `${baseUrl}/good.ics`,
          trusted: '1',
        })
      ).status,
    ).toBe(303);
    expect(
      (
        await editor.postForm('/admin/events/feeds', {
          group: String(group.id),
          kind: 'ical',
          url: `${baseUrl}/broken.ics`,
        })
      ).status,
    ).toBe(303);
    await ctx.runJobs();

    const rally = await ctx.services.db
      .selectFrom('events')
      .selectAll()
      .where('source_uid', '=', 'feed-only@x')
      .executeTakeFirstOrThrow();
    expect(rally.moderation).toBe('approved');
    expect(rally.town_id).not.toBeNull();
    const feeds = await ctx.services.db
      .selectFrom('event_feeds')
      .selectAll()
      .orderBy('id')
      .execute();
    expect(feeds[0]!.last_error).toBeNull();
    expect(feeds[1]!.failure_count).toBe(1);
    expect(feeds[1]!.last_error).toMatch(/500/);
    expect(
      Math.abs(feeds[1]!.next_sync_at.getTime() - ctx.services.now().getTime() - backoffMs(1)),
    ).toBeLessThan(10_000);
    const warned = await ctx.outbox('feeds-org@example.org');
    expect(warned.map((m) => m.subject)).toContain(
      "We could not read Greenfield Indivisible's calendar feed",
    );
    const page = await (await organizer.get('/admin/events/feeds')).text();
    expect(page).toContain('Failing (1 times in a row)');

    // The event leaves the feed: it is marked cancelled, not deleted.
    routes.set('/good.ics', { status: 200, body: calendar([]) });
    ctx.travel(2 * 3_600_000);
    await ctx.runJobs(); // the recurring tick is not running in tests: sync directly
    const { runFeedSync } = await import('./subscriptions.ts');
    await runFeedSync(ctx.services, feeds[0]!.id);
    await runFeedSync(ctx.services, feeds[1]!.id);
    const after = await ctx.services.db
      .selectFrom('events')
      .select('status')
      .where('id', '=', rally.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('cancelled');
    const broken = await ctx.services.db
      .selectFrom('event_feeds')
      .selectAll()
      .where('id', '=', feeds[1]!.id)
      .executeTakeFirstOrThrow();
    expect(broken.failure_count).toBe(2);
    expect(backoffMs(2)).toBeGreaterThan(backoffMs(1));
  });
});

describe('Mobilize import', () => {
  it('imports one occurrence per timeslot, follows pages, asks only for changes, and cancels deleted events', async () => {
    const t = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);
    const event = (id: number, title: string, slots: [string, string][]) => ({
      id,
      title,
      summary: 'Short',
      description: 'Knock doors with us.',
      event_type: 'CANVASS',
      timezone: 'America/New_York',
      browser_url: `https://www.mobilize.us/org/event/${id}/`,
      visibility: 'PUBLIC',
      is_virtual: false,
      location: {
        venue: 'Town Hall',
        address_lines: ['1 Main St', ''],
        locality: 'Pittsfield',
        region: 'MA',
        postal_code: '01201',
      },
      timeslots: slots.map(([start, end], i) => ({
        id: id * 10 + i,
        start_date: t(start),
        end_date: t(end),
        is_full: false,
      })),
      modified_date: t('2027-02-01T00:00:00Z'),
    });
    routes.set('/v1/organizations/42/events', {
      status: 200,
      type: 'application/json',
      body: JSON.stringify({
        count: 2,
        next: `${baseUrl}/v1/organizations/42/events/page2`,
        previous: null,
        data: [
          event(501, 'Saturday canvass', [
            ['2027-03-06T15:00:00Z', '2027-03-06T18:00:00Z'],
            ['2027-03-13T15:00:00Z', '2027-03-13T18:00:00Z'],
            ['2027-03-20T14:00:00Z', '2027-03-20T16:00:00Z'],
          ]),
        ],
      }),
    });
    routes.set('/v1/organizations/42/events/page2', {
      status: 200,
      type: 'application/json',
      body: JSON.stringify({
        count: 2,
        next: null,
        previous: null,
        data: [
          event(502, 'Phone bank', [['2027-03-08T23:00:00Z', '2027-03-09T01:00:00Z']]),
          { id: 503, title: null },
        ],
      }),
    });
    routes.set('/v1/organizations/42/events/deleted', {
      status: 200,
      type: 'application/json',
      body: JSON.stringify({
        count: 1,
        next: null,
        data: [{ id: 502, deleted_date: t('2027-02-21T00:00:00Z') }],
      }),
    });

    const editor = await ctx.signedIn({ roles: ['editor'] });
    const group = await ctx.services.db
      .selectFrom('groups')
      .select('id')
      .where('slug', '=', 'greenfield-indivisible')
      .executeTakeFirstOrThrow();
    const added = await editor.postForm('/admin/events/feeds', {
      group: String(group.id),
      kind: 'mobilize',
      url: baseUrl,
      organizationId: '42',
      trusted: '1',
    });
    expect(added.status).toBe(303);
    const { runFeedSync } = await import('./subscriptions.ts');
    const feed = await ctx.services.db
      .selectFrom('event_feeds')
      .selectAll()
      .where('kind', '=', 'mobilize')
      .executeTakeFirstOrThrow();
    requests.length = 0;
    await runFeedSync(ctx.services, feed.id);
    expect(requests[0]).toMatch(/^\/v1\/organizations\/42\/events\?/);
    expect(requests[0]).not.toContain('updated_since');

    const canvass = await ctx.services.db
      .selectFrom('events')
      .selectAll()
      .where('source', '=', 'mobilize')
      .where('source_uid', '=', '501')
      .executeTakeFirstOrThrow();
    expect(canvass.type).toBe('canvass');
    const occurrences = await ctx.services.db
      .selectFrom('event_occurrences')
      .selectAll()
      .where('event_id', '=', canvass.id)
      .orderBy('starts_at')
      .execute();
    expect(occurrences.map((o) => [o.starts_at.toISOString(), o.ends_at?.toISOString()])).toEqual([
      ['2027-03-06T15:00:00.000Z', '2027-03-06T18:00:00.000Z'],
      ['2027-03-13T15:00:00.000Z', '2027-03-13T18:00:00.000Z'],
      ['2027-03-20T14:00:00.000Z', '2027-03-20T16:00:00.000Z'],
    ]);
    const report = (
      await ctx.services.db
        .selectFrom('event_feeds')
        .select('report')
        .where('id', '=', feed.id)
        .executeTakeFirstOrThrow()
    ).report as { created: number; skipped: unknown[] };
    expect(report.created).toBe(2);
    expect(report.skipped).toHaveLength(1);

    requests.length = 0;
    ctx.travel(3_600_000);
    await runFeedSync(ctx.services, feed.id);
    expect(requests.some((r) => /updated_since=\d+/.test(r))).toBe(true);
    expect(requests.some((r) => r.startsWith('/v1/organizations/42/events/deleted'))).toBe(true);
    const phoneBank = await ctx.services.db
      .selectFrom('events')
      .select('status')
      .where('source', '=', 'mobilize')
      .where('source_uid', '=', '502')
      .executeTakeFirstOrThrow();
    expect(phoneBank.status).toBe('cancelled');
    const count = await ctx.services.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('source', '=', 'mobilize')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });
});
