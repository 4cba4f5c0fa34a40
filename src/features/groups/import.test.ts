import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  api,
  createTestContext,
  type TestClient,
  type TestContext,
} from '../../../test/support/harness.ts';
import type { CommandContext } from '../../cli/command.ts';
import { runCli } from '../../cli/hub.ts';
import { groupCommands } from './commands.ts';

let ctx: TestContext;
let admin: TestClient;
let dir: string;

const GOOD = [
  'name,towns,website,email,description,issue_areas',
  'Worcester Indivisible,Worcester;Shrewsbury,worcester.example.org,hello@worcester.example.org,"We meet Tuesdays, 7 pm.",voting-rights;Climate and environment',
  'Pittsfield Progress,Pittsfield,,,Berkshire County.,healthcare',
  'Statewide Friends,,,,An ally.,',
].join('\n');

function writeCsv(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** Runs a `hub` command in-process against the test database; returns its summary and lines. */
async function hub(name: string, positionals: string[], values: CommandContext['values'] = {}) {
  const command = groupCommands.find((c) => c.name === name)!;
  const lines: string[] = [];
  const ticks: number[] = [];
  const summary = await command.run({
    services: ctx.services,
    booted: ctx.booted,
    values,
    positionals,
    progress: { start: () => {}, tick: (done) => ticks.push(done ?? 0), stop: () => {} },
    say: (line) => lines.push(line),
  });
  return { summary, lines, ticks };
}

const groupNames = async () =>
  (await ctx.services.db.selectFrom('groups').select('name').orderBy('name').execute()).map(
    (row) => row.name,
  );

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.signedIn({ roles: ['administrator'] });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'groups-import-'));
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('hub groups:import FILE.csv', () => {
  it('imports every row, then changes nothing when the same file is imported again', async () => {
    const file = writeCsv('good.csv', GOOD);
    const first = await hub('groups:import', [file]);
    expect(first.summary).toMatchObject({
      ok: true,
      rows: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
    });
    expect(first.ticks).toEqual([1, 2, 3]);
    expect(await groupNames()).toEqual([
      'Pittsfield Progress',
      'Statewide Friends',
      'Worcester Indivisible',
    ]);
    const worcester = (
      await ctx
        .client()
        .get('/groups/worcester-indivisible')
        .then((r) => r.text())
    ).replace(/<!-- -->/g, '');
    expect(worcester).toContain('Shrewsbury');
    expect(worcester).toContain('We meet Tuesdays, 7 pm.');
    expect(worcester).toContain('href="/issue-areas/climate"');

    const before = await ctx.services.db
      .selectFrom('groups')
      .select(['id', 'updated_at'])
      .execute();
    const audits = await ctx.services.db.selectFrom('audit_log').select('id').execute();
    const second = await hub('groups:import', [file]);
    expect(second.summary).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const after = await ctx.services.db.selectFrom('groups').select(['id', 'updated_at']).execute();
    expect(after).toEqual(before);
    expect(await ctx.services.db.selectFrom('audit_log').select('id').execute()).toHaveLength(
      audits.length,
    );
  });

  it('updates groups matched by name (ignoring case) in the columns the file has', async () => {
    const file = writeCsv(
      'update.csv',
      'name,towns,description\nworcester indivisible,Worcester,Now just the city.\n',
    );
    const dry = await hub('groups:import', [file], { 'dry-run': true });
    expect(dry.summary).toMatchObject({ dryRun: true, updated: 1 });
    expect(dry.lines[0]).toContain('update (name, towns, description)');
    const { summary } = await hub('groups:import', [file]);
    expect(summary).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const { body } = await api(ctx.app, 'GET', '/api/v1/groups/worcester-indivisible');
    expect(body).toMatchObject({
      name: 'worcester indivisible',
      towns: ['Worcester'],
      description: 'Now just the city.',
      // Columns absent from the file are left alone.
      website: 'https://worcester.example.org/',
      issueAreas: ['climate', 'voting-rights'],
    });
  });

  it('imports nothing when any row is invalid, naming each bad row’s line and reason', async () => {
    const file = writeCsv(
      'bad.csv',
      [
        'name,towns,website,email,description,issue_areas',
        'New Good Group,Salem,,,,',
        'Atlantis Rising,Atlantis,,,,',
        'Another Good Group,Lynn,,,,',
        'Bad Email Group,Lynn,,nope,,',
      ].join('\n'),
    );
    const before = await groupNames();
    const lines: string[] = [];
    const command = groupCommands.find((c) => c.name === 'groups:import')!;
    await expect(
      command.run({
        services: ctx.services,
        booted: ctx.booted,
        values: {},
        positionals: [file],
        progress: { start() {}, tick() {}, stop() {} },
        say: (line) => lines.push(line),
      }),
    ).rejects.toThrow('2 invalid row(s)');
    expect(lines).toEqual([
      `${file}:3: towns: Not a Massachusetts city or town: Atlantis. Use the town’s name, like Worcester.`,
      `${file}:5: email: Enter an email address like name@example.org.`,
    ]);
    expect(await groupNames()).toEqual(before);
  });

  it('says clearly when the file cannot be read', async () => {
    await expect(hub('groups:import', [path.join(dir, 'missing.csv')])).rejects.toThrow(
      /cannot read .*missing\.csv: ENOENT/,
    );
  });

  it('runs from the command line: exit code, messages and a one-line JSON summary', async () => {
    const dataDir = fs.mkdtempSync(path.join(dir, 'data-'));
    const saved = { ...process.env };
    Object.assign(process.env, { DATA_DIR: dataDir, SAMPLE_CONTENT: 'off', LOG_LEVEL: 'silent' });
    delete process.env.DATABASE_URL;
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line) => out.push(String(line)));
    const error = vi.spyOn(console, 'error').mockImplementation((line) => err.push(String(line)));
    try {
      const bad = writeCsv('cli-bad.csv', 'name,towns\nGood,Salem\nBad,Nowhere\n');
      expect(await runCli(['groups:import', bad], ctx.features)).toBe(1);
      expect(err.join('\n')).toContain(
        `${bad}:3: towns: Not a Massachusetts city or town: Nowhere.`,
      );
      expect(JSON.parse(out.at(-1)!)).toMatchObject({ command: 'groups:import', ok: false });

      const good = writeCsv('cli-good.csv', GOOD);
      expect(await runCli(['groups:import', good], ctx.features)).toBe(0);
      expect(JSON.parse(out.at(-1)!)).toEqual({
        command: 'groups:import',
        ok: true,
        file: good,
        rows: 3,
        created: 3,
        updated: 0,
        unchanged: 0,
      });
    } finally {
      log.mockRestore();
      error.mockRestore();
      process.env = saved;
    }
  }, 60_000);
});

