/**
 * Every public and admin page, with sample content loaded, meets WCAG 2.2 A/AA as axe-core checks
 * it, fits a 360 px phone screen without sideways scrolling, and keeps its controls at the 44 px
 * tap-target size UX.md asks for. One server and one browser for the whole file.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleContent } from '../../src/platform/sample.ts';
import {
  accessibilityViolations,
  launchBrowser,
  type RunningServer,
  signInPage,
  startServer,
} from '../support/browser.ts';

let browser: Browser;
let server: RunningServer;
let visitor: { context: BrowserContext; page: Page };
let administrator: { context: BrowserContext; page: Page };
/** Addresses of pages whose address depends on the sample content (found from the lists). */
const found: Record<string, string> = {};

const PHONE = { width: 360, height: 740 };

async function firstLink(path: string, pattern: RegExp): Promise<string> {
  const html = await (await fetch(`${server.url}${path}`)).text();
  const match = html.match(pattern);
  if (!match?.[1]) throw new Error(`no link matching ${pattern} on ${path}`);
  return match[1].replaceAll('&amp;', '&');
}

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer({ env: { SAMPLE_CONTENT: 'on' } });
  await loadSampleContent(server.ctx.services, server.ctx.features);
  found.group = await firstLink('/groups', /href="(\/groups\/[a-z0-9-]+)"/);
  found.event = await firstLink('/events', /href="(\/events\/\d+(?:\?occurrence=\d+)?)"/);
  found.issue = await firstLink('/newsletter', /href="(\/newsletter\/\d{4}-\d{2}-\d{2})"/);
  found.toolkit = await firstLink(
    '/resources?kind=toolkit',
    /href="(\/resources\/(?!new\b)[a-z0-9-]+)"/,
  );
  const visitorContext = await browser.newContext({ viewport: PHONE });
  visitor = { context: visitorContext, page: await visitorContext.newPage() };
  const adminContext = await browser.newContext({ viewport: PHONE });
  administrator = { context: adminContext, page: await adminContext.newPage() };
  await signInPage(administrator.page, server, { roles: ['administrator'] });
  const adminNewsletter = await administrator.page.goto(`${server.url}/admin/newsletter`);
  const match = (await adminNewsletter!.text()).match(/href="(\/admin\/newsletter\/issues\/\d+)"/);
  found.issueEditor = match?.[1] ?? '/admin/newsletter';
});

afterAll(async () => {
  await visitor?.context.close();
  await administrator?.context.close();
  await browser?.close();
  await server?.stop();
});

/** What a phone user would notice: how far the page scrolls sideways, and controls too small to tap. */
async function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    const controls = document.querySelectorAll<HTMLElement>(
      'button, .button, select, input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]):not([type="file"]):not([type="color"])',
    );
    const small: string[] = [];
    for (const control of Array.from(controls)) {
      const box = control.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue; // not shown (a closed <details>)
      if (box.height < 43.5) {
        const label = control.textContent?.trim() || control.getAttribute('name') || '';
        small.push(
          `${control.tagName.toLowerCase()} "${label.slice(0, 30)}" ${Math.round(box.height)}px`,
        );
      }
    }
    return { overflow, small };
  });
}

async function checkPage(page: Page, path: string) {
  const response = await page.goto(`${server.url}${path}`);
  expect(response, path).toBeTruthy();
  expect(await accessibilityViolations(page), `axe on ${path}`).toEqual([]);
  const { overflow, small } = await layoutProblems(page);
  expect(overflow, `sideways scrolling on ${path} at 360px`).toBeLessThanOrEqual(0);
  expect(small, `controls under 44px on ${path}`).toEqual([]);
}

