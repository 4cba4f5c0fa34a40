import { type Kysely, sql } from 'kysely';

/**
 * Runs a migration script statement by statement: PGlite answers through the extended protocol,
 * which takes one statement at a time. Statements end with a semicolon at the end of a line;
 * write function bodies (dollar-quoted) on lines that do not end with one.
 */
export async function runScript(db: Kysely<any>, script: string): Promise<void> {
  const statements = script
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
