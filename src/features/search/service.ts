import type { SearchKind } from '../../platform/search-index.ts';
import type { Services } from '../../platform/services.ts';
import { type SearchHit, searchDocuments } from './repository.ts';

export const PAGE_SIZE = 20;

export interface SearchResult {
  hits: SearchHit[];
  counts: Partial<Record<SearchKind, number>>;
  hasMore: boolean;
}

/** One page of results for what a visitor typed (trimmed, at most 200 characters). */
export async function search(
  services: Services,
  input: { q: string; kind?: SearchKind; offset: number; limit?: number },
): Promise<SearchResult> {
  const q = input.q.trim().slice(0, 200);
  const limit = input.limit ?? PAGE_SIZE;
  if (!q) return { hits: [], counts: {}, hasMore: false };
  const now = services.now();
  const { hits, counts } = await searchDocuments(services.db, {
    q,
    kinds: input.kind ? [input.kind] : undefined,
    now,
    limit: limit + 1,
    offset: input.offset,
  });
  return { hits: hits.slice(0, limit), counts, hasMore: hits.length > limit };
}
