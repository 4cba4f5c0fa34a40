import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderEmail } from '../../src/platform/mail/template.ts';
import { findOrCreatePerson, grantAccount } from '../../src/platform/people.ts';
import { createTestContext, linkIn, type TestContext } from '../support/harness.ts';

interface Received {
  raw: string;
  parsed: ParsedMail;
  rcpt: string[];
}

let smtp: SMTPServer;
let port = 0;
const received: Received[] = [];
let rejectNext = 0;
let ctx: TestContext;
const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-dkim-'));
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (rejectNext > 0) {
        rejectNext--;
        const error = new Error('mailbox busy, try later') as Error & { responseCode: number };
        error.responseCode = 451;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          raw,
          parsed: await simpleParser(raw),
          rcpt: session.envelope.rcptTo.map((r) => r.address),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  port = (smtp.server.address() as { port: number }).port;
  fs.writeFileSync(
    path.join(keyDir, 'dkim.pem'),
    privateKey.export({ type: 'pkcs8', format: 'pem' }),
  );
  ctx = await createTestContext({
    env: {
      SMTP_URL: `smtp://127.0.0.1:${port}?tls=off`,
      MAIL_FROM: 'Coalition Hub <hub@coalition.example>',
      DKIM_DOMAIN: 'coalition.example',
      DKIM_SELECTOR: 'hub2026',
      DKIM_PRIVATE_KEY_FILE: path.join(keyDir, 'dkim.pem'),
    },
  });
});
afterAll(async () => {
  await ctx.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  fs.rmSync(keyDir, { recursive: true, force: true });
});

describe('mail over SMTP', () => {
  it('delivers a sign-in email through the job queue: text and HTML parts, DKIM-signed and verifiable', async () => {
    const person = await findOrCreatePerson(ctx.services.db, {
      email: 'smtp.user@example.org',
      name: 'Sam',
    });
    await grantAccount(ctx.services.db, person.id, ['editor']);
    await ctx.client().postForm('/login', { email: 'smtp.user@example.org' });
    const [stored] = await ctx.outbox('smtp.user@example.org');
    expect(stored).toBeTruthy();
    expect(await ctx.runJobs()).toBeGreaterThanOrEqual(1);
    const mail = received.find((r) => r.rcpt.includes('smtp.user@example.org'))!;
    expect(mail.parsed.subject).toBe('Your sign-in link');
    expect(mail.parsed.headers.get('content-type')).toMatchObject({
      value: 'multipart/alternative',
    });
    expect(mail.parsed.text).toContain('http://hub.test/login/');
    expect(mail.parsed.html).toContain(linkIn(mail.parsed.text!, 'http://hub.test/login/'));
    const publicKeyDns = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const result = await dkimVerify(mail.raw, {
      resolver: async (name: string, type: string) => {
        if (type === 'TXT' && name === 'hub2026._domainkey.coalition.example')
          return [[`v=DKIM1; k=rsa; p=${publicKeyDns}`]];
        throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      },
    });
    expect(result.results[0]?.status.result).toBe('pass');
    expect(result.results[0]?.signingDomain).toBe('coalition.example');
    const row = await ctx.services.db
      .selectFrom('mail_messages')
      .select(['status', 'sent_at'])
      .where('id', '=', stored!.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
  });

  it('keeps a message queued and retries when the server answers with a temporary failure', async () => {
    rejectNext = 1;
    const id = await ctx.services.db.transaction().execute((tx) =>
      ctx.services.mailer.send(tx, {
        to: 'later@example.org',
        ...renderEmail({ subject: 'Try again', blocks: [{ type: 'paragraph', text: 'Hello' }] }),
      }),
    );
    await ctx.runJobs();
    let row = await ctx.services.db
      .selectFrom('mail_messages')
      .select(['status', 'error', 'attempts'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('queued');
    expect(row.error).toContain('mailbox busy');
    ctx.travel(2 * 60_000);
    await ctx.runJobs();
    row = await ctx.services.db
      .selectFrom('mail_messages')
      .select(['status', 'error', 'attempts'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
    expect(row.attempts).toBe(2);
    expect(received.filter((r) => r.rcpt.includes('later@example.org'))).toHaveLength(1);
  });
});

describe('one template, two parts', () => {
  it('renders the same content as text and as escaped HTML', () => {
    const mail = renderEmail({
      subject: 'Hello <team>',
      blocks: [
        { type: 'heading', text: 'Welcome & thanks' },
        { type: 'paragraph', text: '<script>alert(1)</script>' },
        { type: 'button', text: 'Open', url: 'https://example.org/a?b=1&c=2' },
        { type: 'list', items: ['one', 'two'] },
      ],
      footer: ['Coalition, 1 Main St'],
    });
    expect(mail.text).toContain('Welcome & thanks');
    expect(mail.text).toContain('<script>alert(1)</script>');
    expect(mail.text).toContain('- one\n- two');
    expect(mail.text).toContain('--\n\nCoalition, 1 Main St');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).toContain('href="https://example.org/a?b=1&amp;c=2"');
    expect(mail.html).toContain('Coalition, 1 Main St');
  });
});
