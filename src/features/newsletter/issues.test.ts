import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, buildGroup, buildPerson } from '../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../test/support/harness.ts';
import type { CommandContext } from '../../cli/command.ts';
import { newsletterCommands } from './commands.ts';

let ctx: TestContext;
let editor: Awaited<ReturnType<TestContext['signedIn']>>;
let issueId: number;

beforeAll(async () => {
  ctx = await createTestContext({ start: new Date('2026-05-04T14:00:00Z') }); // Monday
  editor = await ctx.signedIn({ roles: ['editor'], email: 'edna@example.org', name: 'Edna' });
  await buildEvent(ctx.services, {
    title: 'Pittsfield town hall',
    town: 'Pittsfield',
    start: new Date('2026-05-12T23:00:00Z'),
    end: null,
  });
  const featured = await buildEvent(ctx.services, {
    title: 'Statewide call with our senators',
    mode: 'online',
    town: null,
    venue: null,
    address: null,
    onlineUrl: 'https://example.org/call',
    start: new Date('2026-05-12T22:00:00Z'),
    end: null,
  });
  await ctx.services.db
    .updateTable('events')
    .set({ is_featured: true })
    .where('id', '=', featured.id)
    .execute();
  await buildEvent(ctx.services, {
    title: 'Too far ahead',
    start: new Date('2026-06-20T23:00:00Z'),
    end: null,
  });
});
afterAll(() => ctx.close());

function commandContext(values: CommandContext['values'], positionals: string[] = []) {
  const lines: string[] = [];
  const context: CommandContext = {
    services: ctx.services,
    booted: ctx.booted,
    values,
    positionals,
    progress: { start() {}, tick() {}, stop() {} },
    say: (line) => lines.push(line),
  };
  return { context, lines };
}

const command = (name: string) => newsletterCommands.find((c) => c.name === name)!;

async function blocks(id: number) {
  return ctx.services.db
    .selectFrom('newsletter_blocks')
    .selectAll()
    .where('issue_id', '=', id)
    .orderBy('position')
    .execute();
}

