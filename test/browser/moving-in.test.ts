import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startOldSite, wxrFor } from '../../src/features/moving-in/test-support.ts';
import { saveAllowedHosts } from '../../src/platform/net/allowed-hosts.ts';
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
let oldSite: Awaited<ReturnType<typeof startOldSite>>;
const SHOTS = 'test-results/screenshots';

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
  server = await startServer();
  oldSite = await startOldSite();
  // The old site runs on this machine: an administrator lets the server fetch from it.
  await saveAllowedHosts(server.ctx.services.db, [new URL(oldSite.origin).hostname]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await oldSite?.close();
});

// While an import is checked or imported, its page refreshes itself every 3 seconds (no script):
// the test waits for the refreshed page rather than reloading (which would race the refresh).
const REFRESHED = { timeout: 30_000 };

describe('moving in on a phone', () => {
  it('an administrator uploads the Mailchimp export and the WordPress export, reviews each dry run, imports, and old links lead to the new pages', async () => {
    const { page, problems } = await phonePage(browser);
    await signInPage(page, server, { roles: ['administrator'] });
    await page.goto(`${server.url}/admin`);
    await page.getByRole('link', { name: 'Moving in' }).click();
    await page.waitForURL(/\/admin\/moving-in$/);
    await page.screenshot({ path: `${SHOTS}/moving-in-phone.png`, fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);

    // The Mailchimp audience: checked first, nothing changes until "Import now".
    await page
      .getByLabel('Export ZIP or CSV files')
      .setInputFiles(fixture('members_export_4f2a9c1d07.zip'));
    await page.locator('form[action="/admin/moving-in/mailchimp"] button[type="submit"]').click();
    await page.getByText('Checking the file').waitFor();
    await server.ctx.runJobs();
    await page.getByText('Nothing has changed yet').waitFor(REFRESHED);
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText, the text as shown
    expect(await page.locator('.moving-in-counts').innerText()).toContain(
      'New confirmed subscribers\n7',
    );
    await page.screenshot({ path: `${SHOTS}/moving-in-review-phone.png`, fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Import now' }).click();
    await page.getByText('The import has started.').waitFor();
    await server.ctx.runJobs();
    await page.getByText('Done. This is what the import did').waitFor(REFRESHED);
    const subscribers = await server.ctx.services.db
      .selectFrom('newsletter_subscriptions')
      .select('id')
      .execute();
    expect(subscribers).toHaveLength(7);

    // The WordPress site (its media served by a stand-in for the old site).
    await page.goto(`${server.url}/admin/moving-in`);
    await page.getByLabel('WordPress export (.xml)').setInputFiles({
      name: 'metrowest.WordPress.2024-06-01.xml',
      mimeType: 'text/xml',
      buffer: Buffer.from(wxrFor(oldSite.origin)),
    });
    await page.locator('form[action="/admin/moving-in/wordpress"] button[type="submit"]').click();
    await page.getByText('Checking the file').waitFor();
    await server.ctx.runJobs();
    await page.getByText('Nothing has changed yet').waitFor(REFRESHED);
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText, the text as shown
    const review = await page.locator('.moving-in-report').innerText();
    expect(review).toContain('Posts imported as articles\n4');
    expect(review).toContain('Needs a person’s look');
    await page.screenshot({
      path: `${SHOTS}/moving-in-wordpress-review-phone.png`,
      fullPage: true,
    });
    await page.getByRole('button', { name: 'Import now' }).click();
    await server.ctx.runJobs();
    await page.getByText('Done. This is what the import did').waitFor(REFRESHED);
    await page.screenshot({ path: `${SHOTS}/moving-in-done-phone.png`, fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);

    // An old post address answers 301 and lands on the new page.
    const response = await page.goto(`${server.url}/2024/05/spring-rally-recap/`);
    expect(page.url()).toBe(`${server.url}/resources/spring-rally-recap`);
    expect((await response!.request().redirectedFrom()!.response())!.status()).toBe(301);
    await page.getByRole('heading', { name: 'Spring rally recap' }).waitFor();
    const image = page.getByRole('img', { name: 'The crowd on the common' });
    expect(
      await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    ).toBe(true);
    await page.screenshot({ path: `${SHOTS}/moving-in-imported-post-phone.png`, fullPage: true });

    // The redirect table, and one added by hand.
    await page.goto(`${server.url}/admin/redirects`);
    await page.getByLabel('Old address').fill('/donate/');
    await page.getByLabel('New address').fill('/resources/about-us');
    await page.getByRole('button', { name: 'Add redirect' }).click();
    await page.getByText('Redirect added').waitFor();
    await page.screenshot({ path: `${SHOTS}/moving-in-redirects-phone.png`, fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.goto(`${server.url}/donate/`);
    expect(page.url()).toBe(`${server.url}/resources/about-us`);
    expect(problems).toEqual([]);
  }, 180_000);
});
