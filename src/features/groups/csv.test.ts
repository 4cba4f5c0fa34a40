import { describe, expect, it } from 'vitest';
import { findTown } from '../places/lookup.ts';
import { parseGroupsCsv } from './csv.ts';

const HEADER = 'name,towns,website,email,description,issue_areas';

describe('reading a groups CSV', () => {
  it('reads towns and issue areas separated by ";", by slug or by name', () => {
    const { rows, errors } = parseGroupsCsv(
      `${HEADER}\nWorcester Indivisible,Worcester; Shrewsbury,worcester.example.org,Hello@Example.org,We meet on Tuesdays.,Voting rights;climate\n`,
    );
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.line).toBe(2);
    expect(row.name).toBe('Worcester Indivisible');
    expect(row.towns).toEqual(
      [findTown('Shrewsbury')!.id, findTown('Worcester')!.id].sort((a, b) => a - b),
    );
    expect(row.website).toBe('https://worcester.example.org/');
    expect(row.email).toBe('hello@example.org');
    expect(row.issueAreas).toEqual(['climate', 'voting-rights']);
  });

  it('accepts town name variants and a byte-order mark', () => {
    const { rows, errors } = parseGroupsCsv(
      `\uFEFF${HEADER}\nCape Ann,Manchester by the Sea;N. Andover;Foxboro,,,,\n`,
    );
    expect(errors).toEqual([]);
    expect(rows[0]!.towns).toHaveLength(3);
  });

  it('reports every bad row with its line number and reason, and returns no rows for them', () => {
    const csv = [
      HEADER,
      'Good Group,Worcester,,,,',
      'Bad Town,Atlantis;Worcester,,,,',
      '"Multi',
      'line name",Boston,,,"first',
      'second",climate',
      'Bad Email,Boston,,not-an-email,,',
      'Bad Area,Boston,,,,knitting',
      'Bad Site,Boston,ftp://example.org,,,',
      'X,Boston,,,,',
      'good group,Salem,,,,',
    ].join('\n');
    const { rows, errors } = parseGroupsCsv(csv);
    expect(rows.map((row) => row.name)).toEqual(['Good Group', 'Multi\nline name']);
    expect(rows[1]!.line).toBe(4);
    expect(errors.map((error) => error.line)).toEqual([3, 7, 8, 9, 10, 11]);
    expect(errors[0]!.reason).toContain('Atlantis');
    expect(errors[1]!.reason).toMatch(/^email:/);
    expect(errors[2]!.reason).toContain('knitting');
    expect(errors[3]!.reason).toMatch(/^website:/);
    expect(errors[4]!.reason).toMatch(/^name:/);
    expect(errors[5]!.reason).toContain('line 2');
  });

  it('refuses a file without a name column or with unknown columns', () => {
    expect(parseGroupsCsv('title,towns\nA,Boston\n').errors[0]!.reason).toContain('"name"');
    const unknown = parseGroupsCsv('name,towns,town_list\nA,Boston,x\n');
    expect(unknown.errors[0]).toMatchObject({ line: 1 });
    expect(unknown.errors[0]!.reason).toContain('town_list');
  });

  it('refuses an unreadable file and an empty one', () => {
    expect(parseGroupsCsv(`${HEADER}\n"unclosed,Boston\n`).errors).toHaveLength(1);
    expect(parseGroupsCsv(`${HEADER}\n`).errors[0]!.reason).toContain('no rows');
    expect(parseGroupsCsv(`${HEADER}\nA,Boston,,,\n`).errors).toHaveLength(1);
  });

  it('leaves out the columns a file does not have (they stay unchanged on import)', () => {
    const { rows } = parseGroupsCsv('name,towns\nOnly Towns,Boston\n');
    expect(rows[0]).toEqual({ line: 2, name: 'Only Towns', towns: [findTown('Boston')!.id] });
  });

  it('reads the optional kind column, empty meaning a member group', () => {
    const { rows, errors } = parseGroupsCsv('name,towns,kind\nAlly Org,,Ally\nMember,Boston,\n');
    expect(errors).toEqual([]);
    expect(rows.map((row) => row.kind)).toEqual(['ally', 'group']);
    expect(parseGroupsCsv('name,kind\nOdd,club\n').errors[0]!.reason).toMatch(/^kind:/);
  });
});
