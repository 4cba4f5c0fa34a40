/**
 * The batch statements of a Mailchimp audience import: a chunk of a few hundred members is read
 * in four statements and written in a handful, so 20,000 members take seconds, not minutes.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { SubscriberPlace } from '../newsletter/place.ts';
import type { SubscriptionState } from '../newsletter/tables.ts';

export interface KnownPerson {
  id: number;
  email: string;
  subscriptionId: number | null;
  state: SubscriptionState | null;
  confirmedAt: Date | null;
  hasOpenConsent: boolean;
  tags: string[];
}

/** What is known here about these addresses: person, subscription, consent, tags. */
export async function findKnownPeople(
  db: Executor,
  emails: string[],
): Promise<Map<string, KnownPerson>> {
  if (!emails.length) return new Map();
  const rows = await db
    .selectFrom('people as p')
    .leftJoin('newsletter_subscriptions as s', 's.person_id', 'p.id')
    .select([
      'p.id',
      'p.email',
      's.id as subscription_id',
      's.state',
      's.confirmed_at',
      sql<boolean>`exists (select 1 from consents c where c.person_id = p.id and c.purpose = 'newsletter' and c.withdrawn_at is null)`.as(
        'has_open_consent',
      ),
      sql<
        string[]
      >`coalesce((select array_agg(t.tag) from subscriber_tags t where t.person_id = p.id), '{}')`.as(
        'tags',
      ),
    ])
    .where('p.email', 'in', emails)
    .execute();
  return new Map(
    rows.map((row) => [
      row.email,
      {
        id: row.id,
        email: row.email,
        subscriptionId: row.subscription_id,
        state: row.state,
        confirmedAt: row.confirmed_at,
        hasOpenConsent: row.has_open_consent,
        tags: row.tags,
      },
    ]),
  );
}

export async function findSuppressedEmails(db: Executor, emails: string[]): Promise<Set<string>> {
  if (!emails.length) return new Set();
  const rows = await db
    .selectFrom('suppressions')
    .select('email')
    .where('email', 'in', emails)
    .execute();
  return new Set(rows.map((row) => row.email));
}

/** Creates the people not yet known; returns every id by email. */
export async function insertPeople(
  db: Executor,
  people: { email: string; name: string | null }[],
): Promise<Map<string, number>> {
  if (!people.length) return new Map();
  const rows = await db
    .insertInto('people')
    .values(people.map((person) => ({ email: person.email, name: person.name })))
    .onConflict((conflict) => conflict.column('email').doNothing())
    .returning(['id', 'email'])
    .execute();
  const ids = new Map(rows.map((row) => [row.email, row.id]));
  const missing = people.filter((person) => !ids.has(person.email)).map((p) => p.email);
  if (missing.length) {
    const found = await db
      .selectFrom('people')
      .select(['id', 'email'])
      .where('email', 'in', missing)
      .execute();
    for (const row of found) ids.set(row.email, row.id);
  }
  return ids;
}

export async function insertConfirmedSubscriptions(
  db: Executor,
  rows: {
    personId: number;
    token: string;
    place: SubscriberPlace;
    source: string;
    confirmedAt: Date;
    now: Date;
  }[],
): Promise<void> {
  if (!rows.length) return;
  await db
    .insertInto('newsletter_subscriptions')
    .values(
      rows.map((row) => ({
        person_id: row.personId,
        state: 'confirmed' as const,
        token: row.token,
        town_id: row.place.townId,
        zip: row.place.zip,
        districts: row.place.districts,
        source: row.source,
        confirmation_sent_at: null,
        confirmed_at: row.confirmedAt,
        unsubscribed_at: null,
        unsubscribed_issue_id: null,
        created_at: row.now,
        updated_at: row.now,
      })),
    )
    .onConflict((conflict) => conflict.column('person_id').doNothing())
    .execute();
}

/** Pending subscriptions (asked for a confirmation here) that Mailchimp shows confirmed. */
export async function confirmPendingSubscriptions(
  db: Executor,
  personIds: number[],
  now: Date,
): Promise<void> {
  if (!personIds.length) return;
  await db
    .updateTable('newsletter_subscriptions')
    .set({ state: 'confirmed', confirmed_at: now, updated_at: now })
    .where('person_id', 'in', personIds)
    .where('state', '=', 'pending')
    .execute();
}

export async function insertConsents(
  db: Executor,
  rows: {
    personId: number;
    grantedAt: Date;
    source: string;
    ip: string | null;
    evidence: Record<string, unknown>;
  }[],
): Promise<void> {
  if (!rows.length) return;
  await db
    .insertInto('consents')
    .values(
      rows.map((row) => ({
        person_id: row.personId,
        purpose: 'newsletter',
        granted_at: row.grantedAt,
        withdrawn_at: null,
        method: 'import:mailchimp',
        source: row.source,
        ip: row.ip,
        evidence: JSON.stringify(row.evidence),
      })),
    )
    .execute();
}

/** Adds tags; returns how many were new. */
export async function insertSubscriberTags(
  db: Executor,
  rows: { personId: number; tag: string; source: string }[],
): Promise<number> {
  if (!rows.length) return 0;
  const inserted = await db
    .insertInto('subscriber_tags')
    .values(rows.map((row) => ({ person_id: row.personId, tag: row.tag, source: row.source })))
    .onConflict((conflict) => conflict.columns(['person_id', 'tag']).doNothing())
    .returning('tag')
    .execute();
  return inserted.length;
}

/**
 * Never mail these addresses again: suppressed, their subscriptions ended, their newsletter
 * consent withdrawn and anything still queued for them dropped.
 */
export async function suppressEmails(
  db: Executor,
  rows: { email: string; reason: string; details: string }[],
  now: Date,
): Promise<void> {
  if (!rows.length) return;
  const emails = rows.map((row) => row.email);
  await db
    .insertInto('suppressions')
    .values(rows.map((row) => ({ email: row.email, reason: row.reason, details: row.details })))
    .onConflict((conflict) => conflict.column('email').doNothing())
    .execute();
  const people = db.selectFrom('people').select('id').where('email', 'in', emails);
  await db
    .updateTable('newsletter_subscriptions')
    .set({ state: 'unsubscribed', unsubscribed_at: now, updated_at: now })
    .where('person_id', 'in', people)
    .where('state', '!=', 'unsubscribed')
    .execute();
  await db
    .updateTable('consents')
    .set({ withdrawn_at: now })
    .where('person_id', 'in', people)
    .where('purpose', '=', 'newsletter')
    .where('withdrawn_at', 'is', null)
    .execute();
  await db
    .updateTable('newsletter_deliveries')
    .set({ state: 'failed', error: 'suppressed: imported from Mailchimp' })
    .where('state', '=', 'queued')
    .where('email', 'in', emails)
    .execute();
}
