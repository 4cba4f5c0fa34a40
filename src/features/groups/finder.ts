import {
  distanceKm,
  findTown,
  isZip,
  lookupTown,
  lookupZip,
  type PlaceLookup,
  suggestTowns,
  type Town,
} from '../places/lookup.ts';
import { compareNames, type GroupSummary } from './directory.ts';
import type { GroupKind } from './tables.ts';

/**
 * The group finder's rules, as pure functions over the directory: what the person typed (a town
 * or a ZIP code), which districts that means, and which groups to show, nearest first.
 */

/** Groups this close to the person's town are shown even across a district line. */
export const NEARBY_KM = 40;

export type PlaceAnswer =
  | { kind: 'empty' }
  | { kind: 'malformed_zip'; query: string }
  | { kind: 'unknown_zip'; query: string }
  | { kind: 'unknown_town'; query: string; suggestions: Town[] }
  | { kind: 'found'; place: PlaceLookup };

/** Reads the finder's one field: five digits (or ZIP+4) are a ZIP code, anything else a town. */
export function resolvePlace(input: string | undefined): PlaceAnswer {
  const query = (input ?? '').trim();
  if (!query) return { kind: 'empty' };
  if (/^[\d\s-]+$/.test(query)) {
    if (!isZip(query)) return { kind: 'malformed_zip', query };
    const place = lookupZip(query);
    return place ? { kind: 'found', place } : { kind: 'unknown_zip', query };
  }
  const place = lookupTown(query);
  if (place) return { kind: 'found', place };
  return { kind: 'unknown_town', query, suggestions: closeTowns(query) };
}

/** Towns a misspelling may mean: those matching the longest prefix of it that matches any. */
function closeTowns(query: string): Town[] {
  for (let length = query.length; length >= 3; length--) {
    const found = suggestTowns(query.slice(0, length), 5);
    if (found.length) return found;
  }
  return [];
}

/** Whether the person must still say which district they are in. */
export function needsDistrictChoice(place: PlaceLookup, chosen: number | undefined): boolean {
  return place.districts.length > 1 && chosen === undefined;
}

/** A chosen district must be one of the place's candidates. */
export function isCandidateDistrict(place: PlaceLookup, district: number): boolean {
  return place.districts.some((d) => d.district === district);
}

export interface GroupFilter {
  district?: number;
  issueArea?: string;
  kind?: GroupKind;
  /** Only groups that serve this town (the API's `town`). */
  townId?: number;
}

export function matchesFilter(group: GroupSummary, filter: GroupFilter): boolean {
  if (filter.district !== undefined && !group.districts.includes(filter.district)) return false;
  if (filter.issueArea && !group.issueAreas.includes(filter.issueArea)) return false;
  if (filter.kind && group.kind !== filter.kind) return false;
  if (filter.townId !== undefined && !group.towns.some((town) => town.id === filter.townId))
    return false;
  return true;
}

export interface FinderMatch {
  group: GroupSummary;
  /** The group serves the very town the person typed. */
  servesPlace: boolean;
  /** From the person's town to the nearest town the group serves; null when unknown. */
  distanceKm: number | null;
}

/** Distance from a town to the nearest town a group serves (0 when it serves that town). */
export function distanceToGroup(town: Town, group: GroupSummary): number | null {
  if (!group.towns.length) return null;
  let best = Number.POSITIVE_INFINITY;
  for (const served of group.towns) {
    if (served.id === town.id) return 0;
    best = Math.min(best, distanceKm(town, served));
  }
  return best;
}

/**
 * The groups to show for a place. For a town: the groups serving it, then the groups of its
 * districts (or of the chosen one) and any group within NEARBY_KM, nearest first, statewide
 * groups last. For a ZIP code (no point to measure from): the groups of its districts (or of
 * the chosen one) by name, statewide groups last.
 */
export function findGroupsForPlace(
  groups: readonly GroupSummary[],
  place: PlaceLookup,
  options: { district?: number; issueArea?: string; kind?: GroupKind } = {},
): FinderMatch[] {
  const districts = options.district
    ? [options.district]
    : place.districts.map((candidate) => candidate.district);
  const town = place.town;
  const matches: FinderMatch[] = [];
  for (const group of groups) {
    if (!matchesFilter(group, { issueArea: options.issueArea, kind: options.kind })) continue;
    const inDistricts = group.districts.some((d) => districts.includes(d));
    const statewide = group.towns.length === 0;
    if (town) {
      const distance = distanceToGroup(town, group);
      const servesPlace = distance === 0;
      const nearby = distance !== null && distance <= NEARBY_KM && !options.district;
      if (servesPlace || inDistricts || nearby || statewide)
        matches.push({ group, servesPlace, distanceKm: distance });
    } else if (inDistricts || statewide) {
      matches.push({ group, servesPlace: false, distanceKm: null });
    }
  }
  return matches.sort(compareMatches);
}

function compareMatches(a: FinderMatch, b: FinderMatch): number {
  if (a.servesPlace !== b.servesPlace) return a.servesPlace ? -1 : 1;
  const aStatewide = a.group.towns.length === 0;
  if (aStatewide !== (b.group.towns.length === 0)) return aStatewide ? 1 : -1;
  const da = a.distanceKm ?? Number.POSITIVE_INFINITY;
  const db = b.distanceKm ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da - db;
  return compareNames(a.group.name, b.group.name);
}

/** "in your town", "3 mi away": miles, since that is what Massachusetts reads. */
export function milesFrom(km: number): number {
  return Math.max(1, Math.round(km / 1.609344));
}

/** Groups that share issue areas with this one, most shared first, then by name. */
export function relatedGroups(
  groups: readonly GroupSummary[],
  group: GroupSummary,
  limit = 6,
): { group: GroupSummary; shared: string[] }[] {
  if (!group.issueAreas.length) return [];
  return groups
    .filter((other) => other.id !== group.id)
    .map((other) => ({
      group: other,
      shared: other.issueAreas.filter((area) => group.issueAreas.includes(area)),
    }))
    .filter((entry) => entry.shared.length > 0)
    .sort((a, b) => b.shared.length - a.shared.length || compareNames(a.group.name, b.group.name))
    .slice(0, limit);
}

/** The town a typed name means, for filters that take one town (the API's `town`). */
export function townFromQuery(name: string): Town | undefined {
  return findTown(name);
}
