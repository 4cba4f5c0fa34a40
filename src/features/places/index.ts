import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { Feature } from '../../platform/feature.ts';
import { apiRoute } from '../../platform/http/api.ts';
import { ISSUE_AREAS } from '../../platform/issue-areas.ts';
import { readSetting, type Services, writeSetting } from '../../platform/services.ts';
import { slugify } from '../../platform/text.ts';
import {
  isZip,
  listDistricts,
  listSenators,
  listStateLegislators,
  listTowns,
  listZips,
  lookupTown,
  lookupZip,
  type PlaceLookup,
  suggestTowns,
} from './lookup.ts';

function ordinal(n: number): string {
  const suffix =
    n % 10 === 1 && n !== 11
      ? 'st'
      : n % 10 === 2 && n !== 12
        ? 'nd'
        : n % 10 === 3 && n !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
}

/** Loads the reference tables (districts, towns, ZIP codes, members, issue areas) when they changed. */
async function seedPlaces(services: Services): Promise<void> {
  const towns = listTowns();
  const districts = listDistricts();
  const legislators = listStateLegislators();
  const version = createHash('sha256')
    .update(
      JSON.stringify([
        towns,
        districts.map((d) => d.representative ?? null),
        legislators,
        ISSUE_AREAS,
      ]),
    )
    .digest('hex')
    .slice(0, 16);
  if ((await readSetting<string>(services.db, 'places.version')) === version) return;
  await services.db.transaction().execute(async (tx) => {
    for (const district of districts) {
      const name = `${ordinal(district.district)} Congressional District`;
      await tx
        .insertInto('districts')
        .values({ number: district.district, name })
        .onConflict((c) => c.column('number').doUpdateSet({ name }))
        .execute();
    }
    for (const town of towns) {
      const row = {
        id: town.id,
        name: town.name,
        slug: slugify(town.name),
        county: town.county,
        municipality_type: town.type,
        population: town.pop2020,
        congressional_districts: [...town.cds],
        primary_district: town.cds[0]!,
        district_shares: JSON.stringify(town.cdShares),
        state_rep_districts: [...town.stateRep],
        state_senate_districts: [...town.stateSenate],
        latitude: town.lat,
        longitude: town.lon,
      };
      await tx
        .insertInto('towns')
        .values(row)
        .onConflict((c) => c.column('id').doUpdateSet(row))
        .execute();
    }
    const zipRows = Object.entries(zipTable()).map(([zip, cds]) => ({
      zip,
      congressional_districts: cds,
    }));
    for (let i = 0; i < zipRows.length; i += 200) {
      await tx
        .insertInto('zip_codes')
        .values(zipRows.slice(i, i + 200))
        .onConflict((c) =>
          c.column('zip').doUpdateSet((eb) => ({
            congressional_districts: eb.ref('excluded.congressional_districts'),
          })),
        )
        .execute();
    }
    await tx.deleteFrom('representatives').execute();
    const members = [
      ...districts.flatMap((d) => (d.representative ? [d.representative] : [])),
      ...listSenators(),
    ];
    for (const member of members) {
      await tx
        .insertInto('representatives')
        .values({
          id: member.bioguideId,
          chamber: member.chamber,
          district: member.district ?? null,
          name: member.name,
          party: member.party,
          website: member.website,
          phone: member.phone,
          contact_form: member.contactForm ?? null,
          details: JSON.stringify({
            offices: member.offices,
            twitter: member.twitter ?? null,
            termEnd: member.termEnd,
          }),
        })
        .execute();
    }
    await tx.deleteFrom('state_legislators').execute();
    for (let i = 0; i < legislators.length; i += 100) {
      await tx
        .insertInto('state_legislators')
        .values(
          legislators.slice(i, i + 100).map((person) => ({
            id: `${person.chamber}:${person.district}`,
            chamber: person.chamber,
            district: person.district,
            name: person.name,
            party: person.party,
            email: person.email ?? null,
            phone: person.phone ?? null,
            profile_url: person.profileUrl ?? null,
          })),
        )
        .onConflict((c) => c.column('id').doNothing())
        .execute();
    }
    for (const [position, area] of ISSUE_AREAS.entries()) {
      await tx
        .insertInto('issue_areas')
        .values({ slug: area.slug, name: area.name, position })
        .onConflict((c) => c.column('slug').doUpdateSet({ name: area.name, position }))
        .execute();
    }
  });
  await writeSetting(services.db, 'places.version', version);
}

