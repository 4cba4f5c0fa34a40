/**
 * Builds the compact Massachusetts place tables used by src/features/places/lookup.ts.
 *
 *   node --import tsx scripts/build-places-data.ts [dataDir]
 *
 * dataDir defaults to ../shared/data relative to the repository root. Its README.md
 * documents every input file; this script checks that the commits it cites as
 * provenance still appear there, validates the inputs, and fails loudly on surprises.
 *
 * Output (src/features/places/data/, compact JSON, one record per line):
 *   towns.json, zips.json, members.json, legislators.json, districts-outline.json,
 *   and towns-outline.json only when it fits in TOWNS_OUTLINE_MAX_BYTES.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(REPO_ROOT, 'src/features/places/data');
const TOWNS_OUTLINE_MAX_BYTES = 150 * 1024;
const OUTLINE_DECIMALS = 4;
const POINT_DECIMALS = 5;

/** Provenance of each output, transcribed from the data README (checked against it at run time). */
const SOURCES = {
  towns:
    'Derived table ma-towns-districts.csv: precinct districts from bwbensonjr/ma-wards-precincts ' +
    'ma_districts_precincts_2022.csv @ 19508fa571c2d7b61a76e74b5c929037611ec50d, weighted by 2022 ' +
    'U.S. House ballots from the same repo/commit; town id/county/type/pop and polygons (for the ' +
    'centroid) from bwbensonjr/mapoli gis/geojson/city_town_2024.geojson @ ' +
    '9d3c15b10fcb217fffb3e589b3f0afff5aa3c394 (MassGIS town boundaries).',
  zips:
    'Ruqsaq/force-vote zip-to-district.json @ effdfdc9838bc1bd5942008f44c245c893381f72, generated from ' +
    'the Census Bureau 2020 ZCTA <-> CD118 relationship file tab20_cd11820_zcta520_natl.txt ' +
    '(MA lines are identical for the 118th and 119th Congress).',
  members:
    'unitedstates/congress-legislators (CC0) legislators-current.yaml, legislators-social-media.yaml ' +
    'and legislators-district-offices.yaml @ dfa9622263dd4c8d08636926e498f1845704d7eb.',
  legislators:
    'openstates/people (CC0) data/ma/legislature/*.yml @ 934bf09a94a35351baf872c70e778a4367c8266e.',
  districtsOutline:
    'civic-interconnect/civic-data-boundaries-us-cd118 data-in/tiger/25/tl_2022_25_cd118 @ ' +
    '5be8913ca999048f63351aa24d932206a4dd69c6 (Census TIGER/Line 2022, public domain), simplified ' +
    'to 8% with mapshaper; display only, never for point-in-polygon lookups.',
  townsOutline:
    'bwbensonjr/mapoli gis/geojson/city_town_2024.geojson @ 9d3c15b10fcb217fffb3e589b3f0afff5aa3c394 ' +
    '(MassGIS town boundaries), reprojected to WGS84 and simplified to 5%; display only.',
} as const;

// ---------------------------------------------------------------------------------------------
// Input shapes

type Row = Record<string, string>;
type Position = [number, number];
type Ring = Position[];
type PolygonCoords = Ring[];
interface Geometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: PolygonCoords | PolygonCoords[];
}
interface Feature<P> {
  type: 'Feature';
  geometry: Geometry;
  properties: P;
}
interface FeatureCollection<P> {
  type: 'FeatureCollection';
  features: Feature<P>[];
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function fail(message: string): never {
  throw new Error(`build-places-data: ${message}`);
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) fail(message);
}

function readCsv(dataDir: string, file: string): Row[] {
  const rows: Row[] = parse(readFileSync(join(dataDir, file), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  });
  return rows;
}

function readJson<T>(dataDir: string, file: string): T {
  return JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as T;
}

/** Splits a `;`-separated multi-valued cell; empty cell -> []. */
function splitList(cell: string): string[] {
  return cell === '' ? [] : cell.split(';').map((s) => s.trim());
}

function toInt(cell: string, what: string): number {
  check(/^-?\d+$/.test(cell.trim()), `${what}: expected an integer, got "${cell}"`);
  return Number(cell);
}

function round(n: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(n * f) / f;
}

