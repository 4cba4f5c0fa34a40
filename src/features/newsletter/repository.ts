/**
 * Every SQL statement of the newsletter. Functions take the database or a transaction.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { SubscriberPlace } from './place.ts';
import type {
  Block,
  BlockKind,
  DeliveryState,
  EventsBlockData,
  Issue,
  IssueState,
  Subscription,
  SubscriptionState,
} from './tables.ts';

// ---------------------------------------------------------------------------------------------
// Subscriptions and suppressions

export async function findSubscriptionByPerson(
  db: Executor,
  personId: number,
): Promise<Subscription | undefined> {
  return db
    .selectFrom('newsletter_subscriptions')
    .selectAll()
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export interface SubscriptionWithPerson extends Subscription {
  email: string;
  name: string | null;
  town_name: string | null;
}

export async function findSubscriptionByToken(
  db: Executor,
  token: string,
): Promise<SubscriptionWithPerson | undefined> {
  if (!token || token.length > 100) return undefined;
  return db
    .selectFrom('newsletter_subscriptions as s')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .leftJoin('towns as t', 't.id', 's.town_id')
    .selectAll('s')
    .select(['p.email', 'p.name', 't.name as town_name'])
    .where('s.token', '=', token)
    .executeTakeFirst();
}

export async function insertSubscription(
  db: Executor,
  values: {
    personId: number;
    state: SubscriptionState;
    token: string;
    place: SubscriberPlace;
    source: string;
    now: Date;
    isSample?: boolean;
  },
): Promise<Subscription> {
  return db
    .insertInto('newsletter_subscriptions')
    .values({
      person_id: values.personId,
      state: values.state,
      token: values.token,
      town_id: values.place.townId,
      zip: values.place.zip,
      districts: values.place.districts,
      source: values.source,
      confirmation_sent_at: null,
      confirmed_at: values.state === 'confirmed' ? values.now : null,
      unsubscribed_at: null,
      unsubscribed_issue_id: null,
      is_sample: values.isSample ?? false,
      created_at: values.now,
      updated_at: values.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateSubscription(
  db: Executor,
  id: number,
  changes: Partial<{
    state: SubscriptionState;
    place: SubscriberPlace;
    confirmation_sent_at: Date;
    confirmed_at: Date | null;
    unsubscribed_at: Date | null;
    unsubscribed_issue_id: number | null;
  }>,
  now: Date,
): Promise<void> {
  const { place, ...rest } = changes;
  await db
    .updateTable('newsletter_subscriptions')
    .set({
      ...rest,
      ...(place ? { town_id: place.townId, zip: place.zip, districts: place.districts } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function isSuppressed(db: Executor, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('suppressions')
    .select('email')
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return Boolean(row);
}

export async function insertSuppression(
  db: Executor,
  values: { email: string; reason: string; details: string | null },
): Promise<boolean> {
  const row = await db
    .insertInto('suppressions')
    .values({ email: values.email.toLowerCase(), reason: values.reason, details: values.details })
    .onConflict((conflict) => conflict.column('email').doNothing())
    .returning('email')
    .executeTakeFirst();
  return Boolean(row);
}

export async function listSuppressions(db: Executor, limit = 100) {
  return db
    .selectFrom('suppressions')
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Opens a newsletter consent unless one is already open. `now` is when it was given (an import
 * passes the original time); `evidence` keeps what another system recorded about it.
 */
export async function grantConsent(
  db: Executor,
  values: {
    personId: number;
    method: string;
    source: string | null;
    ip: string | null;
    now: Date;
    evidence?: Record<string, unknown>;
  },
): Promise<void> {
  const open = await db
    .selectFrom('consents')
    .select('id')
    .where('person_id', '=', values.personId)
    .where('purpose', '=', 'newsletter')
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  if (open) return;
  await db
    .insertInto('consents')
    .values({
      person_id: values.personId,
      purpose: 'newsletter',
      granted_at: values.now,
      withdrawn_at: null,
      method: values.method,
      source: values.source,
      ip: values.ip,
      evidence: JSON.stringify(values.evidence ?? {}),
    })
    .execute();
}

