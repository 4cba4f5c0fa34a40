import type { Kysely } from 'kysely';
import { runScript } from '../platform/db/run-script.ts';

/** Free tags on library items (an imported site's tags that match no issue area). */
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    create table resource_tags (
      resource_id integer not null references resources(id) on delete cascade,
      tag text not null,
      primary key (resource_id, tag)
    );
    create index resource_tags_tag_idx on resource_tags(lower(tag));
    `,
  );
}
