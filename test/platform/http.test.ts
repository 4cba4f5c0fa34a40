import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppEnv } from '../../src/platform/http/env.ts';
import { handleError } from '../../src/platform/http/errors.tsx';
import { api, createTestContext, type TestContext } from '../support/harness.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('HTTP basics', () => {
  it('answers /healthz with ok while the database answers', async () => {
    const response = await ctx.client().get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('sends security headers with every page', async () => {
    const response = await ctx.client().get('/');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('serves fingerprinted assets with a long cache, and 404s for unknown ones', async () => {
    const html = await (await ctx.client().get('/')).text();
    const css = html.match(/href="(\/assets\/app\.[0-9a-f]{10}\.css)"/)?.[1];
    expect(css).toBeTruthy();
    const response = await ctx.client().get(css!);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toContain('text/css');
    expect((await ctx.client().get('/assets/app.0000000000.css')).status).toBe(404);
  });

  it('shows a friendly 404 page to people and the JSON error format to programs', async () => {
    const page = await ctx.client().get('/no/such/page');
    expect(page.status).toBe(404);
    const html = await page.text();
    expect(html).toContain('Page not found');
    expect(html).toContain('Go to the home page');
    const json = await api(ctx.app, 'GET', '/api/v1/nothing-here');
    expect(json.status).toBe(404);
    expect(json.body).toEqual({
      error: { code: 'not_found', message: 'No such endpoint: GET /api/v1/nothing-here' },
    });
  });

  it('refuses an oversized request body with 413 and changes nothing', async () => {
    const huge = 'x'.repeat(1_100_000);
    const response = await ctx.client().postForm('/login', { email: `${huge}@example.org` });
    expect(response.status).toBe(413);
    expect(await ctx.outbox()).toHaveLength(0);
  });

  it('renders every navigation destination, saying plainly what is not built yet', async () => {
    const html = await (await ctx.client().get('/')).text();
    for (const path of [
      '/groups',
      '/events',
      '/newsletter',
      '/resources',
      '/actions',
      '/teams',
      '/board',
      '/meetings',
      '/about',
      '/login',
    ]) {
      expect(html).toContain(`href="${path}"`);
      const response = await ctx.client().get(path);
      expect(response.status, path).toBe(200);
    }
    expect(await (await ctx.client().get('/actions')).text()).toContain('not built yet');
    const teams = await (await ctx.client().get('/teams')).text();
    for (const team of [
      'Book Club',
      'Communications',
      'Racial Justice and Equity',
      'Recruitment, Engagement &amp; Training',
      'Technology',
    ]) {
      expect(teams).toContain(team);
    }
  });
});

describe('the one error handler', () => {
  it('answers a zod error that escapes a route as invalid_input (400), with the fields', async () => {
    const app = new Hono<AppEnv>();
    app.onError(handleError(ctx.services.logger));
    app.get('/strict', (c) =>
      c.json(z.object({ n: z.coerce.number().int() }).parse(c.req.query())),
    );
    const response = await app.request('/strict?n=many', {
      headers: { accept: 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid_input', fields: { n: expect.any(String) } },
    });
  });
});

describe('API base', () => {
  it('publishes an OpenAPI 3.1 document generated from the route schemas', async () => {
    const { status, body } = await api(ctx.app, 'GET', '/api/v1/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const lookup = body.paths['/api/v1/districts/lookup'].get;
    expect(lookup.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['town', 'zip']);
    expect(
      lookup.responses['200'].content['application/json'].schema.properties.districts,
    ).toBeTruthy();
  });

  it('rejects an unknown bearer token with 401 in the JSON error format', async () => {
    const { status, body } = await api(ctx.app, 'GET', '/api/v1/districts/lookup?town=Boston', {
      token: 'hub_wrong',
    });
    expect(status).toBe(401);
    expect(body.error.code).toBe('unauthorized');
  });

  it('accepts a valid bearer token and stores only its hash', async () => {
    const token = await ctx.apiToken({ roles: ['editor'] });
    const { status } = await api(ctx.app, 'GET', '/api/v1/districts/lookup?town=Boston', { token });
    expect(status).toBe(200);
    const rows = await ctx.services.db
      .selectFrom('api_tokens')
      .select(['token_hash', 'last_used_at'])
      .execute();
    expect(rows.some((row) => row.token_hash === token)).toBe(false);
    expect(rows.some((row) => row.last_used_at !== null)).toBe(true);
  });

  it('looks up districts by town and by ZIP, with clear 404 and 400 answers', async () => {
    const town = await api(
      ctx.app,
      'GET',
      '/api/v1/districts/lookup?town=manchester%20by%20the%20sea',
    );
    expect(town.status).toBe(200);
    expect(town.body.districts.map((d: { district: number }) => d.district)).toEqual([6]);
    expect(town.body.representatives[0].district).toBe(6);
    const split = await api(ctx.app, 'GET', '/api/v1/districts/lookup?town=Boston');
    expect(split.body.districts.map((d: { district: number }) => d.district)).toEqual([7, 8]);
    expect(split.body.ranked).toBe(true);
    const splitZip = await api(ctx.app, 'GET', '/api/v1/districts/lookup?zip=01007');
    expect(splitZip.body.districts.map((d: { district: number }) => d.district)).toEqual([1, 2]);
    expect(splitZip.body.split).toBe(true);
    expect(splitZip.body.ranked).toBe(false);
    const zip = await api(ctx.app, 'GET', '/api/v1/districts/lookup?zip=01609');
    expect(zip.body.districts.map((d: { district: number }) => d.district)).toEqual([2]);
    expect((await api(ctx.app, 'GET', '/api/v1/districts/lookup?town=Gotham')).status).toBe(404);
    expect((await api(ctx.app, 'GET', '/api/v1/districts/lookup?zip=99999')).status).toBe(404);
    const malformed = await api(ctx.app, 'GET', '/api/v1/districts/lookup?zip=12');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_input');
    expect((await api(ctx.app, 'GET', '/api/v1/districts/lookup')).status).toBe(400);
  });
});

describe('the admin area', () => {
  it('asks visitors to sign in and refuses accounts without the right', async () => {
    expect((await ctx.client().get('/admin')).status).toBe(401);
    const nobody = await ctx.signedIn({ roles: [] });
    expect((await nobody.get('/admin')).status).toBe(403);
    const editor = await ctx.signedIn({ roles: ['editor'] });
    expect((await editor.get('/admin')).status).toBe(200);
    for (const path of [
      '/admin/outbox',
      '/admin/audit',
      '/admin/people',
      '/admin/settings',
      '/admin/jobs',
    ]) {
      expect((await editor.get(path)).status, path).toBe(403);
    }
  });

  it('lets an administrator read the outbox, message by message', async () => {
    await ctx.client().postForm('/login', { email: 'reader@example.org' });
    const admin = await ctx.signedIn({ roles: ['administrator'] });
    const list = await (await admin.get('/admin/outbox')).text();
    expect(list).toContain('reader@example.org');
    const id = list.match(/href="\/admin\/outbox\/(\d+)"/)?.[1];
    const message = await (await admin.get(`/admin/outbox/${id}`)).text();
    expect(message).toContain('it has no account');
    expect((await admin.get('/admin/outbox/999999')).status).toBe(404);
  });

  it('answers ids and page cursors beyond the database integer range with 404 and 400, not 500', async () => {
    const admin = await ctx.signedIn({ roles: ['administrator'] });
    for (const path of ['/admin/outbox/99999999999', '/admin/outbox/2147483648', '/admin/outbox/x'])
      expect((await admin.get(path)).status, path).toBe(404);
    for (const path of ['/admin/outbox?before=99999999999', '/admin/audit?before=soon']) {
      const response = await admin.get(path);
      expect(response.status, path).toBe(400);
      expect(await response.text()).toContain('Invalid query: before');
    }
    expect((await admin.get('/admin/outbox?before=2147483647')).status).toBe(200);
  });

  it('records role changes in the audit log, which administrators can read', async () => {
    const admin = await ctx.signedIn({ roles: ['administrator'], email: 'boss@example.org' });
    const saved = await admin.postForm('/admin/people', {
      email: 'new.editor@example.org',
      name: 'New Editor',
      roles: ['editor'],
    });
    expect(saved.status).toBe(303);
    const account = await ctx.services.db
      .selectFrom('accounts')
      .innerJoin('people', 'people.id', 'accounts.person_id')
      .select('roles')
      .where('email', '=', 'new.editor@example.org')
      .executeTakeFirstOrThrow();
    expect(account.roles).toEqual(['editor']);
    const audit = await (await admin.get('/admin/audit')).text();
    expect(audit).toContain('account.roles_set');
    expect(audit).toContain('boss@example.org');
  });

  it('does not let an administrator remove their own administrator role', async () => {
    const admin = await ctx.signedIn({ roles: ['administrator'], email: 'self@example.org' });
    const response = await admin.postForm('/admin/people', {
      email: 'self@example.org',
      roles: ['editor'],
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('You cannot remove your own administrator role.');
  });

  it('validates site settings (a too-light accent color is refused) and applies valid ones', async () => {
    const admin = await ctx.signedIn({ roles: ['administrator'] });
    const bad = await admin.postForm('/admin/settings', {
      name: 'Mass Coalition',
      accentColor: '#ffff00',
      tagline: '',
      welcome: '',
      logoUrl: '',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('This color is too light');
    const good = await admin.postForm('/admin/settings', {
      name: 'Mass Coalition',
      accentColor: '#7c2d12',
      tagline: 'Together',
      welcome: 'Hello there.',
      logoUrl: '',
    });
    expect(good.status).toBe(303);
    const home = await (await ctx.client().get('/')).text();
    expect(home).toContain('Mass Coalition');
    expect(home).toContain('--accent:#7c2d12');
  });
});
