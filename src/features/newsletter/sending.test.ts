import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/harness.ts';
import { createSmtpTransport } from '../../platform/mail/transport.ts';
import { createEventAs } from '../events/test-support.ts';
import { createDraft } from './issues.ts';
import { runSendSlice, startSending } from './sending.ts';
import { saveSendingSettings } from './settings.ts';
import { importSubscribers } from './subscribers.ts';
import { startTestSmtpServer, type TestSmtpServer } from './test-smtp.ts';

let ctx: TestContext;
let smtp: TestSmtpServer;
let editor: Awaited<ReturnType<TestContext['signedIn']>>;
let publicKey: string;
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-newsletter-'));
let tempFailures = 0;

beforeAll(async () => {
  smtp = await startTestSmtpServer({
    rejectRecipient(address) {
      if (address === 'gone@example.org') return { code: 550, message: '5.1.1 User unknown' };
      if (address === 'later@example.org' && tempFailures++ === 0) {
        return { code: 451, message: '4.3.0 Try again later' };
      }
      return undefined;
    },
  });
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyFile = path.join(tempDir, 'dkim.pem');
  fs.writeFileSync(keyFile, keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  publicKey = keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  ctx = await createTestContext({
    start: new Date('2026-03-02T15:00:00Z'), // a Monday; the coming issue is Saturday, March 7
    env: {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Coalition Hub <news@hub.test>',
      DKIM_DOMAIN: 'hub.test',
      DKIM_SELECTOR: 'news',
      DKIM_PRIVATE_KEY_FILE: keyFile,
    },
  });
  await saveSendingSettings(ctx.services.db, { ratePerSecond: 0, concurrency: 3 });
  editor = await ctx.signedIn({ roles: ['editor'], email: 'editor@example.org' });
  await createEventAs(ctx.services, editor.actor, {
    title: 'Worcester voting rights meeting',
    town: 'Worcester',
    start: new Date('2026-03-10T23:00:00Z'),
    end: new Date('2026-03-11T00:30:00Z'),
  });
  await createEventAs(ctx.services, editor.actor, {
    title: 'Boston rally at the State House',
    town: 'Boston',
    start: new Date('2026-03-12T17:00:00Z'),
    end: new Date('2026-03-12T19:00:00Z'),
  });
  await importSubscribers(
    ctx.services,
    [
      { line: 2, email: 'ann@example.org', name: 'Ann', town: 'Worcester' },
      { line: 3, email: 'bob@example.org', name: 'Bob' },
      { line: 4, email: 'gone@example.org' },
      { line: 5, email: 'later@example.org', zip: '02108' },
      { line: 6, email: 'unsub@example.org' },
      { line: 7, email: 'suppressed@example.org' },
    ],
    { confirmed: true, source: 'test.csv', actor: null },
  );
  await importSubscribers(ctx.services, [{ line: 2, email: 'pending@example.org' }], {
    confirmed: false,
    source: 'test.csv',
    actor: null,
  });
  await ctx.services.db
    .updateTable('newsletter_subscriptions')
    .set({ state: 'unsubscribed' })
    .where('person_id', '=', (await personId('unsub@example.org'))!)
    .execute();
  await ctx.services.db
    .insertInto('suppressions')
    .values({ email: 'suppressed@example.org', reason: 'complaint', details: null })
    .execute();
  await ctx.runJobs(); // the confirmation email to pending@ goes out over SMTP too
});

afterAll(async () => {
  await ctx.close();
  await smtp.close();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

async function personId(email: string) {
  const row = await ctx.services.db
    .selectFrom('people')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirst();
  return row?.id;
}

function rawHeader(raw: string, name: string): string | undefined {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
  const unfolded = head.replace(/\r\n[ \t]+/g, ' ');
  const line = unfolded
    .split('\r\n')
    .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

function issueMessages(issueId: number) {
  return smtp.messages.filter(
    (m) => rawHeader(m.raw.toString('utf8'), 'X-Newsletter-Issue') === String(issueId),
  );
}

async function dkimVerify(raw: Buffer) {
  const { dkimVerify: verify } = (await import('mailauth/lib/dkim/verify.js' as string)) as {
    dkimVerify(
      input: Buffer,
      options: { resolver: (name: string, type: string) => Promise<string[][]> },
    ): Promise<{
      results: { status: { result: string }; signingDomain: string }[];
    }>;
  };
  return verify(raw, {
    resolver: async (name, type) => {
      if (name === 'news._domainkey.hub.test' && type === 'TXT')
        return [[`v=DKIM1; k=rsa; p=${publicKey}`]];
      throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    },
  });
}

describe('sending an issue through a real SMTP server', () => {
  let issueId: number;

  it('drafts the week from the calendar and sends it to confirmed, unsuppressed subscribers only', async () => {
    const drafted = await editor.postForm('/admin/newsletter/drafts', {});
    expect(drafted.status).toBe(303);
    issueId = Number(drafted.headers.get('location')!.split('/').pop());
    const page = await (await editor.get(`/admin/newsletter/issues/${issueId}`)).text();
    expect(page).toContain('2 events from the calendar.');

    const sent = await editor.postForm(`/admin/newsletter/issues/${issueId}/send`, {});
    expect(sent.status).toBe(303);
    await ctx.runJobs();
    // later@ was deferred (451): it is retried after a backoff.
    ctx.travel(10 * 60_000);
    await ctx.runJobs();

    const recipients = issueMessages(issueId)
      .flatMap((m) => m.to)
      .sort();
    expect(recipients).toEqual(['ann@example.org', 'bob@example.org', 'later@example.org']);
    const deliveries = await ctx.services.db
      .selectFrom('newsletter_deliveries')
      .select(['email', 'state', 'attempts'])
      .where('issue_id', '=', issueId)
      .orderBy('email')
      .execute();
    expect(deliveries).toEqual([
      { email: 'ann@example.org', state: 'sent', attempts: 1 },
      { email: 'bob@example.org', state: 'sent', attempts: 1 },
      { email: 'gone@example.org', state: 'bounced', attempts: 1 },
      { email: 'later@example.org', state: 'sent', attempts: 2 },
    ]);
    // The permanent failure is recorded and the address is never mailed again.
    const suppression = await ctx.services.db
      .selectFrom('suppressions')
      .selectAll()
      .where('email', '=', 'gone@example.org')
      .executeTakeFirst();
    expect(suppression?.reason).toBe('hard_bounce');
    const issue = await ctx.services.db
      .selectFrom('newsletter_issues')
      .selectAll()
      .where('id', '=', issueId)
      .executeTakeFirstOrThrow();
    expect(issue.state).toBe('sent');
    expect(issue.audience_count).toBe(4);
  });

  it('carries List-Id, one-click List-Unsubscribe, both parts and the postal address', async () => {
    const message = issueMessages(issueId).find((m) => m.to.includes('ann@example.org'))!;
    const raw = message.raw.toString('utf8');
    expect(rawHeader(raw, 'List-Id')).toMatch(/<newsletter\.hub\.test>$/);
    expect(rawHeader(raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = rawHeader(raw, 'List-Unsubscribe')!;
    expect(unsubscribe).toMatch(
      /^<http:\/\/hub\.test\/newsletter\/unsubscribe\/[\w-]{30,}\?issue=\d+>$/,
    );
    expect(rawHeader(raw, 'Content-Type')).toMatch(/^multipart\/alternative/);

    const parsed = await simpleParser(message.raw);
    expect(parsed.subject).toContain('weekly');
    expect(parsed.text).toContain('1 Test Street, Boston, MA 02108');
    expect(parsed.html).toContain('1 Test Street, Boston, MA 02108');
    // Ann lives in Worcester (district 2): her copy opens the events with "Near you".
    expect(parsed.text).toMatch(
      /NEAR YOU: District 2[\s\S]*Worcester voting rights meeting[\s\S]*ACROSS THE STATE[\s\S]*Boston rally/,
    );
    expect(parsed.html).toContain('Near you: District 2');
    expect(parsed.html).not.toContain('%%');
    expect(parsed.text).toContain(unsubscribe.slice(1, -1));

    const bob = await simpleParser(
      issueMessages(issueId).find((m) => m.to.includes('bob@example.org'))!.raw,
    );
    expect(bob.text).not.toContain('NEAR YOU');
    expect(bob.text).toContain('Worcester voting rights meeting');
  });

  it('signs with DKIM, the signature covering the List-Unsubscribe headers', async () => {
    const message = issueMessages(issueId).find((m) => m.to.includes('ann@example.org'))!;
    const result = await dkimVerify(message.raw);
    expect(result.results[0]!.status.result).toBe('pass');
    expect(result.results[0]!.signingDomain).toBe('hub.test');
    const signature = rawHeader(message.raw.toString('utf8'), 'DKIM-Signature')!;
    const signed = signature
      .replace(/\s+/g, '')
      .match(/(?:^|;)h=([^;]+)/)![1]!
      .toLowerCase()
      .split(':');
    expect(signed).toEqual(
      expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post', 'list-id']),
    );
    // A changed header breaks it: the check can fail.
    const raw = message.raw.toString('utf8');
    const headerAt = raw.indexOf('newsletter/unsubscribe/');
    expect(headerAt).toBeLessThan(raw.indexOf('\r\n\r\n'));
    const tampered = Buffer.from(
      raw.replace('newsletter/unsubscribe/', 'newsletter/unsubscribe/x'),
    );
    expect((await dkimVerify(tampered)).results[0]!.status.result).not.toBe('pass');
  });

  it('unsubscribes at once when the List-Unsubscribe URL is POSTed, and counts it for the issue', async () => {
    const message = issueMessages(issueId).find((m) => m.to.includes('bob@example.org'))!;
    const url = new URL(rawHeader(message.raw.toString('utf8'), 'List-Unsubscribe')!.slice(1, -1));
    const response = await ctx.app.request(`http://hub.test${url.pathname}${url.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    const row = await ctx.services.db
      .selectFrom('newsletter_subscriptions')
      .select(['state', 'unsubscribed_issue_id'])
      .where('person_id', '=', (await personId('bob@example.org'))!)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'unsubscribed', unsubscribed_issue_id: issueId });
    const overview = await (await editor.get('/admin/newsletter')).text();
    expect(overview).toMatch(/<td>3<\/td><td>0<\/td><td>1<\/td><td>1<\/td>/);
    const detail = await (await editor.get(`/admin/newsletter/issues/${issueId}`)).text();
    expect(detail).toContain('1 unsubscribed from this issue.');
  });

  it('publishes the sent issue to the archive, RSS and search without subscriber details', async () => {
    const issue = await ctx.services.db
      .selectFrom('newsletter_issues')
      .select(['slug', 'subject'])
      .where('id', '=', issueId)
      .executeTakeFirstOrThrow();
    const archive = await (await ctx.client().get('/newsletter')).text();
    expect(archive).toContain(`/newsletter/${issue.slug}`);
    const page = await (await ctx.client().get(`/newsletter/${issue.slug}`)).text();
    expect(page).toContain('Worcester voting rights meeting');
    const district = await (await ctx.client().get(`/newsletter/${issue.slug}?district=2`)).text();
    expect(district).toContain('Near you: District 2');
    const rss = await ctx.client().get('/newsletter.rss');
    expect(rss.headers.get('content-type')).toContain('application/rss+xml');
    const feed = await rss.text();
    expect(feed).toContain(`<link>http://hub.test/newsletter/${issue.slug}</link>`);
    expect(feed).not.toMatch(/@example\.org|unsubscribe\//);
    expect(page).not.toMatch(/ann@example\.org|unsubscribe\//);
    const search = await ctx.services.db
      .selectFrom('search_documents')
      .select(['title', 'url'])
      .where('kind', '=', 'newsletter_issue')
      .execute();
    expect(search).toEqual([{ title: issue.subject, url: `/newsletter/${issue.slug}` }]);
  });

  it('never mails a suppressed or unsubscribed address again, even when imported again', async () => {
    const summary = await importSubscribers(
      ctx.services,
      [
        { line: 2, email: 'gone@example.org' },
        { line: 3, email: 'bob@example.org' },
        { line: 4, email: 'suppressed@example.org' },
      ],
      { confirmed: true, source: 'again.csv', actor: null },
    );
    expect(summary.skippedSuppressed).toBe(2);
    expect(summary.skippedUnsubscribed).toBe(1);
    const { issue } = await createDraft(ctx.services, { date: '2026-03-14', actor: null });
    await startSending(ctx.services, issue.id, { actor: null, via: 'test' });
    await ctx.runJobs();
    expect(
      issueMessages(issue.id)
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual(['ann@example.org', 'later@example.org']);
  });
});

describe('a send that survives crashes and shares work', () => {
  const audience = Array.from(
    { length: 40 },
    (_, i) => `crowd${String(i).padStart(2, '0')}@example.org`,
  );

  beforeAll(async () => {
    await importSubscribers(
      ctx.services,
      audience.map((email, i) => ({ line: i + 2, email })),
      { confirmed: true, source: 'crowd.csv', actor: null },
    );
  });

  function countsByRecipient(issueId: number) {
    const counts = new Map<string, number>();
    for (const message of issueMessages(issueId)) {
      for (const to of message.to) counts.set(to, (counts.get(to) ?? 0) + 1);
    }
    return counts;
  }

  async function expectedRecipients() {
    const rows = await ctx.services.db
      .selectFrom('newsletter_subscriptions as s')
      .innerJoin('people as p', 'p.id', 's.person_id')
      .select('p.email')
      .where('s.state', '=', 'confirmed')
      .where('p.email', 'not in', ctx.services.db.selectFrom('suppressions').select('email'))
      .execute();
    return rows.map((r) => r.email).sort();
  }

  it('resumes after a crash mid-batch: nobody skipped, only the in-flight messages twice', async () => {
    const { issue } = await createDraft(ctx.services, { date: '2026-03-21', actor: null });
    await startSending(ctx.services, issue.id, { actor: null, via: 'test' });
    // A worker sends a few messages, then its process dies: every later send hangs forever.
    const real = createSmtpTransport(ctx.config);
    let forwarded = 0;
    const dying = {
      sendMail(message: object) {
        if (forwarded >= 12) return new Promise(() => {});
        forwarded++;
        return real.sendMail(message);
      },
      close() {},
    } as unknown as Transporter;
    void runSendSlice(ctx.services, issue.id, {
      transport: dying,
      batchSize: 8,
      workerId: 'doomed',
    });
    await vitestWaitFor(() => forwarded >= 12 && issueMessages(issue.id).length >= 12);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const inFlight = await ctx.services.db
      .selectFrom('newsletter_deliveries')
      .select('email')
      .where('issue_id', '=', issue.id)
      .where('state', '=', 'sending')
      .execute();
    expect(inFlight.length).toBeGreaterThan(0);
    real.close();

    // A restarted worker takes over once the dead one's claims lapse.
    ctx.travel(3 * 60_000);
    await ctx.runJobs();
    const state = await ctx.services.db
      .selectFrom('newsletter_issues')
      .select('state')
      .where('id', '=', issue.id)
      .executeTakeFirstOrThrow();
    expect(state.state).toBe('sent');
    const counts = countsByRecipient(issue.id);
    expect([...counts.keys()].sort()).toEqual(await expectedRecipients());
    const duplicated = [...counts].filter(([, n]) => n > 1).map(([email]) => email);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
    expect(duplicated.length).toBeLessThanOrEqual(inFlight.length);
    const inFlightSet = new Set(inFlight.map((row) => row.email));
    for (const email of duplicated) expect(inFlightSet.has(email)).toBe(true);
  });

  it('lets two workers send one issue together without sending anyone a copy twice', async () => {
    const { issue } = await createDraft(ctx.services, { date: '2026-03-28', actor: null });
    await startSending(ctx.services, issue.id, { actor: null, via: 'test' });
    const [a, b] = await Promise.all([
      runSendSlice(ctx.services, issue.id, { workerId: 'worker-a', batchSize: 5 }),
      runSendSlice(ctx.services, issue.id, { workerId: 'worker-b', batchSize: 5 }),
    ]);
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    const counts = countsByRecipient(issue.id);
    expect([...counts.keys()].sort()).toEqual(await expectedRecipients());
    expect(Math.max(...counts.values())).toBe(1);
  });

  it('sends a scheduled issue when its time comes', async () => {
    const { issue } = await createDraft(ctx.services, { date: '2026-04-04', actor: null });
    const scheduled = await editor.postForm(`/admin/newsletter/issues/${issue.id}/schedule`, {
      at: '2026-04-04T08:00',
    });
    expect(scheduled.status).toBe(303);
    await ctx.runJobs();
    expect(issueMessages(issue.id)).toHaveLength(0);
    ctx.travel(40 * 86_400_000);
    await ctx.runJobs();
    expect(issueMessages(issue.id).length).toBe((await expectedRecipients()).length);
  });
});

async function vitestWaitFor(condition: () => boolean, timeoutMs = 10_000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
