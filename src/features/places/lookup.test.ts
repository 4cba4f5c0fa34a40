/**
 * Checks lookup.ts against the public source files themselves (parsed here, independently of
 * scripts/build-places-data.ts), so that a bug in the build shows up as a failure.
 * The source directory is ../shared/data from the repository root, or $PLACES_DATA_DIR;
 * the source-comparison suites are skipped when it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  distanceKm,
  findTown,
  getDistrict,
  isZip,
  listDistricts,
  listSenators,
  listStateLegislators,
  listTowns,
  listZips,
  lookupTown,
  lookupZip,
  normalizeTownName,
  suggestTowns,
  type Town,
} from './lookup.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DATA_DIR = resolve(process.env.PLACES_DATA_DIR ?? join(REPO_ROOT, '../shared/data'));
const HAVE_DATA = existsSync(join(DATA_DIR, 'ma-towns-districts.csv'));

type Row = Record<string, string>;
const readCsv = (file: string): Row[] =>
  HAVE_DATA ? parse(readFileSync(join(DATA_DIR, file), 'utf8'), { columns: true }) : [];
const list = (cell: string) => (cell === '' ? [] : cell.split(';'));

const townRows = readCsv('ma-towns-districts.csv');
const zipRows = readCsv('ma-zip-cd-census-cd118.csv');
const memberRows = readCsv('ma-us-congress-members.csv');
const officeRows = readCsv('ma-us-congress-district-offices.csv');
const legislatorRows = readCsv('ma-state-legislators.csv');
const precinctRows = readCsv('ma-precincts-districts-2022.csv');

const houseMemberName = (district: number) =>
  memberRows.find((m) => m.chamber === 'house' && Number(m.district) === district)?.name;
const legislatorName = (chamber: string, district: string) =>
  legislatorRows.find((l) => l.chamber === chamber && l.district === district)?.name;
const names = (xs: ReadonlyArray<{ name: string }>) => xs.map((x) => x.name);
const districtNumbers = (xs: ReadonlyArray<{ district: number }>) => xs.map((x) => x.district);

/** Independent ray-casting point-in-polygon over a GeoJSON (Multi)Polygon. */
function contains(geometry: { type: string; coordinates: unknown }, lon: number, lat: number) {
  const polygons = (
    geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  ) as number[][][][];
  const inRing = (ring: number[][]) => {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) {
        inside = !inside;
      }
    }
    return inside;
  };
  return polygons.some(([outer, ...holes]) => inRing(outer) && !holes.some(inRing));
}

