import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupInput } from '../../src/features/groups/schemas.ts';
import { CONTACT_MIN_FILL_SECONDS, createGroup } from '../../src/features/groups/service.ts';
import {
  accessibilityViolations,
  launchBrowser,
  phonePage,
  type RunningServer,
  startServer,
} from '../support/browser.ts';

let browser: Browser;
let server: RunningServer;
const SHOTS = 'test-results/screenshots';

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
  server = await startServer();
  const admin = (await server.ctx.signedIn({ roles: ['administrator'] })).actor;
  for (const [name, towns, organizers] of [
    ['Worcester Indivisible', ['Worcester', 'Shrewsbury'], ['olivia@example.org']],
    ['Holden Hope', ['Holden'], ['hank@example.org']],
    ['Berkshire Action', ['Pittsfield'], ['bea@example.org']],
  ] as const) {
    await createGroup(
      server.ctx.services,
      admin,
      GroupInput.parse({
        name,
        towns: [...towns],
        organizers: [...organizers],
        issueAreas: ['voting-rights'],
        description: `${name} meets every week.`,
      }),
    );
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('finding a group on a phone', () => {
  it('finds a group by ZIP code, opens it, sends it a message, and the organizer gets it', async () => {
    const { page, problems } = await phonePage(browser);
    await page.goto(`${server.url}/groups`);
    await page.getByLabel('Your town or ZIP code').fill('01609');
    await page.getByRole('button', { name: 'Find groups' }).click();
    await page.waitForURL(/\/groups\?q=01609/);
    await page.getByText('ZIP code 01609 is in the 2nd Congressional District.').waitFor();
    expect(await page.getByRole('link', { name: 'Berkshire Action' }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/groups-finder-phone.png`, fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);

    await page.getByRole('link', { name: 'Worcester Indivisible' }).click();
    await page.getByRole('heading', { name: /Worcester Indivisible/, level: 1 }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Your name').fill('Maya Visitor');
    await page.getByLabel('Your email address').fill('maya@example.net');
    await page.getByLabel('Your message').fill('Hello! When is your next meeting?');
    // A person takes a few seconds to write; the form refuses anything faster.
    await page.waitForTimeout((CONTACT_MIN_FILL_SECONDS + 0.5) * 1000);
    await page.screenshot({ path: `${SHOTS}/group-profile-phone.png`, fullPage: true });
    await page.getByRole('button', { name: 'Send the message' }).click();
    await page.getByRole('heading', { name: 'Message sent' }).waitFor();
    expect(await page.content()).not.toContain('olivia@example.org');

    const mails = (await server.ctx.outbox('olivia@example.org')).filter(
      (mail) => mail.purpose === 'group-contact',
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Message for Worcester Indivisible from Maya Visitor');
    expect(mails[0]!.headers['Reply-To']).toBe('maya@example.net');
    expect(mails[0]!.text_body).toContain('When is your next meeting?');
    expect(await server.ctx.outbox('hank@example.org')).toHaveLength(1); // only the invitation
    expect(problems).toEqual([]);
  });

  it('asks which district for a split ZIP code, with suggestions as you type a town', async () => {
    const { page, problems } = await phonePage(browser);
    await page.goto(`${server.url}/groups?q=01420`);
    await page.getByText('ZIP code 01420 crosses 2 congressional districts').waitFor();
    await page.getByRole('link', { name: 'I am in the 2nd Congressional District' }).click();
    await page.getByText('Showing the 2nd Congressional District.').waitFor();

    await page.getByLabel('Your town or ZIP code').fill('Shrews');
    await page.waitForFunction(
      () => document.querySelectorAll('#group-town-suggestions option').length > 0,
    );
    const options = await page.$$eval('#group-town-suggestions option', (nodes) =>
      nodes.map((node) => (node as HTMLOptionElement).value),
    );
    expect(options).toContain('Shrewsbury');
    expect(problems).toEqual([]);
  });
});
