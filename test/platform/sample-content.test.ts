import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearSampleContent,
  loadSampleContent,
  loadSampleContentOnFirstStart,
} from '../../src/platform/sample.ts';
import { createTestContext, type TestContext } from '../support/harness.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ env: { SAMPLE_CONTENT: 'on' } });
});
afterAll(() => ctx.close());

async function sampleRows(): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where column_name = 'is_sample' and table_schema = current_schema()`.execute(ctx.services.db);
  const counts: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    const row = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.table(table_name)} where is_sample`.execute(
      ctx.services.db,
    );
    counts[table_name] = row.rows[0]!.n;
  }
  return counts;
}

describe('sample content', () => {
  it('loads on the first start only, is marked as sample everywhere, and clears in one step', async () => {
    const loaded = await loadSampleContentOnFirstStart(ctx.services, ctx.features);
    expect(loaded).toBeTruthy();
    const counts = await sampleRows();
    expect(counts.groups).toBeGreaterThan(0);
    expect(counts.events ?? 0).toBeGreaterThan(0);
    expect(counts.resources ?? 0).toBeGreaterThan(0);
    expect(await loadSampleContentOnFirstStart(ctx.services, ctx.features)).toBeUndefined();

    const home = await (await ctx.client().get('/')).text();
    expect(home).toContain('Sample');

    await clearSampleContent(ctx.services, ctx.features);
    const after = await sampleRows();
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
    expect(await loadSampleContentOnFirstStart(ctx.services, ctx.features)).toBeUndefined(); // cleared stays cleared

    await loadSampleContent(ctx.services, ctx.features);
    expect((await sampleRows()).groups).toBe(counts.groups);
  });
});
