import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

export interface RateLimit {
  /** How many hits are allowed in one window. */
  limit: number;
  windowSeconds: number;
}

/**
 * Counts one hit against `key` in a fixed window kept in the database (so every process shares
 * it) and tells whether it is within the limit.
 */
export async function takeRateLimit(
  db: Executor,
  key: string,
  rule: RateLimit,
  now: Date,
): Promise<boolean> {
  const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000);
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: now, count: 1 })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        count: sql`case when rate_limits.window_start <= ${windowStart} then 1 else rate_limits.count + 1 end`,
        window_start: sql`case when rate_limits.window_start <= ${windowStart} then ${now}::timestamptz else rate_limits.window_start end`,
      }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return row.count <= rule.limit;
}