describe.skipIf(!HAVE_DATA)('every town in ma-towns-districts.csv', () => {
  it('has 351 rows, all of them listed', () => {
    expect(townRows).toHaveLength(351);
    expect(listTowns()).toHaveLength(351);
    expect(new Set(listTowns().map((t) => t.id))).toEqual(
      new Set(townRows.map((r) => Number(r.town_id))),
    );
  });

  it.each(townRows.map((r) => [r.town, r] as const))('%s agrees with the source', (_, row) => {
    const result = lookupTown(row.town);
    expect(result).toBeDefined();
    if (!result) return;
    const { town, districts } = result;
    expect(result.kind).toBe('town');
    expect(town?.name).toBe(row.town);
    expect(town?.id).toBe(Number(row.town_id));
    expect(town?.county).toBe(row.county);
    expect(town?.type).toBe(row.municipality_type);
    expect(town?.pop2020).toBe(Number(row.pop_2020));

    // U.S. House: same districts, same order (largest share first), same shares.
    const cds = list(row.congressional_districts).map(Number);
    expect(districtNumbers(districts)).toEqual(cds);
    expect(districts[0].district).toBe(Number(row.primary_congressional_district));
    const shares = Object.fromEntries(
      list(row.cd_share_2022_votes).map((s) => s.split(':').map(Number)),
    );
    for (const d of districts) expect(d.share).toBeCloseTo(shares[d.district], 3);
    for (let i = 1; i < districts.length; i++) {
      expect(districts[i].share ?? 0).toBeLessThanOrEqual(districts[i - 1].share ?? 0);
    }
    expect(result.ranked).toBe(true);
    expect(names(result.representatives)).toEqual(cds.map(houseMemberName));
    expect(result.representatives.map((r) => r.district)).toEqual(cds);
    expect(names(result.senators).sort()).toEqual(
      memberRows
        .filter((m) => m.chamber === 'senate')
        .map((m) => m.name)
        .sort(),
    );

    // State legislature: same districts in the same order; members of the filled seats.
    const reps = list(row.state_rep_districts);
    const sens = list(row.state_senate_districts);
    expect(result.stateRepDistricts).toEqual(reps);
    expect(result.stateSenateDistricts).toEqual(sens);
    expect(names(result.stateRepresentatives)).toEqual(
      reps.map((d) => legislatorName('house', d)).filter((n) => n !== undefined),
    );
    expect(names(result.stateSenators)).toEqual(
      sens.map((d) => legislatorName('senate', d)).filter((n) => n !== undefined),
    );
  });

  it('returns every U.S. House district found among the town precincts', () => {
    const byTown = new Map<string, Set<number>>();
    for (const p of precinctRows) {
      const set = byTown.get(p.city_town) ?? new Set<number>();
      set.add(Number(p.US_House));
      byTown.set(p.city_town, set);
    }
    expect(byTown.size).toBe(351);
    for (const [name, cds] of byTown) {
      expect(new Set(districtNumbers(lookupTown(name)?.districts ?? [])), name).toEqual(cds);
    }
  });

  it('gives each town a representative point inside its own polygon', () => {
    const shapes = JSON.parse(readFileSync(join(DATA_DIR, 'ma-towns-simplified.geojson'), 'utf8'));
    const byId = new Map<number, { type: string; coordinates: unknown }>(
      shapes.features.map((f: { properties: { town_id: number }; geometry: never }) => [
        f.properties.town_id,
        f.geometry,
      ]),
    );
    const outside = listTowns().filter((t) => {
      const g = byId.get(t.id);
      return !g || !contains(g, t.lon, t.lat);
    });
    expect(names(outside)).toEqual([]);
  });

  it('reaches every sitting state legislator through some town', () => {
    const reached = new Set<string>();
    for (const t of listTowns()) {
      const r = lookupTown(t.name);
      for (const l of [...(r?.stateRepresentatives ?? []), ...(r?.stateSenators ?? [])]) {
        reached.add(`${l.chamber}|${l.district}|${l.name}|${l.id}`);
      }
    }
    expect(reached).toEqual(
      new Set(legislatorRows.map((l) => `${l.chamber}|${l.district}|${l.name}|${l.ocd_person_id}`)),
    );
  });

  it('lists every sitting state legislator and both senators', () => {
    expect(
      listStateLegislators()
        .map((l) => l.id)
        .sort(),
    ).toEqual(legislatorRows.map((l) => l.ocd_person_id).sort());
    expect(names(listSenators()).sort()).toEqual(
      memberRows
        .filter((m) => m.chamber === 'senate')
        .map((m) => m.name)
        .sort(),
    );
  });

  it('leaves out the vacant seats (17th Middlesex, 1st Franklin) but keeps their districts', () => {
    const lowell = lookupTown('Lowell');
    expect(lowell?.stateRepDistricts).toContain('17th Middlesex');
    expect(lowell?.stateRepresentatives.map((l) => l.district)).not.toContain('17th Middlesex');
  });
});

