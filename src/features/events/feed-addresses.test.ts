import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/harness.ts';
import type { CommandContext } from '../../cli/command.ts';
import { saveAllowedHosts } from '../../platform/net/allowed-hosts.ts';
import { eventCommands } from './commands.ts';
import { runFeedSync } from './subscriptions.ts';

// An "internal service" on this machine (every loopback address), which an organizer's feed
// address must not make the server call, directly or through a redirect.
let ctx: TestContext;
let server: http.Server;
let port: number;
const hits: string[] = [];
let organizer: Awaited<ReturnType<TestContext['signedIn']>>;
let groupId: number;

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//test//EN',
  'BEGIN:VEVENT',
  'UID:internal-1@x',
  'DTSTAMP:20270101T000000Z',
  'DTSTART:20270306T150000Z',
  'SUMMARY:From the allowed host',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

beforeAll(async () => {
  ctx = await createTestContext({ start: new Date('2027-02-20T12:00:00Z') });
  server = http.createServer((request, response) => {
    hits.push(request.url ?? '');
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname === '/redirect') {
      response.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end();
      return;
    }
    if (url.pathname.startsWith('/v1/')) {
      // A Mobilize look-alike whose next page points at an unlisted internal address.
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          count: 0,
          next: `http://127.0.0.1:${port}/v1/secret`,
          data: [],
        }),
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'text/calendar' }).end(ICS);
  });
  await new Promise<void>((resolve) =>
    server.listen({ port: 0, host: '::', ipv6Only: false }, resolve),
  );
  port = (server.address() as AddressInfo).port;
  const group = await ctx.services.db
    .insertInto('groups')
    .values({ slug: 'ssrf-group', name: 'SSRF Group', website: null, email: null, links: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  groupId = group.id;
  organizer = await ctx.signedIn({ email: 'ssrf-org@example.org' });
  await ctx.services.db
    .insertInto('group_organizers')
    .values({ group_id: groupId, person_id: organizer.actor.personId })
    .execute();
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await ctx.close();
});
beforeEach(async () => {
  hits.length = 0;
  await saveAllowedHosts(ctx.services.db, []);
  await ctx.services.db.deleteFrom('event_feeds').execute();
});

function addFeed(url: string, kind: 'ical' | 'mobilize' = 'ical') {
  return organizer.postForm('/admin/events/feeds', {
    group: String(groupId),
    kind,
    url,
    organizationId: kind === 'mobilize' ? '7' : '',
  });
}

