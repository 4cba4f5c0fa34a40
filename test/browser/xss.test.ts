import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexDocument } from '../../src/platform/search-index.ts';
import { launchBrowser, type RunningServer, startServer } from '../support/browser.ts';
import { api } from '../support/harness.ts';

/**
 * Stored XSS: well-known payloads go into every text field of a resource and toolkit, into an
 * uploaded file's name, into an author's name and into the search index; the pages that show
 * them must run no script. The browser context bypasses the site's CSP, so a payload that got
 * through as markup would run: the test checks the markup itself is inert, not the CSP.
 */
const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '"><svg onload=window.__xss=1>',
  '\'><iframe srcdoc="<script>parent.__xss=1</script>">',
  '<a href="javascript:window.__xss=1">click me</a>',
  '[click me](javascript:window.__xss=1)',
  '<details open ontoggle=window.__xss=1>',
  '</textarea><script>window.__xss=1</script>',
  '</title><script>window.__xss=1</script>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '<input autofocus onfocus=window.__xss=1>',
  '<body onload=window.__xss=1>',
  '{{constructor.constructor("window.__xss=1")()}}',
  '<object data="javascript:window.__xss=1">',
];
const ALL = PAYLOADS.join(' ');

let browser: Browser;
let server: RunningServer;
let context: BrowserContext;
let editorCookie: string;
let slug: string;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer();
  const { ctx } = server;
  const editor = await ctx.signedIn({ roles: ['editor'] });
  editorCookie = editor.cookies.get('hub_session')!;
  const token = await ctx.apiToken({ roles: ['editor'] });
  await ctx.services.db
    .insertInto('groups')
    .values({
      slug: 'xss-group',
      name: `Group ${PAYLOADS[1]}`,
      website: null,
      email: null,
      links: '{}',
    })
    .execute();
  const created = await api(ctx.app, 'POST', '/api/v1/resources', {
    token,
    body: {
      title: `Toolkit xsstest ${PAYLOADS[0]}${PAYLOADS[2]}`,
      summary: `xsstest ${PAYLOADS.slice(0, 5).join(' ')}`,
      body: `xsstest\n\n${PAYLOADS.join('\n\n')}`,
      kind: 'toolkit',
      group: 'xss-group',
      links: [
        {
          label: `xsstest ${PAYLOADS[1]}`,
          url: 'https://example.org/?q="><script>window.__xss=1</script>',
        },
      ],
      eventQuery: PAYLOADS[7],
      steps: [
        { title: `Step ${PAYLOADS[0]}`, body: ALL, checklist: PAYLOADS },
        { title: `Step ${PAYLOADS[8]}`, body: PAYLOADS[5]!, checklist: [PAYLOADS[9]!] },
      ],
      published: true,
    },
  });
  expect(created.status).toBe(201);
  slug = created.body.slug;
  // A second version, so the history has something to show, and a file with a hostile name.
  const form = new FormData();
  const edit = await (await editor.get(`/resources/${slug}/edit`)).text();
  for (const [, name, value] of edit.matchAll(
    /<input type="hidden" name="(step_key|baseRevision)" value="([^"]*)"/g,
  )) {
    form.append(name!, value!);
  }
  form.append('title', `Toolkit xsstest ${PAYLOADS[3]}`);
  form.append('kind', 'toolkit');
  form.append('summary', PAYLOADS[10]!);
  form.append('body', ALL);
  for (const payload of [PAYLOADS[0]!, PAYLOADS[4]!]) {
    form.append('step_title', payload);
    form.append('step_body', payload);
    form.append('step_checklist', payload);
  }
  form.append('links', `${PAYLOADS[6]} | https://example.org/`);
  form.append('action', 'draft');
  form.append(
    'attachment',
    new File([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')], `${PAYLOADS[1]}.pdf`, {
      type: 'application/pdf',
    }),
  );
  const saved = await editor.postMultipart(`/resources/${slug}/edit`, form);
  expect(saved.status).toBe(303);
  for (const [index, payload] of PAYLOADS.entries()) {
    await indexDocument(ctx.services.db, {
      kind: 'group',
      refId: `xss-${index}`,
      title: `xsstest ${payload}`,
      summary: payload,
      body: `xsstest ${payload}`,
      url: `/groups/xss-${index}`,
    });
  }
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  await context.addCookies([{ name: 'hub_session', value: editorCookie, url: server.url }]);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