describe('the admin upload', () => {
  it('previews what would change, then imports on confirmation', async () => {
    const form = new FormData();
    const csv = [
      'name,towns,website,email,description,issue_areas',
      'Lynn Leads,Lynn,,,,labor',
      'Pittsfield Progress,Pittsfield;Lenox,,,Berkshire County.,healthcare',
      'Statewide Friends,,,,An ally.,',
    ].join('\n');
    form.set('file', new File([csv], 'groups.csv', { type: 'text/csv' }));
    const preview = await admin.postMultipart('/admin/groups/import', form);
    expect(preview.status).toBe(200);
    const html = (await preview.text()).replace(/<!-- -->/g, '');
    expect(html).toContain('Preview: nothing is imported yet');
    expect(html).toMatch(/Lynn Leads<\/td><td>Added/);
    expect(html).toMatch(/Pittsfield Progress<\/td><td>Updated: towns/);
    expect(html).toMatch(/Statewide Friends<\/td><td>Unchanged/);
    expect(await groupNames()).not.toContain('Lynn Leads');

    const carried = html.match(/name="csv" value="([^"]*)"/)![1]!;
    const confirm = new FormData();
    confirm.set(
      'csv',
      carried
        .replace(/&#10;/g, '\n')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
    );
    const done = await admin.postMultipart('/admin/groups/import/confirm', confirm);
    expect(done.status).toBe(303);
    const page = (await (await admin.get('/admin/groups')).text()).replace(/<!-- -->/g, '');
    expect(page).toContain('Imported: 1 added, 1 updated, 1 unchanged.');
    expect(await groupNames()).toContain('Lynn Leads');
  });

  it('shows every bad row and imports nothing', async () => {
    const form = new FormData();
    form.set(
      'file',
      new File(['name,towns\nOk Group,Salem\nNope,Narnia\n'], 'bad.csv', { type: 'text/csv' }),
    );
    const response = await admin.postMultipart('/admin/groups/import', form);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Nothing was imported');
    expect(html).toContain('Line 3: towns: Not a Massachusetts city or town: Narnia.');
    const confirm = new FormData();
    confirm.set('csv', 'name,towns\nOk Group,Salem\nNope,Narnia\n');
    expect((await admin.postMultipart('/admin/groups/import/confirm', confirm)).status).toBe(400);
    expect(await groupNames()).not.toContain('Ok Group');
    const empty = await admin.postMultipart('/admin/groups/import', new FormData());
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Choose a CSV file.');
  });

  it('is for administrators only', async () => {
    const organizer = await ctx.signedIn({ roles: ['editor'] });
    expect((await organizer.get('/admin/groups/import')).status).toBe(403);
    const form = new FormData();
    form.set('csv', 'name,towns\nSneaky,Salem\n');
    expect((await organizer.postMultipart('/admin/groups/import/confirm', form)).status).toBe(403);
    expect(await groupNames()).not.toContain('Sneaky');
  });
});
