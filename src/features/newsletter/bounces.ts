/**
 * Bounces and complaints, from two directions: provider webhooks (Amazon SES via SNS, Postmark,
 * Mailgun, SendGrid) and bounce messages themselves (RFC 3464 delivery status notifications and
 * RFC 5965 abuse reports, read from .eml or mbox files). Each yields BounceEvents; hard bounces
 * and complaints suppress the address for good. Soft bounces are ignored: the sender retries.
 */
import { z } from 'zod';
import { normalizeEmail } from '../../platform/people.ts';
import type { Services } from '../../platform/services.ts';
import { markLatestDeliveryBounced } from './repository.ts';
import { suppressAddress } from './subscribers.ts';

export interface BounceEvent {
  email: string;
  kind: 'hard_bounce' | 'complaint';
  details: string;
}

const Email = z.string().trim().min(3).max(254);

// Amazon SES notifications arrive wrapped in an SNS envelope whose Message is a JSON string.
const SnsEnvelope = z.object({
  Type: z.enum(['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation']),
  Message: z.string().optional(),
  SubscribeURL: z.string().optional(),
});
const SesMessage = z.object({
  notificationType: z.string().optional(),
  eventType: z.string().optional(),
  bounce: z
    .object({
      bounceType: z.string(),
      bounceSubType: z.string().optional(),
      bouncedRecipients: z.array(
        z.object({ emailAddress: Email, diagnosticCode: z.string().optional() }),
      ),
    })
    .optional(),
  complaint: z
    .object({ complainedRecipients: z.array(z.object({ emailAddress: Email })) })
    .optional(),
});
const PostmarkEvent = z.object({
  RecordType: z.string(),
  Type: z.string().optional(),
  Email: Email,
  Description: z.string().optional(),
});
const MailgunEvent = z.object({
  'event-data': z.object({
    event: z.string(),
    severity: z.string().optional(),
    recipient: Email,
    reason: z.string().optional(),
  }),
});
const SendGridEvents = z.array(
  z.object({
    email: Email,
    event: z.string(),
    type: z.string().optional(),
    reason: z.string().optional(),
  }),
);

export interface ParsedWebhook {
  provider: 'ses' | 'postmark' | 'mailgun' | 'sendgrid' | 'unknown';
  events: BounceEvent[];
  /** SNS asks to confirm a new subscription by visiting this URL (an operator does it once). */
  subscribeUrl?: string;
}

/** Reads a provider's webhook body (already JSON-parsed) into bounce events. */
export function parseBounceWebhook(body: unknown): ParsedWebhook {
  const sendgrid = SendGridEvents.safeParse(body);
  if (sendgrid.success) {
    return {
      provider: 'sendgrid',
      events: sendgrid.data.flatMap((event): BounceEvent[] => {
        if (event.event === 'spamreport') {
          return [{ email: event.email, kind: 'complaint', details: 'sendgrid spamreport' }];
        }
        if (event.event === 'bounce' && event.type !== 'blocked') {
          return [
            { email: event.email, kind: 'hard_bounce', details: event.reason ?? 'sendgrid bounce' },
          ];
        }
        return [];
      }),
    };
  }
  const sns = SnsEnvelope.safeParse(body);
  if (sns.success) {
    if (sns.data.Type === 'SubscriptionConfirmation') {
      return { provider: 'ses', events: [], subscribeUrl: sns.data.SubscribeURL };
    }
    let message: unknown;
    try {
      message = JSON.parse(sns.data.Message ?? '{}');
    } catch {
      return { provider: 'ses', events: [] };
    }
    const ses = SesMessage.safeParse(message);
    if (!ses.success) return { provider: 'ses', events: [] };
    const type = ses.data.notificationType ?? ses.data.eventType;
    if (type === 'Bounce' && ses.data.bounce?.bounceType === 'Permanent') {
      return {
        provider: 'ses',
        events: ses.data.bounce.bouncedRecipients.map((r) => ({
          email: r.emailAddress,
          kind: 'hard_bounce' as const,
          details: r.diagnosticCode ?? `ses ${ses.data.bounce?.bounceSubType ?? 'bounce'}`,
        })),
      };
    }
    if (type === 'Complaint' && ses.data.complaint) {
      return {
        provider: 'ses',
        events: ses.data.complaint.complainedRecipients.map((r) => ({
          email: r.emailAddress,
          kind: 'complaint' as const,
          details: 'ses complaint',
        })),
      };
    }
    return { provider: 'ses', events: [] };
  }
  const postmark = PostmarkEvent.safeParse(body);
  if (postmark.success) {
    const { RecordType, Type, Email: email } = postmark.data;
    if (RecordType === 'SpamComplaint' || Type === 'SpamComplaint') {
      return {
        provider: 'postmark',
        events: [{ email, kind: 'complaint', details: 'postmark complaint' }],
      };
    }
    if (RecordType === 'Bounce' && (Type === 'HardBounce' || Type === 'BadEmailAddress')) {
      return {
        provider: 'postmark',
        events: [{ email, kind: 'hard_bounce', details: postmark.data.Description ?? Type }],
      };
    }
    return { provider: 'postmark', events: [] };
  }
  const mailgun = MailgunEvent.safeParse(body);
  if (mailgun.success) {
    const data = mailgun.data['event-data'];
    if (data.event === 'complained') {
      return {
        provider: 'mailgun',
        events: [{ email: data.recipient, kind: 'complaint', details: 'mailgun complaint' }],
      };
    }
    if (data.event === 'failed' && data.severity === 'permanent') {
      return {
        provider: 'mailgun',
        events: [
          {
            email: data.recipient,
            kind: 'hard_bounce',
            details: data.reason ?? 'mailgun permanent failure',
          },
        ],
      };
    }
    return { provider: 'mailgun', events: [] };
  }
  return { provider: 'unknown', events: [] };
}

