/**
 * Names from another system matched to this site's vocabulary: a WordPress category "Climate &
 * Environment" is the issue area "Climate and environment"; an organizer "Indivisible Acton
 * Area" is that group. Case, accents, punctuation and "&"/"and" do not matter.
 */
import { ISSUE_AREAS } from '../../platform/issue-areas.ts';

/** "Women’s Rights & Reproductive Freedom" → "womens rights and reproductive freedom". */
export function comparableName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&amp;|&/g, ' and ')
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const areaByName = new Map<string, string>();
for (const area of ISSUE_AREAS) {
  areaByName.set(comparableName(area.name), area.slug);
  areaByName.set(comparableName(area.slug), area.slug);
}

/** The issue area a category or tag names, if any. */
export function matchIssueArea(name: string): string | undefined {
  return areaByName.get(comparableName(name));
}

/** Looks names up in a list of named things (groups), the same way. */
export function nameIndex<T extends { name: string }>(
  rows: readonly T[],
): (name: string) => T | undefined {
  const index = new Map(rows.map((row) => [comparableName(row.name), row]));
  return (name) => index.get(comparableName(name));
}
