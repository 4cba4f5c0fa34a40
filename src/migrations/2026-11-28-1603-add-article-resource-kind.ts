import type { Kysely } from 'kysely';
import { runScript } from '../platform/db/run-script.ts';

/** Articles (news posts, statements, blog posts) join the library's kinds. */
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    alter table resources drop constraint resources_kind_check;
    alter table resources add constraint resources_kind_check
      check (kind in ('training', 'guide', 'recording', 'document', 'toolkit', 'article'));
    `,
  );
}