describe.skipIf(!HAVE_DATA)('every ZCTA in ma-zip-cd-census-cd118.csv', () => {
  it('has 540 rows, all of them listed', () => {
    expect(zipRows).toHaveLength(540);
    expect(listZips()).toEqual(zipRows.map((r) => r.zcta).sort());
  });

  it.each(zipRows.map((r) => [r.zcta, r] as const))('%s agrees with the source', (zcta, row) => {
    const result = lookupZip(zcta);
    expect(result).toBeDefined();
    if (!result) return;
    const cds = list(row.ma_congressional_districts).map(Number);
    expect(result.kind).toBe('zip');
    expect(result.zip).toBe(zcta);
    expect(new Set(districtNumbers(result.districts))).toEqual(new Set(cds));
    // No shares in the source: split ZCTAs are unranked and come in ascending order.
    expect(districtNumbers(result.districts)).toEqual([...cds].sort((a, b) => a - b));
    expect(result.districts.every((d) => d.share === undefined)).toBe(true);
    expect(result.ranked).toBe(cds.length === 1);
    expect(names(result.representatives)).toEqual(
      districtNumbers(result.districts).map(houseMemberName),
    );
    expect(result.senators).toHaveLength(2);
    expect(result.outOfStateDistricts).toEqual(
      list(row.state_districts).filter((g) => !g.startsWith('25')),
    );
  });
});

describe.skipIf(!HAVE_DATA)('members of Congress', () => {
  it('gives each district 1..9 its House member, with the district offices', () => {
    for (let n = 1; n <= 9; n++) {
      const row = memberRows.find((m) => m.chamber === 'house' && Number(m.district) === n);
      const rep = getDistrict(n)?.representative;
      expect(rep?.name).toBe(row?.name);
      expect(rep?.bioguideId).toBe(row?.bioguide_id);
      expect(rep?.phone).toBe(row?.dc_phone);
      expect(rep?.website).toBe(row?.website);
      expect(rep?.twitter).toBe(row?.twitter || undefined);
      expect(rep?.offices.map((o) => o.city).sort()).toEqual(
        officeRows
          .filter((o) => o.bioguide_id === row?.bioguide_id)
          .map((o) => o.city)
          .sort(),
      );
    }
  });

  it('lists the towns of each district (83/68/35/35/23/39/7/21/49)', () => {
    for (const d of listDistricts()) {
      const expected = townRows
        .filter((r) => list(r.congressional_districts).map(Number).includes(d.district))
        .map((r) => r.town)
        .sort();
      expect(names(d.towns).sort()).toEqual(expected);
    }
    expect(listDistricts().map((d) => d.towns.length)).toEqual([83, 68, 35, 35, 23, 39, 7, 21, 49]);
  });
});

