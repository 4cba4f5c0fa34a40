/**
 * `hub wordpress:import FILE.xml` and the admin's upload: a WordPress export (WXR) brought over.
 * Pages become guides and posts articles in the library, The Events Calendar's events calendar
 * events, media the library items' attachments; old permalinks redirect. In order:
 *   1. read the export and sort its items (what comes over, what helps, what is skipped and why);
 *   2. give every page and post its new address (its old slug where free), so links can point
 *      at pages not written yet;
 *   3. copy media; 4. events; 5. pages and posts; 6. redirects; 7. the report.
 * A dry run does 1, 2 and the checks of 4 and 5, and writes nothing.
 */
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Services } from '../../platform/services.ts';
import { findResourceById } from '../resources/repository.ts';
import { uniqueSlug } from '../resources/service.ts';
import type { MediaSource } from './fetch-media.ts';
import { loadConverter } from './html-to-markdown.ts';
import type { Feed } from './read-feed.ts';
import { type ImportReport, ReportBuilder } from './report.ts';
import { findImportedItems, saveImportRedirects } from './repository.ts';
import { renderWordPressContent } from './wordpress/content.ts';
import { buildEventDrafts, importEvents } from './wordpress/events.ts';
import { copyMedia, mediaOf } from './wordpress/media.ts';
import { isPublic, type LibraryPlan, writeLibraryItem } from './wordpress/pages-and-posts.ts';
import { readWxr, type WxrItem } from './wordpress/read-wxr.ts';
import { describeItem, registerMove, type WordPressRun } from './wordpress/run.ts';

export interface WordPressImportOptions {
  dryRun: boolean;
  actor: Actor | null;
  media: MediaSource;
  onProgress?: (done: number, total: number) => void;
}

/** Items that help others come over, and never appear on their own. */
const SUPPORTING = new Set(['attachment', 'wp_block', 'tribe_venue', 'tribe_organizer']);

const NOT_BROUGHT_OVER: Record<string, string> = {
  nav_menu_item: 'Menu items: build the menu here by hand',
  revision: 'Old revisions: only the latest version comes over',
  wpcf7_contact_form: 'Contact forms (Contact Form 7): not brought over',
  custom_css: 'Theme settings and styles: not brought over',
  wp_global_styles: 'Theme settings and styles: not brought over',
  wp_template: 'Theme settings and styles: not brought over',
  wp_template_part: 'Theme settings and styles: not brought over',
  wp_navigation: 'Menu items: build the menu here by hand',
  oembed_cache: 'WordPress caches: nothing to bring over',
  customize_changeset: 'WordPress caches: nothing to bring over',
};

function classify(item: WxrItem): 'library' | 'event' | 'supporting' | { skip: string } {
  if (item.status === 'trash') return { skip: 'In the trash on the old site' };
  if (item.status === 'auto-draft')
    return { skip: 'Automatic drafts WordPress made (never written)' };
  if (item.type === 'page' || item.type === 'post') return 'library';
  if (item.type === 'tribe_events') return 'event';
  if (SUPPORTING.has(item.type)) return 'supporting';
  return { skip: NOT_BROUGHT_OVER[item.type] ?? `Items of type "${item.type}": not brought over` };
}

