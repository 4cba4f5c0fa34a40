// The calendar's pages: filters kept in the URL, month and map views, the embeddable widget,
// and this week on the home page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, buildGroup, type GroupRow } from '../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../test/support/harness.ts';

let ctx: TestContext;
let group: GroupRow;

const START = new Date('2026-03-02T15:00:00Z'); // Monday, 10 am in Boston

beforeAll(async () => {
  ctx = await createTestContext({ start: START });
  const { services } = ctx;
  group = await buildGroup(services, { name: 'Northampton Indivisible' });
  const letterWriting = {
    title: 'Climate letter writing night',
    type: 'letter_writing' as const,
    description: 'Write to your **state senator**.',
    issueAreas: ['climate'],
    venue: 'Forbes Library',
    address: '20 West Street',
    town: 'Northampton',
    start: new Date('2026-03-12T22:30:00Z'), // Thu 6:30 pm EDT
    end: new Date('2026-03-13T00:00:00Z'),
  };
  await buildEvent(services, letterWriting);
  await buildEvent(services, { ...letterWriting, title: 'Our own meeting', group });
  await buildEvent(services, {
    title: 'Weekly canvass',
    type: 'canvass',
    start: new Date('2026-03-07T15:00:00Z'), // Sat 10 am EST
    end: new Date('2026-03-07T17:00:00Z'),
    rrule: 'FREQ=WEEKLY;COUNT=3',
    town: 'Boston',
    venue: 'Park Street',
    issueAreas: ['voting-rights'],
  });
});
afterAll(() => ctx.close());

describe('pages, filters and the widget', () => {
  it('filters by district, town, group, type, issue area and online, and keeps them in the URL', async () => {
    const list = async (query: string) => await (await ctx.client().get(`/events?${query}`)).text();
    expect(await list('district=2')).toContain('Climate letter writing night');
    expect(await list('district=9')).not.toContain('Climate letter writing night');
    expect(await list('town=Northampton')).toContain('Climate letter writing night');
    expect(await list('town=Amherst&within=10')).toContain('Climate letter writing night');
    expect(await list('town=Boston')).not.toContain('Climate letter writing night');
    expect(await list(`group=${group.slug}`)).toContain('Our own meeting');
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
    const widget = await ctx.client().get(`/events/embed?group=${group.slug}`);
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
