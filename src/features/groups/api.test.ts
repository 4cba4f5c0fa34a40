import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createTestContext, type TestContext } from '../../../test/support/harness.ts';

let ctx: TestContext;
let adminToken: string;

beforeAll(async () => {
  ctx = await createTestContext();
  adminToken = await ctx.apiToken({ roles: ['administrator'], email: 'root@example.org' });
  for (const body of [
    { name: 'Worcester Indivisible', towns: ['Worcester'], issueAreas: ['Voting rights'] },
    { name: 'Boston Bold', towns: ['Boston'], issueAreas: ['housing'] },
    { name: 'Cambridge Crew', towns: ['Cambridge', 'Somerville'], issueAreas: ['housing'] },
    { name: 'Berkshire Action', towns: ['Pittsfield'] },
    { name: 'Mass Voter Alliance', kind: 'ally', issueAreas: ['voting-rights'] },
  ]) {
    const response = await api(ctx.app, 'POST', '/api/v1/groups', { token: adminToken, body });
    expect(response.status).toBe(201);
  }
});
afterAll(() => ctx.close());

const slugs = (body: { data: { slug: string }[] }) => body.data.map((group) => group.slug);

describe('GET /api/v1/groups', () => {
  it('lists groups by name as {data, next}, each with its towns, districts and issue areas', async () => {
    const { status, body } = await api(ctx.app, 'GET', '/api/v1/groups');
    expect(status).toBe(200);
    expect(body.next).toBeNull();
    expect(slugs(body)).toEqual([
      'berkshire-action',
      'boston-bold',
      'cambridge-crew',
      'mass-voter-alliance',
      'worcester-indivisible',
    ]);
    const cambridge = body.data.find((g: { slug: string }) => g.slug === 'cambridge-crew');
    expect(cambridge).toMatchObject({
      name: 'Cambridge Crew',
      kind: 'group',
      towns: ['Cambridge', 'Somerville'],
      districts: [5, 7],
      issueAreas: ['housing'],
      url: 'http://hub.test/groups/cambridge-crew',
      isSample: false,
      website: null,
      email: null,
    });
  });

  it('filters by district, town (any spelling) and issue area (slug or name)', async () => {
    expect(slugs((await api(ctx.app, 'GET', '/api/v1/groups?district=7')).body)).toEqual([
      'boston-bold',
      'cambridge-crew',
    ]);
    expect(slugs((await api(ctx.app, 'GET', '/api/v1/groups?town=somerville')).body)).toEqual([
      'cambridge-crew',
    ]);
    expect(
      slugs((await api(ctx.app, 'GET', '/api/v1/groups?issue_area=Voting%20rights')).body),
    ).toEqual(['mass-voter-alliance', 'worcester-indivisible']);
    expect(
      slugs((await api(ctx.app, 'GET', '/api/v1/groups?issue_area=housing&district=5')).body),
    ).toEqual(['cambridge-crew']);
  });

  it('answers 404 for an unknown town and 400 for malformed filters', async () => {
    const unknown = await api(ctx.app, 'GET', '/api/v1/groups?town=Gotham');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'not_found' });
    expect(unknown.body.error.message).toContain('Gotham');
    const district = await api(ctx.app, 'GET', '/api/v1/groups?district=10');
    expect(district.status).toBe(400);
    expect(district.body.error.fields.district).toBe('A district is a number from 1 to 9.');
    expect((await api(ctx.app, 'GET', '/api/v1/groups?district=two')).status).toBe(400);
    const area = await api(ctx.app, 'GET', '/api/v1/groups?issue_area=knitting');
    expect(area.status).toBe(400);
    expect(area.body.error.fields.issue_area).toContain('knitting');
    expect((await api(ctx.app, 'GET', '/api/v1/groups?cursor=garbage')).status).toBe(400);
  });

  it('pages with limit and the next cursor', async () => {
    const first = await api(ctx.app, 'GET', '/api/v1/groups?limit=2');
    expect(slugs(first.body)).toEqual(['berkshire-action', 'boston-bold']);
    const second = await api(
      ctx.app,
      'GET',
      `/api/v1/groups?limit=2&cursor=${encodeURIComponent(first.body.next)}`,
    );
    expect(slugs(second.body)).toEqual(['cambridge-crew', 'mass-voter-alliance']);
    const third = await api(
      ctx.app,
      'GET',
      `/api/v1/groups?limit=2&cursor=${encodeURIComponent(second.body.next)}`,
    );
    expect(slugs(third.body)).toEqual(['worcester-indivisible']);
    expect(third.body.next).toBeNull();
  });
});

describe('GET /api/v1/groups/:slug', () => {
  it('returns one group, or 404', async () => {
    const { status, body } = await api(ctx.app, 'GET', '/api/v1/groups/worcester-indivisible');
    expect(status).toBe(200);
    expect(body).toMatchObject({ slug: 'worcester-indivisible', districts: [2] });
    expect((await api(ctx.app, 'GET', '/api/v1/groups/nope')).status).toBe(404);
    expect((await api(ctx.app, 'GET', '/api/v1/groups/Bad%20Slug!')).status).toBe(404);
  });
});

