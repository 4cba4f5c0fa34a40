import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/harness.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { createEventAs } from '../events/test-support.ts';
import { GroupInput } from './schemas.ts';
import { createGroup } from './service.ts';

let ctx: TestContext;
let editor: Actor;

const text = async (response: Response) => (await response.text()).replace(/<!-- -->/g, '');

beforeAll(async () => {
  ctx = await createTestContext();
  const admin = (await ctx.signedIn({ roles: ['administrator', 'editor'] })).actor;
  editor = admin;
  for (const name of ['Worcester Indivisible', 'Quiet Worcester']) {
    await createGroup(ctx.services, admin, GroupInput.parse({ name, towns: ['Worcester'] }));
  }
  await createEventAs(ctx.services, editor, {
    title: 'Postcards for democracy',
    group: 'worcester-indivisible',
  });
  const later = new Date(ctx.services.now().getTime() + 20 * 86_400_000);
  await createEventAs(ctx.services, editor, {
    title: 'Rally at City Hall',
    group: 'worcester-indivisible',
    start: later,
    end: new Date(later.getTime() + 3_600_000),
  });
  await createEventAs(
    ctx.services,
    editor,
    { title: 'Unapproved idea', group: 'worcester-indivisible' },
    'pending',
  );
});
afterAll(() => ctx.close());

describe('the calendar in the directory', () => {
  it('shows a group’s upcoming approved events on its profile, soonest first', async () => {
    const html = await text(await ctx.client().get('/groups/worcester-indivisible'));
    const section = html.slice(html.indexOf('Upcoming events'), html.indexOf('id="contact"'));
    expect(section).toContain('Postcards for democracy');
    expect(section).toContain('Rally at City Hall');
    expect(section.indexOf('Postcards')).toBeLessThan(section.indexOf('Rally'));
    expect(section).not.toContain('Unapproved idea');
    expect(section).toMatch(/href="\/events\/\d+"/);
    expect(section).toContain('href="/events?group=worcester-indivisible"');
  });

  it('says so when a group has no upcoming events', async () => {
    const html = await text(await ctx.client().get('/groups/quiet-worcester'));
    expect(html).toContain('No upcoming events are listed for this group.');
  });

  it('shows each group’s next event on its card', async () => {
    const html = await text(await ctx.client().get('/groups?q=Worcester'));
    const card = html.slice(html.indexOf('href="/groups/worcester-indivisible"'));
    expect(card.slice(0, 2000)).toContain('Next:');
    expect(card.slice(0, 2000)).toContain('Postcards for democracy');
    const quiet = html.slice(html.indexOf('href="/groups/quiet-worcester"'));
    expect(quiet.slice(0, quiet.indexOf('</li>'))).not.toContain('Next:');
  });
});
