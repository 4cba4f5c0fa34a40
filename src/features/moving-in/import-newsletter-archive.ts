/**
 * `hub newsletter:import-archive --rss URL_OR_FILE`: past campaigns (Mailchimp's campaign-archive
 * RSS feed, or a folder of saved campaign pages) become sent issues in the archive at
 * /newsletter, with their own dates. Their HTML is cleaned and turned into the newsletter's
 * Markdown; images become links (no page here loads pictures from another site). Keyed by the
 * campaign's id in the feed, so a second run changes nothing.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DateTime } from 'luxon';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { Services } from '../../platform/services.ts';
import { slugify } from '../../platform/text.ts';
import { publishIssue } from '../newsletter/issues.ts';
import {
  appendBlock,
  findIssue,
  findIssueBySlug,
  insertIssue,
  listBlocks,
  updateBlock,
  updateIssue,
} from '../newsletter/repository.ts';
import { htmlToMarkdown, htmlToText, loadConverter } from './html-to-markdown.ts';
import type { Feed } from './read-feed.ts';
import { type ImportReport, ReportBuilder } from './report.ts';
import { findImportedItems, saveImportedItem } from './repository.ts';

const SOURCE = 'newsletter_archive';

export interface Campaign {
  /** The feed's guid or link, or the file's name. */
  id: string;
  title: string;
  date: Date | null;
  html: string;
  link: string;
  /** Set when the date had to be guessed (a saved page says nothing about when it was sent). */
  dateNote?: string;
}

/** The campaigns of an RSS feed (Mailchimp's archive puts each campaign's HTML in description). */
export function campaignsFromFeed(feed: Feed): Campaign[] {
  return feed.items.map((item) => {
    const f = item.fields;
    const date = Date.parse(f.pubDate ?? f['dc:date'] ?? '');
    return {
      id: (f.guid || f.link || f.title || '').trim(),
      title: htmlToText(f.title ?? ''),
      date: Number.isNaN(date) ? null : new Date(date),
      html: f['content:encoded'] || f.description || '',
      link: (f.link ?? '').trim(),
    };
  });
}

function dateInPage(html: string): Date | null {
  const meta =
    /<meta[^>]+(?:property|name)=["'](?:article:published_time|date|dcterms\.date)["'][^>]+content=["']([^"']+)["']/i.exec(
      html,
    );
  const parsed = meta ? Date.parse(meta[1]!) : Number.NaN;
  return Number.isNaN(parsed) ? null : new Date(parsed);
}

/** Saved campaign pages (*.html): title from the page, date from the page, the file name or its time. */
export async function campaignsFromFolder(folder: string, zone: string): Promise<Campaign[]> {
  const names = (await fs.readdir(folder)).filter((name) => /\.html?$/i.test(name)).sort();
  const campaigns: Campaign[] = [];
  for (const name of names) {
    const file = path.join(folder, name);
    const html = await fs.readFile(file, 'utf8');
    const title =
      htmlToText(/<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '') ||
      htmlToText(/<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1] ?? '') ||
      name.replace(/\.html?$/i, '');
    let date = dateInPage(html);
    let dateNote: string | undefined;
    const named = /(\d{4})-?(\d{2})-?(\d{2})/.exec(name);
    if (!date && named) {
      const day = DateTime.fromISO(`${named[1]}-${named[2]}-${named[3]}T09:00`, { zone });
      if (day.isValid) date = day.toJSDate();
    }
    if (!date) {
      date = (await fs.stat(file)).mtime;
      dateNote = 'The page does not say when it was sent: its date is the file’s. Check it.';
    }
    campaigns.push({ id: name, title, date, html, link: '', dateNote });
  }
  return campaigns;
}

