import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  type TestClient,
  type TestContext,
} from '../../../test/support/harness.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { GroupInput } from './schemas.ts';
import { CONTACT_MIN_FILL_SECONDS, createGroup } from './service.ts';

let ctx: TestContext;
let admin: Actor;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = (await ctx.signedIn({ roles: ['administrator'] })).actor;
  for (const [name, organizers, email] of [
    ['Salem Speaks', ['olive@example.org', 'oscar@example.org'], 'info@salem.example.org'],
    ['Quiet Group', ['quinn@example.org'], null],
    ['Busy Group', ['bea@example.org'], null],
  ] as const) {
    await createGroup(
      ctx.services,
      admin,
      GroupInput.parse({ name, towns: ['Salem'], organizers: [...organizers], email }),
    );
  }
});
afterAll(() => ctx.close());

/** Opens the profile, waits as a person would, and sends the form. */
async function sendMessage(
  client: TestClient,
  slug: string,
  fields: Record<string, string>,
  waitSeconds = CONTACT_MIN_FILL_SECONDS + 1,
) {
  const page = await (await client.get(`/groups/${slug}`)).text();
  const started = page.match(/name="started" value="([^"]+)"/)?.[1] ?? '';
  ctx.travel(waitSeconds * 1000);
  return client.postForm(`/groups/${slug}/contact`, { started, website: '', ...fields });
}

const messagesTo = async (slug: string) => {
  const group = await ctx.services.db
    .selectFrom('groups')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  return ctx.services.db
    .selectFrom('group_messages')
    .selectAll()
    .where('group_id', '=', group.id)
    .execute();
};

describe('the contact form', () => {
  it('emails each organizer and the public address, with the sender as Reply-To', async () => {
    const client = ctx.client();
    const response = await sendMessage(client, 'salem-speaks', {
      name: 'Maya Visitor',
      email: 'Maya@Example.net',
      message: 'Hello! I just moved to Salem.\n\nHow can I help?',
    });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('Message sent');
    expect(page).toContain('maya@example.net');
    // The sender never sees where it went.
    for (const address of ['olive@example.org', 'oscar@example.org', 'info@salem.example.org'])
      expect(page).not.toContain(address);

    for (const to of ['olive@example.org', 'oscar@example.org', 'info@salem.example.org']) {
      const mails = (await ctx.outbox(to)).filter((mail) => mail.purpose === 'group-contact');
      expect(mails).toHaveLength(1);
      const mail = mails[0]!;
      expect(mail.subject).toBe('Message for Salem Speaks from Maya Visitor');
      expect(mail.headers['Reply-To']).toBe('maya@example.net');
      expect(mail.text_body).toContain('How can I help?');
      expect(mail.html_body).toContain('<p style');
    }
    const stored = await messagesTo('salem-speaks');
    expect(stored).toHaveLength(1);
    const person = await ctx.services.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', stored[0]!.person_id)
      .executeTakeFirstOrThrow();
    expect(person).toMatchObject({ email: 'maya@example.net', name: 'Maya Visitor' });
    const consent = await ctx.services.db
      .selectFrom('consents')
      .selectAll()
      .where('person_id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(consent).toMatchObject({
      purpose: 'group_contact',
      method: 'form',
      source: '/groups/salem-speaks',
    });
  });

  it('shows each field’s error, keeps the values, and sends nothing', async () => {
    const before = (await ctx.outbox()).length;
    const response = await sendMessage(ctx.client(), 'quiet-group', {
      name: '',
      email: 'not-an-email',
      message: 'Hi',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Enter your name.');
    expect(html).toContain('Enter an email address like name@example.org.');
    expect(html).toContain('Write a message of at least 10 characters.');
    expect(html).toContain('value="not-an-email"');
    expect((await ctx.outbox()).length).toBe(before);
    expect(await messagesTo('quiet-group')).toHaveLength(0);
  });

  it('quietly drops a message whose honeypot is filled', async () => {
    const response = await sendMessage(ctx.client(), 'quiet-group', {
      name: 'Spam Bot',
      email: 'bot@example.net',
      message: 'Buy cheap things at our website today!',
      website: 'https://spam.example',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Message sent');
    expect(await messagesTo('quiet-group')).toHaveLength(0);
    expect(await ctx.outbox('quinn@example.org')).toHaveLength(1); // only the invitation
  });

  it('refuses a form sent faster than a person types, or without its signed start time', async () => {
    const client = ctx.client();
    const fast = await sendMessage(
      client,
      'quiet-group',
      { name: 'Speedy', email: 'speedy@example.net', message: 'Sent far too fast to be real.' },
      0,
    );
    expect(fast.status).toBe(400);
    const html = await fast.text();
    expect(html).toContain('That was very quick');
    expect(html).toContain('Sent far too fast to be real.');
    const forged = await client.postForm('/groups/quiet-group/contact', {
      name: 'Forger',
      email: 'forger@example.net',
      message: 'A made-up start time.',
      started: `${Date.now() - 60_000}.not-a-signature`,
    });
    expect(forged.status).toBe(400);
    expect(await messagesTo('quiet-group')).toHaveLength(0);
  });

  it('rate-limits messages per client address', async () => {
    const client = ctx.client({ ip: '192.0.2.50' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await sendMessage(client, 'quiet-group', {
        name: `Writer ${i}`,
        email: `writer${i}@example.net`,
        message: 'A genuine question about meetings.',
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(await messagesTo('quiet-group')).toHaveLength(5);
  });

  it('rate-limits messages per group, whoever sends them', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const response = await sendMessage(ctx.client({ ip: `203.0.113.${i + 1}` }), 'busy-group', {
        name: `Person ${i}`,
        email: `p${i}@example.net`,
        message: 'Another genuine question.',
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect(await messagesTo('busy-group')).toHaveLength(20);
  });

  it('needs the CSRF token', async () => {
    const response = await ctx
      .client()
      .postForm(
        '/groups/salem-speaks/contact',
        { name: 'X', email: 'x@example.net', message: 'No token here at all.' },
        { csrf: false },
      );
    expect(response.status).toBe(403);
  });
});

describe('who contacted the group', () => {
  it('is shown to its organizers only', async () => {
    const organizer = await ctx.signedIn({ email: 'olive@example.org' });
    const page = await organizer.get('/groups/salem-speaks/messages');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Maya Visitor');
    expect(html).toContain('mailto:maya@example.net');
    expect(html).toContain('How can I help?');

    const dashboard = await (await organizer.get('/admin')).text();
    expect(dashboard).toContain('New messages to your group this week');

    const other = await ctx.signedIn({ email: 'quinn@example.org' });
    expect((await other.get('/groups/salem-speaks/messages')).status).toBe(403);
    expect((await ctx.client().get('/groups/salem-speaks/messages')).status).toBe(401);
  });
});
