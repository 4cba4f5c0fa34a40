import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { enqueueJob, type JobDefinition, retryDelayMs } from '../../src/platform/jobs/queue.ts';
import {
  claimNextJob,
  requeueAbandonedJobs,
  runClaimedJob,
  scheduleRecurringJobs,
} from '../../src/platform/jobs/worker.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { createTestContext, type TestContext } from '../support/harness.ts';

let ctx: TestContext;
const logger = createLogger('silent');
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const runs: number[] = [];
let failuresLeft = 0;
const definitions = new Map<string, JobDefinition>([
  [
    'test.record',
    {
      name: 'test.record',
      payload: z.object({ n: z.number() }),
      handle: async ({ n }) => void runs.push(n),
    },
  ],
  [
    'test.flaky',
    {
      name: 'test.flaky',
      payload: z.object({}),
      handle: async () => {
        if (failuresLeft-- > 0) throw new Error('temporary trouble');
      },
    },
  ],
]);

async function jobRow(id: number) {
  return ctx.services.db
    .selectFrom('jobs')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

describe('the job queue', () => {
  it('keeps a job only if the transaction that enqueued it commits', async () => {
    await ctx.services.db
      .transaction()
      .execute(async (tx) => {
        await enqueueJob(tx, 'test.record', { n: 1 }, { uniqueKey: 'rolled-back' });
        throw new Error('change failed');
      })
      .catch(() => {});
    const rows = await ctx.services.db
      .selectFrom('jobs')
      .select('id')
      .where('unique_key', '=', 'rolled-back')
      .execute();
    expect(rows).toHaveLength(0);
  });

  it('retries a failing job with growing delays, then marks it failed after its attempts', async () => {
    failuresLeft = 10;
    const id = (await enqueueJob(ctx.services.db, 'test.flaky', {}, { maxAttempts: 3 }))!;
    const now = () => ctx.services.now();
    let job = await claimNextJob(ctx.services.db, 'w1', now());
    expect(await runClaimedJob(ctx.services.db, job!, definitions, logger, now)).toBe('retry');
    const afterFirst = await jobRow(id);
    expect(afterFirst.state).toBe('queued');
    expect(afterFirst.last_error).toBe('temporary trouble');
    expect(afterFirst.run_at.getTime() - now().getTime()).toBeGreaterThan(10_000);
    expect(await claimNextJob(ctx.services.db, 'w1', now())).toBeUndefined(); // not due yet
    ctx.travel(60 * 60_000);
    job = await claimNextJob(ctx.services.db, 'w1', now());
    expect(await runClaimedJob(ctx.services.db, job!, definitions, logger, now)).toBe('retry');
    ctx.travel(60 * 60_000);
    job = await claimNextJob(ctx.services.db, 'w1', now());
    expect(await runClaimedJob(ctx.services.db, job!, definitions, logger, now)).toBe('failed');
    expect((await jobRow(id)).state).toBe('failed');
    expect(retryDelayMs(1, () => 0.5)).toBe(15_000);
    expect(retryDelayMs(2, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(20, () => 0.5)).toBe(3_600_000);
  });

  it('gives each job to exactly one of several workers polling at once', async () => {
    await ctx.services.db.deleteFrom('jobs').execute();
    runs.length = 0;
    for (let n = 0; n < 60; n++) await enqueueJob(ctx.services.db, 'test.record', { n });
    const worker = async (name: string) => {
      for (;;) {
        const job = await claimNextJob(ctx.services.db, name, ctx.services.now());
        if (!job) return;
        await runClaimedJob(ctx.services.db, job, definitions, logger, () => ctx.services.now());
      }
    };
    await Promise.all([worker('a'), worker('b'), worker('c'), worker('d')]);
    expect(runs.slice().sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, n) => n));
    const done = await ctx.services.db
      .selectFrom('jobs')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('state', '=', 'done')
      .executeTakeFirstOrThrow();
    expect(done.n).toBe(60);
  });

  it('schedules one job per slot for recurring work, however many processes try', async () => {
    const recurring = [{ name: 'test.record', everySeconds: 3600, payload: { n: 999 } }];
    const at = new Date('2027-03-01T10:20:00Z');
    await Promise.all([
      scheduleRecurringJobs(ctx.services.db, recurring, at),
      scheduleRecurringJobs(ctx.services.db, recurring, at),
    ]);
    await scheduleRecurringJobs(ctx.services.db, recurring, new Date('2027-03-01T10:59:00Z'));
    const rows = await ctx.services.db
      .selectFrom('jobs')
      .select('unique_key')
      .where('unique_key', 'like', 'test.record@2027-03-01%')
      .execute();
    expect(rows.map((r) => r.unique_key)).toEqual(['test.record@2027-03-01T10:00:00.000Z']);
  });

  it('puts back a job whose worker died while running it', async () => {
    const id = (await enqueueJob(ctx.services.db, 'test.record', { n: 5 }))!;
    const claimed = await claimNextJob(ctx.services.db, 'doomed', ctx.services.now());
    expect(claimed?.id).toBe(id);
    expect(await requeueAbandonedJobs(ctx.services.db, 600_000, ctx.services.now())).toBe(0);
    ctx.travel(11 * 60_000);
    expect(await requeueAbandonedJobs(ctx.services.db, 600_000, ctx.services.now())).toBe(1);
    const again = await claimNextJob(ctx.services.db, 'survivor', ctx.services.now());
    expect(again?.id).toBe(id);
    expect(again?.attempts).toBe(2);
  });
});
