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

function kindFilter(kinds: readonly SearchKind[] | undefined) {
  return kinds?.length ? sql<boolean>`sd.kind = any(${[...kinds]}::text[])` : sql<boolean>`true`;
}

/** One page of ranked hits; snippets are made only for the rows on the page. */
export async function searchDocuments(db: Executor, query: SearchQuery): Promise<SearchHit[]> {
  const result = await sql<{
    kind: SearchKind;
    ref_id: string;
    title: string;
    url: string;
    starts_at: Date | null;
    rank: number;
    title_marked: string;
    snippet_marked: string;
  }>`
    with q as (select websearch_to_tsquery('english', ${query.q}) as query),
    hits as (
      select sd.kind, sd.ref_id, sd.title, sd.summary, sd.body, sd.url, sd.starts_at, sd.updated_at,
             ts_rank_cd(sd.document, q.query) as rank
      from search_documents sd, q
      where sd.document @@ q.query and ${visible(query.now)} and ${kindFilter(query.kinds)}
      order by rank desc, sd.updated_at desc, sd.kind, sd.ref_id
      limit ${query.limit} offset ${query.offset}
    )
    select hits.kind, hits.ref_id, hits.title, hits.url, hits.starts_at, hits.rank::float8 as rank,
           ts_headline('english', hits.title, q.query, ${TITLE_OPTIONS}) as title_marked,
           ts_headline(
             'english',
             left(case when hits.summary <> '' then hits.summary || E'\\n' || hits.body else hits.body end, ${SNIPPET_SOURCE_CHARS}),
             q.query,
             ${HEADLINE_OPTIONS}
           ) as snippet_marked
    from hits, q
    order by hits.rank desc, hits.updated_at desc, hits.kind, hits.ref_id
  `.execute(db);
  return result.rows.map((row) => ({
    kind: row.kind,
    refId: row.ref_id,
    title: row.title,
    url: row.url,
    startsAt: row.starts_at,
    rank: Number(row.rank),
    titleMarked: row.title_marked,
    snippetMarked: row.snippet_marked,
  }));
}

/** How many visible documents of each kind match (for the filter links). */
export async function countByKind(
  db: Executor,
  q: string,
  now: Date,
): Promise<Partial<Record<SearchKind, number>>> {
  const result = await sql<{ kind: SearchKind; count: number }>`
    select sd.kind, count(*)::int as count
    from search_documents sd
    where sd.document @@ websearch_to_tsquery('english', ${q}) and ${visible(now)}
    group by sd.kind
  `.execute(db);
  return Object.fromEntries(result.rows.map((row) => [row.kind, Number(row.count)]));
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
