import { describe, expect, it } from 'vitest';
import { findTown, lookupTown, lookupZip, type Town } from '../places/lookup.ts';
import { byName, type GroupSummary, pageAfter } from './directory.ts';
import {
  distanceToGroup,
  findGroupsForPlace,
  isCandidateDistrict,
  matchesFilter,
  milesFrom,
  NEARBY_KM,
  needsDistrictChoice,
  relatedGroups,
  resolvePlace,
} from './finder.ts';

let nextId = 1;
function group(name: string, towns: string[], extra: Partial<GroupSummary> = {}): GroupSummary {
  const served = towns.map((townName) => {
    const town = findTown(townName);
    if (!town) throw new Error(`no town ${townName}`);
    return town;
  });
  return {
    id: nextId++,
    slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    name,
    kind: 'group',
    description: '',
    website: null,
    email: null,
    links: {},
    isSample: false,
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    towns: served,
    districts: [...new Set(served.flatMap((town) => town.cds))].sort((a, b) => a - b),
    issueAreas: [],
    hasContact: true,
    ...extra,
  };
}

describe('reading what the person typed', () => {
  it('finds a town whatever the spelling', () => {
    for (const typed of [
      'Manchester-by-the-Sea',
      'manchester by the sea',
      '  MANCHESTER BY THE SEA ',
    ]) {
      const answer = resolvePlace(typed);
      expect(answer.kind).toBe('found');
      if (answer.kind === 'found') expect(answer.place.town?.name).toBe('Manchester-by-the-Sea');
    }
  });

  it('reads five digits (or ZIP+4) as a ZIP code', () => {
    const answer = resolvePlace('01609-1234');
    expect(answer.kind).toBe('found');
    if (answer.kind === 'found') {
      expect(answer.place.kind).toBe('zip');
      expect(answer.place.zip).toBe('01609');
    }
  });

  it('tells a malformed ZIP from an unknown one', () => {
    expect(resolvePlace('1609').kind).toBe('malformed_zip');
    expect(resolvePlace('016091').kind).toBe('malformed_zip');
    expect(resolvePlace('99999').kind).toBe('unknown_zip');
  });

  it('suggests towns for a name it does not know', () => {
    const answer = resolvePlace('Worcster');
    expect(answer.kind).toBe('unknown_town');
    if (answer.kind === 'unknown_town')
      expect(answer.suggestions.map((town) => town.name)).toContain('Worcester');
    const typo = resolvePlace('Springfeld');
    if (typo.kind === 'unknown_town')
      expect(typo.suggestions.map((town) => town.name)).toContain('Springfield');
    expect(resolvePlace('Xq').kind === 'unknown_town' && resolvePlace('Xq')).toMatchObject({
      suggestions: [],
    });
    const partial = resolvePlace('Spring');
    expect(partial.kind).toBe('unknown_town');
    if (partial.kind === 'unknown_town')
      expect(partial.suggestions.map((town) => town.name)).toContain('Springfield');
  });

  it('treats an empty box as no search', () => {
    expect(resolvePlace('   ').kind).toBe('empty');
    expect(resolvePlace(undefined).kind).toBe('empty');
  });

  it('asks a split town or ZIP which district, and only accepts one of its own', () => {
    const boston = lookupTown('Boston')!;
    expect(needsDistrictChoice(boston, undefined)).toBe(true);
    expect(needsDistrictChoice(boston, 8)).toBe(false);
    expect(isCandidateDistrict(boston, 8)).toBe(true);
    expect(isCandidateDistrict(boston, 2)).toBe(false);
    const fitchburgZip = lookupZip('01420')!;
    expect(fitchburgZip.districts.length).toBeGreaterThan(1);
    expect(needsDistrictChoice(fitchburgZip, undefined)).toBe(true);
    expect(needsDistrictChoice(lookupTown('Worcester')!, undefined)).toBe(false);
  });
});