describe('town names', () => {
  it.each([
    ['Manchester-by-the-Sea', 'Manchester-by-the-Sea'],
    ['Manchester by the Sea', 'Manchester-by-the-Sea'],
    ['MANCHESTER-BY-THE-SEA', 'Manchester-by-the-Sea'],
    ['manchester', 'Manchester-by-the-Sea'],
    ['Town of Manchester-by-the-Sea, MA', 'Manchester-by-the-Sea'],
    ['foxboro', 'Foxborough'],
    ['Foxborough', 'Foxborough'],
    [' boston ', 'Boston'],
    ['Boston, MA 02108', 'Boston'],
    ['The City of Boston', 'Boston'],
    ['Salem, Massachusetts', 'Salem'],
    ['Agawam Town', 'Agawam'],
    ['Mt. Washington', 'Mount Washington'],
    ['Mt Washington', 'Mount Washington'],
    ['N. Andover', 'North Andover'],
    ['No. Reading', 'North Reading'],
    ['So. Hadley', 'South Hadley'],
    ['W Springfield', 'West Springfield'],
    ['E. Longmeadow', 'East Longmeadow'],
    ['Gt. Barrington', 'Great Barrington'],
    ['Middleboro', 'Middleborough'],
    ['Marlboro', 'Marlborough'],
    ['New Marlboro', 'New Marlborough'],
    ['Southboro', 'Southborough'],
    ['Westboro', 'Westborough'],
    ['Tyngsboro', 'Tyngsborough'],
    ['Attleboro', 'Attleboro'],
    ['Attleborough', 'Attleboro'],
    ['North Attleboro', 'North Attleborough'],
    ['East Hampton', 'Easthampton'],
    ['Gay Head', 'Aquinnah'],
    ['WEST   TISBURY', 'West Tisbury'],
  ])('%j is %s', (input, name) => {
    expect(findTown(input)?.name).toBe(name);
  });

  it('finds every official name under common spellings', () => {
    for (const { name } of listTowns()) {
      const variants = [
        name,
        name.toUpperCase(),
        name.toLowerCase().replace(/[- ]/g, ''),
        name.replace(/-/g, ' '),
        ` ${name}  `,
        `Town of ${name}`,
        `City of ${name}`,
        `${name}, MA`,
        `${name} MA`,
        `${name}, Massachusetts`,
        name.replace(/borough\b/, 'boro').replace(/boro\b/, 'borough'),
        name.replace(/borough\b/, 'boro'),
        name.replace(/^North /, 'N. ').replace(/^South /, 'S. '),
        name.replace(/^East /, 'E. ').replace(/^West /, 'W. '),
        name.replace(/^Mount /, 'Mt. '),
      ];
      for (const v of variants) expect(findTown(v)?.name, v).toBe(name);
    }
  });

  it('gives every town its own key', () => {
    const keys = listTowns().map((t) => normalizeTownName(t.name));
    expect(new Set(keys).size).toBe(351);
    expect(keys.every((k) => /^[a-z0-9]+$/.test(k))).toBe(true);
  });

  it.each([
    '',
    '   ',
    'Springfeld',
    'Dorchester',
    'Hyannis',
    'Manchester, NH',
    'MA',
    'Boston Harbor',
  ])('does not know %j', (input) => {
    expect(findTown(input)).toBeUndefined();
    expect(lookupTown(input)).toBeUndefined();
  });
});

describe('split towns', () => {
  it.each([
    ['Boston', [7, 8]],
    ['Cambridge', [7, 5]],
    ['Milton', [8, 7]],
    ['Billerica', [3, 6]],
    ['Bedford', [6, 5]],
    ['Raynham', [4, 9]],
    ['Webster', [2, 1]],
    ['Wellesley', [5, 4]],
    ['Westminster', [3, 2]],
  ])('%s returns districts %j, larger share first', (name, cds) => {
    const result = lookupTown(name);
    expect(result?.districts.map((d) => d.district)).toEqual(cds);
    expect(result?.representatives.map((r) => r.district)).toEqual(cds);
    const [first, second] = result?.districts ?? [];
    expect(first.share).toBeGreaterThan(second.share ?? 1);
  });

  it('are exactly those nine', () => {
    expect(listTowns().filter((t) => t.cds.length > 1)).toHaveLength(9);
  });

  it('keep the query as typed', () => {
    expect(lookupTown(' boston ')?.query).toBe(' boston ');
  });
});

describe('ZIP codes', () => {
  it.each(['02138', ' 02138 ', '02138-1234', '01001'])('%j is well formed', (zip) => {
    expect(isZip(zip)).toBe(true);
  });

  it.each(['', '2138', '021380', '0213a', '02138-12', 'ABCDE', '02 138', '02138 1234'])(
    '%j is malformed, and looks up nothing',
    (zip) => {
      expect(isZip(zip)).toBe(false);
      expect(lookupZip(zip)).toBeUndefined();
    },
  );

  // 10001: New York; 02101: a Boston PO-box ZIP with no ZCTA of its own.
  it.each(['10001', '99999', '00000', '02101'])(
    'well-formed %s outside the table is unknown',
    (zip) => {
      expect(isZip(zip)).toBe(true);
      expect(lookupZip(zip)).toBeUndefined();
    },
  );

  it('keeps leading zeros and accepts ZIP+4', () => {
    expect(lookupZip('01001')?.zip).toBe('01001');
    const plus4 = lookupZip('02138-1234');
    expect(plus4?.zip).toBe('02138');
    expect(plus4?.query).toBe('02138-1234');
    expect(plus4?.districts.map((d) => d.district)).toEqual([5, 7]);
    expect(plus4?.ranked).toBe(false);
  });

  it('flags the Pawtucket ZCTA that is mostly in Rhode Island', () => {
    expect(lookupZip('02861')?.outOfStateDistricts).toEqual(['4401']);
    expect(lookupZip('02861')?.districts).toEqual([{ district: 4 }]);
  });
});

