import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createTestContext,
  type TestClient,
  type TestContext,
} from '../../../test/support/harness.ts';
import { resourcesFeature } from './index.tsx';

let ctx: TestContext;
let editor: TestClient;
let editorToken: string;

beforeAll(async () => {
  ctx = await createTestContext();
  editor = await ctx.signedIn({ roles: ['editor'], name: 'Edie Editor' });
  editorToken = await ctx.apiToken({ roles: ['editor'] });
});
afterAll(() => ctx.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

function toolkitForm(
  fields: Record<string, string | string[]>,
  files: { name: string; body: Buffer; type?: string }[] = [],
) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
  }
  for (const file of files) {
    form.append(
      'attachment',
      new File([new Uint8Array(file.body)], file.name, {
        type: file.type ?? 'application/octet-stream',
      }),
    );
  }
  return form;
}

function uploadsOnDisk(): string[] {
  const root = path.join(ctx.config.dataDir, 'uploads');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) =>
    fs.statSync(path.join(root, f)).isFile(),
  );
}

async function counts() {
  const resources = await ctx.services.db.selectFrom('resources').select('id').execute();
  const attachments = await ctx.services.db
    .selectFrom('resource_attachments')
    .select('id')
    .execute();
  return {
    resources: resources.length,
    attachments: attachments.length,
    files: uploadsOnDisk().length,
  };
}

const steps = {
  step_key: ['aaaa1', 'bbbb2', 'cccc3'],
  step_title: ['Book a room', 'Invite the senator', 'Fill the room'],
  step_body: [
    'Libraries lend rooms **for free**.',
    'Call the scheduler.',
    'Ask every group nearby.',
  ],
  step_checklist: ['Hold two dates\nConfirm access', 'Email the scheduler', ''],
};