/** Copies `value` into `target[key]` only when it is a non-empty string (keeps records compact). */
function setIfPresent<T extends object>(target: T, key: string, value: string | undefined): void {
  if (value !== undefined && value.trim() !== '') {
    (target as Record<string, unknown>)[key] = value.trim();
  }
}

/** JSON with one array element (or object entry) per line under each top-level key. */
function compactJson(doc: Record<string, unknown>): string {
  const parts = Object.entries(doc).map(([key, value]) => {
    let body: string;
    if (Array.isArray(value) && value.length > 0) {
      body = `[\n${value.map((v) => JSON.stringify(v)).join(',\n')}\n]`;
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value as Record<string, unknown>);
      body =
        entries.length === 0
          ? '{}'
          : `{\n${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',\n')}\n}`;
    } else {
      body = JSON.stringify(value);
    }
    return `${JSON.stringify(key)}:${body}`;
  });
  return `{${parts.join(',\n')}}\n`;
}

function writeOutput(file: string, doc: Record<string, unknown>): number {
  const text = compactJson(doc);
  JSON.parse(text); // never write something we cannot read back
  writeFileSync(join(OUT_DIR, file), text);
  return Buffer.byteLength(text);
}

// ---------------------------------------------------------------------------------------------
// Geometry

function polygonsOf(geometry: Geometry): PolygonCoords[] {
  return geometry.type === 'Polygon'
    ? [geometry.coordinates as PolygonCoords]
    : (geometry.coordinates as PolygonCoords[]);
}

/** Signed shoelace area and first moments of one ring, in degree units. */
function ringMoments(ring: Ring): { a: number; cx: number; cy: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[i + 1];
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return { a: a / 2, cx: cx / 6, cy: cy / 6 };
}

/**
 * Area-weighted centroid of a (multi)polygon with holes. Computed in plain lon/lat: an
 * equirectangular projection is an affine map, which preserves centroids, so this equals the
 * projected centroid exactly (at town scale the projection error itself is negligible).
 */
function centroid(geometry: Geometry): { lat: number; lon: number } {
  let area = 0;
  let mx = 0;
  let my = 0;
  for (const polygon of polygonsOf(geometry)) {
    polygon.forEach((ring, i) => {
      const m = ringMoments(ring);
      // Outer rings add, holes subtract, whatever their winding.
      const sign = (i === 0 ? 1 : -1) * Math.sign(m.a);
      area += sign * m.a;
      mx += sign * m.cx;
      my += sign * m.cy;
    });
  }
  check(area > 0, 'degenerate town polygon');
  return { lat: my / area, lon: mx / area };
}

function pointInRing([x, y]: Position, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function pointInGeometry(point: Position, geometry: Geometry): boolean {
  return polygonsOf(geometry).some(
    ([outer, ...holes]) => pointInRing(point, outer) && !holes.some((h) => pointInRing(point, h)),
  );
}

/**
 * Midpoint of the widest stretch of `geometry` along the parallel at `lat` (even-odd rule over
 * all rings), or undefined if that parallel misses it. Like GEOS's "point on surface".
 */
function pointOnParallel(
  geometry: Geometry,
  lat: number,
): { lat: number; lon: number } | undefined {
  const xs: number[] = [];
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > lat !== yj > lat) xs.push(((xj - xi) * (lat - yi)) / (yj - yi) + xi);
      }
    }
  }
  xs.sort((a, b) => a - b);
  let best: [number, number] | undefined;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    if (!best || xs[k + 1] - xs[k] > best[1] - best[0]) best = [xs[k], xs[k + 1]];
  }
  return best && { lat, lon: (best[0] + best[1]) / 2 };
}

/**
 * A representative point for "nearest first" sorting: the area-weighted centroid or, when that
 * falls outside the town (a concave outline such as Somerset's), the middle of the widest
 * stretch of the town along the centroid's parallel. `adjusted` tells which one was used.
 */
function representativePoint(geometry: Geometry): { lat: number; lon: number; adjusted: boolean } {
  const c = centroid(geometry);
  if (pointInGeometry([c.lon, c.lat], geometry)) return { ...c, adjusted: false };
  const p = pointOnParallel(geometry, c.lat);
  check(p && pointInGeometry([p.lon, p.lat], geometry), 'no interior point found');
  return { ...p, adjusted: true };
}

