import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Executor } from '../db/database.ts';

export interface JobContext {
  id: number;
  attempt: number;
  name: string;
}

/** A kind of background work: a name, a zod schema for its payload, and what to do. */
export interface JobDefinition<Payload = any> {
  name: string;
  payload: z.ZodType<Payload>;
  maxAttempts?: number;
  handle(payload: Payload, job: JobContext): Promise<void>;
}

/** Work that runs on a schedule; one job per slot, whichever process inserts it first. */
export interface RecurringJob {
  name: string;
  everySeconds: number;
  payload?: Record<string, unknown>;
}

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one job with this key ever exists (a second enqueue is ignored). */
  uniqueKey?: string;
  maxAttempts?: number;
}

/** Signals the in-process worker that new work is ready, so it need not wait for its next poll. */
export const jobSignal = new EventEmitter();

/**
 * Adds a job. Pass the transaction that makes the change causing it, so the job exists if and
 * only if the change was committed.
 */
export async function enqueueJob(
  db: Executor,
  name: string,
  payload: Record<string, unknown>,
  options: EnqueueOptions = {},
): Promise<number | undefined> {
  const row = await db
    .insertInto('jobs')
    .values({
      name,
      payload: JSON.stringify(payload),
      // Millisecond precision, like the JavaScript clocks that later ask whether it is due.
      run_at: options.runAt ?? sql<Date>`date_trunc('milliseconds', now())`,
      unique_key: options.uniqueKey ?? null,
      max_attempts: options.maxAttempts ?? 5,
      locked_by: null,
      locked_at: null,
      last_error: null,
      finished_at: null,
    })
    .onConflict((conflict) => conflict.column('unique_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) setImmediate(() => jobSignal.emit('enqueued'));
  return row?.id;
}

/** Delay before retry number `attempt` (1-based): 15 s, 1 min, 4 min, ... capped at 1 hour, with jitter. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(15_000 * 4 ** (attempt - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}
