import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/harness.ts';
import type { CommandContext } from '../../cli/command.ts';
import { parseBounceMessage, parseBounceWebhook, splitMbox } from './bounces.ts';
import { newsletterCommands } from './commands.ts';
import { webhookSecret } from './settings.ts';
import { importSubscribers } from './subscribers.ts';

const dsn = (recipient: string, action: string, status: string) =>
  [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>',
    'To: news@hub.test',
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    '',
    '--B',
    'Content-Type: text/plain',
    '',
    'Your message could not be delivered.',
    '--B',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    `Action: ${action}`,
    `Status: ${status}`,
    'Diagnostic-Code: smtp; 550 5.1.1 <x>: Recipient address rejected',
    '',
    '--B',
    'Content-Type: text/rfc822-headers',
    '',
    'From: news@hub.test',
    `To: ${recipient}`,
    'Subject: The weekly newsletter',
    '--B--',
    '',
  ].join('\r\n');

const arf = (recipient: string) =>
  [
    'From: feedback@isp.example',
    'To: news@hub.test',
    'Subject: Abuse report',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=feedback-report; boundary="F"',
    '',
    '--F',
    'Content-Type: text/plain',
    '',
    'This is an abuse report.',
    '--F',
    'Content-Type: message/feedback-report',
    '',
    'Feedback-Type: abuse',
    'User-Agent: ISP-FBL/1.0',
    'Version: 1',
    '',
    '--F',
    'Content-Type: text/rfc822-headers',
    '',
    'From: news@hub.test',
    `To: ${recipient}`,
    'Subject: The weekly newsletter',
    '--F--',
    '',
  ].join('\r\n');

describe('reading bounce reports', () => {
  it('reads hard bounces and complaints from each provider, ignoring soft bounces', () => {
    const ses = (message: unknown) => ({ Type: 'Notification', Message: JSON.stringify(message) });
    expect(
      parseBounceWebhook(
        ses({
          notificationType: 'Bounce',
          bounce: {
            bounceType: 'Permanent',
            bouncedRecipients: [{ emailAddress: 'a@example.org' }],
          },
        }),
      ),
    ).toMatchObject({ provider: 'ses', events: [{ email: 'a@example.org', kind: 'hard_bounce' }] });
    expect(
      parseBounceWebhook(
        ses({
          notificationType: 'Bounce',
          bounce: {
            bounceType: 'Transient',
            bouncedRecipients: [{ emailAddress: 'a@example.org' }],
          },
        }),
      ).events,
    ).toEqual([]);
    expect(
      parseBounceWebhook(
        ses({
          notificationType: 'Complaint',
          complaint: { complainedRecipients: [{ emailAddress: 'c@example.org' }] },
        }),
      ).events,
    ).toMatchObject([{ email: 'c@example.org', kind: 'complaint' }]);
    expect(
      parseBounceWebhook({
        Type: 'SubscriptionConfirmation',
        SubscribeURL: 'https://sns.example/confirm',
      }),
    ).toMatchObject({ subscribeUrl: 'https://sns.example/confirm', events: [] });
    expect(
      parseBounceWebhook({ RecordType: 'Bounce', Type: 'HardBounce', Email: 'p@example.org' })
        .events,
    ).toMatchObject([{ email: 'p@example.org', kind: 'hard_bounce' }]);
    expect(
      parseBounceWebhook({ RecordType: 'Bounce', Type: 'SoftBounce', Email: 'p@example.org' })
        .events,
    ).toEqual([]);
    expect(
      parseBounceWebhook({ RecordType: 'SpamComplaint', Email: 'p@example.org' }).events,
    ).toMatchObject([{ kind: 'complaint' }]);
    expect(
      parseBounceWebhook({
        signature: {},
        'event-data': { event: 'failed', severity: 'permanent', recipient: 'm@example.org' },
      }).events,
    ).toMatchObject([{ email: 'm@example.org', kind: 'hard_bounce' }]);
    expect(
      parseBounceWebhook({
        'event-data': { event: 'failed', severity: 'temporary', recipient: 'm@example.org' },
      }).events,
    ).toEqual([]);
    expect(
      parseBounceWebhook([
        { email: 's@example.org', event: 'bounce', type: 'bounce' },
        { email: 't@example.org', event: 'spamreport' },
        { email: 'u@example.org', event: 'delivered' },
      ]).events,
    ).toMatchObject([
      { email: 's@example.org', kind: 'hard_bounce' },
      { email: 't@example.org', kind: 'complaint' },
    ]);
    expect(parseBounceWebhook({ hello: 'world' })).toEqual({ provider: 'unknown', events: [] });
  });

  it('reads a delivery status notification and an abuse report', async () => {
    expect(await parseBounceMessage(dsn('Gone@Example.org', 'failed', '5.1.1'))).toMatchObject([
      { email: 'gone@example.org', kind: 'hard_bounce' },
    ]);
    expect(await parseBounceMessage(dsn('slow@example.org', 'delayed', '4.4.1'))).toEqual([]);
    expect(await parseBounceMessage(arf('angry@example.org'))).toMatchObject([
      { email: 'angry@example.org', kind: 'complaint' },
    ]);
    expect(await parseBounceMessage('From: a@b.c\r\nSubject: hi\r\n\r\nJust mail.\r\n')).toEqual(
      [],
    );
  });

  it('splits an mbox into its messages', () => {
    const mbox = `From MAILER-DAEMON Mon Mar  2 10:00:00 2026\n${dsn('a@example.org', 'failed', '5.1.1')}\nFrom MAILER-DAEMON Mon Mar  2 10:01:00 2026\n${arf('b@example.org')}`;
    expect(splitMbox(mbox)).toHaveLength(2);
    expect(splitMbox(dsn('a@example.org', 'failed', '5.1.1'))).toHaveLength(1);
  });
});