/** Rounds every ring, drops repeated points, and drops rings that collapse below a triangle. */
function roundGeometry(geometry: Geometry, decimals: number): Geometry {
  const roundRing = (ring: Ring): Ring => {
    const out: Ring = [];
    for (const [x, y] of ring) {
      const p: Position = [round(x, decimals), round(y, decimals)];
      const prev = out[out.length - 1];
      if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) out.push(p);
    }
    return out;
  };
  const polygons = polygonsOf(geometry)
    .map((polygon) => polygon.map(roundRing).filter((ring) => ring.length >= 4))
    .filter((polygon) => polygon.length > 0);
  check(polygons.length > 0, 'a geometry vanished when rounded');
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons };
}

// ---------------------------------------------------------------------------------------------
// Builders

interface TownOut {
  id: number;
  name: string;
  county: string;
  type: string;
  pop2020: number;
  cds: number[];
  cdShares: Record<string, number>;
  stateRep: string[];
  stateSenate: string[];
  lat: number;
  lon: number;
}

interface TownShape {
  town: string;
  town_id: number;
  county: string;
  pop_2020: number;
}

const MUNICIPALITY_TYPES = new Set(['city', 'town', 'city (town form)']);

/** Parses `7:0.630;8:0.370` into ordered [district, share] pairs. */
function parseShares(cell: string, town: string): Array<[number, number]> {
  return splitList(cell).map((part) => {
    const m = /^(\d+):(\d*\.?\d+)$/.exec(part);
    check(m, `${town}: bad cd_share_2022_votes entry "${part}"`);
    return [Number(m[1]), Number(m[2])];
  });
}

function buildTowns(dataDir: string): { towns: TownOut[]; warnings: string[] } {
  const rows = readCsv(dataDir, 'ma-towns-districts.csv');
  const shapes = readJson<FeatureCollection<TownShape>>(dataDir, 'ma-towns-simplified.geojson');
  const shapeById = new Map(shapes.features.map((f) => [f.properties.town_id, f]));
  const warnings: string[] = [];

  const towns = rows.map((row): TownOut => {
    const name = row.town.trim();
    const id = toInt(row.town_id, `${name} town_id`);
    const cds = splitList(row.congressional_districts).map((d) => toInt(d, `${name} CD`));
    const shares = parseShares(row.cd_share_2022_votes, name);
    check(cds.length > 0, `${name}: no congressional district`);
    check(MUNICIPALITY_TYPES.has(row.municipality_type), `${name}: type ${row.municipality_type}`);
    check(
      shares.length === cds.length && shares.every(([d]) => cds.includes(d)),
      `${name}: cd_share_2022_votes does not cover congressional_districts`,
    );
    const sum = shares.reduce((s, [, v]) => s + v, 0);
    check(Math.abs(sum - 1) < 0.005, `${name}: CD shares sum to ${sum}`);
    // Largest share first; the CSV's own order (already by share) breaks exact ties.
    const ordered = [...shares].sort(
      (a, b) => b[1] - a[1] || cds.indexOf(a[0]) - cds.indexOf(b[0]),
    );
    if (ordered.some(([d], i) => d !== cds[i])) {
      warnings.push(`${name}: congressional_districts were not in share order; reordered`);
    }
    check(
      toInt(row.primary_congressional_district, `${name} primary CD`) === ordered[0][0],
      `${name}: primary CD is not the largest share`,
    );
    check((row.split_between_cds === 'yes') === cds.length > 1, `${name}: split flag`);

    const shape = shapeById.get(id);
    check(shape, `${name}: no polygon with town_id ${id} in ma-towns-simplified.geojson`);
    check(shape.properties.town === name, `${name}: polygon is named ${shape.properties.town}`);
    const point = representativePoint(shape.geometry);
    if (point.adjusted) {
      warnings.push(`${name}: centroid lies outside the town; used an interior point instead`);
    }

    return {
      id,
      name,
      county: row.county.trim(),
      type: row.municipality_type,
      pop2020: toInt(row.pop_2020, `${name} pop_2020`),
      cds: ordered.map(([d]) => d),
      cdShares: Object.fromEntries(ordered.map(([d, s]) => [String(d), s])),
      stateRep: splitList(row.state_rep_districts),
      stateSenate: splitList(row.state_senate_districts),
      lat: round(point.lat, POINT_DECIMALS),
      lon: round(point.lon, POINT_DECIMALS),
    };
  });

  check(towns.length === 351, `expected 351 towns, got ${towns.length}`);
  check(new Set(towns.map((t) => t.id)).size === 351, 'duplicate town ids');
  check(new Set(towns.map((t) => t.name)).size === 351, 'duplicate town names');
  check(shapes.features.length === 351, `expected 351 town polygons`);
  for (const t of towns) {
    check(
      t.cds.every((d) => d >= 1 && d <= 9),
      `${t.name}: CD out of range`,
    );
    check(t.stateRep.length > 0 && t.stateSenate.length > 0, `${t.name}: no state districts`);
    check(t.lat > 41 && t.lat < 43 && t.lon > -73.6 && t.lon < -69.8, `${t.name}: point off MA`);
  }
  towns.sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return { towns, warnings };
}

