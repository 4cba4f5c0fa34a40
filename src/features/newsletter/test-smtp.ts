/**
 * A real SMTP server in this process (smtp-server), for tests and the benchmark: it accepts
 * mail on a loopback port and keeps what it received (or only counts it).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMessage {
  from: string;
  to: string[];
  raw: Buffer;
}

export interface TestSmtpServer {
  port: number;
  /** SMTP_URL for this server (no TLS: loopback only). */
  url: string;
  messages: ReceivedMessage[];
  /** How many messages were accepted (also when not kept). */
  count(): number;
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  /** Keep each message's bytes (default true); the benchmark only counts. */
  keep?: boolean;
  /** Answer a recipient with an SMTP error instead of accepting it. */
  rejectRecipient?: (address: string) => { code: number; message: string } | undefined;
}

export async function startTestSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMessage[] = [];
  let accepted = 0;
  const keep = options.keep ?? true;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    maxClients: 100,
    onRcptTo(address, _session, callback) {
      const rejection = options.rejectRecipient?.(address.address.toLowerCase());
      if (rejection) {
        const error = new Error(rejection.message) as Error & { responseCode: number };
        error.responseCode = rejection.code;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (keep) chunks.push(chunk);
      });
      stream.on('end', () => {
        accepted++;
        if (keep) {
          messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            raw: Buffer.concat(chunks),
          });
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server as unknown as { server: { address(): AddressInfo } }).server.address().port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}?tls=off`,
    messages,
    count: () => accepted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