/** A feed stored as it was before addresses were checked, then synced. */
async function syncStored(url: string, kind: 'ical' | 'mobilize' = 'ical') {
  const feed = await ctx.services.db
    .insertInto('event_feeds')
    .values({
      group_id: groupId,
      kind,
      url,
      organization_id: kind === 'mobilize' ? '7' : null,
      is_trusted: false,
      last_synced_at: null,
      last_success_at: null,
      last_error: null,
      cursor: null,
      report: '{}',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await runFeedSync(ctx.services, feed.id);
  return ctx.services.db
    .selectFrom('event_feeds')
    .selectAll()
    .where('id', '=', feed.id)
    .executeTakeFirstOrThrow();
}

describe('feed addresses that lead inside', () => {
  it('are refused when the organizer adds them, in every spelling, with the reason on the form', async () => {
    for (const host of [
      '127.0.0.1',
      'localhost',
      '[::1]',
      '[::ffff:127.0.0.1]',
      '2130706433',
      '0x7f.1',
    ]) {
      const response = await addFeed(`http://${host}:${port}/calendar.ics`);
      expect(response.status, host).toBe(400);
      expect(await response.text()).toMatch(/an internal address \(this server itself\)/);
    }
    const metadata = await addFeed('http://169.254.169.254/latest/meta-data.ics');
    expect(metadata.status).toBe(400);
    expect(await metadata.text()).toContain('link-local, where cloud metadata services live');
    const mobilize = await addFeed(`http://127.0.0.1:${port}`, 'mobilize');
    expect(mobilize.status).toBe(400);
    expect(await ctx.services.db.selectFrom('event_feeds').selectAll().execute()).toEqual([]);
    expect(hits).toEqual([]);
  });

  it('are refused at every sync, and the organizer sees why on the feeds page', async () => {
    for (const host of ['127.0.0.1', 'localhost', '[::1]', '[::ffff:127.0.0.1]', '2130706433']) {
      const feed = await syncStored(`http://${host}:${port}/calendar.ics`);
      expect(feed.failure_count, host).toBe(1);
      expect(feed.last_error).toMatch(/internal address/);
    }
    const page = await (await organizer.get('/admin/events/feeds')).text();
    expect(page).toContain('The server does not read 127.0.0.1');
    expect(page).toContain('an administrator can allow it in Site settings');
    // Never a path on the server either.
    const file = await syncStored('/etc/passwd');
    expect(file.last_error).toBe('This is not a web address.');
    expect(hits).toEqual([]);
  });

  it('are refused behind a redirect from an allowed host, and behind a Mobilize next page', async () => {
    await saveAllowedHosts(ctx.services.db, ['localhost']);
    const redirected = await syncStored(
      `http://localhost:${port}/redirect?to=${encodeURIComponent(`http://127.0.0.1:${port}/secret.ics`)}`,
    );
    expect(redirected.last_error).toMatch(/does not read 127\.0\.0\.1/);
    const metadata = await syncStored(
      `http://localhost:${port}/redirect?to=${encodeURIComponent('http://169.254.169.254/latest/')}`,
    );
    expect(metadata.last_error).toMatch(/169\.254\.169\.254/);
    const mobilize = await syncStored(`http://localhost:${port}`, 'mobilize');
    expect(mobilize.last_error).toMatch(/does not read 127\.0\.0\.1/);
    expect(hits.filter((hit) => /^\/(v1\/)?secret/.test(hit))).toEqual([]);
    expect(hits.length).toBeGreaterThan(0);
  });

  it('work once an administrator lists the host in Site settings', async () => {
    const admin = await ctx.signedIn({ roles: ['administrator'] });
    const editor = await ctx.signedIn({ roles: ['editor'] });
    expect(
      (await editor.postForm('/admin/settings/internal-hosts', { internalHosts: 'localhost' }))
        .status,
    ).toBe(403);
    const bad = await admin.postForm('/admin/settings/internal-hosts', {
      internalHosts: 'localhost\nnot a host',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('These lines are not host names or addresses: not a host.');
    const saved = await admin.postForm('/admin/settings/internal-hosts', {
      internalHosts: 'LOCALHOST\n',
    });
    expect(saved.status).toBe(303);
    const settings = await (await admin.get('/admin/settings')).text();
    expect(settings).toContain('Hosts the server may fetch from although they are internal');
    expect(settings).toMatch(/<textarea[^>]*name="internalHosts"[^>]*>localhost<\/textarea>/);

    const added = await addFeed(`http://localhost:${port}/calendar.ics`);
    expect(added.status).toBe(303);
    await ctx.runJobs();
    const feed = await ctx.services.db
      .selectFrom('event_feeds')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(feed.last_error).toBeNull();
    expect(feed.last_success_at).not.toBeNull();
    // Listing localhost does not open its other spellings' neighbours: 127.0.0.1 stays refused.
    expect((await addFeed(`http://127.0.0.1:${port}/calendar.ics`)).status).toBe(400);
  });

  it('are refused by hub events:import --ics too, unless the host is listed', async () => {
    const command = eventCommands.find((c) => c.name === 'events:import')!;
    const run = (ics: string) =>
      command.run({
        services: ctx.services,
        booted: ctx.booted,
        values: { ics },
        positionals: [],
        progress: { start() {}, tick() {}, stop() {} },
        say: () => {},
      } as unknown as CommandContext);
    await expect(run(`http://127.0.0.1:${port}/calendar.ics`)).rejects.toThrow(/internal address/);
    expect(hits).toEqual([]);
    await saveAllowedHosts(ctx.services.db, ['127.0.0.1']);
    expect(await run(`http://127.0.0.1:${port}/calendar.ics`)).toMatchObject({ ok: true });
    // A file path still works for the operator.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hub-ssrf-')), 'c.ics');
    fs.writeFileSync(file, ICS);
    expect(await run(file)).toMatchObject({ ok: true });
  });
});
