import type { Kysely } from 'kysely';
import { runScript } from '../platform/db/run-script.ts';

/** Events imported from a WordPress site (The Events Calendar) keep that as their source. */
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    alter table events drop constraint events_source_check;
    alter table events add constraint events_source_check
      check (source in ('manual', 'api', 'ical', 'mobilize', 'wordpress'));
    `,
  );
}
