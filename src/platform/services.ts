import { sql } from 'kysely';
import { randomToken } from './auth/tokens.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import type { Logger } from './logger.ts';
import type { Mailer } from './mail/mailer.ts';

/** What every feature's services and routes are given: built once at start-up. */
export interface Services {
  readonly config: Config;
  readonly db: Db;
  readonly logger: Logger;
  readonly mailer: Mailer;
  /** The current time; tests replace it to travel in time. */
  now(): Date;
  /** The installation's secret for signing (CSRF tokens), shared by every process. */
  readonly secret: string;
}

/** Reads a setting stored as JSON, or undefined. */
export async function readSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value as T | undefined;
}

export async function writeSetting(db: Db, key: string, value: unknown): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: sql`now()` }),
    )
    .execute();
}

/** The installation secret: made once, then the same for every process sharing the database. */
export async function loadInstallationSecret(db: Db): Promise<string> {
  await db
    .insertInto('settings')
    .values({ key: 'installation.secret', value: JSON.stringify(randomToken(32)) })
    .onConflict((conflict) => conflict.column('key').doNothing())
    .execute();
  const secret = await readSetting<string>(db, 'installation.secret');
  if (!secret) throw new Error('installation secret missing');
  return secret;
}