describe('groups for a place', () => {
  const worcester = group('Worcester Indivisible', ['Worcester']);
  const shrewsbury = group('Shrewsbury Rising', ['Shrewsbury']);
  const pittsfield = group('Berkshire Action', ['Pittsfield']);
  const northampton = group('Valley Voices', ['Northampton']);
  const statewide = group('Statewide Ally', [], { kind: 'ally' });
  const boston7 = group('Roxbury Rising', ['Boston']);
  const all = [pittsfield, northampton, shrewsbury, statewide, worcester, boston7];

  it('lists the groups serving the town first, then the nearest, statewide ones last', () => {
    const matches = findGroupsForPlace(all, lookupTown('Worcester')!);
    const names = matches.map((match) => match.group.name);
    expect(names[0]).toBe('Worcester Indivisible');
    expect(matches[0]!.servesPlace).toBe(true);
    expect(matches[0]!.distanceKm).toBe(0);
    expect(names.indexOf('Shrewsbury Rising')).toBeLessThan(names.indexOf('Valley Voices'));
    expect(names.at(-1)).toBe('Statewide Ally');
    const distances = matches.map((m) => m.distanceKm).filter((d): d is number => d !== null);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    // Pittsfield is in another district and far away.
    expect(names).not.toContain('Berkshire Action');
  });

  it('includes a nearby group across a district line, but not once a district is chosen', () => {
    const cambridgeGroup = group('Cambridge Crew', ['Cambridge']);
    const boston = lookupTown('Boston')!;
    const open = findGroupsForPlace([cambridgeGroup, boston7], boston).map((m) => m.group.name);
    expect(open).toEqual(['Roxbury Rising', 'Cambridge Crew']);
    const distance = distanceToGroup(boston.town!, cambridgeGroup)!;
    expect(distance).toBeLessThan(NEARBY_KM);
    // Cambridge is in districts 5 and 7, Boston 7 and 8: choosing 8 keeps only Boston's group.
    const chosen = findGroupsForPlace([cambridgeGroup, boston7], boston, { district: 8 });
    expect(chosen.map((m) => m.group.name)).toEqual(['Roxbury Rising']);
  });

  it('lists a ZIP code’s district groups by name, without distances', () => {
    const matches = findGroupsForPlace(all, lookupZip('01609')!);
    expect(matches.map((m) => m.group.name)).toEqual([
      'Shrewsbury Rising',
      'Valley Voices',
      'Worcester Indivisible',
      'Statewide Ally',
    ]);
    expect(matches.every((m) => m.distanceKm === null && !m.servesPlace)).toBe(true);
  });

  it('covers every candidate district of a split ZIP until one is chosen', () => {
    const fitchburg = group('Fitchburg Forward', ['Fitchburg']);
    const lowell = group('Lowell Loud', ['Lowell']);
    const zip = lookupZip('01420')!;
    const districts = zip.districts.map((d) => d.district);
    const matches = findGroupsForPlace([fitchburg, lowell, pittsfield], zip);
    for (const match of matches) {
      expect(match.group.districts.some((d) => districts.includes(d))).toBe(true);
    }
    expect(matches.map((m) => m.group.name)).toContain('Lowell Loud');
    const only3 = findGroupsForPlace([fitchburg, lowell], zip, { district: 3 });
    expect(only3.every((m) => m.group.districts.includes(3))).toBe(true);
  });

  it('filters by issue area and kind', () => {
    const climate = group('Climate Crew', ['Worcester'], { issueAreas: ['climate'] });
    const matches = findGroupsForPlace([climate, worcester, statewide], lookupTown('Worcester')!, {
      issueArea: 'climate',
    });
    expect(matches.map((m) => m.group.name)).toEqual(['Climate Crew']);
    const allies = findGroupsForPlace([climate, worcester, statewide], lookupTown('Worcester')!, {
      kind: 'ally',
    });
    expect(allies.map((m) => m.group.name)).toEqual(['Statewide Ally']);
  });

  it('matches directory filters on district, town, issue area and kind', () => {
    const worcesterTown = findTown('Worcester') as Town;
    expect(matchesFilter(worcester, { district: 2 })).toBe(true);
    expect(matchesFilter(worcester, { district: 1 })).toBe(false);
    expect(matchesFilter(worcester, { townId: worcesterTown.id })).toBe(true);
    expect(matchesFilter(shrewsbury, { townId: worcesterTown.id })).toBe(false);
    expect(matchesFilter(statewide, { kind: 'ally' })).toBe(true);
    expect(matchesFilter(worcester, { issueArea: 'climate' })).toBe(false);
  });

  it('writes distances in whole miles, at least one', () => {
    expect(milesFrom(16.09)).toBe(10);
    expect(milesFrom(0.2)).toBe(1);
  });
});

describe('related groups and paging', () => {
  it('finds groups sharing issue areas, most shared first', () => {
    const a = group('A', ['Worcester'], { issueAreas: ['climate', 'housing', 'labor'] });
    const b = group('B', ['Worcester'], { issueAreas: ['climate'] });
    const c = group('C', ['Worcester'], { issueAreas: ['climate', 'housing'] });
    const d = group('D', ['Worcester'], { issueAreas: ['education'] });
    const related = relatedGroups([a, b, c, d], a);
    expect(related.map((r) => r.group.name)).toEqual(['C', 'B']);
    expect(related[0]!.shared).toEqual(['climate', 'housing']);
    expect(relatedGroups([a, d], d)).toEqual([]);
  });

  it('pages through groups by name with an opaque cursor, without gaps or repeats', () => {
    const groups = Array.from({ length: 23 }, (_, i) =>
      group(`Group ${String.fromCharCode(97 + (i % 26))}${i}`, ['Worcester']),
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { page, next } = pageAfter(groups, cursor, 10);
      seen.push(...page.map((g) => g.name));
      cursor = next ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...groups].sort(byName).map((g) => g.name));
    expect(() => pageAfter(groups, 'not-a-cursor', 10)).toThrow(/cursor/);
  });
});
