import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CreatedAt, Json } from '../../platform/db/schema.ts';

export const EVENT_TYPES = [
  'meeting',
  'town_hall',
  'rally',
  'training',
  'phone_bank',
  'canvass',
  'letter_writing',
  'advocacy_call',
  'visibility',
  'social',
  'other',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_MODES = ['in_person', 'online', 'hybrid'] as const;
export type EventMode = (typeof EVENT_MODES)[number];

export const MODERATION_STATES = ['pending', 'approved', 'rejected'] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];

export const EVENT_STATUSES = ['scheduled', 'cancelled', 'postponed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const VISIBILITIES = ['public', 'unlisted'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export type EventSource = 'manual' | 'api' | 'ical' | 'mobilize' | 'wordpress';

type Instants = ColumnType<Date[], Date[] | undefined, Date[]>;

export interface EventTable {
  id: Generated<number>;
  title: string;
  description: Generated<string>;
  type: Generated<EventType>;
  mode: Generated<EventMode>;
  group_id: number | null;
  venue: string | null;
  address: string | null;
  town_id: number | null;
  districts: ColumnType<number[], number[] | undefined, number[]>;
  online_url: string | null;
  online_url_for_rsvps_only: Generated<boolean>;
  accessibility: string | null;
  capacity: number | null;
  image_path: string | null;
  contact_name: string | null;
  contact_email: string | null;
  timezone: string;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  all_day: Generated<boolean>;
  rrule: string | null;
  exdates: Instants;
  rdates: Instants;
  moderation: Generated<ModerationState>;
  moderation_reason: string | null;
  moderated_at: Date | null;
  status: Generated<EventStatus>;
  visibility: Generated<Visibility>;
  is_featured: Generated<boolean>;
  source: Generated<EventSource>;
  source_uid: string | null;
  feed_id: number | null;
  source_hash: string | null;
  external_url: string | null;
  locally_edited_at: Date | null;
  submitter_person_id: number | null;
  submitted_via: string | null;
  email_confirmed_at: Date | null;
  confirm_token_hash: string | null;
  merged_into_id: number | null;
  is_sample: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}
export type EventRow = Selectable<EventTable>;

export interface EventIssueAreaTable {
  event_id: number;
  issue_area: string;
}

export interface EventCohostTable {
  event_id: number;
  group_id: number;
}

export interface EventOccurrenceTable {
  id: Generated<number>;
  event_id: number;
  /** The occurrence's original start in UTC, "20261203T230000Z" (its RECURRENCE-ID). */
  recurrence_key: string;
  original_start: ColumnType<Date, Date | string, Date | string>;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  /** Null: as the event. */
  status: EventStatus | null;
  /** Changed by hand (moved, retitled or cancelled): kept when the series is re-expanded. */
  is_override: Generated<boolean>;
  title: string | null;
  venue: string | null;
  address: string | null;
  note: string | null;
}
export type OccurrenceRow = Selectable<EventOccurrenceTable>;

export type RsvpState = 'going' | 'waitlisted' | 'cancelled';

export interface EventRsvpTable {
  id: Generated<number>;
  occurrence_id: number;
  person_id: number;
  name: string;
  guests: Generated<number>;
  state: Generated<RsvpState>;
  manage_token_hash: string;
  is_sample: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface EventFeedTable {
  id: Generated<number>;
  group_id: number | null;
  kind: 'ical' | 'mobilize';
  url: string;
  organization_id: string | null;
  is_trusted: Generated<boolean>;
  is_active: Generated<boolean>;
  last_synced_at: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  failure_count: Generated<number>;
  next_sync_at: Generated<Date>;
  cursor: string | null;
  report: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}
export type EventFeedRow = Selectable<EventFeedTable>;

declare module '../../platform/db/schema.ts' {
  interface Database {
    events: EventTable;
    event_issue_areas: EventIssueAreaTable;
    event_cohosts: EventCohostTable;
    event_occurrences: EventOccurrenceTable;
    event_rsvps: EventRsvpTable;
    event_feeds: EventFeedTable;
  }
}