/**
 * ZCTA -> ordered CDs. The Census relationship file as transcribed carries no overlap areas,
 * and the OSAT file is a plain pair list, so there is nothing to rank the candidates of a
 * split ZCTA by: they are kept in ascending district order and marked unranked by the lookup.
 * The OSAT file is used only as a consistency check (it must be a superset).
 */
function buildZips(dataDir: string): {
  zips: Record<string, number[]>;
  otherStates: Record<string, string[]>;
  warnings: string[];
} {
  const rows = readCsv(dataDir, 'ma-zip-cd-census-cd118.csv');
  const osat = readCsv(dataDir, 'ma-zip-cd-zccd119-osat.csv');
  const osatByZip = new Map<string, Set<number>>();
  for (const r of osat) {
    const set = osatByZip.get(r.zcta) ?? new Set<number>();
    set.add(toInt(r.cd, `OSAT ${r.zcta} cd`));
    osatByZip.set(r.zcta, set);
  }

  const zips: Record<string, number[]> = {};
  const otherStates: Record<string, string[]> = {};
  const warnings: string[] = [];
  for (const row of rows) {
    const zcta = row.zcta.trim();
    check(/^\d{5}$/.test(zcta), `bad ZCTA "${zcta}"`);
    check(!(zcta in zips), `duplicate ZCTA ${zcta}`);
    const cds = splitList(row.ma_congressional_districts).map((d) => toInt(d, `${zcta} CD`));
    check(cds.length > 0 && cds.every((d) => d >= 1 && d <= 9), `${zcta}: bad CDs`);
    const geoids = splitList(row.state_districts);
    const maFromGeoids = geoids.filter((g) => g.startsWith('25')).map((g) => Number(g.slice(2)));
    check(
      maFromGeoids.length === cds.length && maFromGeoids.every((d) => cds.includes(d)),
      `${zcta}: state_districts disagree with ma_congressional_districts`,
    );
    const foreign = geoids.filter((g) => !g.startsWith('25'));
    if (foreign.length > 0) {
      otherStates[zcta] = foreign;
      warnings.push(`${zcta}: also in non-MA district(s) ${foreign.join(', ')}`);
    }
    const osatCds = osatByZip.get(zcta);
    if (!osatCds) warnings.push(`${zcta}: missing from the OSAT file`);
    else if (!cds.every((d) => osatCds.has(d))) warnings.push(`${zcta}: CD missing from OSAT`);
    zips[zcta] = [...cds].sort((a, b) => a - b);
  }
  check(Object.keys(zips).length === 540, `expected 540 ZCTAs, got ${Object.keys(zips).length}`);
  return { zips, otherStates, warnings };
}

interface OfficeOut {
  city: string;
  address: string;
  suite?: string;
  zip: string;
  phone?: string;
  fax?: string;
  lat: number;
  lon: number;
}

interface MemberOut {
  chamber: 'house' | 'senate';
  district?: number;
  name: string;
  firstName: string;
  lastName: string;
  party: string;
  bioguideId: string;
  website: string;
  phone: string;
  dcAddress: string;
  contactForm?: string;
  twitter?: string;
  senateClass?: number;
  termEnd: string;
  offices: OfficeOut[];
}

