import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  linkIn,
  type TestClient,
  type TestContext,
} from '../../../test/support/harness.ts';

let ctx: TestContext;
let admin: TestClient;

const text = async (response: Response) =>
  (await response.text()).replace(/&quot;/g, '"').replace(/&#39;/g, "'");

/** Follows an emailed sign-in link the way a person would: open it, press the button. */
async function signInFromMail(to: string): Promise<{ client: TestClient; location: string }> {
  const mails = await ctx.outbox(to);
  const link = linkIn(mails.at(-1)!.text_body, 'http://hub.test/login/');
  const path = new URL(link).pathname;
  const client = ctx.client();
  expect((await client.get(path)).status).toBe(200);
  const response = await client.postForm(path, {});
  expect(response.status).toBe(303);
  return { client, location: response.headers.get('location')! };
}

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.signedIn({ roles: ['administrator'], name: 'Ada Admin' });
});
afterAll(() => ctx.close());

describe('an administrator adds a group', () => {
  it('creates it and invites its organizers, who sign in to edit it', async () => {
    const response = await admin.postForm('/admin/groups/new', {
      name: 'Amherst Action',
      kind: 'group',
      towns: 'Amherst\nHadley',
      issueAreas: ['climate', 'education'],
      website: 'amherst-action.example.org',
      email: '',
      description: 'Students and neighbors.',
      organizers: 'Olga@Example.org, pat@example.org',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/groups/amherst-action');

    const [invitation] = await ctx.outbox('olga@example.org');
    expect(invitation!.subject).toBe('You are an organizer of Amherst Action');
    expect(invitation!.text_body).toContain('Ada Admin added you');
    expect(await ctx.outbox('pat@example.org')).toHaveLength(1);

    // An account, but no global role: being an organizer is what lets them in.
    const account = await ctx.services.db
      .selectFrom('accounts')
      .innerJoin('people', 'people.id', 'accounts.person_id')
      .select('accounts.roles')
      .where('people.email', '=', 'olga@example.org')
      .executeTakeFirstOrThrow();
    expect(account.roles).toEqual([]);

    const { client, location } = await signInFromMail('olga@example.org');
    expect(location).toBe('/groups/amherst-action/edit');
    const form = await text(await client.get(location));
    expect(form).toContain('value="Amherst Action"');
    expect(form).toMatch(/<textarea[^>]*name="towns"[^>]*>Amherst\nHadley<\/textarea>/);

    const saved = await client.postForm('/groups/amherst-action/edit', {
      name: 'Amherst Action',
      kind: 'group',
      towns: 'Amherst\nHadley\nPelham',
      issueAreas: ['climate'],
      website: 'https://amherst-action.example.org',
      email: 'hello@amherst-action.example.org',
      description: 'Students and neighbors, every Monday.',
      instagram: 'instagram.com/amherstaction',
    });
    expect(saved.status).toBe(303);
    const profile = await text(await client.get('/groups/amherst-action'));
    expect(profile).toContain('The profile of Amherst Action is saved.');
    expect(profile).toContain('Pelham');
    expect(profile).toContain('every Monday');
    expect(profile).toContain('href="https://instagram.com/amherstaction"');
    expect(profile).not.toContain('href="/issue-areas/education"');

    const audit = await ctx.services.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_type', '=', 'group')
      .execute();
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining(['group.created', 'group.organizer_invited', 'group.updated']),
    );
  });

  it('refuses a form with bad fields, naming each, keeping the values, storing nothing', async () => {
    const response = await admin.postForm('/admin/groups/new', {
      name: 'A',
      kind: 'club',
      towns: 'Amherst\nAtlantis',
      issueAreas: ['knitting'],
      website: 'not a url',
      email: 'nope',
      organizers: 'someone@example.org, broken',
    });
    expect(response.status).toBe(400);
    const html = await text(response);
    expect(html).toContain('Enter the group’s name (at least 2 characters).');
    expect(html).toContain('Choose "group" or "ally".');
    expect(html).toContain('Not a Massachusetts city or town: Atlantis.');
    expect(html).toContain('Unknown issue area: knitting.');
    expect(html).toContain('Enter a web address like https://example.org.');
    expect(html).toContain('Enter an email address like name@example.org.');
    expect(html).toContain('"broken" is not an email address.');
    expect(html).toMatch(/<textarea[^>]*name="towns"[^>]*>Amherst\nAtlantis<\/textarea>/);
    const groups = await ctx.services.db.selectFrom('groups').select('name').execute();
    expect(groups.map((g) => g.name)).toEqual(['Amherst Action']);
    expect(await ctx.outbox('someone@example.org')).toHaveLength(0);
  });

  it('refuses a second group with the same name, whatever the case', async () => {
    const response = await admin.postForm('/admin/groups/new', {
      name: 'AMHERST ACTION',
      kind: 'group',
    });
    expect(response.status).toBe(400);
    expect(await text(response)).toContain('A group named "AMHERST ACTION" is already listed.');
  });

  it('is the only one who may add groups', async () => {
    const editor = await ctx.signedIn({ roles: ['editor'] });
    expect((await editor.get('/admin/groups/new')).status).toBe(403);
    const response = await editor.postForm('/admin/groups/new', { name: 'Sneaky Group' });
    expect(response.status).toBe(403);
    expect((await ctx.client().get('/admin/groups/new')).status).toBe(401);
  });
});

describe('organizers manage their own group only', () => {
  beforeAll(async () => {
    await admin.postForm('/admin/groups/new', {
      name: 'Brookline Bold',
      kind: 'group',
      towns: 'Brookline',
      organizers: 'bree@example.org',
    });
  });

  it('never lets an organizer edit another group', async () => {
    const bree = await ctx.signedIn({ email: 'bree@example.org' });
    expect((await bree.get('/groups/brookline-bold/edit')).status).toBe(200);
    expect((await bree.get('/groups/amherst-action/edit')).status).toBe(403);
    const attempt = await bree.postForm('/groups/amherst-action/edit', {
      name: 'Taken Over',
      kind: 'group',
    });
    expect(attempt.status).toBe(403);
    expect((await bree.get('/groups/amherst-action/organizers')).status).toBe(403);
    const invite = await bree.postForm('/groups/amherst-action/organizers', {
      email: 'friend@example.org',
    });
    expect(invite.status).toBe(403);
    expect(await ctx.outbox('friend@example.org')).toHaveLength(0);
    const name = await ctx.services.db
      .selectFrom('groups')
      .select('name')
      .where('slug', '=', 'amherst-action')
      .executeTakeFirstOrThrow();
    expect(name.name).toBe('Amherst Action');
    // Their own group shows the manage links; another's does not.
    expect(await text(await bree.get('/groups/brookline-bold'))).toContain(
      'You organize this group',
    );
    expect(await text(await bree.get('/groups/amherst-action'))).not.toContain(
      'You organize this group',
    );
  });

  it('shows a clear message per field when an organizer saves bad values', async () => {
    const bree = await ctx.signedIn({ email: 'bree@example.org' });
    const response = await bree.postForm('/groups/brookline-bold/edit', {
      name: 'Brookline Bold',
      kind: 'group',
      towns: 'Brookline\nGotham',
      facebook: 'javascript:alert(1)',
    });
    expect(response.status).toBe(400);
    const html = await text(response);
    expect(html).toContain('Not a Massachusetts city or town: Gotham.');
    expect(html).toContain('Enter a web address like https://example.org.');
    expect(html).toContain('value="javascript:alert(1)"');
  });

  it('lets an organizer add another organizer, who gets an account and a sign-in link', async () => {
    const bree = await ctx.signedIn({ email: 'bree@example.org' });
    const response = await bree.postForm('/groups/brookline-bold/organizers', {
      email: 'Carl@Example.org',
      name: 'Carl',
    });
    expect(response.status).toBe(303);
    const page = await text(await bree.get('/groups/brookline-bold/organizers'));
    expect(page).toContain('carl@example.org is now an organizer');
    expect(page).toContain('carl@example.org');
    const { client } = await signInFromMail('carl@example.org');
    expect((await client.get('/groups/brookline-bold/edit')).status).toBe(200);
    expect((await client.get('/groups/amherst-action/edit')).status).toBe(403);

    const again = await bree.postForm('/groups/brookline-bold/organizers', {
      email: 'carl@example.org',
    });
    expect(again.status).toBe(303);
    expect(await text(await bree.get('/groups/brookline-bold/organizers'))).toContain(
      'already an organizer',
    );
    expect(await ctx.outbox('carl@example.org')).toHaveLength(1);

    const bad = await bree.postForm('/groups/brookline-bold/organizers', { email: 'nope' });
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain('Enter an email address like name@example.org.');
  });

  it('removes organizers but keeps at least one', async () => {
    const bree = await ctx.signedIn({ email: 'bree@example.org' });
    const carl = await ctx.services.db
      .selectFrom('people')
      .select('id')
      .where('email', '=', 'carl@example.org')
      .executeTakeFirstOrThrow();
    const removed = await bree.postForm(`/groups/brookline-bold/organizers/${carl.id}/remove`, {});
    expect(removed.status).toBe(303);
    const carlClient = await ctx.signedIn({ email: 'carl@example.org' });
    expect((await carlClient.get('/groups/brookline-bold/edit')).status).toBe(403);
    const self = bree.actor.personId;
    const last = await bree.postForm(`/groups/brookline-bold/organizers/${self}/remove`, {});
    expect(last.status).toBe(400);
    expect(await text(last)).toContain('A group keeps at least one organizer.');
  });

  it('lists an organizer’s groups in the admin area, and all groups for administrators', async () => {
    const bree = await ctx.signedIn({ email: 'bree@example.org' });
    const dashboard = await text(await bree.get('/admin'));
    expect(dashboard).toContain('href="/admin/groups"');
    const mine = await text(await bree.get('/admin/groups'));
    expect(mine).toContain('Brookline Bold');
    expect(mine).not.toContain('Amherst Action');
    const all = await text(await admin.get('/admin/groups'));
    expect(all).toContain('Brookline Bold');
    expect(all).toContain('Amherst Action');
  });

  it('lets only administrators delete a group', async () => {
    const bree = await ctx.signedIn({ email: 'bree@example.org' });
    expect((await bree.postForm('/groups/brookline-bold/delete', {})).status).toBe(403);
    const deleted = await admin.postForm('/groups/brookline-bold/delete', {});
    expect(deleted.status).toBe(303);
    expect((await ctx.client().get('/groups/brookline-bold')).status).toBe(404);
    const doc = await ctx.services.db
      .selectFrom('search_documents')
      .select('url')
      .where('url', '=', '/groups/brookline-bold')
      .executeTakeFirst();
    expect(doc).toBeUndefined();
  });
});