async function inspect(path: string) {
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const response = await page.goto(`${server.url}${path}`);
  const html = await response!.text();
  await page.waitForTimeout(150);
  const found = await page.evaluate(() => {
    const handlers: string[] = [];
    for (const element of Array.from(document.querySelectorAll('*'))) {
      for (const attribute of Array.from(element.attributes)) {
        const value = attribute.value.trim().toLowerCase();
        if (attribute.name.startsWith('on')) handlers.push(`${element.tagName} ${attribute.name}`);
        if (
          ['href', 'src', 'data', 'action', 'formaction', 'srcdoc'].includes(attribute.name) &&
          (value.startsWith('javascript:') || attribute.name === 'srcdoc')
        ) {
          handlers.push(`${element.tagName} ${attribute.name}=${value}`);
        }
      }
    }
    const scripts = Array.from(document.scripts).map(
      (s) => s.src || `inline:${s.textContent?.slice(0, 40)}`,
    );
    return {
      xss: (window as unknown as { __xss?: number }).__xss,
      handlers,
      scripts,
      dangerous: document.querySelectorAll(
        'iframe, object, embed, svg, math, base, meta[http-equiv]',
      ).length,
    };
  });
  await page.close();
  return { status: response!.status(), html, dialogs, ...found };
}

describe('stored XSS payloads render inert', () => {
  const pages = () => [
    `/resources/${slug}`,
    `/resources/${slug}/edit`,
    `/resources/${slug}/history`,
    `/resources/${slug}/history/1`,
    `/resources/${slug}/history/2`,
    '/resources',
    '/resources?q=xsstest',
    '/admin/resources',
    '/',
    '/search?q=xsstest',
    `/search?q=${encodeURIComponent(PAYLOADS[0]!)}`,
    `/search?q=${encodeURIComponent(PAYLOADS[2]!)}&kind=group`,
  ];

  it('runs no script on any page that shows them, even with CSP off', async () => {
    for (const path of pages()) {
      const result = await inspect(path);
      expect(result.status, path).toBe(200);
      expect(result.dialogs, path).toEqual([]);
      expect(result.xss, path).toBeUndefined();
      expect(result.handlers, path).toEqual([]);
      expect(result.dangerous, path).toBe(0);
      expect(
        result.scripts.every((src) => /\/assets\/app\.[0-9a-f]+\.js$/.test(src)),
        `${path}: ${result.scripts}`,
      ).toBe(true);
      // The markup itself: no payload tag survives unescaped.
      for (const tag of [
        '<script>window.__xss',
        '<img src=x',
        '<svg onload',
        '<iframe',
        '<details open',
        '<input autofocus',
        '<object',
        '<body onload',
      ]) {
        expect(result.html.includes(tag), `${path} contains ${tag}`).toBe(false);
      }
    }
  });

  it('shows the payloads as text where they were typed', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/resources/${slug}`);
    expect(await page.locator('h1').textContent()).toBe(
      `Toolkit xsstest ${PAYLOADS[0]}${PAYLOADS[2]}`,
    );
    expect(await page.getByRole('link', { name: `Group ${PAYLOADS[1]}` }).count()).toBe(1);
    await page.goto(`${server.url}/resources/${slug}/edit`);
    expect(await page.locator('#field-title').inputValue()).toBe(`Toolkit xsstest ${PAYLOADS[3]}`);
    expect(await page.locator('.form-attachment-name').first().textContent()).toBe(
      'img src=x onerror= window.__xss=1;alert(1).pdf',
    );
    await page.close();
  });

  it('serves the uploaded file as an attachment with a harmless name', async () => {
    const attachment = await server.ctx.services.db
      .selectFrom('resource_attachments')
      .select(['id', 'file_name'])
      .executeTakeFirstOrThrow();
    const response = await fetch(`${server.url}/resources/${slug}/files/${attachment.id}`, {
      headers: { cookie: `hub_session=${editorCookie}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="[^"<>]*"; filename\*=UTF-8''[^\s"<>]+$/,
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