function headerFields(text: string): Map<string, string>[] {
  // A delivery-status body is groups of header fields separated by blank lines.
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((group) => {
      const fields = new Map<string, string>();
      for (const line of group.replace(/\n[ \t]+/g, ' ').split('\n')) {
        const index = line.indexOf(':');
        if (index > 0)
          fields.set(line.slice(0, index).trim().toLowerCase(), line.slice(index + 1).trim());
      }
      return fields;
    })
    .filter((fields) => fields.size > 0);
}

function addressOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const address = value.includes(';') ? value.split(';').slice(1).join(';') : value;
  const match = address.match(/<?([^\s<>;]+@[^\s<>;]+)>?/);
  return match ? normalizeEmail(match[1]!) : undefined;
}

interface MimePart {
  type: string;
  body: string;
}

function splitHead(raw: string): { head: Map<string, string>; body: string } {
  const text = raw.replace(/\r\n/g, '\n');
  const split = text.indexOf('\n\n');
  const headText = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? '' : text.slice(split + 2);
  return { head: headerFields(headText)[0] ?? new Map(), body };
}

/**
 * The parts of a multipart message, one level deep and nested multiparts flattened. Written here
 * rather than with mailparser, which folds message/delivery-status parts into the text body.
 */
function mimeParts(raw: string): MimePart[] {
  const { head, body } = splitHead(raw);
  const contentType = head.get('content-type') ?? 'text/plain';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const encoding = (head.get('content-transfer-encoding') ?? '').toLowerCase();
  if (!type.startsWith('multipart/')) {
    const decoded =
      encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : body;
    return [{ type, body: decoded }];
  }
  const boundary = contentType.match(/boundary="?([^";]+)"?/i)?.[1];
  if (!boundary) return [];
  const escaped = boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const sections = body.split(new RegExp(`^--${escaped}(?:--)?[ \t]*$`, 'm')).slice(1, -1);
  return sections.flatMap((section) => mimeParts(section.replace(/^\n/, '')));
}

/**
 * Reads one bounce message: a DSN (multipart/report; report-type=delivery-status) gives a hard
 * bounce per recipient whose Action is failed with a 5.x.x status; an ARF report
 * (report-type=feedback-report) gives a complaint for its Original-Rcpt-To (or the To of the
 * returned headers). Anything else gives nothing.
 */
export async function parseBounceMessage(raw: string | Buffer): Promise<BounceEvent[]> {
  const parts = mimeParts(typeof raw === 'string' ? raw : raw.toString('utf8'));
  const events: BounceEvent[] = [];
  for (const part of parts) {
    if (part.type === 'message/delivery-status' || part.type === 'message/global-delivery-status') {
      for (const fields of headerFields(part.body)) {
        const recipient = addressOf(
          fields.get('final-recipient') ?? fields.get('original-recipient'),
        );
        const action = (fields.get('action') ?? '').toLowerCase();
        const status = fields.get('status') ?? '';
        if (recipient && action === 'failed' && status.startsWith('5')) {
          events.push({
            email: recipient,
            kind: 'hard_bounce',
            details: [status, fields.get('diagnostic-code')]
              .filter(Boolean)
              .join(' ')
              .slice(0, 500),
          });
        }
      }
    }
    if (part.type === 'message/feedback-report') {
      const fields = headerFields(part.body)[0] ?? new Map<string, string>();
      let recipient = addressOf(fields.get('original-rcpt-to'));
      if (!recipient) {
        const returned = parts.find((p) =>
          ['message/rfc822', 'text/rfc822-headers'].includes(p.type),
        );
        recipient = addressOf(returned ? splitHead(returned.body).head.get('to') : undefined);
      }
      if (recipient) {
        events.push({
          email: recipient,
          kind: 'complaint',
          details: `feedback report: ${fields.get('feedback-type') ?? 'abuse'}`,
        });
      }
    }
  }
  return events;
}

/** Splits an mbox file into messages (lines starting "From " separate them). */
export function splitMbox(text: string): string[] {
  if (!/^From /.test(text)) return [text];
  return text
    .split(/^From .*\r?\n/m)
    .map((message) => message.replace(/^>(>*From )/gm, '$1'))
    .filter((message) => message.trim().length > 0);
}

/** Suppresses each address (once) and marks its latest delivery bounced. */
export async function applyBounceEvents(
  services: Services,
  events: readonly BounceEvent[],
): Promise<{ suppressed: number; alreadySuppressed: number }> {
  let suppressed = 0;
  let alreadySuppressed = 0;
  for (const event of events) {
    const email = normalizeEmail(event.email);
    await services.db.transaction().execute(async (tx) => {
      const added = await suppressAddress(
        tx,
        { email, reason: event.kind, details: event.details.slice(0, 500) },
        services.now(),
      );
      if (event.kind === 'hard_bounce') {
        await markLatestDeliveryBounced(tx, email, `hard bounce: ${event.details}`);
      }
      if (added) suppressed++;
      else alreadySuppressed++;
    });
  }
  return { suppressed, alreadySuppressed };
}