describe('drafting an issue', () => {
  it('keeps the admin to editors', async () => {
    expect((await ctx.client().get('/admin/newsletter')).status).toBe(401);
    const organizer = await ctx.signedIn({ roles: ['board_member'] });
    expect((await organizer.get('/admin/newsletter')).status).toBe(403);
    expect((await organizer.postForm('/admin/newsletter/drafts', {})).status).toBe(403);
    expect((await editor.get('/admin/newsletter')).status).toBe(200);
  });

  it('hub newsletter:draft creates the coming week from the calendar and prints its id', async () => {
    const { context } = commandContext({});
    const summary = await command('newsletter:draft').run(context);
    expect(summary).toMatchObject({ ok: true, issueDate: '2026-05-09', created: true });
    issueId = summary.id as number;
    const again = await command('newsletter:draft').run(
      commandContext({ date: '2026-05-06' }).context,
    );
    expect(again).toMatchObject({ id: issueId, created: false });
    await expect(
      command('newsletter:draft').run(commandContext({ date: 'May 6' }).context),
    ).rejects.toThrow('Use a date like 2026-12-05.');

    const list = await blocks(issueId);
    expect(list.map((b) => b.kind)).toEqual(['note', 'events']);
    const events = list[1]!.data.occurrences!;
    expect(events.map((e) => e.title)).toEqual([
      'Statewide call with our senators',
      'Pittsfield town hall',
    ]);
    expect(events[0]!.featured).toBe(true);
  });

  it('offers the draft on the admin dashboard', async () => {
    const dashboard = await (await editor.get('/admin')).text();
    expect(dashboard).toContain('This week&#39;s newsletter is a draft');
    expect(dashboard).toContain(`/admin/newsletter/issues/${issueId}`);
  });

  it('edits, adds, reorders and removes blocks with plain forms', async () => {
    const [note, digest] = await blocks(issueId);
    const saved = await editor.postForm(`/admin/newsletter/issues/${issueId}/blocks/${note!.id}`, {
      op: 'save',
      title: 'From the editors',
      body: 'Spring is here. **Show up.**',
    });
    expect(saved.status).toBe(303);
    const added = await editor.postForm(`/admin/newsletter/issues/${issueId}/blocks`, {
      kind: 'news',
    });
    expect(added.status).toBe(303);
    const news = (await blocks(issueId)).at(-1)!;
    expect(news.kind).toBe('news');

    const bad = await editor.postForm(`/admin/newsletter/issues/${issueId}/blocks/${news.id}`, {
      op: 'save',
      title: 'Postcards',
      body: 'We wrote 2,000.',
      linkUrl: 'javascript:alert(1)',
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Use a link starting with https://.');
    expect(badHtml).toContain('We wrote 2,000.');
    expect((await blocks(issueId)).at(-1)!.body).toBe('');

    // "Move up" saves what was typed, then moves.
    const moved = await editor.postForm(`/admin/newsletter/issues/${issueId}/blocks/${news.id}`, {
      op: 'up',
      title: 'Postcards',
      body: 'We wrote 2,000.',
      linkUrl: 'https://example.org/postcards',
      submittedBy: 'Dana',
      onBehalfOf: 'Sample Valley Indivisible',
    });
    expect(moved.status).toBe(303);
    expect((await blocks(issueId)).map((b) => b.id)).toEqual([note!.id, news.id, digest!.id]);
    expect((await blocks(issueId))[1]).toMatchObject({
      title: 'Postcards',
      submitted_by: 'Dana',
      on_behalf_of: 'Sample Valley Indivisible',
    });

    const text = await editor.postForm(`/admin/newsletter/issues/${issueId}/blocks`, {
      kind: 'text',
    });
    expect(text.status).toBe(303);
    const extra = (await blocks(issueId)).at(-1)!;
    await editor.postForm(`/admin/newsletter/issues/${issueId}/blocks/${extra.id}`, {
      op: 'remove',
    });
    expect((await blocks(issueId)).map((b) => b.id)).toEqual([note!.id, news.id, digest!.id]);
  });

  it('previews the email as a subscriber from a district would see it, HTML and text', async () => {
    const html = await editor.get(
      `/admin/newsletter/issues/${issueId}/preview?district=1&format=html`,
    );
    expect(html.status).toBe(200);
    const body = await html.text();
    expect(body).toContain('Near you: District 1');
    expect(body).toContain('Submitted by Dana, on behalf of Sample Valley Indivisible');
    expect(body).toContain('<strong>Show up.</strong>');
    expect(body).toMatch(/<td[^>]*style="[^"]*padding/); // styles are inlined for mail clients
    expect(body).toContain('prefers-color-scheme: dark');
    const everywhere = await (
      await editor.get(`/admin/newsletter/issues/${issueId}/preview`)
    ).text();
    expect(everywhere).not.toContain('Near you');
    // Featured events come first within their day.
    expect(everywhere.indexOf('Statewide call with our senators')).toBeLessThan(
      everywhere.indexOf('Pittsfield town hall'),
    );
    const text = await (
      await editor.get(`/admin/newsletter/issues/${issueId}/preview?district=1&format=text`)
    ).text();
    expect(text).toContain('NEAR YOU: District 1');
    expect(text).toContain('Show up.');
    expect(text).not.toContain('**');
    expect((await ctx.client().get(`/admin/newsletter/issues/${issueId}/preview`)).status).toBe(
      401,
    );
  });

  it('sends a test to the editor only', async () => {
    const response = await editor.postForm(`/admin/newsletter/issues/${issueId}/test`, {
      testDistrict: '1',
    });
    expect(response.status).toBe(303);
    const [mail] = await ctx.outbox('edna@example.org');
    expect(mail!.subject).toMatch(/^\[Test\] /);
    expect(mail!.html_body).toContain('Near you: District 1');
    expect(mail!.purpose).toBe('newsletter_test');
  });

  it('refuses to send without SMTP_URL and says how to fix it', async () => {
    const response = await editor.postForm(`/admin/newsletter/issues/${issueId}/send`, {});
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('SMTP_URL is not set');
    const cli = command('newsletter:send').run(commandContext({}, [String(issueId)]).context);
    await expect(cli).rejects.toThrow('SMTP_URL is not set');
  });

  it('schedules a send for Saturday 8 am Eastern and cancels it', async () => {
    const page = await (await editor.get(`/admin/newsletter/issues/${issueId}`)).text();
    expect(page).toContain('value="2026-05-09T08:00"');
    const past = await editor.postForm(`/admin/newsletter/issues/${issueId}/schedule`, {
      at: '2026-05-01T08:00',
    });
    expect(past.status).toBe(400);
    expect(await past.text()).toContain('Pick a time in the future.');
    const scheduled = await editor.postForm(`/admin/newsletter/issues/${issueId}/schedule`, {
      at: '2026-05-09T08:00',
    });
    expect(scheduled.status).toBe(303);
    const row = await ctx.services.db
      .selectFrom('newsletter_issues')
      .select(['state', 'scheduled_at'])
      .where('id', '=', issueId)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('scheduled');
    expect(row.scheduled_at!.toISOString()).toBe('2026-05-09T12:00:00.000Z');

    const cancelled = await editor.postForm(`/admin/newsletter/issues/${issueId}/unschedule`, {});
    expect(cancelled.status).toBe(303);
    ctx.travel(6 * 86_400_000);
    await ctx.runJobs();
    const after = await ctx.services.db
      .selectFrom('newsletter_issues')
      .select(['state', 'published_at'])
      .where('id', '=', issueId)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ state: 'draft', published_at: null });
    expect((await ctx.client().get('/newsletter/2026-05-09')).status).toBe(404);
  });
});

