import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CreatedAt, Json } from '../../platform/db/schema.ts';

export const SUBSCRIPTION_STATES = ['pending', 'confirmed', 'paused', 'unsubscribed'] as const;
export type SubscriptionState = (typeof SUBSCRIPTION_STATES)[number];

export const ISSUE_STATES = ['draft', 'scheduled', 'sending', 'sent'] as const;
export type IssueState = (typeof ISSUE_STATES)[number];

export const BLOCK_KINDS = ['note', 'events', 'news', 'spotlight', 'text'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export const DELIVERY_STATES = ['queued', 'sending', 'sent', 'failed', 'bounced'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

type IntArray = ColumnType<number[], number[] | undefined, number[]>;
type Instant = ColumnType<Date, Date | string, Date | string>;
type MaybeInstant = ColumnType<Date | null, Date | string | null, Date | string | null>;

export interface NewsletterSubscriptionTable {
  id: Generated<number>;
  person_id: number;
  state: SubscriptionState;
  /** Unguessable; names the subscriber in preference and one-click unsubscribe links. */
  token: string;
  town_id: number | null;
  zip: string | null;
  districts: IntArray;
  source: Generated<string>;
  confirmation_sent_at: MaybeInstant;
  confirmed_at: MaybeInstant;
  unsubscribed_at: MaybeInstant;
  unsubscribed_issue_id: number | null;
  is_sample: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}
export type Subscription = Selectable<NewsletterSubscriptionTable>;

export interface NewsletterIssueTable {
  id: Generated<number>;
  slug: string;
  /** The Saturday the issue goes out (YYYY-MM-DD). */
  issue_date: string;
  subject: string;
  preheader: Generated<string>;
  state: Generated<IssueState>;
  scheduled_at: MaybeInstant;
  send_started_at: MaybeInstant;
  sent_at: MaybeInstant;
  published_at: MaybeInstant;
  audience_count: Generated<number>;
  /** 'editor' (made here, one per issue date) or 'import' (a past campaign brought over). */
  source: Generated<string>;
  created_by: number | null;
  is_sample: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}
export type Issue = Selectable<NewsletterIssueTable>;

/** The events digest block keeps a snapshot of the calendar taken when it was drafted/refreshed. */
export interface EventsBlockData {
  from?: string;
  to?: string;
  occurrences?: StoredOccurrence[];
}

export interface StoredOccurrence {
  eventId: number;
  occurrenceId: string;
  title: string;
  start: string;
  end: string | null;
  allDay: boolean;
  status: 'scheduled' | 'cancelled' | 'postponed';
  mode: 'in_person' | 'online' | 'hybrid';
  town: string | null;
  districts: number[];
  group: { slug: string; name: string } | null;
  url: string;
  featured: boolean;
  summary: string;
}

export interface NewsletterBlockTable {
  id: Generated<number>;
  issue_id: number;
  position: number;
  kind: BlockKind;
  title: Generated<string>;
  /** Markdown. */
  body: Generated<string>;
  link_url: string | null;
  submitted_by: string | null;
  on_behalf_of: string | null;
  data: Json<EventsBlockData>;
  created_at: CreatedAt;
}
export type Block = Selectable<NewsletterBlockTable>;

export interface NewsletterSubmissionTable {
  id: Generated<number>;
  kind: 'news' | 'spotlight';
  title: string;
  body: string;
  link_url: string | null;
  issue_date: string;
  submitted_by_person_id: number | null;
  submitted_by: string;
  on_behalf_of: string | null;
  group_id: number | null;
  issue_id: number | null;
  created_at: CreatedAt;
}

export interface NewsletterDeliveryTable {
  issue_id: number;
  person_id: number;
  email: string;
  /** The subscription's token when the audience was frozen (for the unsubscribe link). */
  token: string;
  districts: IntArray;
  state: Generated<DeliveryState>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  claimed_by: string | null;
  claimed_until: MaybeInstant;
  sent_at: MaybeInstant;
  error: string | null;
}
export type Delivery = Selectable<NewsletterDeliveryTable>;
export type { Instant };

declare module '../../platform/db/schema.ts' {
  interface Database {
    newsletter_subscriptions: NewsletterSubscriptionTable;
    newsletter_issues: NewsletterIssueTable;
    newsletter_blocks: NewsletterBlockTable;
    newsletter_submissions: NewsletterSubmissionTable;
    newsletter_deliveries: NewsletterDeliveryTable;
  }
}
