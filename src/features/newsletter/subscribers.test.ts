import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, linkIn, type TestContext } from '../../../test/support/harness.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function subscription(email: string) {
  return ctx.services.db
    .selectFrom('newsletter_subscriptions as s')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .selectAll('s')
    .where('p.email', '=', email)
    .executeTakeFirst();
}

async function consents(email: string) {
  return ctx.services.db
    .selectFrom('consents as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .select(['c.method', 'c.source', 'c.withdrawn_at', 'c.ip'])
    .where('p.email', '=', email)
    .where('c.purpose', '=', 'newsletter')
    .orderBy('c.id')
    .execute();
}

/** Signs up and confirms through the emailed link; returns the subscription token. */
async function signUpAndConfirm(email: string, place = ''): Promise<string> {
  const browser = ctx.client();
  const response = await browser.postForm('/newsletter/subscribe', {
    email,
    place,
    source: 'footer',
  });
  expect(response.status).toBe(303);
  const mails = await ctx.outbox(email);
  const link = linkIn(mails[mails.length - 1]!.text_body, 'http://hub.test/newsletter/confirm/');
  const path = new URL(link).pathname;
  expect((await browser.postForm(path, {})).status).toBe(200);
  return path.split('/').pop()!;
}

describe('signing up with double opt-in', () => {
  it('shows the sign-up form in every page footer and on /newsletter', async () => {
    const about = await (await ctx.client().get('/about')).text();
    expect(about).toContain('action="/newsletter/subscribe"');
    expect(about).toContain('Send me the newsletter');
    const page = await ctx.client().get('/newsletter');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Get the weekly newsletter');
    // The footer form is not repeated on the newsletter page itself.
    expect(html.match(/action="\/newsletter\/subscribe"/g)).toHaveLength(1);
  });

  it('emails a confirmation link and sends nothing else until it is used', async () => {
    const browser = ctx.client();
    const response = await browser.postForm('/newsletter/subscribe', {
      email: 'Ada@Example.org',
      name: 'Ada',
      place: 'Worcester',
      source: 'page',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/newsletter/check-your-email');
    expect(await (await browser.get('/newsletter/check-your-email')).text()).toContain(
      'Check your email',
    );
    const pending = await subscription('ada@example.org');
    expect(pending?.state).toBe('pending');
    expect(pending?.districts).toEqual([2]);
    expect(await consents('ada@example.org')).toEqual([]);

    const [mail] = await ctx.outbox('ada@example.org');
    expect(mail!.subject).toBe('Please confirm: the weekly newsletter');
    const link = linkIn(mail!.text_body, 'http://hub.test/newsletter/confirm/');
    const path = new URL(link).pathname;
    // Opening the link (as a mail scanner would) confirms nothing.
    const opened = await ctx.client().get(path);
    expect(await opened.text()).toContain('Yes, send me the newsletter');
    expect((await subscription('ada@example.org'))?.state).toBe('pending');

    const confirmed = await ctx.client({ ip: '203.0.113.50' }).postForm(path, {});
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('You are subscribed');
    expect((await subscription('ada@example.org'))?.state).toBe('confirmed');
    expect(await consents('ada@example.org')).toEqual([
      { method: 'confirmation_link', source: 'page', withdrawn_at: null, ip: '203.0.113.50' },
    ]);
  });

  it('answers the same to a second sign-up and changes nothing', async () => {
    await signUpAndConfirm('twice@example.org', 'Boston');
    const before = await subscription('twice@example.org');
    const first = ctx.client();
    const again = await first.postForm('/newsletter/subscribe', {
      email: 'twice@example.org',
      place: 'Pittsfield',
    });
    const stranger = await ctx
      .client()
      .postForm('/newsletter/subscribe', { email: 'brand-new@example.org', place: 'Pittsfield' });
    expect(again.status).toBe(stranger.status);
    expect(again.headers.get('location')).toBe(stranger.headers.get('location'));
    const after = await subscription('twice@example.org');
    expect(after).toEqual(before);
    const mails = await ctx.outbox('twice@example.org');
    expect(mails.at(-1)!.subject).toBe('You already get the weekly newsletter');
    expect(mails.filter((m) => m.subject.startsWith('Please confirm'))).toHaveLength(1);
  });

  it('sends nothing to a suppressed address, with the same answer', async () => {
    await ctx.services.db
      .insertInto('suppressions')
      .values({ email: 'bounced@example.org', reason: 'hard_bounce', details: null })
      .execute();
    const response = await ctx.client().postForm('/newsletter/subscribe', {
      email: 'bounced@example.org',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/newsletter/check-your-email');
    expect(await ctx.outbox('bounced@example.org')).toHaveLength(0);
    expect(await subscription('bounced@example.org')).toBeUndefined();
  });

  it('rejects a bad address or an unknown town beside the field, storing nothing', async () => {
    const bad = await ctx
      .client()
      .postForm('/newsletter/subscribe', { email: 'not-an-email', place: 'Atlantis' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Enter an email address like name@example.org.');
    expect(html).toContain('We do not know that town');
    expect(html).toContain('value="not-an-email"');
    expect(html).toContain('value="Atlantis"');
    const people = await ctx.services.db
      .selectFrom('people')
      .select('id')
      .where('email', '=', 'not-an-email')
      .execute();
    expect(people).toHaveLength(0);
  });

  it('accepts a ZIP code and keeps every district of a split one', async () => {
    await signUpAndConfirm('zip@example.org', '02138');
    const row = await subscription('zip@example.org');
    expect(row?.zip).toBe('02138');
    expect(row?.districts.length).toBeGreaterThan(0);
  });

  it('refuses a sign-up form without its CSRF token', async () => {
    const response = await ctx
      .client()
      .postForm('/newsletter/subscribe', { email: 'csrf@example.org' }, { csrf: false });
    expect(response.status).toBe(403);
    expect(await ctx.outbox('csrf@example.org')).toHaveLength(0);
  });
});

describe('preferences and unsubscribing', () => {
  it('changes the town, pauses and resumes from the preferences page', async () => {
    const token = await signUpAndConfirm('prefs@example.org', 'Worcester');
    const browser = ctx.client();
    const page = await browser.get(`/newsletter/preferences/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('prefs@example.org');

    const unknown = await browser.postForm(`/newsletter/preferences/${token}`, {
      action: 'place',
      place: 'Nowhere Town',
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('value="Nowhere Town"');

    const moved = await browser.postForm(`/newsletter/preferences/${token}`, {
      action: 'place',
      place: 'Pittsfield',
    });
    expect(moved.status).toBe(303);
    expect((await subscription('prefs@example.org'))?.districts).toEqual([1]);

    await browser.postForm(`/newsletter/preferences/${token}`, { action: 'pause' });
    expect((await subscription('prefs@example.org'))?.state).toBe('paused');
    await browser.postForm(`/newsletter/preferences/${token}`, { action: 'resume' });
    expect((await subscription('prefs@example.org'))?.state).toBe('confirmed');
  });

  it('unsubscribes at once on a one-click POST without cookies or CSRF token', async () => {
    const token = await signUpAndConfirm('oneclick@example.org');
    const response = await ctx.app.request(`http://hub.test/newsletter/unsubscribe/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    expect((await subscription('oneclick@example.org'))?.state).toBe('unsubscribed');
    const [consent] = await consents('oneclick@example.org');
    expect(consent!.withdrawn_at).toBeInstanceOf(Date);
  });

  it('asks before unsubscribing when the visible link is merely opened', async () => {
    const token = await signUpAndConfirm('visible@example.org');
    const page = await ctx.client().get(`/newsletter/unsubscribe/${token}`);
    expect(await page.text()).toContain('Press the button');
    expect((await subscription('visible@example.org'))?.state).toBe('confirmed');
  });

  it('does not know a made-up token', async () => {
    expect((await ctx.client().get('/newsletter/preferences/not-a-token')).status).toBe(404);
    const post = await ctx.app.request('http://hub.test/newsletter/unsubscribe/not-a-token', {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(post.status).toBe(404);
  });

  it('lets an unsubscribed person come back only through their emailed link', async () => {
    const token = await signUpAndConfirm('returns@example.org');
    await ctx.client().postForm(`/newsletter/unsubscribe/${token}`, {});
    expect((await subscription('returns@example.org'))?.state).toBe('unsubscribed');
    await ctx.client().postForm('/newsletter/subscribe', { email: 'returns@example.org' });
    // Signing up again mails a confirmation link but changes nothing by itself.
    expect((await subscription('returns@example.org'))?.state).toBe('unsubscribed');
    const mails = await ctx.outbox('returns@example.org');
    const path = new URL(linkIn(mails.at(-1)!.text_body, 'http://hub.test/newsletter/confirm/'))
      .pathname;
    await ctx.client().postForm(path, {});
    expect((await subscription('returns@example.org'))?.state).toBe('confirmed');
    const history = await consents('returns@example.org');
    expect(history).toHaveLength(2);
    expect(history[0]!.withdrawn_at).toBeInstanceOf(Date);
    expect(history[1]!.withdrawn_at).toBeNull();
  });
});
