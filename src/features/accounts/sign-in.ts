import { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import { takeRateLimit } from '../../platform/auth/rate-limit.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import { hashToken, randomToken } from '../../platform/auth/tokens.ts';
import type { Executor } from '../../platform/db/database.ts';
import { t } from '../../platform/i18n/index.ts';
import { renderEmail } from '../../platform/mail/template.ts';
import {
  EmailAddress,
  findOrCreatePerson,
  findPersonByEmail,
  grantAccount,
  hasAccount,
} from '../../platform/people.ts';
import type { Services } from '../../platform/services.ts';
import { readSetting, writeSetting } from '../../platform/services.ts';

export const SIGN_IN_LINK_MINUTES = 20;
export const RATE_PER_ADDRESS = { limit: 5, windowSeconds: 3600 };
export const RATE_PER_IP = { limit: 30, windowSeconds: 3600 };

export const SignInRequest = z.object({
  email: EmailAddress,
  next: z.string().optional(),
});

/** Only local paths are allowed after sign-in, so a link cannot send someone to another site. */
export function safeNextPath(next: string | undefined | null): string {
  return next && /^\/(?!\/)[\w\-./?=&%]*$/.test(next) ? next : '/admin';
}

/** Makes a one-time sign-in link for a person who has an account. */
export async function createSignInLink(
  services: Services,
  db: Executor,
  personId: number,
  next?: string,
): Promise<string> {
  const token = randomToken(32);
  await db
    .insertInto('sign_in_tokens')
    .values({
      token_hash: hashToken(token),
      person_id: personId,
      next_path: next ? safeNextPath(next) : null,
      expires_at: new Date(services.now().getTime() + SIGN_IN_LINK_MINUTES * 60_000),
      used_at: null,
    })
    .execute();
  return `${services.config.publicUrl}/login/${token}`;
}

export type SignInRequestOutcome = 'sent' | 'no_account' | 'rate_limited';

/**
 * Emails a sign-in link to an address that has an account, or a short note to one that has
 * none. The page says the same thing either way, so nobody learns who has an account.
 * Rate-limited per address and per client address.
 */
export async function requestSignInLink(
  services: Services,
  input: { email: string; next?: string; ip: string },
): Promise<SignInRequestOutcome> {
  const email = input.email;
  return services.db.transaction().execute(async (tx) => {
    const now = services.now();
    const byIp = await takeRateLimit(tx, `sign-in:ip:${input.ip}`, RATE_PER_IP, now);
    const byAddress = await takeRateLimit(tx, `sign-in:email:${email}`, RATE_PER_ADDRESS, now);
    if (!byIp || !byAddress) return 'rate_limited';
    const person = await findPersonByEmail(tx, email);
    if (!person || !(await hasAccount(tx, person.id))) {
      const mail = renderEmail({
        subject: t('signIn.email.noAccount.subject'),
        blocks: [
          { type: 'paragraph', text: t('signIn.email.noAccount.body') },
          { type: 'small', text: t('signIn.email.ignore') },
        ],
      });
      await services.mailer.send(tx, { to: email, ...mail, purpose: 'sign-in' });
      return 'no_account';
    }
    const link = await createSignInLink(services, tx, person.id, input.next);
    const mail = renderEmail({
      subject: t('signIn.email.subject'),
      preheader: t('signIn.email.preheader', { minutes: SIGN_IN_LINK_MINUTES }),
      blocks: [
        {
          type: 'paragraph',
          text: t('signIn.email.greeting', { name: person.name ?? person.email }),
        },
        { type: 'button', text: t('signIn.email.button'), url: link },
        { type: 'small', text: t('signIn.email.expiry', { minutes: SIGN_IN_LINK_MINUTES }) },
        { type: 'small', text: t('signIn.email.ignore') },
      ],
    });
    await services.mailer.send(tx, { to: person.email, ...mail, purpose: 'sign-in' });
    return 'sent';
  });
}

export interface SignInLinkInfo {
  personId: number;
  email: string;
}

/** Tells whether a sign-in link can still be used, without using it (the confirm page). */
export async function inspectSignInLink(
  services: Services,
  token: string,
): Promise<SignInLinkInfo | undefined> {
  return services.db
    .selectFrom('sign_in_tokens')
    .innerJoin('people', 'people.id', 'sign_in_tokens.person_id')
    .select(['people.id as personId', 'people.email'])
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', services.now())
    .executeTakeFirst();
}

/**
 * Uses a sign-in link: exactly once, before it expires. Returns the new session's cookie
 * secret and where to go next, or undefined when the link is used, expired or unknown.
 */
export async function redeemSignInLink(
  services: Services,
  token: string,
  meta: { ip: string; userAgent: string | undefined },
): Promise<{ sessionToken: string; next: string } | undefined> {
  return services.db.transaction().execute(async (tx) => {
    const now = services.now();
    const used = await tx
      .updateTable('sign_in_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', hashToken(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['person_id', 'next_path'])
      .executeTakeFirst();
    if (!used) return undefined;
    await tx
      .updateTable('accounts')
      .set({ last_sign_in_at: now })
      .where('person_id', '=', used.person_id)
      .execute();
    const sessionToken = await createSession(tx, used.person_id, {
      ip: meta.ip,
      userAgent: meta.userAgent,
      now,
    });
    return { sessionToken, next: safeNextPath(used.next_path) };
  });
}

const SETUP_SETTING = 'setup.tokenHash';

/** Whether an administrator exists yet. */
export async function hasAdministrator(db: Executor): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .select('person_id')
    .where((eb) => eb(eb.val('administrator'), '=', eb.fn.any('roles')))
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * On a fresh installation: a one-time link that lets whoever opens it become the first
 * administrator. A new link replaces the previous one; none is made once an administrator exists.
 */
export async function createSetupLink(services: Services): Promise<string | undefined> {
  if (await hasAdministrator(services.db)) return undefined;
  const token = randomToken(32);
  await writeSetting(services.db, SETUP_SETTING, hashToken(token));
  return `${services.config.publicUrl}/setup/${token}`;
}

export async function isValidSetupToken(services: Services, token: string): Promise<boolean> {
  const stored = await readSetting<string>(services.db, SETUP_SETTING);
  return Boolean(stored) && stored === hashToken(token) && !(await hasAdministrator(services.db));
}

export const SetupInput = z.object({
  name: z.string().trim().min(1, 'Enter your name.').max(200),
  email: EmailAddress,
});

/** Makes the first administrator from the setup link, and signs them in. */
export async function completeSetup(
  services: Services,
  token: string,
  input: z.infer<typeof SetupInput>,
  meta: { ip: string; userAgent: string | undefined },
): Promise<string | undefined> {
  return services.db.transaction().execute(async (tx) => {
    const stored = await tx
      .selectFrom('settings')
      .select('value')
      .where('key', '=', SETUP_SETTING)
      .forUpdate()
      .executeTakeFirst();
    if (!stored || stored.value !== hashToken(token) || (await hasAdministrator(tx)))
      return undefined;
    await tx.deleteFrom('settings').where('key', '=', SETUP_SETTING).execute();
    const person = await findOrCreatePerson(tx, { email: input.email, name: input.name });
    await grantAccount(tx, person.id, ['administrator', 'editor']);
    await recordAudit(tx, {
      actor: null,
      action: 'account.first_administrator',
      subjectType: 'person',
      subjectId: person.id,
      details: { email: person.email },
      ip: meta.ip,
    });
    return createSession(tx, person.id, { ...meta, now: services.now() });
  });
}
