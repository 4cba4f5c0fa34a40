import type { Tx } from '../../platform/db/database.ts';
import { removeDocument } from '../../platform/search-index.ts';
import type { Services } from '../../platform/services.ts';
import { findTown } from '../places/lookup.ts';
import { forgetDirectory } from './directory.ts';
import { deleteSampleGroups } from './repository.ts';
import { insertGroupWithRelations } from './service.ts';

/**
 * Sample groups across the nine districts, so a fresh installation looks alive. Every one is
 * marked is_sample (a "Sample" badge shows) and named as a sample; `hub sample:clear` removes
 * them all. Their addresses are on example.org, which never receives mail.
 */
const SAMPLE_NOTE =
  'This is sample content for trying out the site: the group is made up. An administrator can remove every sample group in one step.';

export const SAMPLE_GROUPS = [
  {
    name: 'Sample: Indivisible Worcester',
    towns: ['Worcester', 'Shrewsbury', 'Auburn', 'Holden'],
    issueAreas: ['voting-rights', 'democracy', 'immigrant-rights'],
    description:
      'Neighbors in Worcester County who meet every other Tuesday to call our representatives, register voters and show up for immigrant families.',
  },
  {
    name: 'Sample: Pioneer Valley Indivisible',
    towns: ['Northampton', 'Amherst', 'Hadley', 'Easthampton'],
    issueAreas: ['climate', 'healthcare', 'democracy'],
    description:
      'We organize across the Pioneer Valley for climate action and health care for all, with monthly town-hall watch parties.',
  },
  {
    name: 'Sample: Berkshire Indivisible',
    towns: ['Pittsfield', 'Lenox', 'Great Barrington', 'Williamstown'],
    issueAreas: ['climate', 'healthcare', 'economic-justice'],
    description:
      'Berkshire County residents working for rural health care, clean energy and a fair economy.',
  },
  {
    name: 'Sample: Springfield Together',
    towns: ['Springfield', 'Chicopee', 'West Springfield', 'Holyoke'],
    issueAreas: ['racial-justice', 'economic-justice', 'housing'],
    description:
      'A multiracial group in greater Springfield focused on housing and racial justice.',
  },
  {
    name: 'Sample: Merrimack Valley Indivisible',
    towns: ['Lowell', 'Lawrence', 'Andover', 'Haverhill'],
    issueAreas: ['immigrant-rights', 'labor', 'voting-rights'],
    description:
      'From Lowell to Haverhill we stand with immigrant workers and make sure every eligible voter can vote.',
  },
  {
    name: 'Sample: North Shore Indivisible',
    towns: ['Salem', 'Beverly', 'Marblehead', 'Gloucester', 'Manchester-by-the-Sea'],
    issueAreas: ['climate', 'gun-safety', 'democracy'],
    description: 'Coastal communities organizing for climate resilience and safer streets.',
  },
  {
    name: 'Sample: MetroWest Indivisible',
    towns: ['Framingham', 'Natick', 'Wellesley', 'Ashland'],
    issueAreas: ['education', 'democracy', 'womens-rights'],
    description:
      'MetroWest neighbors supporting public schools, reproductive freedom and a healthy democracy.',
  },
  {
    name: 'Sample: Boston Indivisible',
    towns: ['Boston', 'Cambridge', 'Somerville'],
    issueAreas: ['racial-justice', 'housing', 'criminal-justice-reform'],
    description:
      'City residents working on affordable housing, police accountability and racial justice.',
  },
  {
    name: 'Sample: South Shore Indivisible',
    towns: ['Quincy', 'Braintree', 'Weymouth', 'Plymouth'],
    issueAreas: ['healthcare', 'voting-rights', 'lgbtq-rights'],
    description: 'South Shore activists for health care, voting rights and LGBTQ+ equality.',
  },
  {
    name: 'Sample: Cape Cod Indivisible',
    towns: ['Barnstable', 'Falmouth', 'Yarmouth', 'Provincetown', 'Orleans'],
    issueAreas: ['climate', 'housing'],
    description: 'Cape Cod residents facing rising seas and a housing crisis, together.',
  },
  {
    name: 'Sample: SouthCoast Indivisible',
    towns: ['New Bedford', 'Fall River', 'Dartmouth'],
    issueAreas: ['labor', 'immigrant-rights', 'economic-justice'],
    description:
      'Working families of the SouthCoast organizing for fair wages and immigrant rights.',
  },
  {
    name: 'Sample: Massachusetts Voter Alliance',
    kind: 'ally' as const,
    towns: [],
    issueAreas: ['voting-rights', 'democracy'],
    description:
      'A statewide allied organization that trains volunteers to register voters and protect the vote.',
  },
] as const;

function sampleEmail(name: string): string {
  return `hello@${name
    .replace(/^Sample: /, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}.example.org`;
}

export async function loadSampleGroups(
  tx: Tx,
  services: Services,
): Promise<Record<string, number>> {
  let count = 0;
  for (const sample of SAMPLE_GROUPS) {
    const existing = await tx
      .selectFrom('groups')
      .select('id')
      .where('name', '=', sample.name)
      .executeTakeFirst();
    if (existing) continue;
    await insertGroupWithRelations(
      tx,
      {
        name: sample.name,
        kind: 'kind' in sample ? sample.kind : 'group',
        description: `${sample.description}\n\n${SAMPLE_NOTE}`,
        towns: sample.towns.map((name) => findTown(name)!.id),
        issueAreas: [...sample.issueAreas],
        website: null,
        email: sampleEmail(sample.name),
        links: {},
      },
      { isSample: true },
    );
    count++;
  }
  forgetDirectory(services.db);
  return { groups: count };
}

export async function clearSampleGroups(
  tx: Tx,
  services: Services,
): Promise<Record<string, number>> {
  const ids = await deleteSampleGroups(tx);
  for (const id of ids) await removeDocument(tx, 'group', id);
  forgetDirectory(services.db);
  return { groups: ids.length };
}
