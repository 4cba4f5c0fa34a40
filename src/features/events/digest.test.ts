import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, buildGroup, type GroupRow } from '../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../test/support/harness.ts';
import { listDigestOccurrences, listUpcomingOccurrences } from './digest.ts';

let ctx: TestContext;
let group: GroupRow;

beforeAll(async () => {
  ctx = await createTestContext({ start: new Date('2026-03-01T12:00:00Z') });
  group = await buildGroup(ctx.services, { name: 'Worcester Indivisible' });
});
afterAll(() => ctx.close());

describe('the calendar digest', () => {
  it('lists approved public occurrences in start order, one per occurrence of a series', async () => {
    const { services } = ctx;
    const weekly = await buildEvent(services, {
      title: 'Weekly phone bank',
      type: 'phone_bank',
      group,
      start: new Date('2026-03-03T23:00:00Z'), // Tue 6 pm EST
      end: new Date('2026-03-04T00:30:00Z'),
      rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4',
    });
    await buildEvent(services, {
      title: 'Waiting for review',
      start: new Date('2026-03-05T23:00:00Z'),
      end: null,
      moderation: 'pending',
    });
    await buildEvent(services, {
      title: 'Secret planning',
      visibility: 'unlisted',
      start: new Date('2026-03-06T23:00:00Z'),
      end: null,
    });
    const rally = await buildEvent(services, {
      title: 'Rally at the State House',
      type: 'rally',
      town: 'Boston',
      start: new Date('2026-03-07T17:00:00Z'),
      end: new Date('2026-03-07T19:00:00Z'),
      status: 'cancelled',
    });

    const items = await listDigestOccurrences(services.db, {
      from: new Date('2026-03-01T00:00:00Z'),
      to: new Date('2026-04-01T00:00:00Z'),
    });
    expect(items.map((i) => i.title)).toEqual([
      'Weekly phone bank',
      'Rally at the State House',
      'Weekly phone bank',
      'Weekly phone bank',
      'Weekly phone bank',
    ]);
    // Across the March 8 change the meeting stays at 6 pm local: 23:00Z, then 22:00Z.
    const phoneBank = items.filter((i) => i.eventId === weekly.id);
    expect(phoneBank.map((i) => i.start.toISOString())).toEqual([
      '2026-03-03T23:00:00.000Z',
      '2026-03-10T22:00:00.000Z',
      '2026-03-17T22:00:00.000Z',
      '2026-03-24T22:00:00.000Z',
    ]);
    expect(new Set(phoneBank.map((i) => i.occurrenceId)).size).toBe(4);
    expect(phoneBank[0]).toMatchObject({
      url: `/events/${weekly.id}`,
      group: { slug: 'worcester-indivisible', name: 'Worcester Indivisible' },
      town: 'Worcester',
      districts: [2],
      mode: 'in_person',
      status: 'scheduled',
      allDay: false,
      timezone: 'America/New_York',
      featured: false,
      summary: 'Bring a friend. Snacks provided.',
    });
    const rallyItem = items.find((i) => i.eventId === rally.id)!;
    expect(rallyItem.status).toBe('cancelled');
    expect(rallyItem.districts.length).toBeGreaterThan(1);
  });

  it('filters upcoming occurrences by group and district, with a limit', async () => {
    const from = new Date('2026-03-01T00:00:00Z');
    const to = new Date('2026-06-01T00:00:00Z');
    const forGroup = await listUpcomingOccurrences(ctx.services.db, {
      groupId: group.id,
      from,
      to,
      limit: 2,
    });
    expect(forGroup).toHaveLength(2);
    expect(forGroup.every((i) => i.group?.slug === 'worcester-indivisible')).toBe(true);
    const district8 = await listUpcomingOccurrences(ctx.services.db, {
      district: 8,
      from,
      to,
      limit: 10,
    });
    expect(district8.map((i) => i.title)).toEqual(['Rally at the State House']);
    const district9 = await listUpcomingOccurrences(ctx.services.db, {
      district: 9,
      from,
      to,
      limit: 10,
    });
    expect(district9).toEqual([]);
  });
});

describe('sample events', () => {
  it('loads about fifteen sample events (some repeating, one cancelled) and clears them in one step', async () => {
    const { eventsFeature } = await import('./index.tsx');
    const loaded = await ctx.services.db
      .transaction()
      .execute((tx) => eventsFeature.sample!.load(tx, ctx.services));
    expect(loaded.events).toBeGreaterThanOrEqual(15);
    const samples = await ctx.services.db
      .selectFrom('events')
      .selectAll()
      .where('is_sample', '=', true)
      .execute();
    expect(samples.filter((e) => e.rrule).length).toBeGreaterThanOrEqual(3);
    expect(samples.filter((e) => e.status === 'cancelled')).toHaveLength(1);
    expect(new Set(samples.flatMap((e) => e.districts)).size).toBeGreaterThanOrEqual(7);
    const page = await (await ctx.client().get('/events')).text();
    expect(page).toContain('Sample');
    const cleared = await ctx.services.db
      .transaction()
      .execute((tx) => eventsFeature.sample!.clear(tx, ctx.services));
    expect(cleared.events).toBe(loaded.events);
    expect(
      await ctx.services.db
        .selectFrom('events')
        .select('id')
        .where('is_sample', '=', true)
        .execute(),
    ).toEqual([]);
    const search = await ctx.services.db
      .selectFrom('search_documents')
      .select('ref_id')
      .where('kind', '=', 'event')
      .execute();
    expect(search.map((s) => s.ref_id)).not.toContain(String(samples[0]!.id));
  });
});
