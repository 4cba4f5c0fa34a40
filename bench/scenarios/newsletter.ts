/**
 * Newsletter sending throughput and memory.
 *
 * - An SMTP sink (smtp-server, accepting and discarding) runs in its own process.
 * - "pipeline": a fresh process boots the embedded database, seeds N confirmed subscribers (spread
 *   over the nine districts), drafts an issue and sends it through the real pipeline (frozen
 *   audience, claimed batches, 10 pooled DKIM-signing connections, recorded outcomes). Its peak
 *   memory is the process's maximum resident set (getrusage), so each size gets its own process.
 * - "nodemailer": the limit, a process doing nothing but nodemailer sending N DKIM-signed
 *   messages of the same size over 10 pooled connections to the same sink.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from '../context.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SELF = fileURLToPath(import.meta.url);
const CONNECTIONS = 10;

interface ChildFigures {
  messages: number;
  seconds: number;
  messagesPerSecond: number;
  peakRssMb: number;
  /** Resident memory once booted and seeded, just before sending (pipeline only). */
  rssBeforeSendMb?: number;
  /** Largest JavaScript heap in use while sending, sampled every 50 ms (pipeline only). */
  peakHeapUsedMb?: number;
}

const SINK = `
import { SMTPServer } from 'smtp-server';
let count = 0;
const server = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, maxClients: 200,
  onData(stream, _session, callback) { stream.on('data', () => {}); stream.on('end', () => { count++; callback(); }); },
});
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.server.address().port }) + '\\n'));
process.on('message', () => process.send({ count }));
`;

async function startSink(): Promise<{ port: number; stop(): void; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', SINK], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()).port));
    child.once('exit', (code) => reject(new Error(`smtp sink exited ${code}`)));
  });
  return { port, child, stop: () => child.kill('SIGTERM') };
}

function runChild(mode: string, args: Record<string, string>): Promise<ChildFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SELF, mode, JSON.stringify(args)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${mode} exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!));
    });
  });
}

