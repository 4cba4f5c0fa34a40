// The events API (/api/v1/events): one item per occurrence, moderation only for editors, field
// errors for bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createTestContext, type TestContext } from '../../../test/support/harness.ts';

let ctx: TestContext;

const START = new Date('2026-03-02T15:00:00Z'); // Monday, 10 am in Boston

beforeAll(async () => {
  ctx = await createTestContext({ start: START });
});
afterAll(() => ctx.close());

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