function zipTable(): Record<string, number[]> {
  const table: Record<string, number[]> = {};
  for (const zip of listZips()) {
    const found = lookupZip(zip);
    if (found) table[zip] = found.districts.map((d) => d.district);
  }
  return table;
}

/** The lookup as the API answers it (INTERFACE.md: districts and representatives). */
export function presentLookup(found: PlaceLookup) {
  return {
    query: found.query,
    kind: found.kind,
    town: found.town ? { name: found.town.name, county: found.town.county } : null,
    zip: found.zip ?? null,
    split: found.districts.length > 1,
    /** False for a split ZIP: the data has no shares, so the order is by district number. */
    ranked: found.ranked,
    districts: found.districts.map((d) => ({ district: d.district, share: d.share ?? null })),
    representatives: found.representatives.map((r) => ({
      name: r.name,
      district: r.district ?? null,
      party: r.party,
      website: r.website,
      phone: r.phone,
      contactForm: r.contactForm ?? null,
    })),
    senators: found.senators.map((r) => ({
      name: r.name,
      party: r.party,
      website: r.website,
      phone: r.phone,
    })),
    stateRepresentatives: found.stateRepresentatives.map((p) => ({
      name: p.name,
      district: p.district,
      party: p.party,
      email: p.email ?? null,
    })),
    stateSenators: found.stateSenators.map((p) => ({
      name: p.name,
      district: p.district,
      party: p.party,
      email: p.email ?? null,
    })),
  };
}

const LookupQuery = z
  .object({
    town: z.string().trim().min(1).max(100).optional(),
    zip: z.string().trim().max(20).optional(),
  })
  .refine((q) => Boolean(q.town) !== Boolean(q.zip), {
    message: 'Give exactly one of town or zip.',
    path: ['town'],
  });

const LookupResponse = z.object({
  query: z.string(),
  kind: z.enum(['town', 'zip']),
  town: z.object({ name: z.string(), county: z.string() }).nullable(),
  zip: z.string().nullable(),
  split: z.boolean(),
  ranked: z.boolean(),
  districts: z.array(z.object({ district: z.number().int(), share: z.number().nullable() })),
  representatives: z.array(
    z.object({
      name: z.string(),
      district: z.number().nullable(),
      party: z.string(),
      website: z.string(),
      phone: z.string(),
      contactForm: z.string().nullable(),
    }),
  ),
  senators: z.array(
    z.object({ name: z.string(), party: z.string(), website: z.string(), phone: z.string() }),
  ),
  stateRepresentatives: z.array(
    z.object({
      name: z.string(),
      district: z.string(),
      party: z.string(),
      email: z.string().nullable(),
    }),
  ),
  stateSenators: z.array(
    z.object({
      name: z.string(),
      district: z.string(),
      party: z.string(),
      email: z.string().nullable(),
    }),
  ),
});

/** Finds a town or ZIP, or throws a clear 400 (malformed) or 404 (unknown). */
export function lookupPlaceOrThrow(input: { town?: string; zip?: string }): PlaceLookup {
  if (input.zip !== undefined) {
    if (!isZip(input.zip))
      throw new AppError('invalid_input', 'A ZIP code is five digits, like 01609.', {
        zip: 'Use five digits.',
      });
    const found = lookupZip(input.zip);
    if (!found)
      throw new AppError(
        'not_found',
        `ZIP code ${input.zip} is not a Massachusetts ZIP code we know.`,
      );
    return found;
  }
  const found = lookupTown(input.town ?? '');
  if (!found)
    throw new AppError(
      'not_found',
      `"${input.town}" is not one of the 351 Massachusetts cities and towns.`,
    );
  return found;
}

export const placesFeature: Feature = {
  name: 'places',
  seed: seedPlaces,
  routes(app) {
    apiRoute(
      app,
      {
        method: 'get',
        path: '/districts/lookup',
        tag: 'Districts',
        summary:
          'Congressional and state legislative districts, and who represents them, for a town or a ZIP code.',
        query: LookupQuery,
        response: LookupResponse,
      },
      async ({ query }) => presentLookup(lookupPlaceOrThrow(query)),
    );
    app.get('/places/suggest', (c) => {
      const q = (c.req.query('q') ?? '').slice(0, 60);
      const towns = q.trim().length ? suggestTowns(q, 8) : [];
      c.header('Cache-Control', 'public, max-age=3600');
      return c.json({
        towns: towns.map((town) => ({ name: town.name, county: town.county, districts: town.cds })),
      });
    });
  },
};
