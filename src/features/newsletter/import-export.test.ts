import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/harness.ts';
import type { CommandContext } from '../../cli/command.ts';
import { newsletterCommands } from './commands.ts';
import { parseSubscriberCsv } from './csv.ts';

let ctx: TestContext;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-import-'));
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(positionals: string[], values: CommandContext['values'] = {}) {
  const ticks: number[] = [];
  const command = newsletterCommands.find((c) => c.name === 'subscribers:import')!;
  return {
    ticks,
    result: command.run({
      services: ctx.services,
      booted: ctx.booted,
      values,
      positionals,
      progress: { start() {}, tick: (n = 1) => ticks.push(n), stop() {} },
      say: () => {},
    }),
  };
}

async function stateOf(email: string) {
  const row = await ctx.services.db
    .selectFrom('newsletter_subscriptions as s')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .select(['s.state', 's.districts', 's.source'])
    .where('p.email', '=', email)
    .executeTakeFirst();
  return row;
}

describe('reading a subscriber CSV', () => {
  it('finds the columns by name in any order and ignores the others (a Mailchimp export)', () => {
    const rows = parseSubscriberCsv(
      '\uFEFFEmail Address,First Name,ZIP,Town,MEMBER_RATING\nA@example.org,Ann,01602,Worcester,3\n',
    );
    expect(rows).toEqual([
      { line: 2, email: 'A@example.org', name: undefined, zip: '01602', town: 'Worcester' },
    ]);
    expect(() => parseSubscriberCsv('name,zip\nAnn,01602\n')).toThrow('including "email"');
  });
});

describe('hub subscribers:import', () => {
  it('with --confirmed subscribes everyone at once, recording consent by import', async () => {
    const file = path.join(dir, 'list.csv');
    fs.writeFileSync(
      file,
      'email,name,zip,town\nimported@example.org,Ivy,,Springfield\nzip-only@example.org,,01201,\nbroken,,,\nnowhere@example.org,,,Atlantis\n',
    );
    const { result, ticks } = run([file], { confirmed: true });
    expect(await result).toMatchObject({ ok: true, rows: 4, added: 2, confirmed: 2, invalid: 2 });
    expect(ticks.reduce((a, b) => a + b, 0)).toBe(4);
    expect(await stateOf('imported@example.org')).toMatchObject({
      state: 'confirmed',
      districts: [1],
      source: 'import:list.csv',
    });
    const consent = await ctx.services.db
      .selectFrom('consents as c')
      .innerJoin('people as p', 'p.id', 'c.person_id')
      .select(['c.method', 'c.source'])
      .where('p.email', '=', 'imported@example.org')
      .executeTakeFirst();
    expect(consent).toEqual({ method: 'import', source: 'list.csv' });
    expect(await ctx.outbox('imported@example.org')).toHaveLength(0);
  });

  it('without --confirmed sends each new address a confirmation email and subscribes nobody yet', async () => {
    const file = path.join(dir, 'unconfirmed.csv');
    fs.writeFileSync(file, 'email\nask-first@example.org\nimported@example.org\n');
    expect(await run([file]).result).toMatchObject({
      added: 1,
      confirmed: 0,
      awaitingConfirmation: 1,
      alreadySubscribed: 1,
    });
    expect(await stateOf('ask-first@example.org')).toMatchObject({ state: 'pending' });
    const [mail] = await ctx.outbox('ask-first@example.org');
    expect(mail!.subject).toBe('Please confirm: the weekly newsletter');
  });

  it('exits with a clear message for a missing file or a file without an email column', async () => {
    await expect(run([path.join(dir, 'nope.csv')]).result).rejects.toThrow('cannot read');
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, 'name\nAnn\n');
    await expect(run([file]).result).rejects.toThrow('including "email"');
  });
});

describe('the admin subscriber list', () => {
  it('uploads a CSV, lists, exports and charts subscribers; editors only', async () => {
    const editor = await ctx.signedIn({ roles: ['editor'] });
    const form = new FormData();
    form.set(
      'file',
      new File(['email,town\nuploaded@example.org,Salem\n'], 'upload.csv', { type: 'text/csv' }),
    );
    form.set('confirmed', 'yes');
    const uploaded = await editor.postMultipart('/admin/newsletter/subscribers/import', form);
    expect(uploaded.status).toBe(200);
    expect(await uploaded.text()).toContain('1 subscribed with the consent you vouched for');
    expect(await stateOf('uploaded@example.org')).toMatchObject({
      state: 'confirmed',
      districts: [6],
    });

    const empty = new FormData();
    const noFile = await editor.postMultipart('/admin/newsletter/subscribers/import', empty);
    expect(noFile.status).toBe(400);
    expect(await noFile.text()).toContain('Choose a CSV file to import.');

    const list = await (await editor.get('/admin/newsletter/subscribers?state=confirmed')).text();
    expect(list).toContain('uploaded@example.org');
    expect(list).not.toContain('ask-first@example.org');

    const csv = await editor.get('/admin/newsletter/subscribers.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('email,name,zip,town,state,districts,confirmed_at');
    expect(lines.some((line) => line.startsWith('uploaded@example.org,,,Salem,confirmed,6,'))).toBe(
      true,
    );

    const overview = await (await editor.get('/admin/newsletter')).text();
    expect(overview).toContain('<svg class="newsletter-chart"');
    expect(overview).toMatch(/<dt>Subscribed<\/dt><dd>3<\/dd>/);

    const stranger = await ctx.signedIn();
    expect((await stranger.get('/admin/newsletter/subscribers.csv')).status).toBe(403);
  });
});
