/**
 * An imported page's or post's media (the files its content shows or links to, its featured
 * image, the files attached to it) are copied into the library as that item's attachments, when
 * the old site (or a copy of its uploads folder) still has them. A file that cannot be copied
 * stays a link to the old address, and the report says so.
 */
import { AppError } from '../../../platform/errors.ts';
import { storeAttachment } from '../../resources/service.ts';
import { MAX_ATTACHMENT_BYTES } from '../../resources/uploads.ts';
import type { WxrItem } from './read-wxr.ts';
import { isUpload, mediaKey, type WordPressRun } from './run.ts';

const ATTRIBUTE_URL = /\b(?:src|href)\s*=\s*["']([^"']+)["']/gi;
const PARALLEL = 4;

export const MEDIA_LIMITS = { maxBytes: MAX_ATTACHMENT_BYTES, timeoutMs: 20_000 };

/** Every old-site upload an item uses, by key (first address seen for each). */
export function mediaOf(run: WordPressRun, item: WxrItem, html: string): Map<string, URL> {
  const found = new Map<string, URL>();
  const add = (address: string | undefined) => {
    if (!address) return;
    try {
      const url = new URL(address, `${run.site.baseUrl}/`);
      url.search = '';
      url.hash = '';
      if (isUpload(run, url) && !found.has(mediaKey(url))) found.set(mediaKey(url), url);
    } catch {
      // not an address
    }
  };
  for (const match of html.matchAll(ATTRIBUTE_URL)) add(match[1]);
  const featured = item.meta._thumbnail_id;
  if (featured) add(run.site.byId.get(featured)?.attachmentUrl);
  for (const other of run.site.items) {
    if (other.type === 'attachment' && other.parent === item.id) add(other.attachmentUrl);
  }
  return found;
}

export function attachmentUrl(slug: string, id: number, fileName: string): string {
  return `/resources/${slug}/files/${id}/${encodeURIComponent(fileName)}`;
}

/**
 * Copies the media of each item (owner slug known) that earlier runs did not copy. A file used
 * by several items is copied once, for the first of them; the others link to that copy.
 */
export async function copyMedia(
  run: WordPressRun,
  owners: { item: WxrItem; slug: string; media: Map<string, URL> }[],
  onProgress?: () => void,
): Promise<void> {
  const queue: { owner: (typeof owners)[number]; key: string; url: URL }[] = [];
  const claimed = new Set<string>();
  for (const owner of owners) {
    for (const [key, url] of owner.media) {
      const earlier = run.existing.get(`media:${key}`);
      if (earlier) {
        run.mediaUrls.set(key, earlier.url);
        continue;
      }
      if (claimed.has(key)) continue;
      claimed.add(key);
      queue.push({ owner, key, url });
    }
  }
  if (run.dryRun) {
    run.report.count('mediaToCopy', queue.length);
    return;
  }
  const work = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      await copyOne(run, next.owner.item, next.owner.slug, next.key, next.url);
      onProgress?.();
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, work));
}

async function copyOne(run: WordPressRun, item: WxrItem, slug: string, key: string, url: URL) {
  const fetched = await run.media(url);
  if (!fetched.ok) {
    run.report.skip(
      'Media that could not be copied (it links to the old site instead)',
      `${url.href} ${fetched.reason}`,
    );
    return;
  }
  try {
    const attachment = await storeAttachment(
      run.services,
      run.actor,
      { name: fetched.fileName, bytes: fetched.bytes },
      { resourceId: null, stepKey: null },
    );
    const newUrl = attachmentUrl(slug, attachment.id, attachment.file_name);
    run.mediaUrls.set(key, newUrl);
    const pending = run.pendingAttachments.get(item.id) ?? [];
    pending.push({ attachmentId: attachment.id, key, url: newUrl });
    run.pendingAttachments.set(item.id, pending);
    run.report.count('mediaCopied');
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    run.report.skip(
      'Media of a type the library does not keep (it links to the old site instead)',
      `${url.href}`,
    );
  }
}
