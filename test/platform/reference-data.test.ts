import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { features } from '../../src/features/index.ts';
import { createTestContext, type TestContext } from '../support/harness.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function count(
  table:
    | 'districts'
    | 'towns'
    | 'zip_codes'
    | 'representatives'
    | 'state_legislators'
    | 'issue_areas'
    | 'teams',
) {
  const row = await ctx.services.db
    .selectFrom(table)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

describe('reference data', () => {
  it('is loaded at start: districts, towns, ZIP codes, members of Congress, legislators, standing teams', async () => {
    expect(await count('districts')).toBe(9);
    expect(await count('towns')).toBe(351);
    expect(await count('zip_codes')).toBe(540);
    expect(await count('representatives')).toBe(11);
    expect(await count('state_legislators')).toBe(198);
    expect(await count('issue_areas')).toBeGreaterThanOrEqual(10);
    const teams = await ctx.services.db
      .selectFrom('teams')
      .select('name')
      .where('kind', '=', 'standing')
      .orderBy('name')
      .execute();
    expect(teams.map((t) => t.name)).toEqual([
      'Book Club',
      'Communications',
      'Racial Justice and Equity',
      'Recruitment, Engagement & Training',
      'Technology',
    ]);
    const boston = await ctx.services.db
      .selectFrom('towns')
      .selectAll()
      .where('name', '=', 'Boston')
      .executeTakeFirstOrThrow();
    expect(boston.congressional_districts).toEqual([7, 8]);
    expect(boston.county).toBe('Suffolk');
    const senators = await ctx.services.db
      .selectFrom('representatives')
      .select('name')
      .where('chamber', '=', 'senate')
      .execute();
    expect(senators).toHaveLength(2);
  });

  it('loads idempotently: seeding again changes nothing and duplicates nothing', async () => {
    await ctx.services.db.deleteFrom('settings').where('key', '=', 'places.version').execute();
    for (const feature of features) await feature.seed?.(ctx.services);
    for (const feature of features) await feature.seed?.(ctx.services);
    expect(await count('towns')).toBe(351);
    expect(await count('representatives')).toBe(11);
    expect(await count('teams')).toBe(5);
  });
});
