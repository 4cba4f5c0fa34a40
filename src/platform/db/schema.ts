import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types for Kysely. Platform and shared tables are declared here; a feature that adds
 * tables declares them in its own `schema.ts` by augmenting this interface:
 *
 *   declare module '../../platform/db/schema.ts' { interface Database { events: EventTable } }
 */
export interface Database {
  settings: SettingTable;
  people: PersonTable;
  accounts: AccountTable;
  sessions: SessionTable;
  sign_in_tokens: SignInTokenTable;
  api_tokens: ApiTokenTable;
  rate_limits: RateLimitTable;
  audit_log: AuditLogTable;
  consents: ConsentTable;
  suppressions: SuppressionTable;
  mail_messages: MailMessageTable;
  jobs: JobTable;
  districts: DistrictTable;
  towns: TownTable;
  zip_codes: ZipCodeTable;
  representatives: RepresentativeTable;
  state_legislators: StateLegislatorTable;
  issue_areas: IssueAreaTable;
  groups: GroupTable;
  group_towns: GroupTownTable;
  group_issue_areas: GroupIssueAreaTable;
  group_organizers: GroupOrganizerTable;
  group_members: GroupMemberTable;
  teams: TeamTable;
  team_members: TeamMemberTable;
}

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export interface SettingTable {
  key: string;
  value: Json;
  updated_at: Generated<Date>;
}

export interface PersonTable {
  id: Generated<number>;
  email: string;
  name: string | null;
  town_id: number | null;
  language: Generated<string>;
  is_sample: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}
export type Person = Selectable<PersonTable>;
export type NewPerson = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;

export const GLOBAL_ROLES = ['administrator', 'editor', 'board_member'] as const;
export type GlobalRole = (typeof GLOBAL_ROLES)[number];

export interface AccountTable {
  person_id: number;
  roles: ColumnType<GlobalRole[], GlobalRole[] | undefined, GlobalRole[]>;
  created_at: CreatedAt;
  last_sign_in_at: Date | null;
}

export interface SessionTable {
  id_hash: string;
  person_id: number;
  created_at: CreatedAt;
  expires_at: Timestamp;
  last_seen_at: Generated<Date>;
  user_agent: string | null;
  ip: string | null;
}

export interface SignInTokenTable {
  token_hash: string;
  person_id: number;
  next_path: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Date | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  person_id: number;
  label: Generated<string>;
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface RateLimitTable {
  key: string;
  window_start: Timestamp;
  count: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  actor_person_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  details: Json<Record<string, unknown>>;
  ip: string | null;
  request_id: string | null;
}

export interface ConsentTable {
  id: Generated<number>;
  person_id: number;
  purpose: string;
  granted_at: CreatedAt;
  withdrawn_at: Date | null;
  method: string;
  source: string | null;
  ip: string | null;
  /** What another system recorded about this consent (an import's opt-in and confirmation). */
  evidence: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface SuppressionTable {
  email: string;
  reason: string;
  details: string | null;
  created_at: CreatedAt;
}

export interface StoredAttachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
}

export type MailStatus = 'outbox' | 'queued' | 'sent' | 'failed';

export interface MailMessageTable {
  id: Generated<number>;
  created_at: CreatedAt;
  to_address: string;
  from_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: Json<Record<string, string>>;
  attachments: Json<StoredAttachment[]>;
  purpose: Generated<string>;
  status: MailStatus;
  attempts: Generated<number>;
  sent_at: Date | null;
  error: string | null;
  message_id: string | null;
}

export interface JobTable {
  id: Generated<number>;
  name: string;
  payload: Json<Record<string, unknown>>;
  state: Generated<'queued' | 'running' | 'done' | 'failed'>;
  run_at: Generated<Date>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_at: Date | null;
  last_error: string | null;
  unique_key: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

export interface DistrictTable {
  number: number;
  name: string;
}

export interface TownTable {
  id: number;
  name: string;
  slug: string;
  county: string;
  municipality_type: string;
  population: number | null;
  congressional_districts: number[];
  primary_district: number;
  district_shares: Json<Record<string, number>>;
  state_rep_districts: string[];
  state_senate_districts: string[];
  latitude: number | null;
  longitude: number | null;
}

export interface ZipCodeTable {
  zip: string;
  congressional_districts: number[];
}

export interface RepresentativeTable {
  id: string;
  chamber: 'house' | 'senate';
  district: number | null;
  name: string;
  party: string | null;
  website: string | null;
  phone: string | null;
  contact_form: string | null;
  details: Json<Record<string, unknown>>;
}

export interface StateLegislatorTable {
  id: string;
  chamber: 'house' | 'senate';
  district: string;
  name: string;
  party: string | null;
  email: string | null;
  phone: string | null;
  profile_url: string | null;
}

export interface IssueAreaTable {
  slug: string;
  name: string;
  position: Generated<number>;
}

export interface GroupTable {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: Generated<'group' | 'ally'>;
  description: Generated<string>;
  website: string | null;
  email: string | null;
  links: Json<Record<string, string>>;
  is_sample: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface GroupTownTable {
  group_id: number;
  town_id: number;
}

export interface GroupIssueAreaTable {
  group_id: number;
  issue_area: string;
}

export interface GroupOrganizerTable {
  group_id: number;
  person_id: number;
  role: Generated<string>;
  created_at: CreatedAt;
}

export interface GroupMemberTable {
  group_id: number;
  person_id: number;
  confirmed_at: Date | null;
  created_at: CreatedAt;
}

export interface TeamTable {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: 'standing' | 'action';
  purpose: Generated<string>;
  state: Generated<'proposed' | 'active' | 'dissolved'>;
  slack_channel: string | null;
  started_on: string | null;
  dissolved_on: string | null;
  outcome: string | null;
  is_sample: Generated<boolean>;
  created_at: CreatedAt;
}

export interface TeamMemberTable {
  team_id: number;
  person_id: number;
  role: Generated<'lead' | 'member'>;
  created_at: CreatedAt;
}