function buildOffice(row: Row): OfficeOut {
  const office: OfficeOut = {
    city: row.city.trim(),
    address: row.address.trim(),
    zip: row.zip.trim(),
    lat: round(Number(row.latitude), 6),
    lon: round(Number(row.longitude), 6),
  };
  setIfPresent(office, 'suite', row.suite);
  setIfPresent(office, 'phone', row.phone);
  setIfPresent(office, 'fax', row.fax);
  return office;
}

function buildMembers(dataDir: string): { house: MemberOut[]; senate: MemberOut[] } {
  const rows = readCsv(dataDir, 'ma-us-congress-members.csv');
  const offices = readCsv(dataDir, 'ma-us-congress-district-offices.csv');
  const members = rows.map((row): MemberOut => {
    check(row.chamber === 'house' || row.chamber === 'senate', `chamber ${row.chamber}`);
    const seat =
      row.chamber === 'house'
        ? { district: toInt(row.district, `${row.name} district`) }
        : { senateClass: toInt(row.senate_class, `${row.name} senate_class`) };
    const member: MemberOut = {
      chamber: row.chamber,
      ...seat,
      name: row.name.trim(),
      firstName: row.first_name.trim(),
      lastName: row.last_name.trim(),
      party: row.party.trim(),
      bioguideId: row.bioguide_id.trim(),
      website: row.website.trim(),
      phone: row.dc_phone.trim(),
      dcAddress: row.dc_address.trim(),
      termEnd: row.term_end.trim(),
      offices: offices.filter((o) => o.bioguide_id === row.bioguide_id).map(buildOffice),
    };
    setIfPresent(member, 'contactForm', row.contact_form);
    setIfPresent(member, 'twitter', row.twitter);
    return member;
  });
  const known = new Set(members.map((m) => m.bioguideId));
  for (const o of offices) check(known.has(o.bioguide_id), `office for unknown member ${o.name}`);

  const house = members
    .filter((m) => m.chamber === 'house')
    .sort((a, b) => (a.district ?? 0) - (b.district ?? 0));
  const senate = members.filter((m) => m.chamber === 'senate');
  check(
    house.length === 9 && house.every((m, i) => m.district === i + 1),
    'expected one House member for each of districts 1..9',
  );
  check(senate.length === 2, `expected 2 senators, got ${senate.length}`);
  return { house, senate };
}

interface LegislatorOut {
  /** Open States person id (ocd-person/...), stable across terms. */
  id: string;
  chamber: 'house' | 'senate';
  district: string;
  name: string;
  party: string;
  email?: string;
  phone?: string;
  profileUrl?: string;
}

/** House before Senate, then district names in natural order ("2nd Essex" before "10th Essex"). */
function bySeat(
  a: { chamber: string; district: string },
  b: { chamber: string; district: string },
) {
  return (
    a.chamber.localeCompare(b.chamber) ||
    a.district.localeCompare(b.district, 'en', { numeric: true })
  );
}

function buildLegislators(
  dataDir: string,
  towns: TownOut[],
): { legislators: LegislatorOut[]; vacancies: Array<{ chamber: string; district: string }> } {
  const rows = readCsv(dataDir, 'ma-state-legislators.csv');
  const legislators = rows.map((row): LegislatorOut => {
    check(row.chamber === 'house' || row.chamber === 'senate', `chamber ${row.chamber}`);
    check(/^ocd-person\/[0-9a-f-]{36}$/.test(row.ocd_person_id), `${row.name}: ocd_person_id`);
    const l: LegislatorOut = {
      id: row.ocd_person_id,
      chamber: row.chamber,
      district: row.district.trim(),
      name: row.name.trim(),
      party: row.party.trim(),
    };
    setIfPresent(l, 'email', row.email);
    setIfPresent(l, 'phone', row.capitol_phone);
    setIfPresent(l, 'profileUrl', row.profile_url);
    return l;
  });
  const seat = (chamber: string, district: string) => `${chamber}|${district}`;
  const seats = new Set(legislators.map((l) => seat(l.chamber, l.district)));
  check(seats.size === legislators.length, 'two legislators hold the same seat');
  check(new Set(legislators.map((l) => l.id)).size === legislators.length, 'duplicate person id');

  const referenced = new Map<string, { chamber: string; district: string }>();
  for (const t of towns) {
    for (const d of t.stateRep) referenced.set(seat('house', d), { chamber: 'house', district: d });
    for (const d of t.stateSenate)
      referenced.set(seat('senate', d), { chamber: 'senate', district: d });
  }
  for (const l of legislators) {
    check(
      referenced.has(seat(l.chamber, l.district)),
      `${l.name}: district "${l.district}" is not used by any town (name spelling?)`,
    );
  }
  const vacancies = [...referenced.entries()]
    .filter(([key]) => !seats.has(key))
    .map(([, v]) => v)
    .sort(bySeat);
  legislators.sort(bySeat);
  return { legislators, vacancies };
}

