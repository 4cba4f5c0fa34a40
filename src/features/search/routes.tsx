import type { Hono } from 'hono';
import { z } from 'zod';
import { apiRoute, decodeCursor, encodeCursor } from '../../platform/http/api.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { parseQuery } from '../../platform/http/input.ts';
import { t } from '../../platform/i18n/index.ts';
import type { Services } from '../../platform/services.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { SEARCH_KINDS } from './repository.ts';
import { PAGE_SIZE, search } from './service.ts';
import { highlightHtml, plainSnippet } from './snippet.ts';
import { SearchPage } from './views.tsx';

const Kind = z.enum(SEARCH_KINDS as [string, ...string[]]);

const PageQuery = z.object({
  q: z.string().max(1000).default(''),
  kind: Kind.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(50).catch(1),
});

const ApiQuery = z.object({
  q: z.string().trim().min(1, 'Enter something to search for.').max(200),
  kind: Kind.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(200).optional(),
});

const SearchItem = z.object({
  kind: Kind,
  title: z.string(),
  url: z.string(),
  snippet: z.string(),
  snippetHtml: z.string(),
  startsAt: z.string().nullable(),
  rank: z.number(),
});

export function searchRoutes(app: Hono<AppEnv>, services: Services): void {
  app.get('/search', async (c) => {
    const query = parseQuery(c, PageQuery);
    const q = query.q.trim().slice(0, 200);
    const kind = query.kind as (typeof SEARCH_KINDS)[number] | undefined;
    const result = await search(services, {
      q,
      kind,
      offset: (query.page - 1) * PAGE_SIZE,
    });
    return renderPage(
      c,
      { title: q ? t('search.titleFor', { q }) : t('search.title') },
      <SearchPage
        q={q}
        kind={kind}
        hits={result.hits}
        counts={result.counts}
        page={query.page}
        hasMore={result.hasMore}
        now={services.now()}
      />,
    );
  });

  apiRoute(
    app,
    {
      method: 'get',
      path: '/search',
      summary:
        'Search groups, upcoming events, resources, toolkits and newsletter issues (websearch syntax: "phrase", -exclude, or).',
      tag: 'search',
      query: ApiQuery,
      response: z.object({ data: z.array(SearchItem), next: z.string().nullable() }),
    },
    async ({ query }) => {
      const offset = decodeCursor(
        query.cursor,
        z.object({ offset: z.number().int().min(0) }),
      )?.offset;
      const result = await search(services, {
        q: query.q,
        kind: query.kind as (typeof SEARCH_KINDS)[number] | undefined,
        offset: offset ?? 0,
        limit: query.limit,
      });
      return {
        data: result.hits.map((hit) => ({
          kind: hit.kind,
          title: hit.title,
          url: `${services.config.publicUrl}${hit.url}`,
          snippet: plainSnippet(hit.snippetMarked).trim(),
          snippetHtml: highlightHtml(hit.snippetMarked).trim(),
          startsAt: hit.startsAt ? hit.startsAt.toISOString() : null,
          rank: hit.rank,
        })),
        next: result.hasMore ? encodeCursor({ offset: (offset ?? 0) + result.hits.length }) : null,
      };
    },
  );
}
