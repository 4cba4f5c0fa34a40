import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentVersion } from '../../src/platform/db/change-tracker.ts';
import { enqueueJob } from '../../src/platform/jobs/queue.ts';
import { api, createTestContext, type TestContext } from '../support/harness.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('the content version behind the home page cache', () => {
  it('moves on content writes, not on reads or bookkeeping writes', async () => {
    const before = contentVersion();
    await ctx.services.db.selectFrom('groups').selectAll().execute();
    await enqueueJob(ctx.services.db, 'noop', {});
    await ctx.services.db
      .insertInto('rate_limits')
      .values({ key: 'x', window_start: new Date(), count: 1 })
      .execute();
    expect(contentVersion()).toBe(before);
    await ctx.services.db
      .insertInto('groups')
      .values({ slug: 'cache-test', name: 'Cache Test', links: '{}' })
      .execute();
    expect(contentVersion()).toBe(before + 1);
    await ctx.services.db
      .updateTable('groups')
      .set({ description: 'changed' })
      .where('slug', '=', 'cache-test')
      .execute();
    await ctx.services.db.deleteFrom('groups').where('slug', '=', 'cache-test').execute();
    expect(contentVersion()).toBe(before + 3);
  });

  it('shows a new toolkit on the home page at once, though the page was just rendered', async () => {
    const first = await (await ctx.client().get('/')).text();
    expect(first).not.toContain('Hold a Cache Busting Town Hall');
    const token = await ctx.apiToken({ roles: ['editor'] });
    const created = await api(ctx.app, 'POST', '/api/v1/resources', {
      token,
      body: {
        title: 'Hold a Cache Busting Town Hall',
        summary: 'Steps for a town hall.',
        body: 'Do it.',
        kind: 'toolkit',
        issueAreas: ['democracy'],
        audience: 'everyone',
        steps: [{ title: 'Book a room', body: 'Find a library room.' }],
        published: true,
      },
    });
    expect(created.status).toBe(201);
    const second = await (await ctx.client().get('/')).text();
    expect(second).toContain('Hold a Cache Busting Town Hall');
  });
});