describe('suppressing bounced and complaining addresses', () => {
  let ctx: TestContext;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-bounces-'));
  beforeAll(async () => {
    ctx = await createTestContext();
    await importSubscribers(
      ctx.services,
      ['hook@example.org', 'complainer@example.org', 'mbox@example.org', 'arf@example.org'].map(
        (email, i) => ({ line: i + 2, email }),
      ),
      { confirmed: true, source: 'test', actor: null },
    );
  });
  afterAll(async () => {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    ctx.app.request(`http://hub.test${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  async function state(email: string) {
    const suppression = await ctx.services.db
      .selectFrom('suppressions')
      .select('reason')
      .where('email', '=', email)
      .executeTakeFirst();
    const subscription = await ctx.services.db
      .selectFrom('newsletter_subscriptions as s')
      .innerJoin('people as p', 'p.id', 's.person_id')
      .select('s.state')
      .where('p.email', '=', email)
      .executeTakeFirst();
    return { suppression: suppression?.reason, subscription: subscription?.state };
  }

  it('refuses a webhook call without the shared secret and changes nothing', async () => {
    const body = { RecordType: 'Bounce', Type: 'HardBounce', Email: 'hook@example.org' };
    expect((await post('/newsletter/webhooks/bounces', body)).status).toBe(403);
    expect((await post('/newsletter/webhooks/bounces?secret=wrong', body)).status).toBe(403);
    expect(await state('hook@example.org')).toEqual({
      suppression: undefined,
      subscription: 'confirmed',
    });
  });

  it('suppresses on a hard bounce (secret in the URL) and unsubscribes on a complaint (secret in a header)', async () => {
    const secret = await webhookSecret(ctx.services.db);
    const bounce = await post(`/newsletter/webhooks/bounces?secret=${secret}`, {
      RecordType: 'Bounce',
      Type: 'HardBounce',
      Email: 'hook@example.org',
    });
    expect(bounce.status).toBe(200);
    expect(await bounce.json()).toMatchObject({ provider: 'postmark', events: 1, suppressed: 1 });
    expect(await state('hook@example.org')).toEqual({
      suppression: 'hard_bounce',
      subscription: 'confirmed',
    });

    const complaint = await post(
      '/newsletter/webhooks/bounces',
      [{ email: 'complainer@example.org', event: 'spamreport' }],
      { 'x-webhook-secret': secret },
    );
    expect(complaint.status).toBe(200);
    expect(await state('complainer@example.org')).toEqual({
      suppression: 'complaint',
      subscription: 'unsubscribed',
    });
  });

  it('processes bounce messages from an mbox with hub newsletter:bounces', async () => {
    const file = path.join(dir, 'bounces.mbox');
    fs.writeFileSync(
      file,
      `From MAILER-DAEMON Mon Mar  2 10:00:00 2026\n${dsn('mbox@example.org', 'failed', '5.1.1')}\nFrom MAILER-DAEMON Mon Mar  2 10:01:00 2026\n${arf('arf@example.org')}`,
    );
    const command = newsletterCommands.find((c) => c.name === 'newsletter:bounces')!;
    const context: CommandContext = {
      services: ctx.services,
      booted: ctx.booted,
      values: {},
      positionals: [file],
      progress: { start() {}, tick() {}, stop() {} },
      say: () => {},
    };
    expect(await command.run(context)).toMatchObject({
      ok: true,
      messages: 2,
      events: 2,
      suppressed: 2,
    });
    expect(await state('mbox@example.org')).toMatchObject({ suppression: 'hard_bounce' });
    expect(await state('arf@example.org')).toEqual({
      suppression: 'complaint',
      subscription: 'unsubscribed',
    });
    await expect(
      command.run({ ...context, positionals: [path.join(dir, 'missing.mbox')] }),
    ).rejects.toThrow('cannot read');
  });
});
