/**
 * The state one WordPress import carries from step to step: the old site, what earlier runs
 * brought over, and the map from old addresses to new ones that links are rewritten with.
 */
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Services } from '../../../platform/services.ts';
import type { MediaSource } from '../fetch-media.ts';
import { htmlToText } from '../html-to-markdown.ts';
import { redirectKey } from '../redirects.ts';
import type { ReportBuilder } from '../report.ts';
import type { ImportedItem } from '../tables.ts';
import type { WxrItem, WxrSite } from './read-wxr.ts';

export interface WordPressRun {
  services: Services;
  site: WxrSite;
  /** "wordpress:old.example.org": imported items are keyed by it. */
  source: string;
  report: ReportBuilder;
  dryRun: boolean;
  actor: Actor | null;
  media: MediaSource;
  /** Items earlier runs brought over, by external id. */
  existing: Map<string, ImportedItem>;
  /** Old address key (see redirectKey) → new address. */
  links: Map<string, string>;
  /** Old media file path (lower case) → the new file's address. */
  mediaUrls: Map<string, string>;
  /** Attachments stored for an item but not yet placed on its resource (item id → ids). */
  pendingAttachments: Map<string, { attachmentId: number; key: string; url: string }[]>;
  /** Redirects to write at the end: old key → new address. */
  redirects: Map<string, { toUrl: string; note: string }>;
  /** Old-site paths linked to that nothing imported answers (path → items linking there). */
  unresolvedLinks: Map<string, Set<string>>;
}

/** "Post: Spring rally" for the report. */
export function describeItem(item: WxrItem): string {
  const kind = item.type === 'page' ? 'Page' : item.type === 'tribe_events' ? 'Event' : 'Post';
  return `${kind}: ${htmlToText(item.title) || `(untitled, id ${item.id})`}`;
}

export function isOldSite(run: WordPressRun, url: URL): boolean {
  return run.site.hosts.has(url.hostname.toLowerCase());
}

/** The key of a media file on the old site: its path in lower case. */
export function mediaKey(url: URL): string {
  return url.pathname.toLowerCase();
}

export function isUpload(run: WordPressRun, url: URL): boolean {
  return isOldSite(run, url) && url.pathname.includes('/wp-content/uploads/');
}

/** Remembers where an old item now lives (for links, and for redirects when it was public). */
export function registerMove(
  run: WordPressRun,
  item: WxrItem,
  newUrl: string,
  options: { redirect: boolean },
): void {
  const keys = [`/?p=${item.id}`];
  if (item.link) {
    try {
      keys.push(redirectKey(new URL(item.link, `${run.site.baseUrl}/`)));
    } catch {
      // a broken permalink: the id link still works
    }
  }
  for (const key of keys) {
    run.links.set(key, newUrl);
    if (options.redirect) run.redirects.set(key, { toUrl: newUrl, note: describeItem(item) });
  }
}

/** A link found in content: to the new page when the old one was imported, else left as it was. */
export function rewriteLink(run: WordPressRun, url: URL, from: WxrItem): string | undefined {
  if (!isOldSite(run, url)) return undefined;
  if (isUpload(run, url)) {
    const local = run.mediaUrls.get(mediaKey(url));
    if (local) return local;
  }
  const moved = run.links.get(redirectKey(url));
  if (moved) return moved + url.hash;
  // The old site is going away: keep the path, so a redirect made here later catches it.
  const path = url.pathname + url.search + url.hash;
  if (url.pathname !== '/' && !isUpload(run, url)) {
    const linking = run.unresolvedLinks.get(url.pathname) ?? new Set<string>();
    linking.add(describeItem(from));
    run.unresolvedLinks.set(url.pathname, linking);
  }
  return isUpload(run, url) ? url.href : path;
}

export function rewriteImage(run: WordPressRun, url: URL): string | undefined {
  return isOldSite(run, url) ? run.mediaUrls.get(mediaKey(url)) : undefined;
}
