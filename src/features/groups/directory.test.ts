import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createTestContext, type TestContext } from '../../../test/support/harness.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { clearSampleContent, loadSampleContent } from '../../platform/sample.ts';
import { GroupInput } from './schemas.ts';
import { createGroup } from './service.ts';

let ctx: TestContext;
let admin: Actor;

async function addGroup(input: Record<string, unknown>) {
  return createGroup(ctx.services, admin, GroupInput.parse(input));
}

const text = async (response: Response) => (await response.text()).replace(/<!-- -->/g, '');

beforeAll(async () => {
  ctx = await createTestContext();
  admin = (await ctx.signedIn({ roles: ['administrator'] })).actor;
  await addGroup({
    name: 'Worcester Indivisible',
    towns: ['Worcester'],
    issueAreas: ['voting-rights', 'climate'],
    email: 'hello@worcester.example.org',
    website: 'https://worcester.example.org',
    links: { facebook: 'facebook.com/worcesterindivisible' },
    description: 'We meet on Tuesdays.\n\nAll welcome.',
  });
  await addGroup({ name: 'Shrewsbury Rising', towns: ['Shrewsbury'], issueAreas: ['climate'] });
  await addGroup({ name: 'Berkshire Action', towns: ['Pittsfield', 'Lenox'] });
  await addGroup({ name: 'Fitchburg Forward', towns: ['Fitchburg'] });
  await addGroup({ name: 'Lowell Loud', towns: ['Lowell'], issueAreas: ['labor'] });
  await addGroup({ name: 'Roxbury Rising', towns: ['Boston'] });
  await addGroup({
    name: 'Voter Alliance',
    kind: 'ally',
    towns: [],
    issueAreas: ['voting-rights'],
  });
});
afterAll(() => ctx.close());

