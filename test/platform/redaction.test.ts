import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { Mailer } from '../../src/platform/mail/mailer.ts';
import { redactSecrets, redactUrlValue } from '../../src/platform/redact.ts';
import { createTestContext } from '../support/harness.ts';
import { freePort, killStrayServers, runHub, spawnServer } from '../support/process.ts';

// Each test uses its own password, so that one remembered by an earlier test cannot make a
// later one pass.
const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'hub-redact-'));

function problemsOf(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join('\n');
    throw error;
  }
  return '';
}

/** A logger writing into a string, as the process's would to stdout. */
function capturedLogger() {
  let output = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      output += chunk;
      done();
    },
  });
  return { logger: createLogger('info', stream), output: () => output };
}

afterAll(() => killStrayServers());

describe('credentials in text', () => {
  it('are hidden in URLs, mistyped URLs and key=value strings', () => {
    expect(redactSecrets('postgres://hub:Tr0ub4dor@db.example.org:5432/hub')).toBe(
      'postgres://hub:***@db.example.org:5432/hub',
    );
    expect(redactSecrets('smpt://user:Tr0ub4dor@mail.example.org')).toBe(
      'smpt://user:***@mail.example.org',
    );
    expect(redactSecrets('postgresql//u:Tr0ub@4dor@db/x failed')).toBe(
      'postgresql//u:***@db/x failed',
    );
    expect(redactSecrets('host=db user=hub password=Tr0ub4dor dbname=hub')).toBe(
      'host=db user=hub password=*** dbname=hub',
    );
    expect(redactSecrets('https://example.org/feed.ics?token=abc123&x=1')).toBe(
      'https://example.org/feed.ics?token=***&x=1',
    );
    expect(redactSecrets('Sent to ana@example.org')).toBe('Sent to ana@example.org');
    expect(redactUrlValue('hub:Tr0ub4dor@db.example.org/hub')).toBe('***@db.example.org/hub');
  });
});

describe('configuration errors', () => {
  it('never quote a password', () => {
    const problems = problemsOf({
      SMTP_URL: 'smpt://mailer:Smtp-Pw-1@mail.example.org:587',
      DATABASE_URL: 'postgresql//hub:Db-Pw-1@db.example.org/hub',
      S3_ENDPOINT: 'not a url with S3-Pw-1',
    });
    expect(problems).toContain('SMTP_URL: must start with smtp:// or smtps://');
    expect(problems).toContain('smpt://mailer:***@mail.example.org:587');
    expect(problems).toContain('DATABASE_URL: must start with postgres://');
    for (const secret of ['Smtp-Pw-1', 'Db-Pw-1']) expect(problems).not.toContain(secret);
    const malformed = problemsOf({ DATABASE_URL: 'postgres://hub:Db-Pw-2@[db/hub' });
    expect(malformed).toContain('DATABASE_URL: is not a valid URL');
    expect(malformed).not.toContain('Db-Pw-2');
    const bare = problemsOf({ DATABASE_URL: 'hub:Db-Pw-3@db.example.org/hub' });
    expect(bare).toContain('(got "***@db.example.org/hub")');
  });

  it('from npm start (a real process) show no password', async () => {
    const error = await spawnServer({
      DATA_DIR: dataDir(),
      PORT: String(await freePort()),
      SMTP_URL: 'smpt://mailer:Smtp-Pw-4@mail.example.org:587',
      DATABASE_URL: 'postgres://hub:Db-Pw-4@[db.example.org/hub',
    }).catch((e: Error) => e);
    const output = String(error);
    expect(output).toContain('Configuration error: SMTP_URL');
    expect(output).toContain('Configuration error: DATABASE_URL');
    expect(output).not.toContain('Smtp-Pw-4');
    expect(output).not.toContain('Db-Pw-4');
  }, 120_000);

  it('and neither does a database that cannot be reached, at start or from hub', async () => {
    const DATABASE_URL = `postgres://hub:Db-Pw-5@127.0.0.1:${await freePort()}/hub`;
    const error = await spawnServer({
      DATA_DIR: dataDir(),
      PORT: String(await freePort()),
      DATABASE_URL,
    }).catch((e: Error) => e);
    const output = String(error);
    expect(output).toContain('Cannot start:');
    expect(output).toContain('ECONNREFUSED');
    expect(output).toContain('(database postgres://hub:***@127.0.0.1:');
    expect(output).not.toContain('Db-Pw-5');
    const hub = runHub(['migrate'], { DATA_DIR: dataDir(), DATABASE_URL });
    expect(hub.status).toBe(1);
    expect(hub.stderr + hub.stdout).toContain('ECONNREFUSED');
    expect(hub.stderr + hub.stdout).not.toContain('Db-Pw-5');
  }, 120_000);
});

describe('log lines', () => {
  it('hide credentials in messages, fields and errors', () => {
    parseConfig({ S3_SECRET_ACCESS_KEY: 'S3-Key-6', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'id' });
    const { logger, output } = capturedLogger();
    const error = Object.assign(new Error('connect failed: smtp://mailer:Smtp-Pw-6@mail:587'), {
      input: 'postgres://hub:Db-Pw-6@db/hub',
    });
    logger.error({ err: error, url: 'postgres://hub:Db-Pw-6@db/hub' }, 'request failed');
    logger.warn('retrying smtps://mailer:Smtp-Pw-6@mail:465');
    logger.warn({ nested: { list: ['password=Db-Pw-6'] } }, 'nested');
    logger.error(new Error('signature with S3-Key-6 rejected'));
    const text = output();
    expect(text).toContain('smtp://mailer:***@mail:587');
    expect(text).toContain('"type":"Error"');
    expect(text).toContain('"stack":"Error: connect failed: smtp://mailer:***@mail:587');
    for (const secret of ['Smtp-Pw-6', 'Db-Pw-6', 'S3-Key-6']) expect(text).not.toContain(secret);
    expect(text.trim().split('\n')).toHaveLength(4);
  });
});

describe('SMTP errors', () => {
  let smtp: SMTPServer;
  let port: number;
  beforeAll(async () => {
    // A server that quotes the credentials it refuses, as some do in their 535 replies.
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth(auth, _session, callback) {
        callback(new Error(`bad credentials ${auth.username}/${auth.password}`));
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    port = (smtp.server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

  it('are stored and logged without the password', async () => {
    const ctx = await createTestContext({
      env: { SMTP_URL: `smtp://mailer:Smtp-Pw-7@127.0.0.1:${port}?tls=off` },
    });
    try {
      const { logger, output } = capturedLogger();
      const mailer = new Mailer(ctx.config, logger, () => ctx.services.now());
      const id = await mailer.send(ctx.services.db, {
        to: 'someone@example.org',
        subject: 'Hello',
        text: 'Hi',
        purpose: 'test',
      });
      await mailer.deliver(ctx.services.db, id).catch(() => {});
      mailer.close();
      const stored = await ctx.services.db
        .selectFrom('mail_messages')
        .select('error')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(stored.error).toContain('bad credentials mailer/***');
      expect(output()).toContain('mail delivery failed');
      expect(output()).toContain('bad credentials mailer/***');
      expect(output()).not.toContain('Smtp-Pw-7');
    } finally {
      await ctx.close();
    }
  });
});
