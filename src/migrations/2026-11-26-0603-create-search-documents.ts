import type { Kysely } from 'kysely';
import { runScript } from '../platform/db/run-script.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    create table search_documents (
      kind text not null,
      ref_id text not null,
      title text not null,
      summary text not null default '',
      body text not null default '',
      url text not null,
      is_public boolean not null default true,
      starts_at timestamptz,
      updated_at timestamptz not null default now(),
      document tsvector generated always as (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(summary, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(body, '')), 'C')
      ) stored,
      primary key (kind, ref_id)
    );
    create index search_documents_document_idx on search_documents using gin (document);
    `,
  );
}