describe('submissions from organizers', () => {
  it('lets an organizer submit news on behalf of their group, which joins the draft', async () => {
    const olga = await buildPerson(ctx.services, { email: 'olga@example.org', name: 'Olga' });
    const group = await buildGroup(ctx.services, {
      name: 'Berkshire Indivisible',
      organizers: [olga],
    });
    const other = await buildGroup(ctx.services, { name: 'Other Group' });
    const organizer = await ctx.signedIn({ email: 'olga@example.org' });
    expect((await ctx.client().get('/newsletter/submit')).status).toBe(401);
    expect((await (await ctx.signedIn()).get('/newsletter/submit')).status).toBe(403);

    const form = await organizer.get('/newsletter/submit');
    expect(form.status).toBe(200);
    const dates = (await form.text()).match(/value="(\d{4}-\d{2}-\d{2})"/g)!;
    const issueDate = dates[0]!.slice(7, 17);

    const notMine = await organizer.postForm('/newsletter/submit', {
      kind: 'news',
      issueDate,
      title: 'Not ours',
      body: 'Text',
      groupId: String(other.id),
    });
    expect(notMine.status).toBe(403);

    const empty = await organizer.postForm('/newsletter/submit', {
      kind: 'news',
      issueDate,
      title: '',
      body: '',
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Give it a title.');

    const ok = await organizer.postForm('/newsletter/submit', {
      kind: 'spotlight',
      issueDate,
      title: 'Meet Berkshire Indivisible',
      body: 'We meet on Tuesdays.',
      groupId: String(group.id),
    });
    expect(ok.status).toBe(303);
    const draft = await ctx.services.db
      .selectFrom('newsletter_issues')
      .select('id')
      .where('issue_date', '=', issueDate)
      .executeTakeFirst();
    // No draft for that week yet: the submission waits, and the draft picks it up.
    expect(draft).toBeUndefined();
    const created = await command('newsletter:draft').run(
      commandContext({ date: issueDate }).context,
    );
    expect((await blocks(created.id as number)).at(-1)).toMatchObject({
      kind: 'spotlight',
      title: 'Meet Berkshire Indivisible',
      submitted_by: 'Olga',
      on_behalf_of: 'Berkshire Indivisible',
    });
  });
});

describe('sample content', () => {
  it('loads one sample issue into the archive and removes it in one step', async () => {
    const { newsletterFeature } = await import('./index.tsx');
    const loaded = await ctx.services.db
      .transaction()
      .execute((tx) => newsletterFeature.sample!.load(tx, ctx.services));
    expect(loaded).toEqual({ newsletter_issues: 1 });
    const archive = await (await ctx.client().get('/newsletter')).text();
    expect(archive).toContain('This week across the coalition');
    const cleared = await ctx.services.db
      .transaction()
      .execute((tx) => newsletterFeature.sample!.clear(tx, ctx.services));
    expect(cleared).toEqual({ newsletter_issues: 1 });
    expect(await (await ctx.client().get('/newsletter')).text()).not.toContain(
      'This week across the coalition',
    );
  });
});