export async function withdrawConsent(db: Executor, personId: number, now: Date): Promise<void> {
  await db
    .updateTable('consents')
    .set({ withdrawn_at: now })
    .where('person_id', '=', personId)
    .where('purpose', '=', 'newsletter')
    .where('withdrawn_at', 'is', null)
    .execute();
}

/** Nobody unsubscribed or suppressed gets a message still waiting in a send. */
export async function dropQueuedDeliveries(
  db: Executor,
  where: { personId?: number; email?: string },
  reason: string,
): Promise<void> {
  let query = db
    .updateTable('newsletter_deliveries')
    .set({ state: 'failed', error: reason })
    .where('state', '=', 'queued');
  if (where.personId !== undefined) query = query.where('person_id', '=', where.personId);
  if (where.email !== undefined) query = query.where('email', '=', where.email.toLowerCase());
  await query.execute();
}

export async function countSubscriptionsByState(
  db: Executor,
): Promise<Record<SubscriptionState, number>> {
  const rows = await db
    .selectFrom('newsletter_subscriptions')
    .select(['state', sql<number>`count(*)::int`.as('count')])
    .groupBy('state')
    .execute();
  const counts = { pending: 0, confirmed: 0, paused: 0, unsubscribed: 0 };
  for (const row of rows) counts[row.state] = row.count;
  return counts;
}

/** Confirmed newsletter consents open at each instant (people subscribed at that moment). */
export async function countConsentsAt(db: Executor, instants: Date[]): Promise<number[]> {
  if (!instants.length) return [];
  const result = await sql<{ at: Date; count: number }>`
    select points.at, (
      select count(distinct c.person_id)::int from consents c
      where c.purpose = 'newsletter' and c.granted_at <= points.at
        and (c.withdrawn_at is null or c.withdrawn_at > points.at)
    ) as count
    from unnest(${instants.map((d) => d.toISOString())}::timestamptz[]) as points(at)
    order by points.at`.execute(db);
  return result.rows.map((row) => row.count);
}

export interface SubscriberRow {
  email: string;
  name: string | null;
  zip: string | null;
  town: string | null;
  state: SubscriptionState;
  districts: number[];
  confirmed_at: Date | null;
  created_at: Date;
}

function subscriberQuery(db: Executor) {
  return db
    .selectFrom('newsletter_subscriptions as s')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .leftJoin('towns as t', 't.id', 's.town_id')
    .select([
      's.id',
      'p.email',
      'p.name',
      's.zip',
      't.name as town',
      's.state',
      's.districts',
      's.confirmed_at',
      's.created_at',
    ]);
}

export async function listSubscribers(
  db: Executor,
  options: { q?: string; state?: SubscriptionState; limit: number; afterId?: number },
) {
  let query = subscriberQuery(db)
    .orderBy('s.id')
    .limit(options.limit + 1);
  if (options.q) query = query.where('p.email', 'like', `%${options.q.toLowerCase()}%`);
  if (options.state) query = query.where('s.state', '=', options.state);
  if (options.afterId) query = query.where('s.id', '>', options.afterId);
  return query.execute();
}

/** Subscribers in id order, one page at a time (the CSV export streams these). */
export async function subscriberPage(db: Executor, afterId: number, limit: number) {
  return subscriberQuery(db).where('s.id', '>', afterId).orderBy('s.id').limit(limit).execute();
}

// ---------------------------------------------------------------------------------------------
// Issues and blocks

