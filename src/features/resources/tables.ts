import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json } from '../../platform/db/schema.ts';

export const RESOURCE_KINDS = [
  'training',
  'guide',
  'recording',
  'document',
  'toolkit',
  'article',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const AUDIENCES = ['everyone', 'new_activists', 'group_leaders'] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface ResourceLink {
  label: string;
  url: string;
}

/** One step of a toolkit; `key` is stable across edits so attachments can point at it. */
export interface ToolkitStep {
  key: string;
  title: string;
  body: string;
  checklist: string[];
  /** Linked resources (ids). */
  resourceIds: number[];
}

export interface ResourceTable {
  id: Generated<number>;
  slug: string;
  kind: ResourceKind;
  title: string;
  summary: Generated<string>;
  body: Generated<string>;
  audience: Generated<Audience>;
  author_team_id: number | null;
  author_group_id: number | null;
  links: Json<ResourceLink[]>;
  steps: Json<ToolkitStep[]>;
  event_query: Generated<string>;
  last_reviewed_on: string | null;
  is_featured: Generated<boolean>;
  current_revision_id: number | null;
  published_revision_id: number | null;
  published_at: Date | null;
  is_sample: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface ResourceIssueAreaTable {
  resource_id: number;
  issue_area: string;
}

export type RevisionAction = 'draft' | 'publish' | 'restore' | 'unpublish';

export interface ResourceRevisionTable {
  id: Generated<number>;
  resource_id: number;
  number: number;
  action: RevisionAction;
  content: Json<Record<string, unknown>>;
  changed: ColumnType<string[], string[] | undefined, string[]>;
  author_person_id: number | null;
  restored_from: number | null;
  created_at: CreatedAt;
}

export interface ResourceAttachmentTable {
  id: Generated<number>;
  resource_id: number | null;
  step_key: string | null;
  storage_key: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: number | null;
  is_sample: Generated<boolean>;
  created_at: CreatedAt;
}

export interface ResourceGroupTable {
  resource_id: number;
  group_id: number;
  added_by: number | null;
  created_at: CreatedAt;
}

/** A free tag on a library item (an imported site's tags that match no issue area). */
export interface ResourceTagTable {
  resource_id: number;
  tag: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    resource_tags: ResourceTagTable;
    resources: ResourceTable;
    resource_issue_areas: ResourceIssueAreaTable;
    resource_revisions: ResourceRevisionTable;
    resource_attachments: ResourceAttachmentTable;
    resource_groups: ResourceGroupTable;
  }
}
