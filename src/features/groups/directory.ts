import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/api.ts';
import { listTowns, type Town } from '../places/lookup.ts';
import { type DirectoryRow, listDirectoryRows } from './repository.ts';
import type { GroupKind } from './tables.ts';

/** One group as the directory pages, the finder and the API see it. */
export interface GroupSummary {
  id: number;
  slug: string;
  name: string;
  kind: GroupKind;
  description: string;
  website: string | null;
  email: string | null;
  links: Record<string, string>;
  isSample: boolean;
  updatedAt: Date;
  /** Towns served, by name; empty for a statewide group. */
  towns: Town[];
  /** Districts that follow from the towns served, ascending. */
  districts: number[];
  issueAreas: string[];
  /** Whether the contact form has somewhere to deliver (organizers or a public email). */
  hasContact: boolean;
}

export interface Directory {
  groups: GroupSummary[];
  bySlug: Map<string, GroupSummary>;
}

const TOWN_BY_ID = new Map(listTowns().map((town) => [town.id, town]));

/** One collator for every name comparison (String#localeCompare builds one per call). */
export const compareNames = new Intl.Collator('en', { sensitivity: 'base' }).compare;

export function townById(id: number): Town | undefined {
  return TOWN_BY_ID.get(id);
}

export function toSummary(row: DirectoryRow): GroupSummary {
  const towns = row.town_ids
    .map((id) => TOWN_BY_ID.get(id))
    .filter((town): town is Town => Boolean(town))
    .sort((a, b) => compareNames(a.name, b.name));
  const districts = [...new Set(towns.flatMap((town) => town.cds))].sort((a, b) => a - b);
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    description: row.description,
    website: row.website,
    email: row.email,
    links: row.links ?? {},
    isSample: row.is_sample,
    updatedAt: row.updated_at,
    towns,
    districts,
    issueAreas: row.issue_areas,
    hasContact: row.organizer_count > 0 || Boolean(row.email),
  };
}

/**
 * The directory is read on every /groups and /groups/:slug request and changes rarely, so each
 * process keeps it for a few seconds (docs/decisions/0010-group-directory-cache.md). Changes
 * made through this feature drop the copy at once; another process's changes show within TTL.
 */
const CACHE_MILLISECONDS = 5_000;
const cache = new WeakMap<Db, { at: number; value: Promise<Directory> }>();

export function loadDirectory(db: Db): Promise<Directory> {
  const cached = cache.get(db);
  if (cached && Date.now() - cached.at < CACHE_MILLISECONDS) return cached.value;
  const value = listDirectoryRows(db).then((rows) => {
    const groups = rows.map(toSummary).sort(byName);
    return { groups, bySlug: new Map(groups.map((group) => [group.slug, group])) };
  });
  cache.set(db, { at: Date.now(), value });
  value.catch(() => cache.delete(db));
  return value;
}

/** Call after any change to groups, their towns, issue areas or organizers. */
export function forgetDirectory(db: Db): void {
  cache.delete(db);
}

/** Directory order: by name, ignoring case and accents, then by id. */
export const byName = (
  a: Pick<GroupSummary, 'name' | 'id'>,
  b: Pick<GroupSummary, 'name' | 'id'>,
) => compareNames(a.name, b.name) || a.id - b.id;

function isSorted(groups: readonly GroupSummary[]): boolean {
  for (let i = 1; i < groups.length; i++) if (byName(groups[i - 1]!, groups[i]!) > 0) return false;
  return true;
}

const Cursor = z.object({ name: z.string(), id: z.number().int() });

/** A page of groups in name order after an opaque cursor (the directory page and the API). */
export function pageAfter(
  groups: readonly GroupSummary[],
  cursor: string | undefined,
  size: number,
) {
  const sorted = isSorted(groups) ? groups : [...groups].sort(byName);
  const after = decodeCursor(cursor, Cursor);
  const start = after ? sorted.findIndex((group) => byName(group, after) > 0) : 0;
  const rest = start < 0 ? [] : sorted.slice(start);
  const page = rest.slice(0, size);
  const last = page[page.length - 1];
  return {
    page,
    next: rest.length > size && last ? encodeCursor({ name: last.name, id: last.id }) : null,
  };
}
