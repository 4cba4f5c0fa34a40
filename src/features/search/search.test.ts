import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createTestContext, type TestContext } from '../../../test/support/harness.ts';
import { indexDocument } from '../../platform/search-index.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  const db = ctx.services.db;
  const now = ctx.services.now().getTime();
  await indexDocument(db, {
    kind: 'group',
    refId: 1,
    title: 'Worcester Indivisible',
    summary: 'We organize for voting rights in central Massachusetts.',
    body: 'Monthly meetings, phone banks and a climate working group.',
    url: '/groups/worcester-indivisible',
  });
  await indexDocument(db, {
    kind: 'event',
    refId: 10,
    title: 'Town hall with Rep. Example',
    body: 'Bring your questions about climate and health care.',
    url: '/events/10',
    startsAt: new Date(now + 3 * 86_400_000),
  });
  await indexDocument(db, {
    kind: 'event',
    refId: 11,
    title: 'Last year’s town hall',
    body: 'A town hall that already happened.',
    url: '/events/11',
    startsAt: new Date(now - 86_400_000),
  });
  await indexDocument(db, {
    kind: 'toolkit',
    refId: 20,
    title: 'Hold a town hall',
    summary: 'Invite your representative to a town hall.',
    body: 'Book a room. Organizing takes six weeks. <script>window.__xss=1</script>',
    url: '/resources/hold-a-town-hall',
  });
  await indexDocument(db, {
    kind: 'resource',
    refId: 21,
    title: 'Climate advocacy webinar',
    body: 'A recorded webinar on climate bills in the State House.',
    url: '/resources/climate-advocacy-webinar',
  });
  await indexDocument(db, {
    kind: 'newsletter_issue',
    refId: 30,
    title: 'Newsletter: March 7',
    body: 'Climate action week, and how to organize a letter writing party.',
    url: '/newsletter/2026-03-07',
  });
  await indexDocument(db, {
    kind: 'group',
    refId: 2,
    title: 'Hidden draft group',
    body: 'A climate group that is not public yet.',
    url: '/groups/hidden',
    isPublic: false,
  });
});
afterAll(() => ctx.close());

async function urlsFor(q: string, extra = ''): Promise<string[]> {
  const html = await (await ctx.client().get(`/search?q=${encodeURIComponent(q)}${extra}`)).text();
  return [...html.matchAll(/<h2 class="search-hit-title"><a href="([^"]+)"/g)].map((m) => m[1]!);
}

describe('search page', () => {
  it('matches English word forms: "organizing" finds "organize"', async () => {
    const urls = await urlsFor('organizing');
    expect(urls).toContain('/groups/worcester-indivisible');
    expect(urls).toContain('/newsletter/2026-03-07');
    expect(urls).toContain('/resources/hold-a-town-hall');
  });

  it('ranks title matches first and leaves out past events and non-public documents', async () => {
    const urls = await urlsFor('town hall');
    expect(urls[0]).toMatch(/^\/(resources\/hold-a-town-hall|events\/10)$/);
    expect(urls).toContain('/events/10');
    expect(urls).not.toContain('/events/11');
    expect(await urlsFor('climate')).not.toContain('/groups/hidden');
  });

  it('reads phrases in quotes and excludes words with a minus', async () => {
    expect(await urlsFor('"letter writing"')).toEqual(['/newsletter/2026-03-07']);
    expect(await urlsFor('"writing letter"')).toEqual([]);
    const climate = await urlsFor('climate -webinar');
    expect(climate).toContain('/groups/worcester-indivisible');
    expect(climate).not.toContain('/resources/climate-advocacy-webinar');
  });

  it('filters by kind and counts each kind', async () => {
    expect(await urlsFor('climate', '&kind=resource')).toEqual([
      '/resources/climate-advocacy-webinar',
    ]);
    const html = await (await ctx.client().get('/search?q=climate')).text();
    expect(html).toContain('4 results for “climate”');
    expect(html).toMatch(
      /href="\/search\?q=climate&amp;kind=event"[^>]*>Events <span class="search-count">1<\/span>/,
    );
  });

  it('highlights matches with <mark> and never renders indexed markup', async () => {
    const html = await (await ctx.client().get('/search?q=organizing')).text();
    expect(html).toContain('<mark>Organizing</mark>');
    expect(html).not.toContain('<script>window.__xss');
    const query = await (
      await ctx.client().get('/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E')
    ).text();
    expect(query).not.toContain('<script>alert(1)');
    expect(query).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('has a page for no query and an empty state for no results', async () => {
    expect(await (await ctx.client().get('/search')).text()).toContain('What are you looking for?');
    const none = await ctx.client().get('/search?q=zzyzx');
    expect(none.status).toBe(200);
    expect(await none.text()).toContain('Nothing found for “zzyzx”');
    expect(await (await ctx.client().get('/search?q=the')).text()).toContain('Nothing found');
  });

  it('refuses a query longer than 1,000 characters with 400, not 500', async () => {
    const response = await ctx.client().get(`/search?q=${'a'.repeat(1200)}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Invalid query: q');
  });

  it('pages through many results', async () => {
    for (let i = 0; i < 25; i++) {
      await indexDocument(ctx.services.db, {
        kind: 'resource',
        refId: 1000 + i,
        title: `Canvassing guide ${i}`,
        url: `/resources/canvassing-${i}`,
      });
    }
    const first = await (await ctx.client().get('/search?q=canvassing')).text();
    expect(first.match(/class="search-hit"/g)).toHaveLength(20);
    expect(first).toContain('href="/search?q=canvassing&amp;page=2"');
    const second = await (await ctx.client().get('/search?q=canvassing&page=2')).text();
    expect(second.match(/class="search-hit"/g)).toHaveLength(5);
  });
});

describe('GET /api/v1/search', () => {
  it('answers ranked hits with absolute URLs and snippets, and pages with a cursor', async () => {
    const response = await api(ctx.app, 'GET', '/api/v1/search?q=organizing&limit=2');
    expect(response.status).toBe(200);
    expect(response.body.data).toHaveLength(2);
    expect(response.body.data[0].url).toMatch(/^http:\/\/hub\.test\//);
    expect(Object.keys(response.body.data[0]).sort()).toEqual(
      ['kind', 'rank', 'snippet', 'snippetHtml', 'startsAt', 'title', 'url'].sort(),
    );
    const hits = [...response.body.data];
    const next = await api(
      ctx.app,
      'GET',
      `/api/v1/search?q=organizing&limit=2&cursor=${response.body.next}`,
    );
    hits.push(...next.body.data);
    expect(next.body.next).toBeNull();
    expect(new Set(hits.map((h: any) => h.url)).size).toBe(3);
    const toolkit = hits.find((h: any) => h.kind === 'toolkit');
    expect(toolkit.snippetHtml).toContain('<mark>Organizing</mark>');
    expect(toolkit.snippet).not.toContain('<mark>');
  });

  it('shows upcoming events with their start, and refuses an empty query', async () => {
    const events = await api(ctx.app, 'GET', '/api/v1/search?q=town+hall&kind=event');
    expect(events.body.data.map((h: any) => h.url)).toEqual(['http://hub.test/events/10']);
    expect(events.body.data[0].startsAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const empty = await api(ctx.app, 'GET', '/api/v1/search?q=');
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields.q).toBe('Enter something to search for.');
    expect((await api(ctx.app, 'GET', '/api/v1/search?q=x&kind=planet')).status).toBe(400);
  });
});
