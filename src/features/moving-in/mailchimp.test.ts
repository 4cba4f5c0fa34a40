import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/harness.ts';
import type { CommandContext } from '../../cli/command.ts';
import { randomToken } from '../../platform/auth/tokens.ts';
import { findOrCreatePerson } from '../../platform/people.ts';
import { newsletterCommands } from '../newsletter/commands.ts';
import { createDraft } from '../newsletter/issues.ts';
import { NO_PLACE } from '../newsletter/place.ts';
import { insertSubscription } from '../newsletter/repository.ts';
import { runSendSlice, startSending } from '../newsletter/sending.ts';
import { saveSendingSettings } from '../newsletter/settings.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../newsletter/test-smtp.ts';
import { fixture } from './test-support.ts';

let ctx: TestContext;
let smtp: TestSmtpServer;
const ZIP = fixture('members_export_4f2a9c1d07.zip');

async function importCommand(positionals: string[], values: CommandContext['values'] = {}) {
  const lines: string[] = [];
  const command = newsletterCommands.find((c) => c.name === 'subscribers:import')!;
  const summary = await command.run({
    services: ctx.services,
    booted: ctx.booted,
    values,
    positionals,
    progress: { start() {}, tick() {}, stop() {} },
    say: (line) => lines.push(line),
  });
  return { summary, lines };
}

async function subscription(email: string) {
  return ctx.services.db
    .selectFrom('newsletter_subscriptions as s')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .leftJoin('towns as t', 't.id', 's.town_id')
    .select([
      's.state',
      's.districts',
      's.zip',
      's.source',
      't.name as town',
      'p.name',
      'p.id as person_id',
    ])
    .where('p.email', '=', email)
    .executeTakeFirst();
}

async function snapshot() {
  const db = ctx.services.db;
  return {
    people: await db.selectFrom('people').select(['email', 'name']).orderBy('email').execute(),
    subscriptions: await db
      .selectFrom('newsletter_subscriptions')
      .select(['person_id', 'state', 'confirmed_at'])
      .orderBy('person_id')
      .execute(),
    consents: await db
      .selectFrom('consents')
      .select(['person_id', 'granted_at', 'withdrawn_at'])
      .orderBy('id')
      .execute(),
    suppressions: await db
      .selectFrom('suppressions')
      .select(['email', 'reason'])
      .orderBy('email')
      .execute(),
    tags: await db
      .selectFrom('subscriber_tags')
      .select(['person_id', 'tag'])
      .orderBy('person_id')
      .orderBy('tag')
      .execute(),
  };
}

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  ctx = await createTestContext({
    start: new Date('2026-03-02T15:00:00Z'),
    env: { SMTP_URL: smtp.url, MAIL_FROM: 'Coalition Hub <news@hub.test>' },
  });
  await saveSendingSettings(ctx.services.db, { ratePerSecond: 0, concurrency: 2 });
  const now = ctx.services.now();
  const subscribe = async (
    email: string,
    state: 'confirmed' | 'unsubscribed',
    confirmedAt: Date,
  ) => {
    const person = await findOrCreatePerson(ctx.services.db, { email });
    const row = await insertSubscription(ctx.services.db, {
      personId: person.id,
      state,
      token: randomToken(24),
      place: NO_PLACE,
      source: 'form',
      now,
    });
    await ctx.services.db
      .updateTable('newsletter_subscriptions')
      .set({ confirmed_at: confirmedAt, unsubscribed_at: state === 'unsubscribed' ? now : null })
      .where('id', '=', row.id)
      .execute();
  };
  // Gina unsubscribed here after the move; Hal subscribed here after leaving Mailchimp;
  // Jo subscribed here long ago, then her address bounced at Mailchimp.
  await subscribe('gina@example.org', 'unsubscribed', new Date('2020-02-02T10:01:00Z'));
  await subscribe('hal@example.org', 'confirmed', new Date('2025-01-01T00:00:00Z'));
  await subscribe('jo@example.org', 'confirmed', new Date('2018-05-05T10:01:00Z'));
});

afterAll(async () => {
  await ctx.close();
  await smtp.close();
});

