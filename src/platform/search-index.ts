import { sql } from 'kysely';
import type { Executor } from './db/database.ts';

/**
 * The site-wide search index: one row per searchable thing, kept by the feature that owns it.
 * Call indexDocument in the same transaction that creates or changes the thing, and
 * removeDocument when it is deleted or stops being public. PostgreSQL's full-text search
 * (English stemming, weights: title A, summary B, body C) does the matching.
 */
export type SearchKind = 'group' | 'event' | 'resource' | 'toolkit' | 'newsletter_issue';

export interface SearchDocument {
  kind: SearchKind;
  refId: string | number;
  title: string;
  summary?: string;
  /** Plain text (strip Markdown/HTML first). */
  body?: string;
  /** Site-relative URL of the page, e.g. /groups/worcester-indivisible. */
  url: string;
  /** Only public documents are found by visitors. */
  isPublic?: boolean;
  /** For events: the next start, so past events can be left out. */
  startsAt?: Date | null;
}

const MAX_BODY = 200_000;

export async function indexDocument(db: Executor, doc: SearchDocument): Promise<void> {
  const values = {
    kind: doc.kind,
    ref_id: String(doc.refId),
    title: doc.title,
    summary: doc.summary ?? '',
    body: (doc.body ?? '').slice(0, MAX_BODY),
    url: doc.url,
    is_public: doc.isPublic ?? true,
    starts_at: doc.startsAt ?? null,
  };
  await db
    .insertInto('search_documents')
    .values(values)
    .onConflict((conflict) =>
      conflict.columns(['kind', 'ref_id']).doUpdateSet({ ...values, updated_at: sql`now()` }),
    )
    .execute();
}

export async function removeDocument(
  db: Executor,
  kind: SearchKind,
  refId: string | number,
): Promise<void> {
  await db
    .deleteFrom('search_documents')
    .where('kind', '=', kind)
    .where('ref_id', '=', String(refId))
    .execute();
}

declare module './db/schema.ts' {
  interface Database {
    search_documents: {
      kind: SearchKind;
      ref_id: string;
      title: string;
      summary: string;
      body: string;
      url: string;
      is_public: boolean;
      starts_at: Date | null;
      updated_at: import('kysely').Generated<Date>;
      document: import('kysely').ColumnType<string, never, never>;
    };
  }
}
