/**
 * Pages become guides and posts become articles in the library, written through the library's
 * own revision machinery (so history, search and publishing work as for anything written here).
 * A second run updates an item only when the old site changed it and nobody edited it here.
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import {
  findResourceById,
  placeAttachment,
  replaceResourceTags,
} from '../../resources/repository.ts';
import { type ResourceContent, writeRevision } from '../../resources/service.ts';
import type { ResourceKind } from '../../resources/tables.ts';
import { htmlToMarkdown, htmlToText } from '../html-to-markdown.ts';
import { matchIssueArea } from '../matching.ts';
import { saveImportedItem } from '../repository.ts';
import type { WxrItem } from './read-wxr.ts';
import { describeItem, rewriteImage, rewriteLink, type WordPressRun } from './run.ts';

const MAX_BODY = 100_000;
/** Bumped when the conversion changes, so a re-import rewrites items converted the old way. */
const CONVERSION_VERSION = 1;

export interface LibraryPlan {
  item: WxrItem;
  slug: string;
  /** The resource an earlier run made (still there). */
  resourceId: number | null;
  /** The content as the old site rendered it (blocks, paragraphs and shortcodes done). */
  html: string;
}

/** Published on the old site and readable by anyone there. */
export function isPublic(item: WxrItem): boolean {
  return item.status === 'publish' && !item.hasPassword;
}

/** Issue areas for the categories and tags that name one; the rest are kept as tags. */
export function termsOf(item: WxrItem): { issueAreas: string[]; tags: string[] } {
  const issueAreas = new Set<string>();
  const tags = new Set<string>();
  for (const term of item.categories) {
    const name = htmlToText(term.name);
    if (!name || term.nicename === 'uncategorized') continue;
    const area = matchIssueArea(name) ?? matchIssueArea(term.nicename);
    if (area) issueAreas.add(area);
    else tags.add(name.slice(0, 100));
  }
  return { issueAreas: [...issueAreas], tags: [...tags] };
}

function byline(item: WxrItem, zone: string): string {
  const date = item.date
    ? DateTime.fromJSDate(item.date, { zone }).toFormat('LLLL d, yyyy')
    : undefined;
  const parts = [item.author ? `By ${item.author}` : '', date && item.type === 'post' ? date : ''];
  const text = parts.filter(Boolean).join(' · ');
  return text ? `_${text.replace(/[_*[\]\\]/g, '\\$&')}_\n\n` : '';
}

/** The library content of a page or post, with links and images pointing at their new places. */
export function contentOf(
  run: WordPressRun,
  plan: LibraryPlan,
): { content: ResourceContent; tags: string[]; truncated: boolean } {
  const { item } = plan;
  const options = {
    baseUrl: `${run.site.baseUrl}/`,
    rewriteLink: (url: URL) => rewriteLink(run, url, item),
    rewriteImage: (url: URL) => rewriteImage(run, url),
  };
  const featuredUrl = run.site.byId.get(item.meta._thumbnail_id ?? '')?.attachmentUrl;
  const featured = featuredUrl
    ? htmlToMarkdown(`<p><img src="${featuredUrl.replace(/"/g, '&quot;')}" alt=""></p>`, options)
    : '';
  let body = [
    byline(item, run.services.config.timezone),
    featured,
    htmlToMarkdown(plan.html, options),
  ]
    .filter(Boolean)
    .join('\n\n')
    .trim();
  const truncated = body.length > MAX_BODY;
  if (truncated) body = body.slice(0, MAX_BODY);
  const { issueAreas, tags } = termsOf(item);
  const kind: ResourceKind = item.type === 'page' ? 'guide' : 'article';
  return {
    content: {
      kind,
      title: htmlToText(item.title).slice(0, 200) || `Untitled ${kind} ${item.id}`,
      summary: htmlToText(item.excerpt).slice(0, 500),
      body,
      audience: 'everyone',
      issueAreas,
      authorTeamId: null,
      authorGroupId: null,
      links: [],
      lastReviewedOn: null,
      featured: item.isSticky && item.type === 'post',
      eventQuery: '',
      steps: [],
    },
    tags,
    truncated,
  };
}

function hashOf(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify({ v: CONVERSION_VERSION, value }))
    .digest('hex')
    .slice(0, 32);
}

/** Creates or updates one library item; counts and notes go to the run's report. */
export async function writeLibraryItem(run: WordPressRun, plan: LibraryPlan): Promise<void> {
  const { item } = plan;
  const { content, tags, truncated } = contentOf(run, plan);
  const publish = isPublic(item);
  const hash = hashOf({ content, tags, publish });
  const earlier = run.existing.get(item.id);
  const kindLabel = content.kind === 'guide' ? 'guides' : 'articles';
  const href = `/resources/${plan.slug}`;
  if (truncated) {
    run.report.review({
      item: describeItem(item),
      note: 'Its text was longer than 100,000 characters and was cut.',
      href,
    });
  }
  if (plan.resourceId !== null && earlier?.content_hash === hash) {
    run.report.count(`${kindLabel}Unchanged`);
    return;
  }
  const now = run.services.now();
  await run.services.db.transaction().execute(async (tx) => {
    let resourceId = plan.resourceId;
    if (resourceId !== null) {
      const row = await findResourceById(tx, resourceId);
      if (row && earlier?.target_version && row.current_revision_id !== earlier.target_version) {
        run.report.count(`${kindLabel}KeptLocalEdits`);
        run.report.review({
          item: describeItem(item),
          note: 'Changed on the old site and here since the last import: this site’s version was kept.',
          href,
        });
        return;
      }
    }
    if (run.dryRun) {
      run.report.count(resourceId === null ? `${kindLabel}Created` : `${kindLabel}Updated`);
      return;
    }
    const saved = await writeRevision(tx, {
      resourceId,
      content,
      action: publish ? 'publish' : 'draft',
      publish,
      actorPersonId: run.actor?.personId ?? null,
      slug: resourceId === null ? plan.slug : undefined,
      // A new article keeps the date it was first published on the old site.
      now: resourceId === null && publish && item.date ? item.date : now,
    });
    resourceId = saved.id;
    await replaceResourceTags(tx, resourceId, tags);
    for (const attachment of run.pendingAttachments.get(item.id) ?? []) {
      await placeAttachment(tx, attachment.attachmentId, resourceId, null);
      await saveImportedItem(
        tx,
        {
          source: run.source,
          external_id: `media:${attachment.key}`,
          kind: 'media',
          target_type: 'attachment',
          target_id: attachment.attachmentId,
          url: attachment.url,
          old_url: attachment.key,
          content_hash: null,
          target_version: null,
        },
        now,
      );
    }
    const row = await findResourceById(tx, resourceId);
    await saveImportedItem(
      tx,
      {
        source: run.source,
        external_id: item.id,
        kind: item.type,
        target_type: 'resource',
        target_id: resourceId,
        url: `/resources/${saved.slug}`,
        old_url: item.link || null,
        content_hash: hash,
        target_version: row?.current_revision_id ?? null,
      },
      now,
    );
    run.report.count(plan.resourceId === null ? `${kindLabel}Created` : `${kindLabel}Updated`);
  });
  if (!publish && item.status !== 'trash') {
    const why =
      item.hasPassword && item.status === 'publish'
        ? 'It was password-protected on the old site, so it came in as a draft.'
        : item.status === 'future'
          ? 'It was scheduled on the old site; it came in as a draft.'
          : item.status === 'private'
            ? 'It was private on the old site; it came in as a draft.'
            : undefined;
    if (why && plan.resourceId === null)
      run.report.review({ item: describeItem(item), note: why, href });
  }
}
