import type { Generated, Selectable } from 'kysely';
import type { CreatedAt } from '../../platform/db/schema.ts';

/** A message someone sent a group through its contact form (the sender is a person record). */
export interface GroupMessageTable {
  id: Generated<number>;
  group_id: number;
  person_id: number;
  sender_name: string;
  body: string;
  ip: string | null;
  created_at: CreatedAt;
}
export type GroupMessage = Selectable<GroupMessageTable>;

declare module '../../platform/db/schema.ts' {
  interface Database {
    group_messages: GroupMessageTable;
  }
}

export const GROUP_KINDS = ['group', 'ally'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** The social links a profile may show, in display order. */
export const SOCIAL_LINKS = [
  'facebook',
  'instagram',
  'bluesky',
  'mastodon',
  'x',
  'youtube',
] as const;
export type SocialLink = (typeof SOCIAL_LINKS)[number];