describe('the finder at /groups', () => {
  it('lists every group by name when nothing is typed, with a map and district links', async () => {
    const response = await ctx.client().get('/groups');
    expect(response.status).toBe(200);
    const html = await text(response);
    expect(html).toContain('All groups');
    const names = [...html.matchAll(/<h3><a href="\/groups\/([a-z0-9-]+)">/g)].map((m) => m[1]);
    expect(names).toEqual([
      'berkshire-action',
      'fitchburg-forward',
      'lowell-loud',
      'roxbury-rising',
      'shrewsbury-rising',
      'voter-alliance',
      'worcester-indivisible',
    ]);
    expect(html).toContain('<img src="/groups/map.svg?"');
    const map = await ctx.client().get('/groups/map.svg?');
    expect(map.headers.get('content-type')).toContain('image/svg+xml');
    const svg = await map.text();
    // One dot per town served by the seven groups (Pittsfield and Lenox share one group).
    expect(svg.match(/<circle class="p"/g)).toHaveLength(7);
    expect(html).toContain('href="/groups?district=9"');
  });

  it('finds groups by town, nearest first, with the district and representatives', async () => {
    const response = await ctx.client().get('/groups?q=worcester');
    expect(response.status).toBe(200);
    const html = await text(response);
    expect(html).toContain('Worcester is in the 2nd Congressional District.');
    expect(html).toContain('James P. McGovern');
    expect(html).toContain('State representative');
    expect(html).toContain('Groups near Worcester');
    const order = ['worcester-indivisible', 'shrewsbury-rising', 'voter-alliance'].map((slug) =>
      html.indexOf(`href="/groups/${slug}"`),
    );
    expect(order.every((index) => index > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).toContain('Serves Worcester');
    expect(html).toMatch(/\d+ mi away/);
    expect(html).not.toContain('href="/groups/berkshire-action"');
  });

  it('accepts common spellings of a town name', async () => {
    const html = await text(await ctx.client().get('/groups?q=MANCHESTER+BY+THE+SEA'));
    expect(html).toContain('Manchester-by-the-Sea is in the 6th Congressional District.');
  });

  it('finds groups by ZIP code and suggests typing the town for the nearest', async () => {
    const html = await text(await ctx.client().get('/groups?q=01609'));
    expect(html).toContain('ZIP code 01609 is in the 2nd Congressional District.');
    expect(html).toContain('href="/groups/worcester-indivisible"');
    expect(html).toContain('Type your town');
  });

  it('asks which district for a split ZIP code instead of guessing, then narrows to it', async () => {
    const client = ctx.client();
    const html = await text(await client.get('/groups?q=01420'));
    expect(html).toContain('ZIP code 01420 crosses 2 congressional districts');
    expect(html).toContain('href="/groups?q=01420&amp;district=2"');
    expect(html).toContain('href="/groups?q=01420&amp;district=3"');
    expect(html).not.toContain('is in the 2nd');
    // Both candidate districts' groups are listed meanwhile, and both representatives.
    expect(html).toContain('href="/groups/fitchburg-forward"');
    expect(html).toContain('href="/groups/lowell-loud"');
    const chosen = await text(await client.get('/groups?q=01420&district=3'));
    expect(chosen).toContain('Showing the 3rd Congressional District.');
    expect(chosen).toContain('href="/groups/lowell-loud"');
    expect(chosen).not.toContain('href="/groups/worcester-indivisible"');
  });

  it('asks which district for a split town, and refuses a district that is not one of its own', async () => {
    const client = ctx.client();
    const html = await text(await client.get('/groups?q=Boston'));
    expect(html).toContain('Boston is split between 2 congressional districts');
    expect(html).toContain('Ayanna Pressley');
    expect(html).toContain('Stephen F. Lynch');
    expect(html).toContain('<img src="/groups/map.svg?q=Boston"');
    const svg = await (await client.get('/groups/map.svg?q=Boston')).text();
    expect(svg.match(/<path class="d s"/g)).toHaveLength(2);
    expect(svg).toContain('<circle class="h"');
    const chosen = await (await client.get('/groups/map.svg?q=Boston&district=8')).text();
    expect(chosen.match(/<path class="d s"/g)).toHaveLength(1);
    const wrong = await client.get('/groups?q=Boston&district=2');
    expect(wrong.status).toBe(400);
    expect(await text(wrong)).toContain('District 2 does not include Boston.');
  });

  it('answers 404 with suggestions for an unknown town, and 400 for a malformed ZIP', async () => {
    const client = ctx.client();
    const unknown = await client.get('/groups?q=Springfeld');
    expect(unknown.status).toBe(404);
    const html = await text(unknown);
    expect(html).toContain('is not one of the 351 Massachusetts cities and towns');
    expect(html).toContain('value="Springfeld"');
    expect(html).toMatch(/Did you mean <a href="\/groups\?q=Springfield">Springfield<\/a>/);
    const malformed = await client.get('/groups?q=0160');
    expect(malformed.status).toBe(400);
    expect(await text(malformed)).toContain('A ZIP code is five digits, like 01609.');
    const zip = await client.get('/groups?q=99999');
    expect(zip.status).toBe(404);
  });

  it('filters by district, issue area and kind, with an empty state when nothing matches', async () => {
    const client = ctx.client();
    const district = await text(await client.get('/groups?district=1'));
    expect(district).toContain('Groups in 1st Congressional District');
    expect(district).toContain('href="/groups/berkshire-action"');
    expect(district).not.toContain('href="/groups/lowell-loud"');
    const area = await text(await client.get('/groups?issue_area=labor'));
    expect(area).toContain('href="/groups/lowell-loud"');
    expect(area).not.toContain('href="/groups/worcester-indivisible"');
    const allies = await text(await client.get('/groups?kind=ally'));
    expect(allies).toContain('href="/groups/voter-alliance"');
    expect(allies).not.toContain('href="/groups/lowell-loud"');
    const none = await text(await client.get('/groups?district=1&issue_area=labor'));
    expect(none).toContain('No groups match yet');
    const bad = await client.get('/groups?district=12');
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain('A district is a number from 1 to 9.');
  });

  it('exports the directory as CSV in the import format', async () => {
    const response = await ctx.client().get('/groups.csv');
    expect(response.headers.get('content-type')).toContain('text/csv');
    const csv = await response.text();
    expect(csv.split('\n')[0]).toBe(
      'name,towns,website,email,description,issue_areas,kind,slug,districts,url',
    );
    expect(csv).toContain('Berkshire Action,Lenox;Pittsfield,,,,,group,berkshire-action,1,');
  });
});

describe('the group profile', () => {
  it('shows towns, districts, issue areas, links, a contact form and Organization markup', async () => {
    const response = await ctx.client().get('/groups/worcester-indivisible');
    expect(response.status).toBe(200);
    const html = await text(response);
    expect(html).toContain('<h1>Worcester Indivisible');
    expect(html).toContain('<p>We meet on Tuesdays.</p><p>All welcome.</p>');
    expect(html).toContain('href="/groups?district=2"');
    expect(html).toContain('href="/issue-areas/voting-rights"');
    expect(html).toContain('href="https://facebook.com/worcesterindivisible"');
    expect(html).toContain('id="contact"');
    expect(html).toContain('name="started"');
    const ld = html.match(/<script type="application\/ld\+json">(.*?)<\/script>/)?.[1];
    const data = JSON.parse(ld!);
    expect(data).toMatchObject({
      '@type': 'Organization',
      name: 'Worcester Indivisible',
      url: 'http://hub.test/groups/worcester-indivisible',
      email: 'hello@worcester.example.org',
      areaServed: [{ '@type': 'City', name: 'Worcester, Massachusetts' }],
    });
    expect(data.sameAs).toContain('https://worcester.example.org/');
  });

  it('links groups working on the same issue areas', async () => {
    const html = await text(await ctx.client().get('/groups/worcester-indivisible'));
    const related = html.slice(html.indexOf('Groups working on the same issues'));
    expect(related).toContain('href="/groups/shrewsbury-rising"');
    expect(related).toContain('href="/groups/voter-alliance"');
    expect(related).not.toContain('href="/groups/lowell-loud"');
  });

  it('says so when a group has no way to be contacted', async () => {
    const html = await text(await ctx.client().get('/groups/berkshire-action'));
    expect(html).toContain('cannot receive messages here yet');
    expect(html).not.toContain('action="/groups/berkshire-action/contact"');
  });

  it('answers 404 for an unknown group', async () => {
    expect((await ctx.client().get('/groups/no-such-group')).status).toBe(404);
  });

  it('is found by the site search', async () => {
    const row = await ctx.services.db
      .selectFrom('search_documents')
      .selectAll()
      .where('kind', '=', 'group')
      .where('url', '=', '/groups/worcester-indivisible')
      .executeTakeFirst();
    expect(row?.title).toBe('Worcester Indivisible');
    expect(row?.body).toContain('Voting rights');
  });
});

describe('issue-area pages', () => {
  it('list the groups working on an issue area', async () => {
    const html = await text(await ctx.client().get('/issue-areas/climate'));
    expect(html).toContain('href="/groups/worcester-indivisible"');
    expect(html).toContain('href="/groups/shrewsbury-rising"');
    expect(html).not.toContain('href="/groups/lowell-loud"');
    const index = await text(await ctx.client().get('/issue-areas'));
    expect(index).toContain('href="/issue-areas/climate"');
    expect(index).toContain('2 groups');
    expect((await ctx.client().get('/issue-areas/knitting')).status).toBe(404);
    const empty = await text(await ctx.client().get('/issue-areas/education'));
    expect(empty).toContain('No group lists Education yet');
  });
});

describe('sample groups', () => {
  it('loads clearly marked sample groups across districts and removes them in one step', async () => {
    const counts = await loadSampleContent(ctx.services, ctx.features);
    expect(counts.groups).toBeGreaterThanOrEqual(8);
    const samples = await ctx.services.db
      .selectFrom('groups')
      .select(['id', 'slug'])
      .where('is_sample', '=', true)
      .execute();
    expect(samples.length).toBe(counts.groups);
    const html = await text(await ctx.client().get(`/groups/${samples[0]!.slug}`));
    expect(html).toContain('badge badge-muted">Sample</span>');
    for (let district = 1; district <= 9; district++) {
      const { body } = await api(ctx.app, 'GET', `/api/v1/groups?district=${district}`);
      expect(body.data.some((group: { isSample: boolean }) => group.isSample)).toBe(true);
    }
    const cleared = await clearSampleContent(ctx.services, ctx.features);
    expect(cleared.groups).toBe(counts.groups);
    expect(
      await ctx.services.db
        .selectFrom('search_documents')
        .select('ref_id')
        .where(
          'ref_id',
          'in',
          samples.map((s) => String(s.id)),
        )
        .execute(),
    ).toEqual([]);
    expect((await ctx.client().get(`/groups/${samples[0]!.slug}`)).status).toBe(404);
  });
});

describe('a long directory', () => {
  it('pages through every group, 24 at a time, keeping the filters', async () => {
    for (let i = 1; i <= 30; i++) {
      await addGroup({ name: `Zz Group ${String(i).padStart(2, '0')}`, towns: ['Salem'] });
    }
    const client = ctx.client();
    const seen: string[] = [];
    let path: string | undefined = '/groups?district=6';
    let pages = 0;
    while (path) {
      const html = await text(await client.get(path));
      seen.push(...[...html.matchAll(/<h3><a href="\/groups\/([a-z0-9-]+)">/g)].map((m) => m[1]!));
      const next = html.match(/<a class="button secondary" href="(\?[^"]+)" rel="next">/)?.[1];
      path = next ? `/groups${next.replace(/&amp;/g, '&')}` : undefined;
      if (next) expect(next).toContain('district=6');
      pages++;
    }
    expect(pages).toBe(2);
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
    expect(seen[0]).toBe('zz-group-01');
  });
});