function peakRssMb(): number {
  // ru_maxrss is in kilobytes on Linux.
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Child: the real pipeline over a fresh embedded database. */
async function pipelineChild(args: { count: string; smtpUrl: string; keyFile: string }) {
  const { sql } = await import('kysely');
  const { boot } = await import('../../src/platform/boot.ts');
  const { parseConfig } = await import('../../src/platform/config.ts');
  const { features } = await import('../../src/features/index.ts');
  const { createDraft } = await import('../../src/features/newsletter/issues.ts');
  const { runSendSlice, startSending } = await import('../../src/features/newsletter/sending.ts');
  const { saveSendingSettings } = await import('../../src/features/newsletter/settings.ts');
  const count = Number(args.count);
  const booted = await boot(
    parseConfig({
      LOG_LEVEL: 'warn',
      DATA_DIR: os.tmpdir(),
      SAMPLE_CONTENT: 'off',
      PUBLIC_URL: 'https://hub.example.org',
      SMTP_URL: args.smtpUrl,
      MAIL_FROM: 'Coalition Hub <news@hub.example.org>',
      ORG_POSTAL_ADDRESS: '1 Beacon St, Boston, MA 02108',
      DKIM_DOMAIN: 'hub.example.org',
      DKIM_SELECTOR: 'news',
      DKIM_PRIVATE_KEY_FILE: args.keyFile,
    }),
    features,
    { inMemory: true },
  );
  const { services } = booted;
  await sql`insert into people (email, name)
    select 'subscriber' || g || '@bench.example', 'Subscriber ' || g
    from generate_series(1, ${count}) g`.execute(services.db);
  await sql`insert into newsletter_subscriptions (person_id, state, token, districts, source, confirmed_at)
    select id, 'confirmed', md5(random()::text) || md5(id::text), array[(id % 9) + 1], 'bench', now()
    from people where email like '%@bench.example'`.execute(services.db);
  await saveSendingSettings(services.db, { ratePerSecond: 0, concurrency: CONNECTIONS });
  const { issue } = await createDraft(services, { actor: null });
  await services.db
    .updateTable('newsletter_blocks')
    .set({
      body:
        'This week the coalition **needs you**. '.repeat(40) +
        '\n\n[Read more](https://example.org)',
    })
    .where('issue_id', '=', issue.id)
    .where('kind', '=', 'note')
    .execute();
  const rssBeforeSendMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  let peakHeap = 0;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 50);
  const started = performance.now();
  await startSending(services, issue.id, { actor: null, via: 'bench' });
  let result = await runSendSlice(services, issue.id, { workerId: 'bench' });
  while (!result.done && result.nextDue) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    result = await runSendSlice(services, issue.id, { workerId: 'bench' });
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const figures: ChildFigures = {
    messages: result.counts.sent,
    seconds: Math.round(seconds * 10) / 10,
    messagesPerSecond: Math.round(result.counts.sent / seconds),
    peakRssMb: peakRssMb(),
    rssBeforeSendMb,
    peakHeapUsedMb: Math.round(peakHeap / 2 ** 20),
  };
  await booted.close();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

/** Child: nodemailer alone, the same number of DKIM-signed messages over 10 pooled connections. */
async function nodemailerChild(args: { count: string; smtpUrl: string; keyFile: string }) {
  const nodemailer = (await import('nodemailer')).default;
  const { DKIM_SIGNED_HEADERS } = await import('../../src/platform/mail/transport.ts');
  const count = Number(args.count);
  const url = new URL(args.smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port),
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: CONNECTIONS,
    dkim: {
      domainName: 'hub.example.org',
      keySelector: 'news',
      privateKey: fs.readFileSync(args.keyFile, 'utf8'),
      headerFieldNames: DKIM_SIGNED_HEADERS,
    },
  } as Parameters<typeof nodemailer.createTransport>[0]);
  const html = `<!DOCTYPE html><html><body>${'<p style="margin:0 0 14px;font-size:16px">This week the coalition needs you.</p>'.repeat(120)}</body></html>`;
  const text = 'This week the coalition needs you.\n'.repeat(120);
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      await transport.sendMail({
        from: 'Coalition Hub <news@hub.example.org>',
        to: `subscriber${i}@bench.example`,
        subject: 'Weekly newsletter',
        text,
        html,
        headers: {
          'List-Id': 'Coalition Hub newsletter <newsletter.hub.example.org>',
          'List-Unsubscribe': `<https://hub.example.org/newsletter/unsubscribe/${i}abcdefghijklmnop>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      });
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS * 2 }, lane));
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  const figures: ChildFigures = {
    messages: count,
    seconds: Math.round(seconds * 10) / 10,
    messagesPerSecond: Math.round(count / seconds),
    peakRssMb: peakRssMb(),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

const mode = process.argv[2];
if (mode === '--newsletter-pipeline') {
  await pipelineChild(JSON.parse(process.argv[3]!));
  process.exit(0);
} else if (mode === '--newsletter-nodemailer') {
  await nodemailerChild(JSON.parse(process.argv[3]!));
  process.exit(0);
}

export default {
  name: 'newsletter',
  async run(bench: BenchContext) {
    const dir = bench.tmpDir();
    const keyFile = path.join(dir, 'dkim.pem');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const sink = await startSink();
    const smtpUrl = `smtp://127.0.0.1:${sink.port}?tls=off`;
    try {
      const limit = await runChild('--newsletter-nodemailer', { count: '20000', smtpUrl, keyFile });
      const full = await runChild('--newsletter-pipeline', { count: '20000', smtpUrl, keyFile });
      const small = await runChild('--newsletter-pipeline', { count: '5000', smtpUrl, keyFile });
      return {
        connections: CONNECTIONS,
        dkim: true,
        nodemailerAlone20k: limit,
        pipeline20k: full,
        pipeline5k: small,
        shareOfLimit: Math.round((full.messagesPerSecond / limit.messagesPerSecond) * 100) / 100,
        peakRssGrowth20kOver5kMb: full.peakRssMb - small.peakRssMb,
        peakHeapGrowth20kOver5kMb: (full.peakHeapUsedMb ?? 0) - (small.peakHeapUsedMb ?? 0),
      };
    } finally {
      sink.stop();
    }
  },
};
