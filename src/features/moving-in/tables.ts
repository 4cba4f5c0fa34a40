import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CreatedAt } from '../../platform/db/schema.ts';
import type { ImportKind, ImportReport } from './report.ts';

export const IMPORT_STATES = ['checking', 'reviewed', 'importing', 'done', 'failed'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

type JsonOf<T> = ColumnType<T, string, string>;

/** One import run: an upload checked (dry run) and then imported, or a `hub` command's run. */
export interface MovingInImportTable {
  id: Generated<number>;
  kind: ImportKind;
  state: ImportState;
  via: Generated<'admin' | 'cli'>;
  file_name: string;
  /** Where the uploaded files wait between the dry run and the import. */
  storage_keys: ColumnType<string[], string[] | undefined, string[]>;
  options: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** The dry run's report. */
  review: JsonOf<ImportReport | null>;
  report: JsonOf<ImportReport | null>;
  error: string | null;
  progress_done: Generated<number>;
  progress_total: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
  finished_at: Date | null;
}
export type MovingInImport = Selectable<MovingInImportTable>;

/**
 * Something brought over from another system, keyed by where it came from (`source`, e.g.
 * "wordpress:old.example.org") and its id there; `target_*` and `url` say what it became here.
 */
export interface ImportedItemTable {
  source: string;
  external_id: string;
  kind: string;
  target_type: 'resource' | 'event' | 'attachment' | 'newsletter_issue';
  target_id: number;
  url: string;
  old_url: string | null;
  content_hash: string | null;
  /** The revision this import last wrote (a newer one means someone edited it here since). */
  target_version: number | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}
export type ImportedItem = Selectable<ImportedItemTable>;

/** An old address answered with 301 to a new one (only when nothing else answers it). */
export interface RedirectTable {
  /** Normalized: lower case, no trailing slash; "/?p=123" for WordPress's id links. */
  from_path: string;
  to_url: string;
  origin: 'import' | 'admin';
  note: string | null;
  hits: Generated<number>;
  last_hit_at: Date | null;
  created_by: number | null;
  created_at: CreatedAt;
}
export type Redirect = Selectable<RedirectTable>;

/** A subscriber's tags (Mailchimp's TAGS). */
export interface SubscriberTagTable {
  person_id: number;
  tag: string;
  source: string | null;
  created_at: CreatedAt;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    moving_in_imports: MovingInImportTable;
    imported_items: ImportedItemTable;
    redirects: RedirectTable;
    subscriber_tags: SubscriberTagTable;
  }
}