export async function findIssue(db: Executor, id: number): Promise<Issue | undefined> {
  return db.selectFrom('newsletter_issues').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findIssueBySlug(db: Executor, slug: string): Promise<Issue | undefined> {
  return db.selectFrom('newsletter_issues').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findIssueByDate(db: Executor, date: string): Promise<Issue | undefined> {
  return db
    .selectFrom('newsletter_issues')
    .selectAll()
    .where('issue_date', '=', date)
    .executeTakeFirst();
}

export async function lockIssue(db: Executor, id: number): Promise<Issue | undefined> {
  return db
    .selectFrom('newsletter_issues')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertIssue(
  db: Executor,
  values: {
    slug: string;
    issueDate: string;
    subject: string;
    preheader: string;
    createdBy: number | null;
    isSample?: boolean;
    /** 'import' for a past campaign brought into the archive (several may share a date). */
    source?: 'editor' | 'import';
  },
): Promise<Issue> {
  return db
    .insertInto('newsletter_issues')
    .values({
      source: values.source ?? 'editor',
      slug: values.slug,
      issue_date: values.issueDate,
      subject: values.subject,
      preheader: values.preheader,
      created_by: values.createdBy,
      is_sample: values.isSample ?? false,
      scheduled_at: null,
      send_started_at: null,
      sent_at: null,
      published_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateIssue(
  db: Executor,
  id: number,
  changes: Partial<{
    subject: string;
    preheader: string;
    state: IssueState;
    scheduled_at: Date | null;
    send_started_at: Date;
    sent_at: Date;
    published_at: Date;
    audience_count: number;
  }>,
): Promise<void> {
  await db
    .updateTable('newsletter_issues')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function listIssues(db: Executor, options: { published?: boolean; limit: number }) {
  let query = db
    .selectFrom('newsletter_issues')
    .selectAll()
    .orderBy('issue_date', 'desc')
    .limit(options.limit);
  if (options.published) query = query.where('published_at', 'is not', null);
  return query.execute();
}

export async function listBlocks(db: Executor, issueId: number): Promise<Block[]> {
  return db
    .selectFrom('newsletter_blocks')
    .selectAll()
    .where('issue_id', '=', issueId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function findBlock(db: Executor, issueId: number, blockId: number) {
  return db
    .selectFrom('newsletter_blocks')
    .selectAll()
    .where('issue_id', '=', issueId)
    .where('id', '=', blockId)
    .executeTakeFirst();
}

export interface NewBlock {
  kind: BlockKind;
  title?: string;
  body?: string;
  linkUrl?: string | null;
  submittedBy?: string | null;
  onBehalfOf?: string | null;
  data?: EventsBlockData;
}

export async function appendBlock(db: Executor, issueId: number, block: NewBlock): Promise<Block> {
  const last = await db
    .selectFrom('newsletter_blocks')
    .select(sql<number>`coalesce(max(position), 0)::int`.as('max'))
    .where('issue_id', '=', issueId)
    .executeTakeFirstOrThrow();
  return db
    .insertInto('newsletter_blocks')
    .values({
      issue_id: issueId,
      position: last.max + 1,
      kind: block.kind,
      title: block.title ?? '',
      body: block.body ?? '',
      link_url: block.linkUrl ?? null,
      submitted_by: block.submittedBy ?? null,
      on_behalf_of: block.onBehalfOf ?? null,
      data: JSON.stringify(block.data ?? {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateBlock(
  db: Executor,
  blockId: number,
  changes: Partial<{
    title: string;
    body: string;
    link_url: string | null;
    submitted_by: string | null;
    on_behalf_of: string | null;
    data: EventsBlockData;
    position: number;
  }>,
): Promise<void> {
  const { data, ...rest } = changes;
  await db
    .updateTable('newsletter_blocks')
    .set({ ...rest, ...(data ? { data: JSON.stringify(data) } : {}) })
    .where('id', '=', blockId)
    .execute();
}

export async function deleteBlock(db: Executor, blockId: number): Promise<void> {
  await db.deleteFrom('newsletter_blocks').where('id', '=', blockId).execute();
}

// ---------------------------------------------------------------------------------------------
// Submissions

export async function insertSubmission(
  db: Executor,
  values: {
    kind: 'news' | 'spotlight';
    title: string;
    body: string;
    linkUrl: string | null;
    issueDate: string;
    personId: number;
    submittedBy: string;
    onBehalfOf: string | null;
    groupId: number | null;
    issueId: number | null;
  },
) {
  return db
    .insertInto('newsletter_submissions')
    .values({
      kind: values.kind,
      title: values.title,
      body: values.body,
      link_url: values.linkUrl,
      issue_date: values.issueDate,
      submitted_by_person_id: values.personId,
      submitted_by: values.submittedBy,
      on_behalf_of: values.onBehalfOf,
      group_id: values.groupId,
      issue_id: values.issueId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function unusedSubmissionsFor(db: Executor, issueDate: string) {
  return db
    .selectFrom('newsletter_submissions')
    .selectAll()
    .where('issue_date', '=', issueDate)
    .where('issue_id', 'is', null)
    .orderBy('id')
    .execute();
}

export async function markSubmissionUsed(db: Executor, id: number, issueId: number) {
  await db
    .updateTable('newsletter_submissions')
    .set({ issue_id: issueId })
    .where('id', '=', id)
    .execute();
}

export async function listSubmissionsBy(db: Executor, personId: number) {
  return db
    .selectFrom('newsletter_submissions')
    .selectAll()
    .where('submitted_by_person_id', '=', personId)
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Deliveries

/**
 * Freezes the audience: one queued delivery per confirmed, unsuppressed subscriber, written in
 * one statement. Returns how many rows the issue now has.
 */
export async function freezeAudience(db: Executor, issueId: number, now: Date): Promise<number> {
  await sql`
    insert into newsletter_deliveries (issue_id, person_id, email, token, districts, state, next_attempt_at)
    select ${issueId}, s.person_id, p.email, s.token, s.districts, 'queued', ${now}
    from newsletter_subscriptions s
    join people p on p.id = s.person_id
    where s.state = 'confirmed'
      and not exists (select 1 from suppressions x where x.email = p.email)
    on conflict do nothing`.execute(db);
  const row = await db
    .selectFrom('newsletter_deliveries')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('issue_id', '=', issueId)
    .executeTakeFirstOrThrow();
  return row.count;
}

export interface ClaimedDelivery {
  issue_id: number;
  person_id: number;
  email: string;
  token: string;
  districts: number[];
  attempts: number;
}

/**
 * Claims up to `limit` deliveries of an issue for one worker: those queued and due, and those
 * whose previous claim ran out (a worker died while they were in flight). FOR UPDATE SKIP LOCKED
 * keeps two workers from ever claiming the same row.
 */
export async function claimDeliveries(
  db: Executor,
  options: { issueId: number; workerId: string; limit: number; now: Date; leaseMs: number },
): Promise<ClaimedDelivery[]> {
  const until = new Date(options.now.getTime() + options.leaseMs);
  const result = await sql<ClaimedDelivery>`
    update newsletter_deliveries d
    set state = 'sending', claimed_by = ${options.workerId}, claimed_until = ${until},
      attempts = d.attempts + 1
    from (
      select issue_id, person_id from newsletter_deliveries
      where issue_id = ${options.issueId}
        and ((state = 'queued' and next_attempt_at <= ${options.now})
          or (state = 'sending' and claimed_until < ${options.now}))
      order by person_id
      limit ${options.limit}
      for update skip locked
    ) picked
    where d.issue_id = picked.issue_id and d.person_id = picked.person_id
    returning d.issue_id, d.person_id, d.email, d.token, d.districts, d.attempts`.execute(db);
  return result.rows;
}

export async function markDeliveriesSent(
  db: Executor,
  issueId: number,
  personIds: number[],
  now: Date,
): Promise<void> {
  if (!personIds.length) return;
  await db
    .updateTable('newsletter_deliveries')
    .set({ state: 'sent', sent_at: now, error: null, claimed_by: null, claimed_until: null })
    .where('issue_id', '=', issueId)
    .where('person_id', 'in', personIds)
    .where('state', '=', 'sending')
    .execute();
}

export async function markDeliveryOutcome(
  db: Executor,
  issueId: number,
  personId: number,
  outcome: { state: DeliveryState; error: string; nextAttemptAt?: Date },
): Promise<void> {
  await db
    .updateTable('newsletter_deliveries')
    .set({
      state: outcome.state,
      error: outcome.error.slice(0, 500),
      claimed_by: null,
      claimed_until: null,
      ...(outcome.nextAttemptAt ? { next_attempt_at: outcome.nextAttemptAt } : {}),
    })
    .where('issue_id', '=', issueId)
    .where('person_id', '=', personId)
    .where('state', '=', 'sending')
    .execute();
}

/** The most recent delivery to an address, to mark a bounce that a provider reports later. */
export async function markLatestDeliveryBounced(db: Executor, email: string, reason: string) {
  const latest = await db
    .selectFrom('newsletter_deliveries')
    .select(['issue_id', 'person_id'])
    .where('email', '=', email.toLowerCase())
    .where('state', '=', 'sent')
    .orderBy('sent_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest) return;
  await db
    .updateTable('newsletter_deliveries')
    .set({ state: 'bounced', error: reason.slice(0, 500) })
    .where('issue_id', '=', latest.issue_id)
    .where('person_id', '=', latest.person_id)
    .execute();
}

export type DeliveryCounts = Record<DeliveryState, number>;

export async function countDeliveries(db: Executor, issueId: number): Promise<DeliveryCounts> {
  const rows = await db
    .selectFrom('newsletter_deliveries')
    .select(['state', sql<number>`count(*)::int`.as('count')])
    .where('issue_id', '=', issueId)
    .groupBy('state')
    .execute();
  const counts: DeliveryCounts = { queued: 0, sending: 0, sent: 0, failed: 0, bounced: 0 };
  for (const row of rows) counts[row.state] = row.count;
  return counts;
}

export async function countSentSince(db: Executor, issueId: number, since: Date): Promise<number> {
  const row = await db
    .selectFrom('newsletter_deliveries')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('issue_id', '=', issueId)
    .where('state', 'in', ['sent', 'bounced'])
    .where('sent_at', '>=', since)
    .executeTakeFirstOrThrow();
  return row.count;
}

/** When the next piece of waiting work of an issue becomes due (retry or a lapsed claim). */
export async function nextDueAt(db: Executor, issueId: number): Promise<Date | undefined> {
  const row = await db
    .selectFrom('newsletter_deliveries')
    .select(
      sql<Date | null>`min(case when state = 'queued' then next_attempt_at else claimed_until end)`.as(
        'due',
      ),
    )
    .where('issue_id', '=', issueId)
    .where('state', 'in', ['queued', 'sending'])
    .executeTakeFirstOrThrow();
  return row.due ? new Date(row.due) : undefined;
}

export async function countUnsubscribedFrom(db: Executor, issueId: number): Promise<number> {
  const row = await db
    .selectFrom('newsletter_subscriptions')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('unsubscribed_issue_id', '=', issueId)
    .executeTakeFirstOrThrow();
  return row.count;
}

export async function recentFailures(db: Executor, issueId: number, limit = 50) {
  return db
    .selectFrom('newsletter_deliveries')
    .select(['email', 'state', 'error', 'attempts'])
    .where('issue_id', '=', issueId)
    .where('state', 'in', ['failed', 'bounced'])
    .orderBy('person_id')
    .limit(limit)
    .execute();
}

/** Delivery counts of several issues at once, for the admin's list. */
export async function countDeliveriesByIssue(
  db: Executor,
  issueIds: number[],
): Promise<Map<number, DeliveryCounts & { unsubscribed: number }>> {
  const result = new Map<number, DeliveryCounts & { unsubscribed: number }>();
  if (!issueIds.length) return result;
  for (const id of issueIds) {
    result.set(id, { queued: 0, sending: 0, sent: 0, failed: 0, bounced: 0, unsubscribed: 0 });
  }
  const rows = await db
    .selectFrom('newsletter_deliveries')
    .select(['issue_id', 'state', sql<number>`count(*)::int`.as('count')])
    .where('issue_id', 'in', issueIds)
    .groupBy(['issue_id', 'state'])
    .execute();
  for (const row of rows) result.get(row.issue_id)![row.state] = row.count;
  const unsubscribed = await db
    .selectFrom('newsletter_subscriptions')
    .select(['unsubscribed_issue_id', sql<number>`count(*)::int`.as('count')])
    .where('unsubscribed_issue_id', 'in', issueIds)
    .groupBy('unsubscribed_issue_id')
    .execute();
  for (const row of unsubscribed) {
    if (row.unsubscribed_issue_id) result.get(row.unsubscribed_issue_id)!.unsubscribed = row.count;
  }
  return result;
}

export async function countSuppressions(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('suppressions')
    .select(sql<number>`count(*)::int`.as('count'))
    .executeTakeFirstOrThrow();
  return row.count;
}
