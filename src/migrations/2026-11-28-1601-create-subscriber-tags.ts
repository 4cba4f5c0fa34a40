import type { Kysely } from 'kysely';
import { runScript } from '../platform/db/run-script.ts';

/** Tags on newsletter subscribers (Mailchimp's TAGS come over as these). */
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    create table subscriber_tags (
      person_id integer not null references people(id) on delete cascade,
      tag text not null,
      source text,
      created_at timestamptz not null default now(),
      primary key (person_id, tag)
    );
    create index subscriber_tags_tag_idx on subscriber_tags(tag);
    `,
  );
}
