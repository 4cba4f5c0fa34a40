import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildResource } from '../../../test/support/factories.ts';
import { createTestContext, type TestContext } from '../../../test/support/harness.ts';
import { PDF, resourceForm } from './test-forms.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('a file uploaded while editing a published resource', () => {
  it('stays private until the edit is saved (issue 11, item 9)', async () => {
    const editor = await ctx.signedIn({ roles: ['editor'] });
    const resource = await buildResource(ctx.services, {
      title: 'Published guide',
      author: editor.actor,
    });
    const preview = await editor.postMultipart(
      `/resources/${resource.slug}/edit`,
      resourceForm(
        {
          title: 'Published guide',
          kind: 'guide',
          summary: 'A resource made for a test.',
          body: 'Read this first.',
          action: 'preview',
        },
        [{ name: 'secret-plan.pdf', body: PDF }],
      ),
    );
    expect(preview.status).toBe(200);
    const html = await preview.text();
    const id = /name="attachment_id" value="(\d+)"/.exec(html)?.[1];
    expect(id).toBeDefined();
    expect(html).toContain('secret-plan.pdf'); // the form lists it by name

    const visitor = ctx.client();
    const page = await (await visitor.get(`/resources/${resource.slug}`)).text();
    expect(page).not.toContain('secret-plan.pdf');
    expect((await visitor.get(`/resources/${resource.slug}/files/${id}`)).status).toBe(404);
    const json = await (await visitor.get(`/api/v1/resources/${resource.slug}`)).text();
    expect(json).not.toContain('secret-plan.pdf');

    // Abandoning the edit leaves the published resource as it was; saving attaches the file.
    const saved = await editor.postMultipart(
      `/resources/${resource.slug}/edit`,
      resourceForm({
        title: 'Published guide',
        kind: 'guide',
        summary: 'A resource made for a test.',
        body: 'Read this first.',
        attachment_id: id!,
        attachment_step: '',
        action: 'publish',
      }),
    );
    expect(saved.status).toBe(303);
    expect(await (await visitor.get(`/resources/${resource.slug}`)).text()).toContain(
      'secret-plan.pdf',
    );
    expect((await visitor.get(`/resources/${resource.slug}/files/${id}`)).status).toBe(200);
  });
});
