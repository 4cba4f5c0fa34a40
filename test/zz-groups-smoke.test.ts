import fs from 'node:fs';
import { afterAll, beforeAll, it } from 'vitest';
import { loadSampleContent } from '../src/platform/sample.ts';
import { createTestContext, type TestContext } from '../test/support/harness.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(() => ctx.close());
it('renders', async () => {
  console.log(await loadSampleContent(ctx.services));
  const c = ctx.client();
  for (const [name, url] of [['dir','/groups'],['worc','/groups?q=worcester'],['boston','/groups?q=Boston'],['zip','/groups?q=01609'],['splitzip','/groups?q=01880'],['bad','/groups?q=Hyannis'],['profile','/groups/sample-indivisible-worcester'],['csv','/groups.csv'],['ia','/issue-areas/climate'], ['home','/']]) {
    const r = await c.get(url!);
    const text = await r.text();
    fs.writeFileSync(`/tmp/gscratch/${name}.html`, text);
    console.log(name, r.status, text.length);
  }
});