describe('suggestTowns', () => {
  const suggest = (prefix: string, limit?: number) =>
    suggestTowns(prefix, limit).map((t) => t.name);

  it('puts names starting with the prefix before names containing it', () => {
    expect(suggest('salem')).toEqual(['Salem', 'New Salem']);
    expect(suggest('reading')).toEqual(['Reading', 'North Reading']);
  });

  it('matches the way normalizeTownName does', () => {
    expect(suggest('fox')).toEqual(['Foxborough']);
    expect(suggest('foxboro')).toEqual(['Foxborough']);
    expect(suggest('FOXBOROU')).toEqual(['Foxborough']);
    expect(suggest('manch')).toEqual(['Manchester-by-the-Sea']);
    expect(suggest('manchester by')).toEqual(['Manchester-by-the-Sea']);
    expect(suggest('Mt. W')).toEqual(['Mount Washington']);
    expect(suggest('n. and')).toEqual(['North Andover']);
    expect(suggest('west b')).toEqual([
      'West Boylston',
      'West Bridgewater',
      'West Brookfield',
      'Westborough',
    ]);
  });

  it('does not expand a lone first letter', () => {
    expect(suggest('n', 351)).toEqual(expect.arrayContaining(['Nahant', 'North Adams']));
  });

  it('respects the limit (8 by default)', () => {
    expect(suggest('a')).toHaveLength(8);
    expect(suggest('a', 3)).toHaveLength(3);
    expect(suggest('a', 0)).toEqual([]);
  });

  it('suggests nothing for empty or unmatched input', () => {
    expect(suggest('')).toEqual([]);
    expect(suggest('  -  ')).toEqual([]);
    expect(suggest('xyz')).toEqual([]);
  });
});

describe('districts', () => {
  it('knows 1..9 only', () => {
    expect(listDistricts().map((d) => d.district)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(getDistrict(7)?.representative?.district).toBe(7);
    for (const n of [0, 10, -1, 1.5, Number.NaN]) expect(getDistrict(n)).toBeUndefined();
  });
});

describe('distanceKm', () => {
  const town = (name: string): Town => {
    const t = findTown(name);
    if (!t) throw new Error(name);
    return t;
  };

  it('is a haversine distance', () => {
    expect(distanceKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 })).toBeCloseTo(111.195, 2);
    expect(distanceKm({ lat: 42, lon: -71 }, { lat: 42, lon: -71 })).toBe(0);
  });

  it('measures between town points', () => {
    const [boston, cambridge, pittsfield] = ['Boston', 'Cambridge', 'Pittsfield'].map(town);
    expect(distanceKm(boston, cambridge)).toBeLessThan(10);
    expect(distanceKm(boston, pittsfield)).toBeGreaterThan(165);
    expect(distanceKm(boston, pittsfield)).toBeLessThan(195);
    expect(distanceKm(boston, pittsfield)).toBeCloseTo(distanceKm(pittsfield, boston), 9);
  });
});

describe('shared tables', () => {
  it('are frozen', () => {
    const boston = findTown('Boston');
    expect(Object.isFrozen(boston)).toBe(true);
    expect(Object.isFrozen(boston?.cds)).toBe(true);
    expect(Object.isFrozen(listTowns())).toBe(true);
  });
});
