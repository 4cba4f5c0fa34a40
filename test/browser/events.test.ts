import fs from 'node:fs';
import ICAL from 'ical.js';
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

function nextWeekday(offsetDays: number): string {
  const date = new Date(server.ctx.services.now().getTime() + offsetDays * 86_400_000);
  return date.toISOString().slice(0, 10);
}

describe('the shared calendar on a phone', () => {
  it('a visitor submits an event, confirms it by email, an editor approves it, and someone RSVPs', async () => {
    const { page: visitor, problems } = await phonePage(browser);
    await visitor.goto(`${server.url}/events`);
    await visitor.getByRole('heading', { name: 'Events', level: 1 }).waitFor();
    await visitor.screenshot({ path: `${SHOTS}/events-empty-phone.png`, fullPage: true });
    await visitor.getByRole('link', { name: 'Add your event' }).first().click();

    // A first try with the end before the start: told beside the field, nothing lost.
    await visitor
      .getByLabel('Title', { exact: true })
      .fill('Phone bank for the Fair Share amendment');
    await visitor.getByLabel('Kind of event').selectOption('phone_bank');
    await visitor.getByLabel('Description').fill('Calls from home. **Script provided.**');
    await visitor.getByLabel('Date').first().fill(nextWeekday(3));
    await visitor.getByLabel('Starts at').first().fill('18:00');
    await visitor.getByLabel('Ends at').first().fill('17:00');
    await visitor.getByLabel('Repeats', { exact: true }).selectOption('weekly');
    await visitor.getByLabel('Place', { exact: true }).fill('Jones Library');
    await visitor.getByLabel('City or town').fill('Amherst');
    await visitor.getByLabel('Your name').fill('Pat Visitor');
    await visitor.getByLabel('Your email address').fill('pat@example.org');
    await visitor.getByRole('button', { name: 'Send the event' }).click();
    await visitor.getByText('The end must be after the start.').first().waitFor();
    expect(await visitor.getByLabel('Title', { exact: true }).inputValue()).toBe(
      'Phone bank for the Fair Share amendment',
    );
    await visitor.screenshot({ path: `${SHOTS}/event-form-error-phone.png`, fullPage: true });
    await visitor.getByLabel('Ends at').first().fill('20:00');
    await visitor.getByRole('button', { name: 'Send the event' }).click();
    await visitor.waitForURL(`${server.url}/events`);
    expect(await visitor.getByRole('status').first().textContent()).toContain(
      'we emailed pat@example.org a link',
    );

    const [confirmation] = await server.ctx.outbox('pat@example.org');
    await visitor.goto(linkIn(confirmation!.text_body, `${server.url}/events/confirm/`));
    await visitor.getByRole('button', { name: 'Confirm' }).click();
    await visitor.waitForURL(`${server.url}/events`);

    // An editor approves it from the moderation queue.
    const { page: editor } = await phonePage(browser);
    await signInPage(editor, server, { roles: ['editor'] });
    await editor.goto(`${server.url}/admin/events`);
    await editor.getByRole('link', { name: 'Phone bank for the Fair Share amendment' }).waitFor();
    await editor.screenshot({ path: `${SHOTS}/moderation-phone.png`, fullPage: true });
    await editor.getByRole('button', { name: 'Approve' }).click();
    await editor.getByText('Nothing waits for moderation').waitFor();
    expect((await server.ctx.outbox('pat@example.org')).at(-1)!.subject).toContain(
      'Your event is in the calendar',
    );

    // It is on /events and in /events.ics.
    await visitor.goto(`${server.url}/events`);
    await visitor
      .getByRole('link', { name: 'Phone bank for the Fair Share amendment' })
      .first()
      .waitFor();
    await visitor.screenshot({ path: `${SHOTS}/events-phone.png` });
    const ics = await (await fetch(`${server.url}/events.ics`)).text();
    const vevent = new ICAL.Component(ICAL.parse(ics))
      .getAllSubcomponents('vevent')
      .find(
        (v) => v.getFirstPropertyValue('summary') === 'Phone bank for the Fair Share amendment',
      );
    expect(vevent?.getFirstPropertyValue('rrule')?.toString()).toMatch(/^FREQ=WEEKLY;BYDAY=/);

    // Someone opens it and RSVPs.
    const { page: attendee } = await phonePage(browser);
    await attendee.goto(`${server.url}/events`);
    await attendee
      .getByRole('link', { name: 'Phone bank for the Fair Share amendment' })
      .first()
      .click();
    await attendee
      .getByRole('heading', { name: 'Phone bank for the Fair Share amendment', level: 1 })
      .waitFor();
    await attendee.screenshot({ path: `${SHOTS}/event-page-phone.png`, fullPage: true });
    await attendee.getByLabel('Your name').fill('Robin Attendee');
    await attendee.getByLabel('Your email address').fill('robin@example.org');
    await attendee.getByRole('button', { name: "I'm going" }).click();
    await attendee.getByText("You're going.").first().waitFor();
    await attendee.screenshot({ path: `${SHOTS}/event-rsvp-done-phone.png`, fullPage: true });
    const [rsvpMail] = await server.ctx.outbox('robin@example.org');
    expect(rsvpMail!.subject).toBe("You're going: Phone bank for the Fair Share amendment");

    expect(await accessibilityViolations(attendee)).toEqual([]);
    // The one 400 is the deliberately invalid first submission.
    expect(problems.filter((p) => !p.includes('400'))).toEqual([]);
  });

  it('shows the month view and map within a phone screen', async () => {
    const { page } = await phonePage(browser);
    for (const view of ['month', 'map']) {
      await page.goto(`${server.url}/events?view=${view}`);
      await page.screenshot({ path: `${SHOTS}/events-${view}-phone.png`, fullPage: true });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, view).toBeLessThanOrEqual(0);
    }
  });
});