/** Mailchimp's hidden preview text, if the campaign had one. */
function previewText(html: string): string {
  const match = /class=["'][^"']*mcnPreviewText[^"']*["'][^>]*>([\s\S]*?)<\/span>/i.exec(html);
  return match ? htmlToText(match[1]!).slice(0, 200) : '';
}

async function freeSlug(db: Executor, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await findIssueBySlug(db, candidate))) return candidate;
  }
}

export async function importNewsletterArchive(
  services: Services,
  campaigns: Campaign[],
  options: {
    dryRun: boolean;
    actor: Actor | null;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ImportReport> {
  await loadConverter();
  const report = new ReportBuilder('newsletter_archive', options.dryRun);
  const zone = services.config.timezone;
  const existing = await findImportedItems(services.db, SOURCE);
  let done = 0;
  for (const campaign of campaigns) {
    options.onProgress?.(++done, campaigns.length);
    const label = `Campaign: ${campaign.title || campaign.id}`;
    if (!campaign.id) {
      report.skip('Campaigns without an id or link', label);
      continue;
    }
    if (!campaign.date) {
      report.skip('Campaigns without a date', label);
      continue;
    }
    const body = htmlToMarkdown(campaign.html, {
      baseUrl: campaign.link || undefined,
      tables: 'unwrap',
    });
    if (!body) {
      report.skip('Campaigns with no text', label);
      continue;
    }
    const subject = (campaign.title || 'Newsletter').slice(0, 150);
    const preheader = previewText(campaign.html);
    const hash = createHash('sha256')
      .update(JSON.stringify([subject, preheader, body, campaign.date]))
      .digest('hex')
      .slice(0, 32);
    const earlier = existing.get(campaign.id);
    const issue = earlier ? await findIssue(services.db, earlier.target_id) : undefined;
    if (issue && earlier?.content_hash === hash) {
      report.count('issuesUnchanged');
      continue;
    }
    if (options.dryRun) {
      report.count(issue ? 'issuesUpdated' : 'issuesCreated');
      continue;
    }
    const issueDate = DateTime.fromJSDate(campaign.date, { zone }).toISODate()!;
    const now = services.now();
    const url = await services.db.transaction().execute(async (tx) => {
      let target = issue;
      if (target) {
        await updateIssue(tx, target.id, { subject, preheader });
        const [block] = await listBlocks(tx, target.id);
        if (block) await updateBlock(tx, block.id, { body });
        else await appendBlock(tx, target.id, { kind: 'text', body });
      } else {
        const slug = await freeSlug(
          tx,
          `${issueDate}-${slugify(subject).slice(0, 60)}`.replace(/-+$/, ''),
        );
        const created = await insertIssue(tx, {
          slug,
          issueDate,
          subject,
          preheader,
          createdBy: options.actor?.personId ?? null,
          source: 'import',
        });
        await appendBlock(tx, created.id, { kind: 'text', body });
        await updateIssue(tx, created.id, {
          state: 'sent',
          send_started_at: campaign.date!,
          sent_at: campaign.date!,
          published_at: campaign.date!,
        });
        target = created;
      }
      const fresh = (await findIssue(tx, target.id))!;
      await publishIssue(tx, fresh, now);
      await saveImportedItem(
        tx,
        {
          source: SOURCE,
          external_id: campaign.id.slice(0, 500),
          kind: 'campaign',
          target_type: 'newsletter_issue',
          target_id: fresh.id,
          url: `/newsletter/${fresh.slug}`,
          old_url: campaign.link || null,
          content_hash: hash,
          target_version: null,
        },
        now,
      );
      return `/newsletter/${fresh.slug}`;
    });
    report.count(issue ? 'issuesUpdated' : 'issuesCreated');
    if (campaign.dateNote) report.review({ item: label, note: campaign.dateNote, href: url });
  }
  const built = report.build();
  if (!options.dryRun) {
    await recordAudit(services.db, {
      actor: options.actor,
      action: 'moving_in.archive_imported',
      subjectType: 'newsletter',
      details: { counts: built.counts },
    });
  }
  return built;
}
