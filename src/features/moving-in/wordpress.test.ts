import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/harness.ts';
import { listResourceTags } from '../resources/repository.ts';
import { mediaSource } from './fetch-media.ts';
import { importWordPress } from './import-wordpress.ts';
import { readFeed } from './read-feed.ts';
import type { ImportReport } from './report.ts';
import { startOldSite, wxrFor } from './test-support.ts';
import { MEDIA_LIMITS } from './wordpress/media.ts';

let ctx: TestContext;
let site: Awaited<ReturnType<typeof startOldSite>>;
let first: ImportReport;

const run = async (dryRun: boolean) =>
  importWordPress(ctx.services, await readFeed(wxrFor(site.origin)), {
    dryRun,
    actor: null,
    media: mediaSource({
      limits: { ...MEDIA_LIMITS, allowedHosts: [new URL(site.origin).hostname] },
    }),
  });

const resource = (slug: string) =>
  ctx.services.db.selectFrom('resources').selectAll().where('slug', '=', slug).executeTakeFirst();

beforeAll(async () => {
  ctx = await createTestContext();
  site = await startOldSite();
  await ctx.services.db
    .insertInto('groups')
    .values({
      slug: 'metrowest-indivisible',
      name: 'Metrowest Indivisible',
      website: null,
      email: null,
      links: '{}',
    })
    .execute();
  first = await run(false);
});

afterAll(async () => {
  await site.close();
  await ctx.close();
});

