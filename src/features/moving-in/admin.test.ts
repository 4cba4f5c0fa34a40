import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/harness.ts';
import type { CommandContext } from '../../cli/command.ts';
import { movingInCommands } from './commands.ts';
import { fixture } from './test-support.ts';

let ctx: TestContext;
let admin: Awaited<ReturnType<TestContext['signedIn']>>;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.signedIn({ roles: ['administrator'] });
});
afterAll(async () => ctx.close());

function upload(path: string, fields: Record<string, string | [string, string][]>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') form.set(name, value);
    else
      for (const [file, fileName] of value)
        form.append(name, new Blob([fs.readFileSync(file)]), fileName);
  }
  return admin.postMultipart(path, form);
}

async function command(name: string, positionals: string[], values: CommandContext['values']) {
  const lines: string[] = [];
  const summary = await movingInCommands
    .find((c) => c.name === name)!
    .run({
      services: ctx.services,
      booted: ctx.booted,
      values,
      positionals,
      progress: { start() {}, tick() {}, stop() {} },
      say: (line) => lines.push(line),
    });
  return { summary, lines };
}

describe('the admin’s moving-in pages', () => {
  it('are for administrators only', async () => {
    const editor = await ctx.signedIn({ roles: ['editor'] });
    expect((await editor.get('/admin/moving-in')).status).toBe(403);
    expect((await editor.get('/admin/redirects')).status).toBe(403);
    expect((await ctx.client().get('/admin/moving-in')).status).toBe(401);
    expect((await admin.get('/admin/moving-in')).status).toBe(200);
  });

  it('checks an upload first, shows the dry run, and imports on the administrator’s word', async () => {
    const checked = await upload('/admin/moving-in/mailchimp', {
      files: [[fixture('members_export_4f2a9c1d07.zip'), 'members_export.zip']],
    });
    expect(checked.status).toBe(303);
    const page = checked.headers.get('location')!;
    expect(await (await admin.get(page)).text()).toContain('Checking the file');
    await ctx.runJobs();
    const review = await (await admin.get(page)).text();
    expect(review).toContain('Nothing has changed yet');
    expect(review).toContain('New confirmed subscribers');
    expect(
      await ctx.services.db.selectFrom('newsletter_subscriptions').select('id').execute(),
    ).toHaveLength(0);

    const started = await admin.postForm(`${page}/run`, {});
    expect(started.status).toBe(303);
    await ctx.runJobs();
    const done = await (await admin.get(page)).text();
    expect(done).toContain('Done. This is what the import did');
    expect(
      await ctx.services.db.selectFrom('newsletter_subscriptions').select('id').execute(),
    ).toHaveLength(7);
    // The list shows it, with who started it.
    expect(await (await admin.get('/admin/moving-in')).text()).toContain('members_export.zip');
  });

  it('refuses a file that is not what the form asks for, and keeps nothing', async () => {
    const wrong = await upload('/admin/moving-in/wordpress', {
      file: [[fixture('subscribed_members_export_4f2a9c1d07.csv'), 'export.xml']],
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Choose the .xml file WordPress exported.');
    const none = await admin.postMultipart('/admin/moving-in/mailchimp', new FormData());
    expect(none.status).toBe(400);
    const feed = await admin.postMultipart(
      '/admin/moving-in/archive',
      (() => {
        const form = new FormData();
        form.set('url', 'ftp://example.org/feed');
        return form;
      })(),
    );
    expect(feed.status).toBe(400);
    const rows = await ctx.services.db.selectFrom('moving_in_imports').select('id').execute();
    expect(rows).toHaveLength(1);
  });

  it('reports a broken export as a failed check, with the reason', async () => {
    const broken = await admin.postMultipart(
      '/admin/moving-in/wordpress',
      (() => {
        const form = new FormData();
        form.set(
          'file',
          new Blob([
            '<?xml version="1.0"?><rss><channel><item><title>x</title></item></channel></rss>',
          ]),
          'site.xml',
        );
        return form;
      })(),
    );
    const page = broken.headers.get('location')!;
    await ctx.runJobs();
    const text = await (await admin.get(page)).text();
    expect(text).toContain('This is not a WordPress export');
  });

  it('404s an import that does not exist, without a server error', async () => {
    expect((await admin.get('/admin/moving-in/imports/99999999999')).status).toBe(404);
    expect((await admin.get('/admin/moving-in/imports/abc')).status).toBe(404);
    expect((await admin.postForm('/admin/moving-in/imports/424242/run', {})).status).toBe(404);
  });
});

describe('redirects an administrator adds', () => {
  it('adds one, redirects with 301, lists it, and removes it', async () => {
    const added = await admin.postForm('/admin/redirects', {
      from: 'https://old.example.org/donate/',
      to: 'https://secure.example.org/give',
      note: 'Donations moved',
    });
    expect(added.status).toBe(303);
    const hit = await ctx.client().get('/donate/');
    expect(hit.status).toBe(301);
    expect(hit.headers.get('location')).toBe('https://secure.example.org/give');
    const list = await (await admin.get('/admin/redirects?q=donate')).text();
    expect(list).toContain('/donate');
    expect(list).toContain('1 visits');
    const removed = await admin.postForm('/admin/redirects/remove', { from: '/donate' });
    expect(removed.status).toBe(303);
    expect((await ctx.client().get('/donate/')).status).toBe(404);
  });

  it('refuses bad addresses with the form re-rendered, and a second redirect from one address', async () => {
    const bad = await admin.postForm('/admin/redirects', { from: '/', to: 'javascript:alert(1)' });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain('Give the old address');
    expect(text).toContain('Give a path on this site');
    const same = await admin.postForm('/admin/redirects', { from: '/a/', to: '/a' });
    expect(same.status).toBe(400);
    await admin.postForm('/admin/redirects', { from: '/b', to: '/resources' });
    const twice = await admin.postForm('/admin/redirects', { from: '/B/', to: '/events' });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('There is a redirect from this address already');
    expect((await admin.postForm('/admin/redirects/remove', { from: '/nothing' })).status).toBe(
      404,
    );
  });

  it('never redirects an address the site answers itself', async () => {
    await admin.postForm('/admin/redirects', {
      from: '/events',
      to: 'https://elsewhere.example.org/',
    });
    expect((await ctx.client().get('/events')).status).toBe(200);
  });
});

describe('the command line', () => {
  it('imports a WordPress export with media from a copy of the uploads folder, and records the run', async () => {
    const dry = await command('wordpress:import', [fixture('wordpress-export.xml')], {
      'dry-run': true,
      uploads: fixture('uploads'),
    });
    expect(dry.summary).toMatchObject({
      ok: true,
      dryRun: true,
      guidesCreated: 2,
      articlesCreated: 4,
      mediaToCopy: 3,
    });
    const done = await command('wordpress:import', [fixture('wordpress-export.xml')], {
      uploads: fixture('uploads'),
    });
    expect(done.summary).toMatchObject({
      guidesCreated: 2,
      articlesCreated: 4,
      eventsCreated: 3,
      mediaCopied: 2,
    });
    expect(done.lines.join('\n')).toContain('Needs a person’s look');
    const redirect = await ctx.client().get('/2024/05/spring-rally-recap/');
    expect(redirect.headers.get('location')).toBe('/resources/spring-rally-recap');
    const runs = await ctx.services.db
      .selectFrom('moving_in_imports')
      .select(['kind', 'via', 'state'])
      .where('via', '=', 'cli')
      .execute();
    expect(runs).toEqual([
      { kind: 'wordpress', via: 'cli', state: 'reviewed' },
      { kind: 'wordpress', via: 'cli', state: 'done' },
    ]);
  });

  it('explains what it needs', async () => {
    await expect(command('wordpress:import', ['/no/such/file.xml'], {})).rejects.toThrow(
      'cannot read /no/such/file.xml',
    );
    await expect(
      command('wordpress:import', [fixture('campaign-archive.rss')], {}),
    ).rejects.toThrow('not a WordPress export');
    await expect(command('newsletter:import-archive', [], {})).rejects.toThrow('--rss is required');
  });
});
