// What organizers and editors may do: an organizer's event for their own group is published at
// once, another group's waits; nobody edits an event that is not theirs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGroup, buildPerson, type GroupRow } from '../../../test/support/factories.ts';
import { api, createTestContext, type TestContext } from '../../../test/support/harness.ts';
import { validForm } from './test-support.ts';

let ctx: TestContext;
let group: GroupRow;
let otherGroup: GroupRow;

const START = new Date('2026-03-02T15:00:00Z'); // Monday, 10 am in Boston

beforeAll(async () => {
  ctx = await createTestContext({ start: START });
  const organizer = await buildPerson(ctx.services, { email: 'org@example.org' });
  group = await buildGroup(ctx.services, {
    name: 'Northampton Indivisible',
    organizers: [organizer],
  });
  otherGroup = await buildGroup(ctx.services, { name: 'Boston Allies' });
});
afterAll(() => ctx.close());

describe('organizers and editors', () => {
  it("publishes an organizer's event for their own group at once, and waits for another group's", async () => {
    const client = await ctx.signedIn({ email: 'org@example.org' });
    const own = await client.postForm(
      '/events/new',
      validForm({
        title: 'Our own meeting',
        group: group.slug,
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
      validForm({ title: 'Their meeting', group: otherGroup.slug, submitterEmail: undefined }),
    );
    const theirs = await ctx.services.db
      .selectFrom('events')
      .selectAll()
      .where('title', '=', 'Their meeting')
      .executeTakeFirstOrThrow();
    expect(theirs.moderation).toBe('pending');
    expect(theirs.group_id).toBe(otherGroup.id);
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
