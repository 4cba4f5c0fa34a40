import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityViolations,
  launchBrowser,
  phonePage,
  type RunningServer,
  signInPage,
  startServer,
} from '../support/browser.ts';

let browser: Browser;
let server: RunningServer;
const SHOTS = 'test-results/screenshots';
const TEMPLATE = Buffer.from('%PDF-1.4\n% Invitation letter template\n%%EOF\n');

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
  server = await startServer();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('toolkits on a phone', () => {
  it('an editor writes a toolkit with three steps and an attachment, publishes it; a visitor finds it by search and downloads the attachment', async () => {
    const editor = await phonePage(browser);
    await signInPage(editor.page, server, { roles: ['editor'] });
    await editor.page.goto(`${server.url}/resources`);
    await editor.page.getByRole('link', { name: 'Add a resource' }).click();
    await editor.page.getByRole('link', { name: 'Toolkit', exact: true }).click();
    await editor.page.getByLabel('Title', { exact: true }).fill('Testify at a budget hearing');
    await editor.page
      .getByLabel('Summary')
      .fill('Tell the committee what the budget means for your town.');
    await editor.page.locator('#field-body').fill('Hearings are open to **everyone**.');
    const steps = [
      ['Find the hearing', 'Check the committee calendar.', 'Note the date\nNote the room'],
      ['Write your testimony', 'Two minutes, one story.', 'Print three copies'],
      ['Speak', 'Sign up at the door and wait your turn.', ''],
    ];
    for (const [index, [title, body, checklist]] of steps.entries()) {
      await editor.page.getByLabel(`Step ${index + 1} title`).fill(title!);
      await editor.page.locator('textarea[name="step_body"]').nth(index).fill(body!);
      await editor.page.locator('textarea[name="step_checklist"]').nth(index).fill(checklist!);
    }
    await editor.page.getByLabel('Add files').setInputFiles({
      name: 'Testimony template.pdf',
      mimeType: 'application/pdf',
      buffer: TEMPLATE,
    });
    await editor.page.getByLabel('Attach to').selectOption({ label: 'Step 2' });
    await editor.page.screenshot({ path: `${SHOTS}/resources-form-phone.png`, fullPage: true });
    expect(await accessibilityViolations(editor.page)).toEqual([]);
    await editor.page.getByRole('button', { name: 'Publish', exact: true }).click();
    await editor.page.waitForURL(/\/resources\/testify-at-a-budget-hearing$/);
    await editor.page.getByText('Published.').waitFor();
    expect(editor.problems).toEqual([]);

    const visitor = await phonePage(browser);
    await visitor.page.goto(`${server.url}/`);
    await visitor.page.getByLabel('Search the site').fill('testifying budget');
    await visitor.page.getByLabel('Search the site').press('Enter');
    await visitor.page.waitForURL(/\/search\?q=testifying/);
    await visitor.page.screenshot({ path: `${SHOTS}/search-phone.png`, fullPage: true });
    expect(await accessibilityViolations(visitor.page)).toEqual([]);
    await visitor.page.getByRole('link', { name: /Testify at a budget hearing/ }).click();
    await visitor.page.waitForURL(/\/resources\/testify-at-a-budget-hearing$/);
    expect(await visitor.page.locator('.toolkit-step').count()).toBe(3);
    expect(await visitor.page.locator('.toolkit-step').nth(1).textContent()).toContain(
      'Testimony template.pdf',
    );
    // The checklist ticks, and is remembered on this device.
    const box = visitor.page.getByLabel('Note the date');
    await box.check();
    await visitor.page.reload();
    expect(await visitor.page.getByLabel('Note the date').isChecked()).toBe(true);
    expect(
      await visitor.page.getByRole('button', { name: 'Print or save as PDF' }).isVisible(),
    ).toBe(true);
    await visitor.page.screenshot({ path: `${SHOTS}/toolkit-phone.png`, fullPage: true });
    expect(await accessibilityViolations(visitor.page)).toEqual([]);
    const width = await visitor.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);

    const [download] = await Promise.all([
      visitor.page.waitForEvent('download'),
      visitor.page.getByRole('link', { name: 'Testimony template.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Testimony template.pdf');
    expect(fs.readFileSync((await download.path())!).equals(TEMPLATE)).toBe(true);

    // Printed, the toolkit keeps its numbered steps and drops the page furniture.
    await visitor.page.emulateMedia({ media: 'print' });
    expect(await visitor.page.locator('.site-header').isVisible()).toBe(false);
    expect(await visitor.page.locator('.resource-actions').isVisible()).toBe(false);
    expect(await visitor.page.getByText('Step 3').isVisible()).toBe(true);
    await visitor.page.pdf?.({ path: `${SHOTS}/toolkit-print.pdf` }).catch(() => undefined);
    expect(visitor.problems).toEqual([]);
  });

  it('shows the library with its filters on a phone', async () => {
    const { page, problems } = await phonePage(browser);
    await page.goto(`${server.url}/resources`);
    await page.getByRole('link', { name: 'Toolkits', exact: true }).click();
    await page.waitForURL(/kind=toolkit/);
    expect(await page.getByRole('link', { name: 'Testify at a budget hearing' }).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/resources-library-phone.png`, fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    expect(problems).toEqual([]);
  });
});