describe('a WordPress export', () => {
  it('brings published pages over as guides and posts as articles, public', async () => {
    expect(first.counts.guidesCreated).toBe(2);
    expect(first.counts.articlesCreated).toBe(4);
    const about = await resource('about-us');
    expect(about).toMatchObject({ kind: 'guide', title: 'About Us' });
    expect(about!.published_revision_id).not.toBeNull();
    const page = await ctx.client().get('/resources/about-us');
    expect(page.status).toBe(200);
    const html = await page.text();
    // Classic editor text: blank lines are paragraphs; internal links point at the new pages.
    expect(html).toContain('<p>We are neighbors in Metrowest');
    expect(html).toContain('href="/resources/spring-rally-recap"');
    expect(html).toContain('href="/resources/statement-on-climate"');
    expect(html).toContain('By Jane Organizer');
  });

  it('keeps the author, date, categories as issue areas and the rest as tags', async () => {
    const recap = await resource('spring-rally-recap');
    expect(recap).toMatchObject({
      kind: 'article',
      is_featured: true,
      summary: 'Three hundred neighbors on the common.',
    });
    expect(recap!.published_at?.toISOString()).toBe('2024-05-03T14:00:00.000Z');
    expect(recap!.body).toContain('By Jane Organizer · May 3, 2024');
    const areas = await ctx.services.db
      .selectFrom('resource_issue_areas')
      .select('issue_area')
      .where('resource_id', '=', recap!.id)
      .execute();
    expect(areas.map((a) => a.issue_area)).toEqual(['voting-rights']);
    expect(await listResourceTags(ctx.services.db, recap!.id)).toEqual(['Rally']);
    const page = await (await ctx.client().get('/resources/spring-rally-recap')).text();
    expect(page).toContain('Tags: <a href="/search?q=%22Rally%22">Rally</a>');
    const statement = await resource('statement-on-climate');
    expect(statement!.title).toBe('Statement on climate & our future');
    const statementAreas = await ctx.services.db
      .selectFrom('resource_issue_areas')
      .select('issue_area')
      .where('resource_id', '=', statement!.id)
      .orderBy('issue_area')
      .execute();
    // "Climate & Environment" and "Women’s Rights & Reproductive Freedom" match by name.
    expect(statementAreas.map((a) => a.issue_area)).toEqual(['climate', 'womens-rights']);
    expect(await listResourceTags(ctx.services.db, statement!.id)).toEqual(['News']);
  });

  it('handles block comments, reusable blocks and shortcodes, and says what it dropped', async () => {
    const recap = await resource('spring-rally-recap');
    expect(recap!.body).not.toContain('wp:');
    expect(recap!.body).toContain('Please _donate_');
    expect(recap!.body).toContain('Signs made by volunteers');
    expect(recap!.body).not.toContain('[caption');
    expect(recap!.body).not.toContain('contact-form-7');
    const note = first.needsReview.find((n) => n.item === 'Post: Spring rally recap');
    expect(note?.note).toContain('shortcode [contact-form-7]');
    expect(note?.note).toContain('block "latest-posts"');
  });

  it('copies reachable media into the library and links what it cannot copy', async () => {
    const recap = await resource('spring-rally-recap');
    const files = await ctx.services.db
      .selectFrom('resource_attachments')
      .selectAll()
      .where('resource_id', '=', recap!.id)
      .execute();
    expect(files.map((f) => f.file_name)).toEqual(['rally.png']);
    expect(recap!.body).toContain(
      `![The crowd on the common](/resources/spring-rally-recap/files/${files[0]!.id}/rally.png)`,
    );
    const image = await ctx
      .client()
      .get(`/resources/spring-rally-recap/files/${files[0]!.id}/rally.png`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    const statement = await resource('statement-on-climate');
    const pdf = await ctx.services.db
      .selectFrom('resource_attachments')
      .select(['id', 'file_name'])
      .where('resource_id', '=', statement!.id)
      .execute();
    expect(pdf.map((f) => f.file_name)).toEqual(['flyer.pdf']);
    expect(statement!.body).toContain(
      `[flyer](/resources/statement-on-climate/files/${pdf[0]!.id}/flyer.pdf)`,
    );
    expect(statement!.body).toContain(
      `[Image: A photo that is gone](${site.origin}/wp-content/uploads/2024/06/missing.jpg)`,
    );
    expect(statement!.body).toContain(
      '[Image: Hosted elsewhere](https://images.example.net/elsewhere.jpg)',
    );
    expect(first.counts.mediaCopied).toBe(2);
    const couldNot = first.skipped.find((g) =>
      g.reason.startsWith('Media that could not be copied'),
    );
    expect(couldNot?.examples[0]).toContain('missing.jpg answered 404');
    expect(first.skipped.find((g) => g.reason.startsWith('Media no imported page'))?.count).toBe(1);
  });

  it('brings drafts, private and password-protected items over as drafts', async () => {
    for (const slug of ['planning-notes', 'members-only-update']) {
      const row = await resource(slug);
      expect(row?.published_revision_id).toBeNull();
      expect((await ctx.client().get(`/resources/${slug}`)).status).toBe(404);
    }
    const volunteer = await resource('volunteer-with-us');
    expect(volunteer).toMatchObject({ kind: 'guide', published_revision_id: null });
    expect(first.skipped.find((g) => g.reason === 'In the trash on the old site')?.count).toBe(1);
    expect(first.skipped.find((g) => g.reason.startsWith('Menu items'))?.count).toBe(1);
    expect(first.needsReview.some((n) => n.note.includes('password-protected'))).toBe(true);
  });

  it('makes The Events Calendar events calendar events, with venue, zone, host group', async () => {
    const events = await ctx.services.db
      .selectFrom('events')
      .selectAll()
      .where('source', '=', 'wordpress')
      .orderBy('starts_at')
      .execute();
    expect(events.map((e) => e.title)).toEqual([
      'Spring Rally for Democracy',
      'River cleanup day',
      'Draft: fall canvass',
    ]);
    const [rally, cleanup, draft] = events;
    expect(rally).toMatchObject({
      starts_at: new Date('2024-04-20T15:00:00Z'),
      ends_at: new Date('2024-04-20T17:00:00Z'),
      timezone: 'America/New_York',
      type: 'rally',
      venue: 'Framingham Town Common',
      address: '150 Concord St, Framingham, MA 01702',
      moderation: 'approved',
      contact_email: 'hello@metrowest.example.org',
      external_url: 'https://mobilize.example.org/spring-rally',
    });
    const group = await ctx.services.db
      .selectFrom('groups')
      .select('id')
      .where('slug', '=', 'metrowest-indivisible')
      .executeTakeFirstOrThrow();
    expect(rally!.group_id).toBe(group.id);
    expect(rally!.description).toContain('[Who we are](/resources/about-us)');
    expect(rally!.description).toContain('Cost: Free');
    expect(rally!.description).not.toContain('script');
    // An all-day event in a zone WordPress writes as an offset: the coalition's zone.
    expect(cleanup).toMatchObject({ all_day: true, timezone: 'America/New_York', group_id: null });
    expect(cleanup!.starts_at.toISOString()).toBe('2025-09-13T04:00:00.000Z');
    expect(draft!.moderation).toBe('pending');
    expect(
      first.needsReview.some((n) => n.item === 'Organizer: Friends of the Sudbury River'),
    ).toBe(true);
    const page = await ctx.client().get(`/events/${rally!.id}`);
    expect(page.status).toBe(200);
  });

  it('redirects old addresses to the new pages with 301', async () => {
    const client = ctx.client();
    const rally = await ctx.services.db
      .selectFrom('events')
      .select('id')
      .where('title', '=', 'Spring Rally for Democracy')
      .executeTakeFirstOrThrow();
    const expectations: [string, string][] = [
      ['/2024/05/spring-rally-recap/', '/resources/spring-rally-recap'],
      ['/2024/05/Spring-Rally-Recap', '/resources/spring-rally-recap'],
      ['/about-us/', '/resources/about-us'],
      ['/?p=21', '/resources/statement-on-climate'],
      ['/?page_id=10', '/resources/about-us'],
      ['/event/spring-rally/', `/events/${rally.id}`],
    ];
    for (const [from, to] of expectations) {
      const response = await client.get(from);
      expect(response.status, from).toBe(301);
      expect(response.headers.get('location'), from).toBe(to);
    }
    const file = await client.get('/wp-content/uploads/2024/05/rally.png');
    expect(file.status).toBe(301);
    expect(file.headers.get('location')).toMatch(
      /^\/resources\/spring-rally-recap\/files\/\d+\/rally\.png$/,
    );
    // Drafts never had a public address; unknown addresses stay 404; the home page is itself.
    expect((await client.get('/2024/06/planning-notes/')).status).toBe(404);
    expect((await client.get('/no-such-page/')).status).toBe(404);
    expect((await client.get('/')).status).toBe(200);
    expect((await client.get('/?p=999')).status).toBe(200);
    // Visits are counted in memory and written every few seconds, or when an admin looks.
    await (await ctx.signedIn({ roles: ['administrator'] })).get('/admin/redirects');
    const hits = await ctx.services.db
      .selectFrom('redirects')
      .select('hits')
      .where('from_path', '=', '/about-us')
      .executeTakeFirstOrThrow();
    expect(hits.hits).toBe(1);
  });

  it('notes internal links to pages that were not imported', () => {
    const donate = first.needsReview.find((n) => n.item === 'Link to /donate/');
    expect(donate?.note).toContain('Page: About Us');
  });

  it('never lets unsafe HTML through, stored or shown', async () => {
    const statement = await resource('statement-on-climate');
    for (const text of [statement!.body, statement!.summary]) {
      expect(text).not.toMatch(
        /<script|onerror|onload|ontoggle|onfocus|javascript:|<iframe|<svg|<object|<details|<input|<math|srcdoc/i,
      );
    }
    const html = await (await ctx.client().get('/resources/statement-on-climate')).text();
    const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
    expect(main).not.toMatch(
      /<script|onerror=|onload=|ontoggle=|onfocus=|javascript:|<iframe|<svg|<object|<details|<input|<math/i,
    );
    expect(main).toContain('https://www.youtube.com/embed/abc123');
    expect(main).toContain('<td>H.1234</td>');
  });

  it('changes nothing when the same export is imported again', async () => {
    const count = async () => ({
      resources: (await ctx.services.db.selectFrom('resources').select('id').execute()).length,
      revisions: (await ctx.services.db.selectFrom('resource_revisions').select('id').execute())
        .length,
      events: (await ctx.services.db.selectFrom('events').select('id').execute()).length,
      files: (await ctx.services.db.selectFrom('resource_attachments').select('id').execute())
        .length,
      redirects: (await ctx.services.db.selectFrom('redirects').select('from_path').execute())
        .length,
    });
    const before = await count();
    const requestsBefore = site.requests.length;
    const dry = await run(true);
    expect(dry.counts).toMatchObject({
      guidesUnchanged: 2,
      articlesUnchanged: 4,
      eventsUnchanged: 3,
    });
    expect(dry.counts.guidesCreated ?? 0).toBe(0);
    const again = await run(false);
    expect(again.counts).toMatchObject({
      guidesUnchanged: 2,
      articlesUnchanged: 4,
      eventsUnchanged: 3,
    });
    expect(again.counts.articlesCreated ?? 0).toBe(0);
    expect(again.counts.redirects ?? 0).toBe(0);
    expect(await count()).toEqual(before);
    // Only the file it could not copy before was asked for again.
    expect(site.requests.slice(requestsBefore)).toEqual([
      '/wp-content/uploads/2024/06/missing.jpg',
    ]);
  });

  it('keeps an edit made here when the old site changed the same item', async () => {
    const about = await resource('about-us');
    const admin = await ctx.signedIn({ roles: ['editor'] });
    const { writeRevision, contentOfRow } = await import('../resources/service.ts');
    const { findResourceById } = await import('../resources/repository.ts');
    await ctx.services.db.transaction().execute(async (tx) => {
      const row = (await findResourceById(tx, about!.id))!;
      await writeRevision(tx, {
        resourceId: row.id,
        content: { ...contentOfRow(row), summary: 'Edited here' },
        action: 'publish',
        publish: true,
        actorPersonId: admin.actor.personId,
        now: new Date(),
      });
    });
    const changed = wxrFor(site.origin).replace('We meet every month.', 'We meet every week.');
    const report = await importWordPress(ctx.services, await readFeed(changed), {
      dryRun: false,
      actor: null,
      media: mediaSource({
        limits: { ...MEDIA_LIMITS, allowedHosts: [new URL(site.origin).hostname] },
      }),
    });
    expect(report.counts.guidesKeptLocalEdits).toBe(1);
    const after = await resource('about-us');
    expect(after!.summary).toBe('Edited here');
    expect(after!.body).toContain('every month');
  });
});