describe('public pages on a 360 px phone', () => {
  const pages: [string, () => string][] = [
    ['the home page', () => '/'],
    ['about', () => '/about'],
    ['a newsletter page', () => '/newsletter'],
    ['a newsletter issue', () => found.issue!],
    ['the library', () => '/resources'],
    ['a toolkit', () => found.toolkit!],
    ['search results', () => '/search?q=town'],
    ['search with no results', () => '/search?q=zzzzqqq'],
    ['sign in', () => '/login'],
    ['teams', () => '/teams'],
    ['the board', () => '/board'],
    ['calls to action', () => '/actions'],
    ['town halls', () => '/meetings'],
    ['a page that does not exist', () => '/no-such-page'],
    ['the group finder', () => '/groups'],
    ['group finder results', () => '/groups?q=Worcester'],
    ['a group', () => found.group!],
    ['the calendar', () => '/events'],
    ['the calendar as a month', () => '/events?view=month'],
    ['an event', () => found.event!],
    ['the add-an-event form', () => '/events/new'],
  ];
  for (const [name, path] of pages) {
    it(`${name} meets WCAG 2.2 AA and fits the screen`, async () => {
      await checkPage(visitor.page, path());
    });
  }

  it('the calendar as a map meets WCAG 2.2 AA (/events?view=map)', async () => {
    await checkPage(visitor.page, '/events?view=map');
  });
});

describe('admin pages on a 360 px phone', () => {
  const pages: [string, () => string][] = [
    ['the dashboard', () => '/admin'],
    ['the newsletter desk', () => '/admin/newsletter'],
    ['the issue editor', () => found.issueEditor!],
    ['newsletter subscribers', () => '/admin/newsletter/subscribers'],
    ['newsletter settings', () => '/admin/newsletter/settings'],
    ['the library editor', () => '/admin/resources'],
    ['the outbox', () => '/admin/outbox'],
    ['accounts and roles', () => '/admin/people'],
    ['site settings', () => '/admin/settings'],
    ['the audit log', () => '/admin/audit'],
    ['background jobs', () => '/admin/jobs'],
  ];
  for (const [name, path] of pages) {
    it(`${name} meets WCAG 2.2 AA and fits the screen`, async () => {
      await checkPage(administrator.page, path());
    });
  }
});

describe('the frame', () => {
  it('keeps every section reachable on a phone: in the nav row and again in the footer', async () => {
    const page = visitor.page;
    await page.goto(`${server.url}/`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    const footer = page.getByRole('navigation', { name: 'Sections' });
    const navLinks = await nav.getByRole('link').allTextContents();
    expect(navLinks.length).toBeGreaterThan(5);
    for (const label of navLinks) {
      await expect(footer.getByRole('link', { name: label, exact: true }).count()).resolves.toBe(1);
    }
    // The row scrolls sideways inside itself; the page does not.
    const row = await page.evaluate(() => {
      const list = document.querySelector('.main-nav ul')!;
      return {
        scrolls: list.scrollWidth > list.clientWidth,
        style: getComputedStyle(list).overflowX,
      };
    });
    expect(row).toEqual({ scrolls: true, style: 'auto' });
  });

  it('shows a visible focus ring on links and buttons reached by keyboard', async () => {
    const page = visitor.page;
    await page.goto(`${server.url}/`);
    await page.keyboard.press('Tab'); // the skip link
    const skip = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const style = getComputedStyle(element);
      return { text: element.textContent, outline: style.outlineStyle, width: style.outlineWidth };
    });
    expect(skip).toEqual({ text: 'Skip to content', outline: 'solid', width: '3px' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(next).toBe('solid');
  });

  it('prints a toolkit without the site header, navigation and footer', async () => {
    const page = visitor.page;
    await page.goto(`${server.url}${found.toolkit}`);
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() =>
      ['.site-header', '.site-footer', 'main h1'].map(
        (selector) => getComputedStyle(document.querySelector(selector)!).display !== 'none',
      ),
    );
    await page.emulateMedia({ media: 'screen' });
    expect(shown).toEqual([false, false, true]);
  });
});
