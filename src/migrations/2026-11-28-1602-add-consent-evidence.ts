import type { Kysely } from 'kysely';
import { runScript } from '../platform/db/run-script.ts';

/**
 * Consent brought over from another system keeps that system's evidence as it was recorded there
 * (Mailchimp: opt-in and confirmation times and addresses, and the export file it came from).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    alter table consents add column evidence jsonb not null default '{}';
    `,
  );
}
