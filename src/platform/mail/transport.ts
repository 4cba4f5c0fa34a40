import fs from 'node:fs';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config.ts';

/** Header fields the DKIM signature covers: the usual ones plus the one-click unsubscribe pair. */
export const DKIM_SIGNED_HEADERS = [
  'From',
  'Sender',
  'Reply-To',
  'Subject',
  'Date',
  'Message-ID',
  'To',
  'Cc',
  'MIME-Version',
  'Content-Type',
  'Content-Transfer-Encoding',
  'In-Reply-To',
  'References',
  'List-Id',
  'List-Unsubscribe',
  'List-Unsubscribe-Post',
].join(':');

export function dkimOptions(config: Config) {
  if (!config.dkim) return undefined;
  return {
    domainName: config.dkim.domain,
    keySelector: config.dkim.selector,
    privateKey: fs.readFileSync(config.dkim.privateKeyFile, 'utf8'),
    headerFieldNames: DKIM_SIGNED_HEADERS,
  };
}

/**
 * The SMTP transport for SMTP_URL, DKIM-signing when configured. `pool` keeps connections open
 * for bulk sending.
 */
export function createSmtpTransport(
  config: Config,
  options: { pool?: boolean; maxConnections?: number } = {},
): Transporter {
  if (!config.smtpUrl) throw new Error('SMTP_URL is not set');
  const url = new URL(config.smtpUrl);
  return nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
    secure: url.protocol === 'smtps:',
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    // Local and test servers often run without TLS certificates a client could verify.
    tls: { rejectUnauthorized: !['127.0.0.1', 'localhost', '::1'].includes(url.hostname) },
    ignoreTLS: url.searchParams.get('tls') === 'off',
    pool: options.pool ?? false,
    maxConnections: options.maxConnections ?? 5,
    dkim: dkimOptions(config),
  } as Parameters<typeof nodemailer.createTransport>[0]);
}
