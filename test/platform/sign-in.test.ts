import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreatePerson, grantAccount } from '../../src/platform/people.ts';
import { createTestContext, linkIn, type TestContext } from '../support/harness.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function makeEditor(email: string) {
  const person = await findOrCreatePerson(ctx.services.db, { email, name: 'Edie Editor' });
  await grantAccount(ctx.services.db, person.id, ['editor']);
  return person;
}

describe('sign-in by emailed link', () => {
  it('emails a one-time link that signs the person in once, then refuses it', async () => {
    await makeEditor('edie@example.org');
    const browser = ctx.client();
    const asked = await browser.postForm('/login', { email: 'Edie@Example.org' });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('Check your email');
    const [mail] = await ctx.outbox('edie@example.org');
    expect(mail!.subject).toBe('Your sign-in link');
    expect(mail!.html_body).toContain('Sign in');
    const link = linkIn(mail!.text_body, 'http://hub.test/login/');
    const path = new URL(link).pathname;

    const confirm = await browser.get(path);
    expect(await confirm.text()).toContain('edie@example.org');
    const signedIn = await browser.postForm(path, {});
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/admin');
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('hub_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await browser.get('/admin')).status).toBe(200);

    const other = ctx.client();
    const reused = await other.postForm(path, {});
    expect(reused.status).toBe(410);
    expect(other.cookies.has('hub_session')).toBe(false);
  });

  it('answers the same for an unknown address and sends no sign-in link to it', async () => {
    const browser = ctx.client();
    const known = await (await browser.postForm('/login', { email: 'edie@example.org' })).text();
    const unknown = await (
      await browser.postForm('/login', { email: 'nobody@example.org' })
    ).text();
    const strip = (html: string) =>
      html.replace(/edie@example\.org|nobody@example\.org/g, 'X').replace(/value="[^"]*"/g, '');
    expect(strip(unknown)).toBe(strip(known));
    const mails = await ctx.outbox('nobody@example.org');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text_body).not.toContain('/login/');
  });

  it('refuses an expired link', async () => {
    await makeEditor('late@example.org');
    const browser = ctx.client();
    await browser.postForm('/login', { email: 'late@example.org' });
    const [mail] = await ctx.outbox('late@example.org');
    const path = new URL(linkIn(mail!.text_body, 'http://hub.test/login/')).pathname;
    ctx.travel(21 * 60_000);
    expect((await browser.postForm(path, {})).status).toBe(410);
  });

  it('rate-limits requests per address', async () => {
    await makeEditor('busy@example.org');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await ctx.client().postForm('/login', { email: 'busy@example.org' })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses[5]).toBe(429);
    expect(await ctx.outbox('busy@example.org')).toHaveLength(5);
  });

  it('rate-limits requests per client address across different emails', async () => {
    const browser = ctx.client({ ip: '192.0.2.77' });
    let last = 0;
    for (let i = 0; i < 31; i++)
      last = (await browser.postForm('/login', { email: `r${i}@example.org` })).status;
    expect(last).toBe(429);
  });

  it('rejects a malformed address with a message beside the field, keeping the value', async () => {
    const response = await ctx.client().postForm('/login', { email: 'not-an-email' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Enter an email address like name@example.org.');
    expect(html).toContain('value="not-an-email"');
  });

  it('refuses a form without a valid CSRF token and changes nothing', async () => {
    await makeEditor('csrf@example.org');
    const response = await ctx
      .client()
      .postForm('/login', { email: 'csrf@example.org' }, { csrf: false });
    expect(response.status).toBe(403);
    expect(await ctx.outbox('csrf@example.org')).toHaveLength(0);
  });

  it('signs out: the session no longer opens the admin area', async () => {
    const editor = await ctx.signedIn({ roles: ['editor'] });
    expect((await editor.get('/admin')).status).toBe(200);
    const out = await editor.postForm('/logout', {});
    expect(out.status).toBe(303);
    expect((await editor.get('/admin')).status).toBe(401);
  });
});