function buildOutline<P>(
  dataDir: string,
  file: string,
  pickProps: (p: P) => Record<string, unknown>,
): Array<Feature<Record<string, unknown>>> {
  const fc = readJson<FeatureCollection<P>>(dataDir, file);
  return fc.features.map((f) => ({
    type: 'Feature',
    properties: pickProps(f.properties),
    geometry: roundGeometry(f.geometry, OUTLINE_DECIMALS),
  }));
}

// ---------------------------------------------------------------------------------------------

/** Every commit cited in SOURCES must still be cited by the data README. */
function checkProvenance(dataDir: string): void {
  const readme = readFileSync(join(dataDir, 'README.md'), 'utf8');
  for (const [key, text] of Object.entries(SOURCES)) {
    for (const sha of text.match(/\b[0-9a-f]{40}\b/g) ?? []) {
      check(readme.includes(sha), `SOURCES.${key} cites ${sha}, which README.md no longer does`);
    }
  }
}

function main(): void {
  const dataDir = resolve(process.argv[2] ?? join(REPO_ROOT, '../shared/data'));
  check(existsSync(join(dataDir, 'README.md')), `no data README in ${dataDir}`);
  checkProvenance(dataDir);
  mkdirSync(OUT_DIR, { recursive: true });

  const { towns, warnings: townWarnings } = buildTowns(dataDir);
  const { zips, otherStates, warnings: zipWarnings } = buildZips(dataDir);
  const { house, senate } = buildMembers(dataDir);
  const { legislators, vacancies } = buildLegislators(dataDir, towns);
  const districts = buildOutline<{ district: number }>(
    dataDir,
    'ma-cd118-simplified.geojson',
    (p) => ({ district: p.district }),
  );
  const townOutlines = buildOutline<TownShape>(dataDir, 'ma-towns-simplified.geojson', (p) => ({
    id: p.town_id,
    name: p.town,
  }));

  const sizes: Record<string, number> = {};
  sizes['towns.json'] = writeOutput('towns.json', { source: SOURCES.towns, towns });
  sizes['zips.json'] = writeOutput('zips.json', {
    source: SOURCES.zips,
    ordering:
      'ascending district number: the source has no overlap shares, so split ZCTAs are unranked',
    zips,
    otherStates,
  });
  sizes['members.json'] = writeOutput('members.json', { source: SOURCES.members, house, senate });
  sizes['legislators.json'] = writeOutput('legislators.json', {
    source: SOURCES.legislators,
    legislators,
    vacancies,
  });
  sizes['districts-outline.json'] = writeOutput('districts-outline.json', {
    type: 'FeatureCollection',
    source: SOURCES.districtsOutline,
    features: districts,
  });

  const townsOutlineText = compactJson({
    type: 'FeatureCollection',
    source: SOURCES.townsOutline,
    features: townOutlines,
  });
  const townsOutlinePath = join(OUT_DIR, 'towns-outline.json');
  const townsOutlineBytes = Buffer.byteLength(townsOutlineText);
  if (townsOutlineBytes <= TOWNS_OUTLINE_MAX_BYTES) {
    writeFileSync(townsOutlinePath, townsOutlineText);
    sizes['towns-outline.json'] = townsOutlineBytes;
  } else {
    rmSync(townsOutlinePath, { force: true });
    console.log(
      `towns-outline.json skipped: ${townsOutlineBytes} bytes > ${TOWNS_OUTLINE_MAX_BYTES}`,
    );
  }

  for (const w of [...townWarnings, ...zipWarnings]) console.log(`note: ${w}`);
  for (const v of vacancies) console.log(`note: vacant seat ${v.chamber} ${v.district}`);
  for (const [file, bytes] of Object.entries(sizes)) console.log(`wrote ${file} (${bytes} bytes)`);
}

main();
