/**
 * Old links keep working: an old address (a WordPress permalink, `/?p=123`, an uploaded file)
 * is looked up only when nothing on this site answers it, so normal requests pay nothing; the
 * home page looks up WordPress's `?p=` links before it renders.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import type { Services } from '../../platform/services.ts';
import { addRedirectHits, findRedirect } from './repository.ts';

const ID_PARAMS = ['p', 'page_id', 'attachment_id'];

/** WordPress's own short link for post `id` (any type): the key its `?p=`/`?page_id=` links share. */
export const idKey = (id: string) => `/?p=${id}`;

function safeDecode(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/**
 * The key an old address is stored and looked up under: `/?p=123` for WordPress's id links,
 * else the path, decoded, in lower case, without its trailing slash (the query is ignored).
 */
export function redirectKey(url: URL): string {
  for (const name of ID_PARAMS) {
    const value = url.searchParams.get(name);
    if (value && /^\d{1,12}$/.test(value)) return idKey(value);
  }
  const path = safeDecode(url.pathname).toLowerCase().replace(/\/+$/, '');
  return (path || '/').slice(0, 1000);
}

/** The key of an address typed by an administrator ("/old-page/", "https://old.org/x?p=4"). */
export function redirectKeyOf(address: string): string | undefined {
  const trimmed = address.trim();
  if (!trimmed) return undefined;
  try {
    return redirectKey(new URL(trimmed, 'http://old.invalid'));
  } catch {
    return undefined;
  }
}

const FLUSH_MS = 5_000;

/**
 * Counts redirect visits in memory and writes them every few seconds, so answering an old link
 * only reads (crawlers walking an old site do not turn into a write per request).
 */
function hitCounter(services: Services) {
  const pending = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  const flush = async () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const at = services.now();
    const batch = [...pending];
    pending.clear();
    for (const [key, count] of batch) {
      await addRedirectHits(services.db, key, count, at).catch((error) =>
        services.logger.warn({ err: error }, 'could not count redirect visits'),
      );
    }
  };
  return {
    add(key: string) {
      pending.set(key, (pending.get(key) ?? 0) + 1);
      timer ??= setTimeout(() => void flush(), FLUSH_MS);
      timer.unref?.();
    },
    flush,
  };
}

function hasIdParam(url: URL): boolean {
  return ID_PARAMS.some((name) => url.searchParams.has(name));
}

/**
 * The middleware (registered before the home page's route): a GET that this site answers with
 * 404, or the home page with a WordPress id link, answers 301 to the new address when there is
 * a redirect for it. Returns `flushHits`, which writes the visits counted so far.
 */
export function registerRedirects(
  app: Hono<AppEnv>,
  services: Services,
): { flushHits: () => Promise<void> } {
  const hits = hitCounter(services);
  const target = async (url: URL): Promise<string | undefined> => {
    const key = redirectKey(url);
    const redirect = await findRedirect(services.db, key);
    if (!redirect) return undefined;
    hits.add(key);
    return redirect.to_url;
  };
  app.use(async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const url = new URL(c.req.url);
    if (url.pathname === '/' && url.search && hasIdParam(url)) {
      const to = await target(url);
      if (to) return c.redirect(to, 301);
    }
    await next();
    if (c.res.status !== 404 || url.pathname.startsWith('/api/')) return;
    const to = await target(url);
    if (to) c.res = new Response(null, { status: 301, headers: { location: to } });
  });
  return { flushHits: hits.flush };
}
