/**
 * Subscribers: sign-up with double opt-in, confirmation, preferences, unsubscribe, suppression,
 * import and export. A subscriber is a person (people) with a newsletter consent (consents) and
 * one subscription row holding the state and the unguessable token of their links.
 */
import { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { takeRateLimit } from '../../platform/auth/rate-limit.ts';
import { randomToken } from '../../platform/auth/tokens.ts';
import type { Executor } from '../../platform/db/database.ts';
import { t } from '../../platform/i18n/index.ts';
import { renderEmail } from '../../platform/mail/template.ts';
import { EmailAddress, findOrCreatePerson, normalizeEmail } from '../../platform/people.ts';
import type { Services } from '../../platform/services.ts';
import { NO_PLACE, resolvePlace, type SubscriberPlace } from './place.ts';
import {
  dropQueuedDeliveries,
  findSubscriptionByPerson,
  findSubscriptionByToken,
  grantConsent,
  insertSubscription,
  insertSuppression,
  isSuppressed,
  type SubscriptionWithPerson,
  updateSubscription,
  withdrawConsent,
} from './repository.ts';
import type { Subscription } from './tables.ts';

const PlaceText = z.string().trim().max(100, 'Keep it under 100 characters.');

/** The sign-up form (footer, /newsletter, home page): email, and optionally name and place. */
export const SubscribeInput = z
  .object({
    email: EmailAddress,
    name: z.string().trim().max(200, 'Keep your name under 200 characters.').default(''),
    place: PlaceText.default(''),
    source: z.enum(['footer', 'page', 'home', 'issue']).default('page'),
  })
  .superRefine((value, ctx) => {
    if (value.place && !resolvePlace({ town: value.place })) {
      ctx.addIssue({ code: 'custom', path: ['place'], message: t('newsletter.place.unknown') });
    }
  });
export type SubscribeInput = z.infer<typeof SubscribeInput>;

export const PreferencesInput = z
  .object({ place: PlaceText.default('') })
  .superRefine((value, ctx) => {
    if (value.place && !resolvePlace({ town: value.place })) {
      ctx.addIssue({ code: 'custom', path: ['place'], message: t('newsletter.place.unknown') });
    }
  });

const SIGNUPS_PER_IP = { limit: 20, windowSeconds: 3600 };
const MAILS_PER_ADDRESS = { limit: 3, windowSeconds: 86_400 };

function subscriptionLinks(services: Services, token: string) {
  const base = services.config.publicUrl;
  return {
    confirm: `${base}/newsletter/confirm/${token}`,
    preferences: `${base}/newsletter/preferences/${token}`,
    unsubscribe: `${base}/newsletter/unsubscribe/${token}`,
  };
}

async function sendConfirmation(
  services: Services,
  db: Executor,
  subscription: Subscription,
  email: string,
) {
  const links = subscriptionLinks(services, subscription.token);
  const content = renderEmail({
    subject: t('newsletter.confirm.email.subject'),
    preheader: t('newsletter.confirm.email.preheader'),
    blocks: [
      { type: 'paragraph', text: t('newsletter.confirm.email.body') },
      { type: 'button', text: t('newsletter.confirm.email.button'), url: links.confirm },
      { type: 'small', text: t('newsletter.confirm.email.ignore') },
    ],
    footer: services.config.orgPostalAddress ? [services.config.orgPostalAddress] : [],
  });
  await services.mailer.send(db, { to: email, ...content, purpose: 'newsletter_confirm' });
  await updateSubscription(
    db,
    subscription.id,
    { confirmation_sent_at: services.now() },
    services.now(),
  );
}

async function sendAlreadySubscribed(
  services: Services,
  db: Executor,
  subscription: Subscription,
  email: string,
) {
  const links = subscriptionLinks(services, subscription.token);
  const content = renderEmail({
    subject: t('newsletter.already.email.subject'),
    blocks: [
      { type: 'paragraph', text: t('newsletter.already.email.body') },
      { type: 'button', text: t('newsletter.already.email.button'), url: links.preferences },
      { type: 'small', text: t('newsletter.confirm.email.ignore') },
    ],
    footer: services.config.orgPostalAddress ? [services.config.orgPostalAddress] : [],
  });
  await services.mailer.send(db, { to: email, ...content, purpose: 'newsletter_notice' });
}

/**
 * Signs someone up. Whatever the address's history, the visitor sees the same answer ("check
 * your email"); what happens differs only in the mailbox, and nothing already recorded changes:
 * - new address: a pending subscription and a confirmation email;
 * - pending or unsubscribed: the confirmation email again (the link confirms);
 * - confirmed or paused: a note with the preferences link;
 * - suppressed (bounced, complained): nothing at all.
 * Returns false when this client has asked too often (the route answers 429).
 */
export async function subscribe(
  services: Services,
  input: SubscribeInput,
  meta: { ip: string },
): Promise<boolean> {
  const now = services.now();
  if (!(await takeRateLimit(services.db, `newsletter:ip:${meta.ip}`, SIGNUPS_PER_IP, now))) {
    return false;
  }
  const email = normalizeEmail(input.email);
  await services.db.transaction().execute(async (tx) => {
    if (await isSuppressed(tx, email)) return;
    const mayMail = await takeRateLimit(tx, `newsletter:mail:${email}`, MAILS_PER_ADDRESS, now);
    const person = await findOrCreatePerson(tx, { email, name: input.name || null });
    const existing = await findSubscriptionByPerson(tx, person.id);
    if (!existing) {
      const place = resolvePlace({ town: input.place }) ?? NO_PLACE;
      const created = await insertSubscription(tx, {
        personId: person.id,
        state: 'pending',
        token: randomToken(24),
        place,
        source: input.source,
        now,
      });
      if (mayMail) await sendConfirmation(services, tx, created, email);
      return;
    }
    if (!mayMail) return;
    if (existing.state === 'pending' || existing.state === 'unsubscribed') {
      await sendConfirmation(services, tx, existing, email);
    } else {
      await sendAlreadySubscribed(services, tx, existing, email);
    }
  });
  return true;
}

export type ConfirmOutcome = 'confirmed' | 'suppressed';

/** The confirmation link: the subscription becomes confirmed and the consent is recorded. */
export async function confirmSubscription(
  services: Services,
  token: string,
  meta: { ip: string },
): Promise<{ outcome: ConfirmOutcome; subscription: SubscriptionWithPerson } | undefined> {
  return services.db.transaction().execute(async (tx) => {
    const subscription = await findSubscriptionByToken(tx, token);
    if (!subscription) return undefined;
    if (await isSuppressed(tx, subscription.email)) return { outcome: 'suppressed', subscription };
    const now = services.now();
    if (subscription.state !== 'confirmed' && subscription.state !== 'paused') {
      await updateSubscription(
        tx,
        subscription.id,
        {
          state: 'confirmed',
          confirmed_at: now,
          unsubscribed_at: null,
          unsubscribed_issue_id: null,
        },
        now,
      );
    }
    await grantConsent(tx, {
      personId: subscription.person_id,
      method: 'confirmation_link',
      source: subscription.source,
      ip: meta.ip,
      now,
    });
    return { outcome: 'confirmed', subscription };
  });
}

/**
 * Unsubscribes at once (the one-click POST, the visible link's button, the preferences page):
 * the consent is withdrawn and any message still queued for this person is dropped.
 * Returns false for an unknown token.
 */
export async function unsubscribe(
  services: Services,
  token: string,
  meta: { issueId?: number; ip: string; via: string },
): Promise<boolean> {
  return services.db.transaction().execute(async (tx) => {
    const subscription = await findSubscriptionByToken(tx, token);
    if (!subscription) return false;
    const now = services.now();
    if (subscription.state !== 'unsubscribed') {
      await updateSubscription(
        tx,
        subscription.id,
        {
          state: 'unsubscribed',
          unsubscribed_at: now,
          unsubscribed_issue_id: meta.issueId ?? null,
        },
        now,
      );
    }
    await withdrawConsent(tx, subscription.person_id, now);
    await dropQueuedDeliveries(tx, { personId: subscription.person_id }, 'unsubscribed');
    services.logger.info(
      { subscriptionId: subscription.id, via: meta.via },
      'newsletter unsubscribe',
    );
    return true;
  });
}

/** Pause (no issues until resumed) or resume, from the preferences page. */
export async function setPaused(services: Services, token: string, paused: boolean) {
  return services.db.transaction().execute(async (tx) => {
    const subscription = await findSubscriptionByToken(tx, token);
    if (!subscription) return false;
    const from = paused ? 'confirmed' : 'paused';
    if (subscription.state === from) {
      await updateSubscription(
        tx,
        subscription.id,
        { state: paused ? 'paused' : 'confirmed' },
        services.now(),
      );
    }
    if (paused) await dropQueuedDeliveries(tx, { personId: subscription.person_id }, 'paused');
    return true;
  });
}

export async function updatePlace(services: Services, token: string, placeText: string) {
  const place = resolvePlace({ town: placeText }) ?? NO_PLACE;
  const subscription = await findSubscriptionByToken(services.db, token);
  if (!subscription) return false;
  await updateSubscription(services.db, subscription.id, { place }, services.now());
  return true;
}

/** A hard bounce or complaint: never mail this address again. Complaints also unsubscribe. */
export async function suppressAddress(
  db: Executor,
  input: { email: string; reason: 'hard_bounce' | 'complaint' | 'manual'; details: string | null },
  now: Date,
): Promise<boolean> {
  const email = normalizeEmail(input.email);
  const added = await insertSuppression(db, {
    email,
    reason: input.reason,
    details: input.details,
  });
  await dropQueuedDeliveries(db, { email }, `suppressed: ${input.reason}`);
  if (input.reason === 'complaint') {
    const person = await db
      .selectFrom('people')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirst();
    const subscription = person ? await findSubscriptionByPerson(db, person.id) : undefined;
    if (person && subscription && subscription.state !== 'unsubscribed') {
      await updateSubscription(
        db,
        subscription.id,
        { state: 'unsubscribed', unsubscribed_at: now },
        now,
      );
      await withdrawConsent(db, person.id, now);
    }
  }
  return added;
}

// ---------------------------------------------------------------------------------------------
// Import (hub subscribers:import, admin upload)

export interface ImportRow {
  line: number;
  email: string;
  name?: string;
  zip?: string;
  town?: string;
}

export interface ImportSummary {
  rows: number;
  added: number;
  confirmed: number;
  awaitingConfirmation: number;
  alreadySubscribed: number;
  skippedSuppressed: number;
  skippedUnsubscribed: number;
  invalid: { line: number; problem: string }[];
}

const ImportRowSchema = z.object({
  email: EmailAddress,
  name: z.string().trim().max(200).optional(),
  zip: z.string().trim().max(20).optional(),
  town: z.string().trim().max(100).optional(),
});

/**
 * Brings a list over (columns email,name,zip,town). With `confirmed` the list owner vouches for
 * prior consent (recorded as method "import"); otherwise each new address gets a confirmation
 * email. Suppressed and unsubscribed addresses are never brought back. Runs in transactions of
 * a few hundred rows so a large file neither holds a long lock nor loses everything on one error.
 */
export async function importSubscribers(
  services: Services,
  rows: ImportRow[],
  options: {
    confirmed: boolean;
    source: string;
    actor: Actor | null;
    onProgress?: (done: number) => void;
  },
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    rows: rows.length,
    added: 0,
    confirmed: 0,
    awaitingConfirmation: 0,
    alreadySubscribed: 0,
    skippedSuppressed: 0,
    skippedUnsubscribed: 0,
    invalid: [],
  };
  const CHUNK = 250;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    await services.db.transaction().execute(async (tx) => {
      for (const raw of chunk) {
        const parsed = ImportRowSchema.safeParse(raw);
        if (!parsed.success) {
          summary.invalid.push({ line: raw.line, problem: parsed.error.issues[0]!.message });
          continue;
        }
        const row = parsed.data;
        const place = resolvePlace({ town: row.town, zip: row.zip });
        if (!place && (row.town || row.zip)) {
          summary.invalid.push({
            line: raw.line,
            problem: t('newsletter.import.unknownPlace', { place: row.town || row.zip || '' }),
          });
          continue;
        }
        if (await isSuppressed(tx, row.email)) {
          summary.skippedSuppressed++;
          continue;
        }
        const now = services.now();
        const person = await findOrCreatePerson(tx, { email: row.email, name: row.name });
        const existing = await findSubscriptionByPerson(tx, person.id);
        if (existing?.state === 'unsubscribed') {
          summary.skippedUnsubscribed++;
          continue;
        }
        if (existing && existing.state !== 'pending') {
          summary.alreadySubscribed++;
          continue;
        }
        const subscription =
          existing ??
          (await insertSubscription(tx, {
            personId: person.id,
            state: 'pending',
            token: randomToken(24),
            place: place ?? NO_PLACE,
            source: `import:${options.source}`.slice(0, 120),
            now,
          }));
        if (!existing) summary.added++;
        if (options.confirmed) {
          await updateSubscription(
            tx,
            subscription.id,
            { state: 'confirmed', confirmed_at: now },
            now,
          );
          await grantConsent(tx, {
            personId: person.id,
            method: 'import',
            source: options.source,
            ip: null,
            now,
          });
          summary.confirmed++;
        } else {
          if (!subscription.confirmation_sent_at) {
            await sendConfirmation(services, tx, subscription, row.email);
          }
          summary.awaitingConfirmation++;
        }
      }
      if (start === 0) {
        await recordAudit(tx, {
          actor: options.actor,
          action: 'newsletter.subscribers_imported',
          subjectType: 'newsletter',
          details: { source: options.source, rows: rows.length, confirmed: options.confirmed },
        });
      }
    });
    options.onProgress?.(chunk.length);
  }
  return summary;
}

export type { SubscriberPlace };
