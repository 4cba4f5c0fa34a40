import os from 'node:os';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { redactedError } from '../redact.ts';
import { type JobDefinition, jobSignal, type RecurringJob, retryDelayMs } from './queue.ts';

export interface WorkerOptions {
  db: Db;
  logger: Logger;
  definitions: readonly JobDefinition[];
  recurring?: readonly RecurringJob[];
  pollMs?: number;
  /** A job still "running" this long after it was claimed belongs to a process that died. */
  leaseMs?: number;
  now?: () => Date;
}

export interface ClaimedJob {
  id: number;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

/**
 * Claims the next due job for `workerId`. FOR UPDATE SKIP LOCKED lets several processes on one
 * PostgreSQL poll together: each job is claimed by exactly one of them.
 */
export async function claimNextJob(
  db: Db,
  workerId: string,
  now: Date,
): Promise<ClaimedJob | undefined> {
  const result = await sql<ClaimedJob>`
    update jobs set state = 'running', locked_by = ${workerId}, locked_at = ${now},
      attempts = attempts + 1
    where id = (
      select id from jobs where state = 'queued' and run_at <= ${now}
      order by run_at, id limit 1 for update skip locked
    )
    returning id, name, payload, attempts, max_attempts`.execute(db);
  return result.rows[0];
}

/** Runs one claimed job and records its outcome: done, queued again with backoff, or failed. */
export async function runClaimedJob(
  db: Db,
  job: ClaimedJob,
  definitions: ReadonlyMap<string, JobDefinition>,
  logger: Logger,
  now: () => Date,
): Promise<'done' | 'retry' | 'failed'> {
  const definition = definitions.get(job.name);
  try {
    if (!definition) throw new Error(`no handler for job "${job.name}"`);
    const payload = definition.payload.parse(job.payload);
    await definition.handle(payload, { id: job.id, attempt: job.attempts, name: job.name });
    await db
      .updateTable('jobs')
      .set({ state: 'done', finished_at: now(), last_error: null })
      .where('id', '=', job.id)
      .execute();
    return 'done';
  } catch (error) {
    const message = redactedError(error);
    const giveUp = job.attempts >= job.max_attempts;
    logger.warn(
      { jobId: job.id, job: job.name, attempt: job.attempts, err: message },
      'job failed',
    );
    await db
      .updateTable('jobs')
      .set(
        giveUp
          ? { state: 'failed', finished_at: now(), last_error: message }
          : {
              state: 'queued',
              run_at: new Date(now().getTime() + retryDelayMs(job.attempts)),
              last_error: message,
              locked_by: null,
              locked_at: null,
            },
      )
      .where('id', '=', job.id)
      .execute();
    return giveUp ? 'failed' : 'retry';
  }
}

/** Inserts the current slot's job for each recurring definition; the unique key makes it once. */
export async function scheduleRecurringJobs(db: Db, recurring: readonly RecurringJob[], now: Date) {
  for (const job of recurring) {
    const slot = Math.floor(now.getTime() / (job.everySeconds * 1000)) * job.everySeconds * 1000;
    await db
      .insertInto('jobs')
      .values({
        name: job.name,
        payload: JSON.stringify(job.payload ?? {}),
        run_at: new Date(slot),
        unique_key: `${job.name}@${new Date(slot).toISOString()}`,
        locked_by: null,
        locked_at: null,
        last_error: null,
        finished_at: null,
      })
      .onConflict((conflict) => conflict.column('unique_key').doNothing())
      .execute();
  }
}

/** Puts back jobs whose worker died mid-run (its lease ran out), so another can take them. */
export async function requeueAbandonedJobs(db: Db, leaseMs: number, now: Date): Promise<number> {
  const result = await db
    .updateTable('jobs')
    .set({ state: 'queued', locked_by: null, locked_at: null })
    .where('state', '=', 'running')
    .where('locked_at', '<', new Date(now.getTime() - leaseMs))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface Worker {
  readonly id: string;
  stop(): Promise<void>;
  /** Runs due jobs until none is left (tests call this instead of waiting for polls). */
  drain(): Promise<number>;
}

/** Starts a polling worker in this process. stop() waits for the job in hand to finish. */
export function startWorker(options: WorkerOptions): Worker {
  const { db, logger } = options;
  const now = options.now ?? (() => new Date());
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  const id = `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const definitions = new Map(
    options.definitions.map((definition) => [definition.name, definition]),
  );
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let lastHousekeeping = 0;

  const drain = async (): Promise<number> => {
    let count = 0;
    for (;;) {
      if (stopped) return count;
      const job = await claimNextJob(db, id, now());
      if (!job) return count;
      await runClaimedJob(db, job, definitions, logger, now);
      count++;
    }
  };

  const tick = async () => {
    try {
      if (Date.now() - lastHousekeeping > 30_000) {
        lastHousekeeping = Date.now();
        await requeueAbandonedJobs(db, leaseMs, now());
        await scheduleRecurringJobs(db, options.recurring ?? [], now());
      }
      await drain();
    } catch (error) {
      if (!stopped) logger.error({ err: error }, 'job worker poll failed');
    }
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(schedule);
    }, pollMs);
  };
  const wake = () => {
    if (stopped || !timer) return;
    clearTimeout(timer);
    timer = undefined;
    running = running.then(tick).finally(() => {
      if (!timer) schedule();
    });
  };
  jobSignal.on('enqueued', wake);
  running = tick().finally(schedule);

  return {
    id,
    drain: () => {
      const result = running.then(drain);
      running = result.then(() => undefined);
      return result;
    },
    async stop() {
      stopped = true;
      jobSignal.off('enqueued', wake);
      if (timer) clearTimeout(timer);
      await running.catch(() => {});
    },
  };
}
