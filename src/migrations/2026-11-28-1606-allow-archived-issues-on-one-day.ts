import type { Kysely } from 'kysely';
import { runScript } from '../platform/db/run-script.ts';

/**
 * Past campaigns imported into the archive keep their own dates, and a coalition sometimes sent
 * two on one day: only issues made here stay one per issue date.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    alter table newsletter_issues add column source text not null default 'editor';
    alter table newsletter_issues drop constraint newsletter_issues_issue_date_key;
    create unique index newsletter_issues_issue_date_key on newsletter_issues(issue_date) where source = 'editor';
    `,
  );
}
