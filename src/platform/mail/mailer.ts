import type { Transporter } from 'nodemailer';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Db, Executor } from '../db/database.ts';
import type { StoredAttachment } from '../db/schema.ts';
import type { JobDefinition } from '../jobs/queue.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { Logger } from '../logger.ts';
import { redactedError } from '../redact.ts';
import { createSmtpTransport } from './transport.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; contentType: string; content: string | Buffer }[];
  /** What kind of mail (sign-in, rsvp, contact...), for the outbox and statistics. */
  purpose?: string;
  replyTo?: string;
}

/**
 * The one way the application sends a single message. Every message is stored first; with
 * SMTP_URL set a job delivers it (retrying), without it the message stays in the outbox, which
 * administrators read at /admin/outbox. Pass the transaction of the change that causes the mail.
 */
export class Mailer {
  #transport: Transporter | undefined;

  constructor(
    private readonly config: Config,
    private readonly logger: Logger,
    /** The application's clock, so delivery is due by the same clock the worker asks with. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  get usesSmtp(): boolean {
    return Boolean(this.config.smtpUrl);
  }

  async send(db: Executor, mail: OutgoingMail): Promise<number> {
    const attachments: StoredAttachment[] = (mail.attachments ?? []).map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: Buffer.from(attachment.content).toString('base64'),
    }));
    const headers = { ...(mail.headers ?? {}) };
    if (mail.replyTo) headers['Reply-To'] = mail.replyTo;
    const row = await db
      .insertInto('mail_messages')
      .values({
        to_address: mail.to,
        from_address: this.config.mailFrom,
        subject: mail.subject,
        text_body: mail.text,
        html_body: mail.html ?? null,
        headers: JSON.stringify(headers),
        attachments: JSON.stringify(attachments),
        purpose: mail.purpose ?? 'transactional',
        status: this.usesSmtp ? 'queued' : 'outbox',
        sent_at: null,
        error: null,
        message_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (this.usesSmtp) {
      await enqueueJob(
        db,
        DELIVER_MAIL_JOB,
        { messageId: row.id },
        { maxAttempts: 8, runAt: this.now() },
      );
    }
    return row.id;
  }

  /** Hands one stored message to the SMTP server. */
  async deliver(db: Db, messageId: number): Promise<void> {
    const message = await db
      .selectFrom('mail_messages')
      .selectAll()
      .where('id', '=', messageId)
      .executeTakeFirst();
    if (!message || message.status === 'sent') return;
    this.#transport ??= createSmtpTransport(this.config);
    try {
      const info = await this.#transport.sendMail({
        from: message.from_address,
        to: message.to_address,
        subject: message.subject,
        text: message.text_body,
        html: message.html_body ?? undefined,
        headers: message.headers,
        attachments: message.attachments.map((attachment) => ({
          filename: attachment.filename,
          contentType: attachment.contentType,
          content: Buffer.from(attachment.content, 'base64'),
        })),
      });
      await db
        .updateTable('mail_messages')
        .set((eb) => ({
          status: 'sent',
          sent_at: new Date(),
          message_id: info.messageId,
          attempts: eb('attempts', '+', 1),
          error: null,
        }))
        .where('id', '=', messageId)
        .execute();
    } catch (error) {
      const text = redactedError(error);
      const permanent = Number((error as { responseCode?: number }).responseCode) >= 500;
      await db
        .updateTable('mail_messages')
        .set((eb) => ({
          status: permanent ? 'failed' : 'queued',
          error: text,
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', '=', messageId)
        .execute();
      this.logger.warn({ messageId, err: text, permanent }, 'mail delivery failed');
      if (!permanent) throw error;
    }
  }

  close(): void {
    this.#transport?.close();
  }
}

export const DELIVER_MAIL_JOB = 'mail.deliver';

export function deliverMailJob(db: Db, mailer: Mailer): JobDefinition<{ messageId: number }> {
  return {
    name: DELIVER_MAIL_JOB,
    payload: z.object({ messageId: z.number().int() }),
    maxAttempts: 8,
    handle: ({ messageId }) => mailer.deliver(db, messageId),
  };
}
