import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, buildGroup, buildPerson, buildResource } from '../support/factories.ts';
import { createTestContext, type TestContext } from '../support/harness.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('test factories', () => {
  it('buildPerson: a person with an account and the roles asked for, unique each call', async () => {
    const one = await buildPerson(ctx.services, { roles: ['editor'] });
    const two = await buildPerson(ctx.services);
    expect(one.email).not.toBe(two.email);
    expect(one.actor).toMatchObject({ personId: one.id, roles: ['editor'] });
    expect(two.actor.roles).toEqual([]);
  });

  it('buildGroup: a group with its organizers, on its profile page and in search', async () => {
    const olga = await buildPerson(ctx.services, { name: 'Olga Organizer' });
    const group = await buildGroup(ctx.services, { name: 'Salem Speaks', organizers: [olga] });
    expect(group).toMatchObject({ slug: 'salem-speaks', name: 'Salem Speaks', kind: 'group' });
    expect((await ctx.client().get('/groups/salem-speaks')).status).toBe(200);
    const organizer = await ctx.signedIn({ email: olga.email });
    expect((await organizer.get('/groups/salem-speaks/edit')).status).toBe(200);
    expect(await (await ctx.client().get('/search?q=salem')).text()).toContain(
      'href="/groups/salem-speaks"',
    );
  });

  it('buildEvent: an approved event with its occurrences, hosted by the group given', async () => {
    const group = await buildGroup(ctx.services, { name: 'Lowell Rising' });
    const event = await buildEvent(ctx.services, { group, title: 'Lowell phone bank' });
    expect(event).toMatchObject({ group_id: group.id, moderation: 'approved' });
    const page = await ctx.client().get(`/events/${event.id}`);
    expect(await page.text()).toContain('Lowell phone bank');
    const pending = await buildEvent(ctx.services, { moderation: 'pending' });
    expect(pending).toMatchObject({ group_id: null, moderation: 'pending' });
  });

  it('buildResource: a published resource by a new editor, or a draft', async () => {
    const guide = await buildResource(ctx.services, { title: 'Canvassing in the rain' });
    expect(guide.published_revision_id).not.toBeNull();
    expect(await (await ctx.client().get(`/resources/${guide.slug}`)).text()).toContain(
      'Canvassing in the rain',
    );
    const draft = await buildResource(ctx.services, { publish: false });
    expect(draft.published_revision_id).toBeNull();
    expect((await ctx.client().get(`/resources/${draft.slug}`)).status).toBe(404);
  });
});