describe('an editor writes and publishes a toolkit', () => {
  let slug: string;

  it('creates a toolkit with three steps and a template attached to a step, and publishes it', async () => {
    const response = await editor.postMultipart(
      '/resources/new',
      toolkitForm(
        {
          title: 'Hold a community forum',
          kind: 'toolkit',
          summary: 'Bring neighbors and officials together.',
          body: 'A forum takes **four weeks** to organize.',
          audience: 'group_leaders',
          author: 'team:communications',
          issueAreas: ['democracy', 'voting-rights'],
          links: 'Training video | https://example.org/video',
          lastReviewedOn: '2026-11-01',
          eventQuery: 'forum',
          ...steps,
          new_attachment_step: 'bbbb2',
          action: 'publish',
        },
        [{ name: 'Invitation letter.pdf', body: PDF, type: 'application/pdf' }],
      ),
    );
    expect(response.status).toBe(303);
    slug = new URL(response.headers.get('location')!, 'http://hub.test').pathname.split('/')[2]!;
    expect(slug).toBe('hold-a-community-forum');

    const page = await ctx.client().get(`/resources/${slug}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Hold a community forum');
    expect(html).toContain('<strong>four weeks</strong>');
    expect(html.match(/class="toolkit-step"/g)).toHaveLength(3);
    expect(html).toContain('Invite the senator');
    expect(html).toMatch(/type="checkbox"[^>]*data-checklist="hold-a-community-forum:aaaa1:0"/);
    expect(html).toContain('Confirm access');
    expect(html).toContain('By the Communications team');
    expect(html).toContain('href="https://example.org/video"');
    const link = /href="(\/resources\/hold-a-community-forum\/files\/\d+\/[^"]+)"/.exec(html)?.[1];
    expect(link).toBeDefined();
    // The template sits in step 2, under "Templates to download".
    const step2 = html.slice(html.indexOf('Invite the senator'), html.indexOf('Fill the room'));
    expect(step2).toContain('Invitation letter.pdf');

    const download = await ctx.client().get(link!);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="Invitation letter.pdf"; filename*=UTF-8''Invitation%20letter.pdf`,
    );
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it('lists it in the library, filters by kind, issue area, audience and words, and finds it by search', async () => {
    const visitor = ctx.client();
    expect(await (await visitor.get('/resources')).text()).toContain('Hold a community forum');
    expect(await (await visitor.get('/resources?kind=toolkit')).text()).toContain(
      'Hold a community forum',
    );
    expect(await (await visitor.get('/resources?kind=training')).text()).not.toContain(
      'Hold a community forum',
    );
    expect(await (await visitor.get('/resources?issue_area=voting-rights')).text()).toContain(
      'Hold a community forum',
    );
    expect(await (await visitor.get('/resources?issue_area=climate')).text()).toContain(
      'No resources match',
    );
    expect(await (await visitor.get('/resources?audience=new_activists')).text()).not.toContain(
      'Hold a community forum',
    );
    expect(await (await visitor.get('/resources?q=organizing')).text()).toContain(
      'Hold a community forum',
    );
    const search = await (await visitor.get('/search?q=senator')).text();
    expect(search).toContain(`href="/resources/${slug}"`);
  });

  it('keeps the published version while a draft is saved, and publishes the changes later', async () => {
    const edit = await (await editor.get(`/resources/${slug}/edit`)).text();
    const baseRevision = /name="baseRevision" value="(\d+)"/.exec(edit)![1]!;
    const draft = await editor.postMultipart(
      `/resources/${slug}/edit`,
      toolkitForm({
        title: 'Hold a neighborhood forum',
        kind: 'toolkit',
        summary: 'Bring neighbors and officials together.',
        body: 'A forum takes four weeks to organize.',
        audience: 'group_leaders',
        author: 'team:communications',
        ...steps,
        baseRevision,
        action: 'draft',
      }),
    );
    expect(draft.status).toBe(303);
    expect(draft.headers.get('location')).toBe(`/resources/${slug}/edit`);
    const visitorView = await (await ctx.client().get(`/resources/${slug}`)).text();
    expect(visitorView).toContain('Hold a community forum');
    expect(visitorView).not.toContain('Hold a neighborhood forum');
    const editorView = await (await editor.get(`/resources/${slug}`)).text();
    expect(editorView).toContain('saved changes that are not published');

    const history = await (await editor.get(`/resources/${slug}/history`)).text();
    expect(history).toContain('Edie Editor');
    expect(history).toMatch(
      /Saved draft<\/strong>:\s*title, text, issue areas, links, review date, related events/,
    );
  });

  it('refuses a save based on an older version instead of overwriting it, keeping the text', async () => {
    const response = await editor.postMultipart(
      `/resources/${slug}/edit`,
      toolkitForm({
        title: 'Stale copy',
        kind: 'toolkit',
        ...steps,
        baseRevision: '1',
        action: 'draft',
      }),
    );
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain('Someone saved a newer version');
    expect(html).toContain('value="Stale copy"');
  });

  it('restores an older version in one click, as a new version that goes live', async () => {
    const restore = await editor.postForm(`/resources/${slug}/history/1/restore`, {});
    expect(restore.status).toBe(303);
    const history = await (await editor.get(`/resources/${slug}/history`)).text();
    expect(history).toContain('restored version 1');
    const visitorView = await (await ctx.client().get(`/resources/${slug}`)).text();
    expect(visitorView).toContain('Hold a community forum');
    const revisions = await ctx.services.db
      .selectFrom('resource_revisions')
      .select(['number', 'action'])
      .orderBy('number')
      .execute();
    expect(revisions.map((r) => r.action)).toEqual(['publish', 'draft', 'restore']);
  });

  it('unpublishes: visitors get a 404 and search no longer finds it', async () => {
    expect((await editor.postForm(`/resources/${slug}/unpublish`, {})).status).toBe(303);
    expect((await ctx.client().get(`/resources/${slug}`)).status).toBe(404);
    expect(await (await ctx.client().get('/search?q=senator')).text()).not.toContain(
      `/resources/${slug}`,
    );
    const attachment = await ctx.services.db
      .selectFrom('resource_attachments')
      .select('id')
      .executeTakeFirstOrThrow();
    expect((await ctx.client().get(`/resources/${slug}/files/${attachment.id}`)).status).toBe(404);
    expect((await editor.get(`/resources/${slug}`)).status).toBe(200);
    expect((await editor.postForm(`/resources/${slug}/history/1/restore`, {})).status).toBe(303);
    // Restoring while unpublished keeps it a draft.
    expect((await ctx.client().get(`/resources/${slug}`)).status).toBe(404);
  });
});

describe('the editor form', () => {
  it('rejects missing and bad fields with a message beside each, keeps the values, and stores nothing', async () => {
    const before = await counts();
    const response = await editor.postMultipart(
      '/resources/new',
      toolkitForm({
        title: '',
        kind: 'toolkit',
        body: 'Kept text',
        links: 'not a link',
        lastReviewedOn: '2026-02-31',
        step_key: ['k1aaa', 'k2bbb'],
        step_title: ['', 'Second'],
        step_body: ['Step without a title', ''],
        step_checklist: ['', ''],
        action: 'publish',
      }),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Enter a title.');
    expect(html).toContain('Link 1: Enter a web address starting with https://');
    expect(html).toContain('That date does not exist.');
    expect(html).toContain('Step 1: Give this step a title.');
    expect(html).toContain('href="#field-steps-0-title"');
    expect(html).toContain('Kept text');
    expect(html).toContain('Step without a title');
    expect(await counts()).toEqual(before);
  });

  it('refuses a file that is too large, with a clear message, and stores nothing', async () => {
    const before = await counts();
    const big = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      Buffer.alloc(10 * 1024 * 1024 + 1, 0x20),
    ]);
    const response = await editor.postMultipart(
      '/resources/new',
      toolkitForm({ title: 'Big file guide', kind: 'guide', action: 'publish' }, [
        { name: 'huge.pdf', body: big },
      ]),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(
      'huge.pdf is 10.0 MB; files can be at most 10.0 MB. Nothing was uploaded.',
    );
    expect(html).toContain('value="Big file guide"');
    expect(await counts()).toEqual(before);
  });

  it('refuses a forbidden type judged by its bytes, whatever the name says', async () => {
    const before = await counts();
    for (const file of [
      { name: 'flyer.pdf', body: Buffer.from('<html><script>window.__xss=1</script></html>') },
      { name: 'setup.exe', body: Buffer.from('MZ\x90\x00\x03binary') },
      {
        name: 'logo.svg',
        body: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      },
    ]) {
      const response = await editor.postMultipart(
        '/resources/new',
        toolkitForm({ title: 'Typed', kind: 'document', action: 'publish' }, [file]),
      );
      expect(response.status).toBe(400);
      expect(await response.text()).toContain(`${file.name} is not a file type we accept.`);
    }
    expect(await counts()).toEqual(before);
  });

  it('adds, moves and removes steps without saving anything', async () => {
    const before = await counts();
    const base = {
      title: 'Steps',
      kind: 'toolkit',
      step_key: ['one11', 'two22'],
      step_title: ['First', 'Second'],
      step_body: ['', ''],
      step_checklist: ['', ''],
    };
    const added = await (
      await editor.postMultipart('/resources/new', toolkitForm({ ...base, action: 'add-step' }))
    ).text();
    expect(added.match(/name="step_title"/g)).toHaveLength(3);
    const moved = await (
      await editor.postMultipart(
        '/resources/new',
        toolkitForm({ ...base, action: 'move-up:two22' }),
      )
    ).text();
    expect(moved.indexOf('value="Second"')).toBeLessThan(moved.indexOf('value="First"'));
    const removed = await (
      await editor.postMultipart(
        '/resources/new',
        toolkitForm({ ...base, action: 'remove-step:one11' }),
      )
    ).text();
    expect(removed).not.toContain('value="First"');
    const preview = await (
      await editor.postMultipart(
        '/resources/new',
        toolkitForm({ ...base, body: '**Bold** text', action: 'preview' }),
      )
    ).text();
    expect(preview).toContain('Preview (not saved)');
    expect(preview).toContain('<strong>Bold</strong>');
    expect(await counts()).toEqual(before);
  });

  it('keeps a file uploaded during a preview and attaches it when the resource is saved', async () => {
    const preview = await editor.postMultipart(
      '/resources/new',
      toolkitForm({ title: 'Fact sheet', kind: 'document', action: 'preview' }, [
        { name: 'facts.pdf', body: PDF },
      ]),
    );
    const html = await preview.text();
    const id = /name="attachment_id" value="(\d+)"/.exec(html)?.[1];
    expect(id).toBeDefined();
    expect(html).toContain('facts.pdf');
    const saved = await editor.postMultipart(
      '/resources/new',
      toolkitForm({
        title: 'Fact sheet',
        kind: 'document',
        attachment_id: id!,
        attachment_step: '',
        action: 'publish',
      }),
    );
    expect(saved.status).toBe(303);
    const page = await (await ctx.client().get('/resources/fact-sheet')).text();
    expect(page).toContain('facts.pdf');
    // Someone else cannot claim that upload.
    const other = await ctx.signedIn({ roles: ['editor'] });
    await other.postMultipart(
      '/resources/new',
      toolkitForm({
        title: 'Thief',
        kind: 'document',
        attachment_id: id!,
        attachment_step: '',
        action: 'publish',
      }),
    );
    expect(await (await ctx.client().get('/resources/thief')).text()).not.toContain('facts.pdf');
  });
});

describe('toolkit connections', () => {
  it('lists upcoming public events that match the toolkit’s words, and not past ones', async () => {
    const { indexDocument } = await import('../../platform/search-index.ts');
    const now = ctx.services.now().getTime();
    await indexDocument(ctx.services.db, {
      kind: 'event',
      refId: 'e1',
      title: 'Quincy community forum',
      url: '/events/e1',
      startsAt: new Date(now + 86_400_000),
    });
    await indexDocument(ctx.services.db, {
      kind: 'event',
      refId: 'e2',
      title: 'Old forum',
      url: '/events/e2',
      startsAt: new Date(now - 86_400_000),
    });
    await indexDocument(ctx.services.db, {
      kind: 'event',
      refId: 'e3',
      title: 'Private forum',
      url: '/events/e3',
      isPublic: false,
      startsAt: new Date(now + 86_400_000),
    });
    await api(ctx.app, 'POST', '/api/v1/resources', {
      token: editorToken,
      body: {
        title: 'Run a forum',
        kind: 'toolkit',
        eventQuery: 'forum',
        steps: [{ title: 'Plan' }],
        published: true,
      },
    });
    const html = await (await ctx.client().get('/resources/run-a-forum')).text();
    expect(html).toContain('href="/events/e1"');
    expect(html).not.toContain('href="/events/e2"');
    expect(html).not.toContain('href="/events/e3"');
  });

  it('removes uploads left in an unsaved form after a day, file and all', async () => {
    const { removeAbandonedUploads } = await import('./service.ts');
    const response = await editor.postMultipart(
      '/resources/new',
      toolkitForm({ title: 'Abandoned', kind: 'document', action: 'preview' }, [
        { name: 'left.pdf', body: PDF },
      ]),
    );
    expect(response.status).toBe(200);
    const before = await counts();
    expect(await removeAbandonedUploads(ctx.services)).toBe(0);
    ctx.travel(2 * 86_400_000);
    expect(await removeAbandonedUploads(ctx.services)).toBe(1);
    const after = await counts();
    expect(after.attachments).toBe(before.attachments - 1);
    expect(after.files).toBe(before.files - 1);
  });
});

describe('who may edit', () => {
  it('asks visitors to sign in and refuses people without the role', async () => {
    expect((await ctx.client().get('/resources/new')).status).toBe(401);
    const member = await ctx.signedIn();
    expect((await member.get('/resources/new?kind=guide')).status).toBe(403);
    const response = await member.postMultipart(
      '/resources/new',
      toolkitForm({ title: 'Nope', kind: 'guide', action: 'publish' }),
    );
    expect(response.status).toBe(403);
    expect((await member.get('/resources/fact-sheet/edit')).status).toBe(403);
  });

  it('lets a team lead write for their own team only', async () => {
    const team = await ctx.services.db
      .selectFrom('teams')
      .select(['id', 'slug'])
      .where('slug', '=', 'book-club')
      .executeTakeFirstOrThrow();
    const lead = await ctx.signedIn({ email: 'lead@example.org' });
    await ctx.services.db
      .insertInto('team_members')
      .values({ team_id: team.id, person_id: lead.actor.personId, role: 'lead' })
      .execute();
    const leadClient = await ctx.signedIn({ email: 'lead@example.org' });
    const other = await leadClient.postMultipart(
      '/resources/new',
      toolkitForm({
        title: 'Not mine',
        kind: 'guide',
        author: 'team:communications',
        action: 'publish',
      }),
    );
    expect(other.status).toBe(400);
    expect(await other.text()).toContain('Choose one of the teams you lead as the author.');
    const own = await leadClient.postMultipart(
      '/resources/new',
      toolkitForm({
        title: 'Reading list',
        kind: 'guide',
        author: 'team:book-club',
        action: 'publish',
      }),
    );
    expect(own.status).toBe(303);
    expect((await leadClient.get('/resources/reading-list/edit')).status).toBe(200);
    // The toolkit written by the Communications team is not theirs to change.
    expect((await leadClient.get('/resources/fact-sheet/edit')).status).toBe(403);
    expect(
      (await leadClient.postForm('/resources/hold-a-community-forum/unpublish', {})).status,
    ).toBe(403);
  });
});

describe('groups that use a toolkit', () => {
  it('lets an organizer list their group, and nobody else’s', async () => {
    const group = await ctx.services.db
      .insertInto('groups')
      .values({
        slug: 'quincy-indivisible',
        name: 'Quincy Indivisible',
        website: null,
        email: null,
        links: '{}',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const otherGroup = await ctx.services.db
      .insertInto('groups')
      .values({
        slug: 'salem-indivisible',
        name: 'Salem Indivisible',
        website: null,
        email: null,
        links: '{}',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const organizer = await ctx.signedIn({ email: 'organizer@example.org' });
    await ctx.services.db
      .insertInto('group_organizers')
      .values({ group_id: group.id, person_id: organizer.actor.personId })
      .execute();
    const client = await ctx.signedIn({ email: 'organizer@example.org' });
    await editor.postForm('/resources/hold-a-community-forum/history/3/restore', {});
    await api(ctx.app, 'PATCH', '/api/v1/resources/hold-a-community-forum', {
      token: editorToken,
      body: { published: true },
    });
    const page = await (await client.get('/resources/hold-a-community-forum')).text();
    expect(page).toContain('Our group uses this toolkit');
    expect(
      (
        await client.postForm('/resources/hold-a-community-forum/groups', {
          group: 'quincy-indivisible',
        })
      ).status,
    ).toBe(303);
    expect(await (await ctx.client().get('/resources/hold-a-community-forum')).text()).toContain(
      'href="/groups/quincy-indivisible"',
    );
    expect(
      (
        await client.postForm('/resources/hold-a-community-forum/groups', {
          group: 'salem-indivisible',
        })
      ).status,
    ).toBe(403);
    expect(otherGroup.id).toBeGreaterThan(0);
  });
});

describe('the API', () => {
  it('lists, filters and shows resources as INTERFACE.md names them', async () => {
    const list = await api(ctx.app, 'GET', '/api/v1/resources?kind=toolkit');
    expect(list.status).toBe(200);
    expect(list.body.next).toBeNull();
    expect(list.body.data.map((r: any) => r.slug).sort()).toEqual([
      'hold-a-community-forum',
      'run-a-forum',
    ]);
    expect(list.body.data.every((r: any) => r.kind === 'toolkit' && r.published)).toBe(true);
    expect(
      (await api(ctx.app, 'GET', '/api/v1/resources?issue_area=voting-rights')).body.data,
    ).toHaveLength(1);
    expect((await api(ctx.app, 'GET', '/api/v1/resources?q=senator')).body.data[0].slug).toBe(
      'hold-a-community-forum',
    );
    expect((await api(ctx.app, 'GET', '/api/v1/resources?issue_area=nonsense')).status).toBe(400);
    const one = await api(ctx.app, 'GET', '/api/v1/resources/hold-a-community-forum');
    expect(one.status).toBe(200);
    expect(one.body.steps).toHaveLength(3);
    expect(one.body.steps[1].attachments[0]).toMatchObject({
      name: 'Invitation letter.pdf',
      contentType: 'application/pdf',
    });
    expect(one.body.steps[1].attachments[0].url).toMatch(
      /^http:\/\/hub\.test\/resources\/hold-a-community-forum\/files\/\d+\//,
    );
    expect(one.body.author).toEqual({
      type: 'team',
      slug: 'communications',
      name: 'Communications',
    });
    expect((await api(ctx.app, 'GET', '/api/v1/resources/nothing-here')).status).toBe(404);
  });

  it('creates and patches with an editor token; every change is a revision', async () => {
    const created = await api(ctx.app, 'POST', '/api/v1/resources', {
      token: editorToken,
      body: {
        title: 'Testify at a hearing',
        summary: 'Tell legislators what a bill means to you.',
        body: 'Sign up **early**.',
        kind: 'toolkit',
        issueAreas: ['democracy'],
        audience: 'everyone',
        team: 'communications',
        steps: [
          {
            title: 'Find the hearing',
            body: 'Check the committee calendar.',
            checklist: ['Note the bill number'],
            resources: ['fact-sheet'],
          },
          { title: 'Write your testimony', body: 'Two minutes, one story.' },
        ],
        published: true,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.slug).toBe('testify-at-a-hearing');
    expect(created.body.published).toBe(true);
    expect(created.body.steps[0].resources[0].slug).toBe('fact-sheet');
    const patched = await api(ctx.app, 'PATCH', '/api/v1/resources/testify-at-a-hearing', {
      token: editorToken,
      body: { summary: 'Your story, in two minutes.' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.summary).toBe('Your story, in two minutes.');
    expect(patched.body.steps).toHaveLength(2);
    const unpublished = await api(ctx.app, 'PATCH', '/api/v1/resources/testify-at-a-hearing', {
      token: editorToken,
      body: { published: false },
    });
    expect(unpublished.body.published).toBe(false);
    expect((await api(ctx.app, 'GET', '/api/v1/resources/testify-at-a-hearing')).status).toBe(404);
    const revisions = await ctx.services.db
      .selectFrom('resource_revisions')
      .innerJoin('resources', 'resources.id', 'resource_revisions.resource_id')
      .select('resource_revisions.action')
      .where('resources.slug', '=', 'testify-at-a-hearing')
      .orderBy('number')
      .execute();
    expect(revisions.map((r) => r.action)).toEqual(['publish', 'publish', 'unpublish']);
  });

  it('refuses writes without a token, without the role, and bad bodies with fields named', async () => {
    const body = { title: 'X', kind: 'guide' };
    expect((await api(ctx.app, 'POST', '/api/v1/resources', { body })).status).toBe(401);
    const nobody = await ctx.apiToken();
    expect((await api(ctx.app, 'POST', '/api/v1/resources', { token: nobody, body })).status).toBe(
      403,
    );
    expect(
      (
        await api(ctx.app, 'PATCH', '/api/v1/resources/fact-sheet', {
          token: nobody,
          body: { title: 'Y' },
        })
      ).status,
    ).toBe(403);
    const bad = await api(ctx.app, 'POST', '/api/v1/resources', {
      token: editorToken,
      body: {
        title: '',
        kind: 'poster',
        steps: [{ title: '' }],
        links: [{ url: 'javascript:alert(1)' }],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_input');
    expect(bad.body.error.fields).toMatchObject({
      title: 'Enter a title.',
      kind: 'Choose a kind: training, guide, recording, document, toolkit or article.',
      steps: 'Give this step a title.',
      links: 'Enter a web address starting with https://',
    });
    const unknownTeam = await api(ctx.app, 'POST', '/api/v1/resources', {
      token: editorToken,
      body: { title: 'Z', kind: 'guide', team: 'nope' },
    });
    expect(unknownTeam.status).toBe(400);
    expect(unknownTeam.body.error.fields.author).toBe('There is no team "nope".');
  });
});

describe('home page, admin and sample content', () => {
  it('shows featured toolkits on the home page', async () => {
    const response = await api(ctx.app, 'PATCH', '/api/v1/resources/hold-a-community-forum', {
      token: editorToken,
      body: { featured: true },
    });
    expect(response.status).toBe(200);
    const home = await (await ctx.client().get('/')).text();
    expect(home).toContain('Toolkits to take action');
    expect(home).toContain('href="/resources/hold-a-community-forum"');
  });

  it('lists drafts for editors in the admin area', async () => {
    const html = await (await editor.get('/admin/resources')).text();
    expect(html).toContain('Testify at a hearing');
    expect(html).toContain('Draft');
    expect((await ctx.client().get('/admin/resources')).status).toBe(401);
  });

  it('loads sample toolkits with a template, and clears every sample row and file', async () => {
    const filesBefore = uploadsOnDisk().length;
    const loaded = await ctx.services.db
      .transaction()
      .execute((tx) => resourcesFeature.sample!.load(tx, ctx.services));
    expect(loaded).toEqual({ resources: 6, resourceAttachments: 2 });
    const html = await (await ctx.client().get('/resources/write-a-letter-to-the-editor')).text();
    expect(html).toContain('Sample');
    expect(html).toContain('Letter to the editor template.txt');
    expect(await (await ctx.client().get('/search?q=%22town+hall%22')).text()).toContain(
      '/resources/hold-a-town-hall',
    );
    const cleared = await ctx.services.db
      .transaction()
      .execute((tx) => resourcesFeature.sample!.clear(tx, ctx.services));
    expect(cleared).toEqual({ resources: 6, resourceAttachments: 2 });
    expect((await ctx.client().get('/resources/write-a-letter-to-the-editor')).status).toBe(404);
    expect(await (await ctx.client().get('/search?q=%22town+hall%22')).text()).not.toContain(
      '/resources/hold-a-town-hall',
    );
    expect(uploadsOnDisk().length).toBe(filesBefore);
  });
});