describe('POST /api/v1/groups', () => {
  it('needs an administrator’s token', async () => {
    const body = { name: 'Unauthorized Group' };
    expect((await api(ctx.app, 'POST', '/api/v1/groups', { body })).status).toBe(401);
    const editor = await ctx.apiToken({ roles: ['editor'] });
    const forbidden = await api(ctx.app, 'POST', '/api/v1/groups', { token: editor, body });
    expect(forbidden.status).toBe(403);
    expect((await api(ctx.app, 'GET', '/api/v1/groups/unauthorized-group')).status).toBe(404);
  });

  it('creates a group and invites its organizers', async () => {
    const response = await api(ctx.app, 'POST', '/api/v1/groups', {
      token: adminToken,
      body: {
        name: 'Salem Speaks',
        kind: 'group',
        description: 'North Shore neighbors.',
        towns: ['Salem', 'Marblehead'],
        issueAreas: ['climate'],
        website: 'https://salem.example.org',
        email: 'info@salem.example.org',
        links: { bluesky: 'https://bsky.app/profile/salem.example.org' },
        organizers: ['sam@example.org'],
      },
    });
    expect(response.status).toBe(201);
    expect(response.response.headers.get('location')).toBe('/api/v1/groups/salem-speaks');
    expect(response.body).toMatchObject({
      slug: 'salem-speaks',
      towns: ['Marblehead', 'Salem'],
      districts: [6],
      links: { bluesky: 'https://bsky.app/profile/salem.example.org' },
    });
    const [mail] = await ctx.outbox('sam@example.org');
    expect(mail!.subject).toBe('You are an organizer of Salem Speaks');
  });

  it('answers 400 with a message per field, storing nothing', async () => {
    const response = await api(ctx.app, 'POST', '/api/v1/groups', {
      token: adminToken,
      body: { name: '', kind: 'club', towns: ['Atlantis'], website: 'nope', organizers: ['x'] },
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.error.fields).sort()).toEqual(
      ['kind', 'name', 'organizers', 'towns', 'website'].sort(),
    );
    expect(response.body.error.fields.towns).toContain('Atlantis');
    const bad = await api(ctx.app, 'POST', '/api/v1/groups', { token: adminToken, body: 'nope' });
    expect(bad.status).toBe(400);
  });

  it('answers 409 for a name already listed', async () => {
    const response = await api(ctx.app, 'POST', '/api/v1/groups', {
      token: adminToken,
      body: { name: 'boston bold' },
    });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('conflict');
  });
});

describe('PATCH /api/v1/groups/:slug', () => {
  it('lets the group’s organizer change only the fields sent', async () => {
    const token = await ctx.apiToken({ email: 'sam@example.org' });
    const response = await api(ctx.app, 'PATCH', '/api/v1/groups/salem-speaks', {
      token,
      body: { towns: ['Salem', 'Beverly', 'Peabody'], description: 'Now three towns.' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      towns: ['Beverly', 'Peabody', 'Salem'],
      description: 'Now three towns.',
      website: 'https://salem.example.org/',
      issueAreas: ['climate'],
    });
  });

  it('never lets an organizer change another group', async () => {
    const token = await ctx.apiToken({ email: 'sam@example.org' });
    const response = await api(ctx.app, 'PATCH', '/api/v1/groups/boston-bold', {
      token,
      body: { name: 'Hijacked' },
    });
    expect(response.status).toBe(403);
    const { body } = await api(ctx.app, 'GET', '/api/v1/groups/boston-bold');
    expect(body.name).toBe('Boston Bold');
    const nobody = await api(ctx.app, 'PATCH', '/api/v1/groups/boston-bold', {
      body: { name: 'Hijacked' },
    });
    expect(nobody.status).toBe(401);
  });

  it('lets administrators change any group, and rejects bad or empty changes', async () => {
    const ok = await api(ctx.app, 'PATCH', '/api/v1/groups/boston-bold', {
      token: adminToken,
      body: { kind: 'ally', email: null },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.kind).toBe('ally');
    const bad = await api(ctx.app, 'PATCH', '/api/v1/groups/boston-bold', {
      token: adminToken,
      body: { towns: ['Gotham'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.towns).toContain('Gotham');
    const empty = await api(ctx.app, 'PATCH', '/api/v1/groups/boston-bold', {
      token: adminToken,
      body: {},
    });
    expect(empty.status).toBe(400);
    const taken = await api(ctx.app, 'PATCH', '/api/v1/groups/boston-bold', {
      token: adminToken,
      body: { name: 'Cambridge Crew' },
    });
    expect(taken.status).toBe(409);
    expect(
      (
        await api(ctx.app, 'PATCH', '/api/v1/groups/nope', {
          token: adminToken,
          body: { name: 'X Y' },
        })
      ).status,
    ).toBe(404);
  });
});

describe('the OpenAPI document', () => {
  it('describes the groups endpoints', async () => {
    const { body } = await api(ctx.app, 'GET', '/api/v1/openapi.json');
    expect(Object.keys(body.paths['/api/v1/groups'])).toEqual(
      expect.arrayContaining(['get', 'post']),
    );
    expect(Object.keys(body.paths['/api/v1/groups/{slug}'])).toEqual(
      expect.arrayContaining(['get', 'patch']),
    );
    const names = body.paths['/api/v1/groups'].get.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['district', 'town', 'issue_area']));
  });
});