describe('a Mailchimp audience export', () => {
  it('shows what would change with --dry-run and changes nothing', async () => {
    const before = await snapshot();
    const { summary, lines } = await importCommand([ZIP], { 'dry-run': true });
    expect(summary).toMatchObject({
      ok: true,
      dryRun: true,
      subscribed: 6,
      keptUnsubscribed: 1,
      subscribedHereSince: 1,
      suppressedUnsubscribed: 1,
      suppressedCleaned: 1,
      withoutDistrict: 3,
      tagsAdded: 4,
      skipped: 1,
    });
    expect(lines[0]).toContain('Dry run');
    expect(lines.join('\n')).toContain(
      'not-an-email (subscribed_members_export_4f2a9c1d07.csv, line 6)',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('imports subscribed members as confirmed subscribers with Mailchimp’s consent evidence', async () => {
    const { summary } = await importCommand([ZIP]);
    expect(summary).toMatchObject({
      subscribed: 6,
      suppressedUnsubscribed: 1,
      suppressedCleaned: 1,
    });
    const ana = await subscription('ana@example.org');
    expect(ana).toMatchObject({
      state: 'confirmed',
      town: 'Cambridge',
      zip: '02139',
      name: 'Ana Souza',
      source: 'mailchimp:subscribed_members_export_4f2a9c1d07.csv',
    });
    expect([...ana!.districts].sort()).toEqual([5, 7]);
    const consent = await ctx.services.db
      .selectFrom('consents')
      .selectAll()
      .where('person_id', '=', ana!.person_id)
      .executeTakeFirstOrThrow();
    expect(consent).toMatchObject({
      purpose: 'newsletter',
      method: 'import:mailchimp',
      source: 'subscribed_members_export_4f2a9c1d07.csv',
      ip: '203.0.113.5',
      withdrawn_at: null,
    });
    expect(consent.granted_at.toISOString()).toBe('2021-03-04T15:25:01.000Z');
    expect(consent.evidence).toMatchObject({
      system: 'mailchimp',
      file: 'subscribed_members_export_4f2a9c1d07.csv',
      optinTime: '2021-03-04T15:22:10.000Z',
      optinIp: '203.0.113.5',
      confirmTime: '2021-03-04T15:25:01.000Z',
      confirmIp: '203.0.113.5',
    });
    const tags = await ctx.services.db
      .selectFrom('subscriber_tags')
      .select('tag')
      .where('person_id', '=', ana!.person_id)
      .orderBy('tag')
      .execute();
    expect(tags.map((t) => t.tag)).toEqual(['Cambridge Indivisible', 'Volunteers']);
  });

  it('finds the place in the Zip Code field, the Address field, or nowhere', async () => {
    expect(await subscription('ben@example.org')).toMatchObject({ zip: '01609', districts: [2] });
    // A ZIP code whose leading zero a spreadsheet dropped.
    expect((await subscription('frank@example.org'))!.zip).toBe('02139');
    // Outside Massachusetts and unknown: imported all the same, with no district.
    expect(await subscription('cara@example.org')).toMatchObject({
      state: 'confirmed',
      districts: [],
      town: null,
    });
    expect(await subscription('dev@example.org')).toMatchObject({
      state: 'confirmed',
      districts: [],
    });
    expect((await subscription('eve@example.org'))!.name).toBe(
      'Eve <script>window.__xss=1</script>',
    );
  });

  it('puts unsubscribed and cleaned members on the do-not-mail list', async () => {
    const suppressions = await ctx.services.db
      .selectFrom('suppressions')
      .selectAll()
      .orderBy('email')
      .execute();
    expect(suppressions.map((s) => [s.email, s.reason])).toEqual([
      ['ivy@example.org', 'unsubscribed'],
      ['jo@example.org', 'hard_bounce'],
    ]);
    expect(suppressions[0]!.details).toContain('Too many emails');
    expect(await subscription('ivy@example.org')).toBeUndefined();
    // Jo's subscription here ends: her address bounced after she confirmed.
    expect((await subscription('jo@example.org'))!.state).toBe('unsubscribed');
  });

  it('keeps what happened here since: unsubscribed stays unsubscribed, subscribed stays', async () => {
    expect((await subscription('gina@example.org'))!.state).toBe('unsubscribed');
    expect((await subscription('hal@example.org'))!.state).toBe('confirmed');
  });

  it('changes nothing when the same files are imported again, as a ZIP or one by one', async () => {
    const before = await snapshot();
    const again = await importCommand([ZIP]);
    expect(again.summary).toMatchObject({
      alreadySubscribed: 6,
      alreadySuppressed: 2,
      keptUnsubscribed: 1,
    });
    expect(again.summary).not.toHaveProperty('subscribed');
    const csvs = ['subscribed', 'unsubscribed', 'cleaned'].map((kind) =>
      fixture(`${kind}_members_export_4f2a9c1d07.csv`),
    );
    const oneByOne = await importCommand(csvs);
    expect(oneByOne.summary).toMatchObject({ alreadySubscribed: 6, alreadySuppressed: 2 });
    expect(await snapshot()).toEqual(before);
  });

  it('sends the newsletter to the imported subscribers and never to suppressed addresses', async () => {
    const { issue } = await createDraft(ctx.services, { actor: null });
    await startSending(ctx.services, issue.id, { actor: null, via: 'test' });
    await runSendSlice(ctx.services, issue.id, {});
    const recipients = smtp.messages.flatMap((message) => message.to).sort();
    expect(recipients).toEqual([
      'ana@example.org',
      'ben@example.org',
      'cara@example.org',
      'dev@example.org',
      'eve@example.org',
      'frank@example.org',
      'hal@example.org',
    ]);
  });

  it('reads a merge-field mapping from the command line, and refuses a column that is not there', async () => {
    const file = `${fs.mkdtempSync('/tmp/hub-mc-')}/subscribed_export.csv`;
    fs.writeFileSync(
      file,
      'Email Address,First Name,Last Name,Hometown,MEMBER_RATING,OPTIN_TIME,CONFIRM_TIME,LAST_CHANGED,TAGS\n' +
        'kim@example.org,Kim,Ito,Worcester,3,"2022-01-01 10:00:00","2022-01-01 10:05:00","2022-01-01 10:05:00",\n',
    );
    await importCommand([file], { map: ['town=Hometown'] });
    expect(await subscription('kim@example.org')).toMatchObject({
      town: 'Worcester',
      districts: [2],
    });
    await expect(importCommand([file], { map: ['town=City'] })).rejects.toThrow(
      'has no column "City"',
    );
    await expect(importCommand([file], { map: ['county=City'] })).rejects.toThrow(
      'use town=COLUMN',
    );
  });
});
