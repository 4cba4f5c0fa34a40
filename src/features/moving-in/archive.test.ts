import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/harness.ts';
import type { CommandContext } from '../../cli/command.ts';
import { movingInCommands } from './commands.ts';
import { fixture } from './test-support.ts';

let ctx: TestContext;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-campaigns-'));

async function importArchive(values: CommandContext['values']) {
  const lines: string[] = [];
  const summary = await movingInCommands
    .find((c) => c.name === 'newsletter:import-archive')!
    .run({
      services: ctx.services,
      booted: ctx.booted,
      values,
      positionals: [],
      progress: { start() {}, tick() {}, stop() {} },
      say: (line) => lines.push(line),
    });
  return { summary, lines };
}

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('hub newsletter:import-archive', () => {
  it('makes each past campaign a sent issue in the archive, with its date', async () => {
    const dry = await importArchive({ rss: fixture('campaign-archive.rss'), 'dry-run': true });
    expect(dry.summary).toMatchObject({ dryRun: true, issuesCreated: 3 });
    expect(
      await ctx.services.db.selectFrom('newsletter_issues').select('id').execute(),
    ).toHaveLength(0);

    const { summary } = await importArchive({ rss: fixture('campaign-archive.rss') });
    expect(summary).toMatchObject({ issuesCreated: 3 });
    const issues = await ctx.services.db
      .selectFrom('newsletter_issues')
      .select(['slug', 'issue_date', 'subject', 'preheader', 'state', 'published_at'])
      .orderBy('published_at')
      .execute();
    expect(issues.map((i) => [i.issue_date, i.subject, i.state])).toEqual([
      ['2024-01-06', 'Welcome to 2024', 'sent'],
      // Two campaigns on one day both keep that day.
      ['2024-05-04', 'This week: rally recap and a call to your rep', 'sent'],
      ['2024-05-04', 'Special alert: hearing on Tuesday', 'sent'],
    ]);
    expect(issues[1]!.preheader).toBe('300 neighbors showed up. Here is what comes next.');
    const archive = await (await ctx.client().get('/newsletter')).text();
    expect(archive).toContain('Welcome to 2024');
    expect(archive).toContain('Special alert: hearing on Tuesday');
  });

  it('cleans the HTML: layout unwrapped, images as links, no script, no Mailchimp chrome', async () => {
    const issue = await ctx.services.db
      .selectFrom('newsletter_issues')
      .select('slug')
      .where('subject', 'like', 'This week%')
      .executeTakeFirstOrThrow();
    const html = await (await ctx.client().get(`/newsletter/${issue.slug}`)).text();
    const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
    expect(main).toContain('Rally recap');
    expect(main).toContain('<strong>300 people</strong>');
    expect(main).toContain('href="https://mcusercontent.com/abc/images/crowd.jpg"');
    expect(main).not.toContain('<img');
    expect(main).not.toMatch(
      /<script|onerror|javascript:|unsubscribe from this list|list-manage|mcnPreviewText|color:red/i,
    );
    expect(main).not.toContain('300 neighbors showed up');
    const welcome = await ctx.services.db
      .selectFrom('newsletter_blocks as b')
      .innerJoin('newsletter_issues as i', 'i.id', 'b.issue_id')
      .select('b.body')
      .where('i.subject', '=', 'Welcome to 2024')
      .executeTakeFirstOrThrow();
    expect(welcome.body).toBe('A new year of organizing. Click');
  });

  it('is found by the site search', async () => {
    const results = await (await ctx.client().get('/search?q=hearing')).text();
    expect(results).toContain('href="/newsletter/2024-05-04-special-alert-hearing-on-tuesday"');
  });

  it('changes nothing when run again', async () => {
    const { summary } = await importArchive({ rss: fixture('campaign-archive.rss') });
    expect(summary).toMatchObject({ issuesUnchanged: 3 });
    expect(
      await ctx.services.db.selectFrom('newsletter_issues').select('id').execute(),
    ).toHaveLength(3);
  });

  it('reads a folder of saved campaign pages, dating each from the page or its file name', async () => {
    fs.writeFileSync(
      path.join(folder, '2023-11-18 Weekly update.html'),
      '<html><head><title>Weekly update, Nov 18</title></head><body><p>Phone bank on Tuesday.</p></body></html>',
    );
    fs.writeFileSync(
      path.join(folder, 'undated.html'),
      '<html><head><title>An undated page</title></head><body><p>Some news.</p></body></html>',
    );
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'not a campaign');
    const { summary, lines } = await importArchive({ rss: folder });
    expect(summary).toMatchObject({ issuesCreated: 2, needsReview: 1 });
    expect(lines.join('\n')).toContain('its date is the file’s');
    const dated = await ctx.services.db
      .selectFrom('newsletter_issues')
      .select('issue_date')
      .where('subject', '=', 'Weekly update, Nov 18')
      .executeTakeFirstOrThrow();
    expect(dated.issue_date).toBe('2023-11-18');
  });

  it('refuses a file that is not a feed', async () => {
    await expect(
      importArchive({ rss: fixture('subscribed_members_export_4f2a9c1d07.csv') }),
    ).rejects.toThrow('not an RSS');
  });
});
