import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { SearchKind } from '../../platform/search-index.ts';
import { MARK_END, MARK_START } from './snippet.ts';

/**
 * The query side of the site-wide index (the write side is platform/search-index.ts, fed by
 * every feature). PostgreSQL does the work: websearch_to_tsquery reads what people type
 * (phrases in quotes, -exclusions, OR), ts_rank_cd orders, ts_headline cuts snippets.
 */
export const SEARCH_KINDS: readonly SearchKind[] = [
  'group',
  'event',
  'resource',
  'toolkit',
  'newsletter_issue',
];

export interface SearchQuery {
  q: string;
  kinds?: readonly SearchKind[];
  now: Date;
  limit: number;
  offset: number;
}

export interface SearchHit {
  kind: SearchKind;
  refId: string;
  title: string;
  url: string;
  startsAt: Date | null;
  rank: number;
  /** The title with matches between MARK_START and MARK_END (not yet escaped). */
  titleMarked: string;
  /** A snippet with matches between MARK_START and MARK_END (not yet escaped). */
  snippetMarked: string;
}

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=32, MinWords=14, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
const TITLE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;
/** ts_headline reads the whole text it is given; the start of a long body is enough for a snippet. */
const SNIPPET_SOURCE_CHARS = 6000;

function visible(now: Date) {
  return sql<boolean>`sd.is_public and (sd.starts_at is null or sd.starts_at >= ${now})`;
}

function kindFilter(kinds: readonly SearchKind[] | undefined, column = sql`sd.kind`) {
  return kinds?.length ? sql<boolean>`${column} = any(${[...kinds]}::text[])` : sql<boolean>`true`;
}

export interface SearchPage {
  hits: SearchHit[];
  /** Matches per kind, over every kind (for the filter links), whatever `kinds` asks for. */
  counts: Partial<Record<SearchKind, number>>;
}

/**
 * One page of ranked hits and the number of matches per kind, in one statement: the matching
 * (the costly part) happens once; snippets are cut only for the rows on the page.
 */
export async function searchDocuments(db: Executor, query: SearchQuery): Promise<SearchPage> {
  const result = await sql<{
    kind: SearchKind;
    ref_id: string | null;
    title: string | null;
    url: string | null;
    starts_at: Date | null;
    rank: number | null;
    updated_at: Date | null;
    title_marked: string | null;
    snippet_marked: string | null;
    kind_count: number | null;
  }>`
    with q as (select websearch_to_tsquery('english', ${query.q}) as query),
    matches as materialized (
      select sd.kind, sd.ref_id, sd.updated_at, ts_rank_cd(sd.document, q.query) as rank
      from search_documents sd, q
      where sd.document @@ q.query and ${visible(query.now)}
    ),
    page as (
      select m.kind, m.ref_id, m.updated_at, m.rank
      from matches m
      where ${kindFilter(query.kinds, sql`m.kind`)}
      order by m.rank desc, m.updated_at desc, m.kind, m.ref_id
      limit ${query.limit} offset ${query.offset}
    )
    select page.kind, page.ref_id, sd.title, sd.url, sd.starts_at, page.rank::float8 as rank,
           page.updated_at,
           ts_headline('english', sd.title, q.query, ${TITLE_OPTIONS}) as title_marked,
           ts_headline(
             'english',
             left(case when sd.summary <> '' then sd.summary || E'\n' || sd.body else sd.body end, ${SNIPPET_SOURCE_CHARS}),
             q.query,
             ${HEADLINE_OPTIONS}
           ) as snippet_marked,
           null::int as kind_count
    from page
    join search_documents sd on sd.kind = page.kind and sd.ref_id = page.ref_id
    cross join q
    union all
    select kind, null, null, null, null, null, null, null, null, count(*)::int
    from matches
    group by kind
  `.execute(db);
  const counts: Partial<Record<SearchKind, number>> = {};
  const rows = result.rows.filter((row) => {
    if (row.kind_count === null) return true;
    counts[row.kind] = Number(row.kind_count);
    return false;
  });
  // UNION ALL keeps no order: put the page back in the order the CTE chose.
  rows.sort(
    (a, b) =>
      Number(b.rank) - Number(a.rank) ||
      new Date(b.updated_at!).getTime() - new Date(a.updated_at!).getTime() ||
      a.kind.localeCompare(b.kind) ||
      a.ref_id!.localeCompare(b.ref_id!),
  );
  const hits: SearchHit[] = rows.map((row) => ({
    kind: row.kind,
    refId: row.ref_id!,
    title: row.title!,
    url: row.url!,
    startsAt: row.starts_at,
    rank: Number(row.rank),
    titleMarked: row.title_marked!,
    snippetMarked: row.snippet_marked!,
  }));
  return { hits, counts };
}

/** Upcoming public events whose text matches these words (a toolkit's related events). */
export async function findUpcomingEventDocuments(
  db: Executor,
  words: string,
  now: Date,
  limit: number,
) {
  if (!words.trim()) return [];
  const result = await sql<{ title: string; url: string; starts_at: Date }>`
    select sd.title, sd.url, sd.starts_at
    from search_documents sd
    where sd.kind = 'event' and sd.is_public and sd.starts_at >= ${now}
      and sd.document @@ websearch_to_tsquery('english', ${words})
    order by sd.starts_at
    limit ${limit}
  `.execute(db);
  return result.rows;
}
