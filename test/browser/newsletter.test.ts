import fs from 'node:fs';
import { simpleParser } from 'mailparser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestSmtpServer,
  type TestSmtpServer,
} from '../../src/features/newsletter/test-smtp.ts';
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
let smtp: TestSmtpServer;
const SHOTS = 'test-results/screenshots';

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  smtp = await startTestSmtpServer();
  browser = await launchBrowser();
  server = await startServer({ env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

async function lastMailTo(address: string) {
  const raw = smtp.messages.filter((m) => m.to.includes(address)).at(-1);
  if (!raw) throw new Error(`no mail to ${address}`);
  return simpleParser(raw.raw);
}

describe('the newsletter on a phone', () => {
  it('a visitor subscribes, confirms from the email, receives an issue and unsubscribes in one click', async () => {
    const visitor = await phonePage(browser);
    const { page } = visitor;
    await page.goto(`${server.url}/newsletter`);
    await page.getByLabel('Email address').fill('reader@example.org');
    await page.getByLabel(/Town or ZIP code/).fill('Worcester');
    await page.screenshot({ path: `${SHOTS}/newsletter-signup-phone.png`, fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send me the newsletter' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();

    await server.ctx.runJobs(); // the confirmation email goes out over SMTP
    const confirmation = await lastMailTo('reader@example.org');
    const link = confirmation.text!.match(
      /http:\/\/127\.0\.0\.1:\d+\/newsletter\/confirm\/\S+/,
    )![0];
    await page.goto(link);
    await page.getByRole('button', { name: 'Yes, send me the newsletter' }).click();
    await page.getByRole('heading', { name: 'You are subscribed' }).waitFor();

    const editor = await phonePage(browser);
    await signInPage(editor.page, server, { roles: ['editor'] });
    await editor.page.goto(`${server.url}/admin/newsletter`);
    await editor.page.getByRole('button', { name: "Draft this week's issue" }).click();
    await editor.page.getByText('The draft is ready').waitFor();
    await editor.page.locator('textarea[name="body"]').first().fill('Welcome to **this week**.');
    await editor.page.getByRole('button', { name: 'Save' }).nth(1).click();
    await editor.page.getByText('Saved.').waitFor();
    await editor.page.screenshot({ path: `${SHOTS}/newsletter-editor-phone.png`, fullPage: true });
    expect(await accessibilityViolations(editor.page)).toEqual([]);
    editor.page.on('dialog', (dialog) => void dialog.accept());
    await editor.page.getByRole('button', { name: 'Send now to every subscriber' }).click();
    await editor.page.getByText('Sending to 1 subscribers.').waitFor();
    await server.ctx.runJobs();
    await editor.page.reload();
    await editor.page.getByRole('heading', { name: 'Sent', exact: true }).waitFor();
    expect(editor.problems).toEqual([]);

    const issue = await lastMailTo('reader@example.org');
    expect(issue.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect(issue.text).toContain('Welcome to this week.');
    // Read the email as its recipient would, then unsubscribe with the link at its foot.
    await page.setContent(issue.html as string);
    await page.screenshot({ path: `${SHOTS}/newsletter-email-phone.png`, fullPage: true });
    await page.getByRole('link', { name: 'Unsubscribe' }).click();
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
    const state = await server.ctx.services.db
      .selectFrom('newsletter_subscriptions as s')
      .innerJoin('people as p', 'p.id', 's.person_id')
      .select('s.state')
      .where('p.email', '=', 'reader@example.org')
      .executeTakeFirstOrThrow();
    expect(state.state).toBe('unsubscribed');
    expect(visitor.problems).toEqual([]);
  });
});
