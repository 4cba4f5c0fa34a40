/**
 * A WordPress export (WXR) as the import needs it: the site's addresses, authors, and its items
 * by id with the fields that matter. See https://developer.wordpress.org/ "WXR" for the format.
 */
import { DateTime } from 'luxon';
import { AppError } from '../../../platform/errors.ts';
import type { Feed, FeedCategory } from '../read-feed.ts';

export interface WxrItem {
  id: string;
  type: string;
  /** publish, draft, pending, private, future, trash, auto-draft, inherit */
  status: string;
  title: string;
  link: string;
  slug: string;
  content: string;
  excerpt: string;
  /** The author's display name (their login if the export has no author list). */
  author: string;
  date: Date | null;
  parent: string;
  hasPassword: boolean;
  isSticky: boolean;
  attachmentUrl: string;
  categories: FeedCategory[];
  meta: Record<string, string>;
  metaAll: [string, string][];
}

export interface WxrSite {
  title: string;
  /** The site's address (its permalinks start with it). */
  baseUrl: string;
  /** Host names that are the old site (with and without www). */
  hosts: Set<string>;
  items: WxrItem[];
  byId: Map<string, WxrItem>;
}

function postDate(fields: Record<string, string>, zone: string): Date | null {
  const gmt = (fields['wp:post_date_gmt'] ?? '').trim();
  if (gmt && !gmt.startsWith('0000')) {
    const date = DateTime.fromSQL(gmt, { zone: 'UTC' });
    if (date.isValid) return date.toJSDate();
  }
  const local = (fields['wp:post_date'] ?? '').trim();
  if (local && !local.startsWith('0000')) {
    const date = DateTime.fromSQL(local, { zone });
    if (date.isValid) return date.toJSDate();
  }
  const published = Date.parse(fields.pubDate ?? '');
  return Number.isNaN(published) ? null : new Date(published);
}

function hostsOf(...addresses: string[]): Set<string> {
  const hosts = new Set<string>();
  for (const address of addresses) {
    try {
      const host = new URL(address).hostname.toLowerCase();
      hosts.add(host);
      hosts.add(host.startsWith('www.') ? host.slice(4) : `www.${host}`);
    } catch {
      // not an address
    }
  }
  return hosts;
}

/** Turns a parsed feed into a WordPress site; refuses a feed that is not a WordPress export. */
export function readWxr(feed: Feed, zone: string): WxrSite {
  const isWxr =
    Boolean(feed.channel['wp:wxr_version']) ||
    feed.items.some((item) => item.fields['wp:post_type'] !== undefined);
  if (!isWxr) {
    throw new AppError(
      'invalid_input',
      'This is not a WordPress export: in WordPress, use Tools → Export → All content.',
    );
  }
  const authors = new Map<string, string>();
  for (const record of feed.records) {
    if (record.type !== 'wp:author') continue;
    const login = record.fields['wp:author_login'] ?? '';
    const name = record.fields['wp:author_display_name'] || login;
    if (login) authors.set(login, name);
  }
  const baseUrl = (
    feed.channel['wp:base_blog_url'] ||
    feed.channel['wp:base_site_url'] ||
    feed.channel.link ||
    ''
  ).replace(/\/+$/, '');
  const items = feed.items.map((item): WxrItem => {
    const f = item.fields;
    const login = (f['dc:creator'] ?? '').trim();
    return {
      id: (f['wp:post_id'] ?? '').trim(),
      type: (f['wp:post_type'] ?? 'post').trim(),
      status: (f['wp:status'] ?? 'publish').trim(),
      title: (f.title ?? '').trim(),
      link: (f.link ?? '').trim(),
      slug: (f['wp:post_name'] ?? '').trim(),
      content: f['content:encoded'] ?? '',
      excerpt: f['excerpt:encoded'] ?? '',
      author: authors.get(login) ?? login,
      date: postDate(f, zone),
      parent: (f['wp:post_parent'] ?? '0').trim(),
      hasPassword: Boolean((f['wp:post_password'] ?? '').trim()),
      isSticky: (f['wp:is_sticky'] ?? '0').trim() === '1',
      attachmentUrl: (f['wp:attachment_url'] ?? '').trim(),
      categories: item.categories,
      meta: item.meta,
      metaAll: item.metaAll,
    };
  });
  return {
    title: feed.channel.title ?? '',
    baseUrl,
    hosts: hostsOf(baseUrl, feed.channel['wp:base_site_url'] ?? '', feed.channel.link ?? ''),
    items,
    byId: new Map(items.filter((item) => item.id).map((item) => [item.id, item])),
  };
}
