import type { Kysely } from 'kysely';
import { runScript } from '../platform/db/run-script.ts';

/** Group names are unique regardless of case: imports upsert by name. */
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    create unique index groups_name_lower_idx on groups (lower(name));
    `,
  );
}
