import type { Kysely } from 'kysely';
import { runScript } from '../platform/db/run-script.ts';

/**
 * The full-text index without GIN's "fast update" pending list: new entries go straight into
 * the index. The embedded database runs no autovacuum, so with the pending list every search
 * scanned it in full (and the planner fell back to reading every row); writes to the index are
 * rare here, reads are many. See docs/decisions/0032-search.md.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    alter index search_documents_document_idx set (fastupdate = off);
    select gin_clean_pending_list('search_documents_document_idx'::regclass);
    analyze search_documents;
    `,
  );
}