export async function importWordPress(
  services: Services,
  feed: Feed,
  options: WordPressImportOptions,
): Promise<ImportReport> {
  await loadConverter();
  const site = readWxr(feed, services.config.timezone);
  const host = [...site.hosts][0] ?? 'unknown';
  const source = `wordpress:${host.replace(/^www\./, '')}`;
  const run: WordPressRun = {
    services,
    site,
    source,
    report: new ReportBuilder('wordpress', options.dryRun),
    dryRun: options.dryRun,
    actor: options.actor,
    media: options.media,
    existing: await findImportedItems(services.db, source),
    links: new Map(),
    mediaUrls: new Map(),
    pendingAttachments: new Map(),
    redirects: new Map(),
    unresolvedLinks: new Map(),
  };
  for (const problem of feed.problems) run.report.skip('Broken XML passed over', problem);

  // 1. Sort the items.
  const library: WxrItem[] = [];
  const events: WxrItem[] = [];
  for (const item of site.items) {
    if (!item.id) {
      run.report.skip('Items without an id', describeItem(item));
      continue;
    }
    const kind = classify(item);
    if (kind === 'library') library.push(item);
    else if (kind === 'event') events.push(item);
    else if (kind !== 'supporting') run.report.skip(kind.skip, describeItem(item));
  }
  const total = library.length * 2 + events.length;
  let done = 0;
  const tick = () => options.onProgress?.(++done, total);

  // 2. New addresses for pages and posts.
  const reusableBlocks = new Map(
    site.items.filter((item) => item.type === 'wp_block').map((item) => [item.id, item.content]),
  );
  const attachmentUrls = new Map(
    site.items
      .filter((item) => item.type === 'attachment')
      .map((item) => [item.id, item.attachmentUrl]),
  );
  const taken = new Set<string>();
  const plans: LibraryPlan[] = [];
  for (const item of library) {
    const earlier = run.existing.get(item.id);
    const row =
      earlier?.target_type === 'resource'
        ? await findResourceById(services.db, earlier.target_id)
        : undefined;
    let slugBase = item.slug;
    try {
      slugBase = decodeURIComponent(item.slug);
    } catch {
      // keep it as it is
    }
    const slug =
      row?.slug ??
      (await uniqueSlug(services.db, slugBase || item.title || `item-${item.id}`, taken));
    taken.add(slug);
    const dropped = new Set<string>();
    const html = renderWordPressContent(item.content, {
      reusableBlocks,
      attachmentUrls,
      onDropped: (what) => dropped.add(what),
    });
    if (dropped.size) {
      run.report.review({
        item: describeItem(item),
        note: `Dropped what only the old site could show: ${[...dropped].join(', ')}. Check the text reads well.`,
        href: `/resources/${slug}`,
      });
    }
    plans.push({ item, slug, resourceId: row?.id ?? null, html });
    registerMove(run, item, `/resources/${slug}`, { redirect: isPublic(item) });
  }

  // 3. Media.
  const owners = plans.map((plan) => ({
    item: plan.item,
    slug: plan.slug,
    media: mediaOf(run, plan.item, plan.html),
  }));
  await copyMedia(run, owners);
  for (const plan of plans) {
    const keys = run.pendingAttachments.get(plan.item.id) ?? [];
    for (const attachment of keys)
      run.redirects.set(attachment.key.replace(/\/+$/, ''), {
        toUrl: attachment.url,
        note: `File of ${describeItem(plan.item)}`,
      });
    tick();
  }
  const used = new Set(owners.flatMap((owner) => [...owner.media.keys()]));
  for (const attachment of site.items.filter((item) => item.type === 'attachment')) {
    let key = '';
    try {
      key = new URL(attachment.attachmentUrl).pathname.toLowerCase();
    } catch {
      // no address: not used
    }
    const local = run.mediaUrls.get(key);
    if (local) registerMove(run, attachment, local, { redirect: true });
    else if (!used.has(key)) {
      run.report.skip(
        'Media no imported page or post uses',
        attachment.attachmentUrl || attachment.title,
      );
    }
  }

  // 4. Events, 5. pages and posts.
  await importEvents(run, await buildEventDrafts(run, events), tick);
  for (const plan of plans) {
    await writeLibraryItem(run, plan);
    tick();
  }

  // 6. Redirects; 7. what a person should look at.
  if (!options.dryRun) {
    const saved = await saveImportRedirects(
      services.db,
      [...run.redirects].map(([fromPath, { toUrl, note }]) => ({ fromPath, toUrl, note })),
    );
    run.report.count('redirects', saved);
  } else {
    run.report.count('redirects', run.redirects.size);
  }
  for (const [path, items] of [...run.unresolvedLinks].slice(0, 50)) {
    run.report.review({
      item: `Link to ${path}`,
      note: `${[...items].slice(0, 3).join('; ')} link${items.size === 1 ? 's' : ''} here, but nothing imported lives at this old address. Add a redirect if it moved.`,
      href: '/admin/redirects',
    });
  }
  const report = run.report.build();
  if (!options.dryRun) {
    await recordAudit(services.db, {
      actor: options.actor,
      action: 'moving_in.wordpress_imported',
      subjectType: 'site',
      details: { source, counts: report.counts },
    });
  }
  return report;
}
