import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreatePerson, grantAccount } from '../../src/platform/people.ts';
import {
  accessibilityViolations,
  launchBrowser,
  phonePage,
  type RunningServer,
  signInPage,
  startServer,
} from '../support/browser.ts';
import { linkIn } from '../support/harness.ts';

let browser: Browser;
let server: RunningServer;
const SHOTS = 'test-results/screenshots';

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
  server = await startServer();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('an administrator signs in on a phone', () => {
  it('requests a link, follows it from the email, opens the admin area and signs out', async () => {
    const person = await findOrCreatePerson(server.ctx.services.db, {
      email: 'ada@example.org',
      name: 'Ada Admin',
    });
    await grantAccount(server.ctx.services.db, person.id, ['administrator']);
    const { page, problems } = await phonePage(browser);

    await page.goto(`${server.url}/`);
    await page.screenshot({ path: `${SHOTS}/home-phone.png`, fullPage: true });
    await page.getByRole('link', { name: 'Sign in' }).first().click();
    await page.getByLabel('Your email address').fill('ada@example.org');
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeTruthy();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();

    const [mail] = await server.ctx.outbox('ada@example.org');
    const link = linkIn(mail!.text_body, `${server.url}/login/`);
    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/admin`);
    await page.getByRole('heading', { name: 'Admin', level: 1 }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain('You are signed in.');
    await page.screenshot({ path: `${SHOTS}/admin-phone.png`, fullPage: true });

    await page.getByRole('link', { name: 'Outbox' }).click();
    await page.getByRole('link', { name: 'Your sign-in link' }).first().waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server.url}/`);
    expect(await page.getByRole('status').textContent()).toContain('You are signed out.');
    const admin = await page.goto(`${server.url}/admin`);
    expect(admin?.status()).toBe(401);
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
  });

  it('lays the home page out within a 360 px screen, with no horizontal scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('meets WCAG 2.2 AA (axe-core) on the home, sign-in, 404 and admin pages', async () => {
    const { page } = await phonePage(browser);
    for (const path of ['/', '/login', '/about', '/teams', '/board', '/no-such-page']) {
      await page.goto(`${server.url}${path}`);
      expect(await accessibilityViolations(page), path).toEqual([]);
    }
    await signInPage(page, server, { roles: ['administrator'] });
    for (const path of [
      '/admin',
      '/admin/people',
      '/admin/settings',
      '/admin/outbox',
      '/admin/audit',
      '/admin/jobs',
    ]) {
      await page.goto(`${server.url}${path}`);
      expect(await accessibilityViolations(page), path).toEqual([]);
    }
  });

  it('works without JavaScript: the sign-in form still submits', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Your email address').fill('nobody@example.org');
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await context.close();
  });
});
