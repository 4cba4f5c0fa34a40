/**
 * `hub wordpress:import`, `hub newsletter:import-archive`, and the Mailchimp half of
 * `hub subscribers:import` (the newsletter's command hands Mailchimp exports to `runMailchimpCommand`).
 * Each prints the report, records the run (the admin lists it) and ends with the JSON summary.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { type CliCommand, type CommandContext, CommandError } from '../../cli/command.ts';
import { AppError } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { readAllowedHosts } from '../../platform/net/allowed-hosts.ts';
import type { Services } from '../../platform/services.ts';
import { fetchRemote, mediaSource } from './fetch-media.ts';
import { importMailchimpAudience } from './import-mailchimp-audience.ts';
import {
  type Campaign,
  campaignsFromFeed,
  campaignsFromFolder,
  importNewsletterArchive,
} from './import-newsletter-archive.ts';
import { importWordPress } from './import-wordpress.ts';
import { type FieldMapping, readAudienceFiles } from './mailchimp/read-export.ts';
import { readFeed } from './read-feed.ts';
import { type ImportReport, skippedTotal } from './report.ts';
import { insertImport, updateImport } from './repository.ts';
import './messages.ts';
import { MEDIA_LIMITS } from './wordpress/media.ts';

/** The report as lines for a person at a terminal. */
export function reportLines(report: ImportReport): string[] {
  const lines = [
    report.dryRun ? 'Dry run: nothing was changed. Importing would do this:' : 'Done:',
  ];
  const counts = Object.entries(report.counts).filter(([, count]) => count > 0);
  if (!counts.length) lines.push(`  ${t('movingIn.report.nothing')}`);
  for (const [key, count] of counts) lines.push(`  ${t(`movingIn.count.${key}`)}: ${count}`);
  if (report.skipped.length) {
    lines.push(t('movingIn.report.skipped', { count: skippedTotal(report) }));
    for (const group of report.skipped) {
      lines.push(`  ${group.count} × ${group.reason}`);
      for (const example of group.examples.slice(0, 3)) lines.push(`      ${example}`);
    }
  }
  if (report.needsReview.length) {
    lines.push(t('movingIn.report.review', { count: report.needsReview.length }));
    for (const note of report.needsReview) {
      lines.push(`  ${note.item}: ${note.note}${note.href ? ` (${note.href})` : ''}`);
    }
  }
  return lines;
}

function summaryOf(report: ImportReport, importId: number) {
  return {
    ok: true,
    dryRun: report.dryRun,
    importId,
    ...report.counts,
    skipped: skippedTotal(report),
    needsReview: report.needsReview.length,
    seconds: report.seconds,
  };
}

/** Runs an import from the command line: progress bar, report, a row in the admin's list. */
async function runFromCli(
  context: CommandContext,
  input: { kind: ImportReport['kind']; fileName: string; label: string },
  work: (onProgress: (done: number, total: number) => void) => Promise<ImportReport>,
) {
  const { services, progress, say } = context;
  let shown = -1;
  let report: ImportReport;
  try {
    report = await work((done, total) => {
      if (shown < 0) {
        progress.start(total, input.label);
        shown = 0;
      }
      progress.tick(done - shown);
      shown = done;
    });
  } catch (error) {
    if (error instanceof AppError) throw new CommandError(error.message);
    throw error;
  } finally {
    progress.stop();
  }
  for (const line of reportLines(report)) say(line);
  const row = await recordCliRun(services, input.kind, input.fileName, report);
  return summaryOf(report, row);
}

async function recordCliRun(
  services: Services,
  kind: ImportReport['kind'],
  fileName: string,
  report: ImportReport,
) {
  const row = await insertImport(services.db, {
    kind,
    state: report.dryRun ? 'reviewed' : 'done',
    via: 'cli',
    fileName,
    createdBy: null,
  });
  await updateImport(
    services.db,
    row.id,
    report.dryRun ? { review: report } : { report, finishedAt: services.now() },
    services.now(),
  );
  return row.id;
}

async function readBytes(file: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    throw new CommandError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
}

/** Is this file (a ZIP, or a CSV whose header names Mailchimp's columns) a Mailchimp export? */
export async function isMailchimpExport(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head[0] === 0x50 && head[1] === 0x4b) return true;
    const header = head.toString('utf8').split(/\r?\n/)[0] ?? '';
    return (
      /Email Address/i.test(header) &&
      /(OPTIN_TIME|UNSUB_TIME|CLEAN_TIME|MEMBER_RATING)/.test(header)
    );
  } finally {
    await handle.close();
  }
}

/** `--map town=City --map zip="Postal Code"` as a mapping. */
export function parseMapping(values: string[]): FieldMapping {
  const mapping: FieldMapping = {};
  for (const value of values) {
    const match = /^(town|zip|address|name)=(.+)$/.exec(value.trim());
    if (!match)
      throw new CommandError(
        `--map ${value}: use town=COLUMN, zip=COLUMN, address=COLUMN or name=COLUMN.`,
      );
    mapping[match[1] as keyof FieldMapping] = match[2]!.trim();
  }
  return mapping;
}

/** The Mailchimp half of `hub subscribers:import`: the files of one export (a ZIP or its CSVs). */
export async function runMailchimpCommand(context: CommandContext, files: string[]) {
  const mapping = parseMapping((context.values.map as string[] | undefined) ?? []);
  const read = [];
  for (const file of files) read.push({ name: path.basename(file), bytes: await readBytes(file) });
  let audience: ReturnType<typeof readAudienceFiles>;
  try {
    audience = readAudienceFiles(read, mapping);
  } catch (error) {
    if (error instanceof AppError) throw new CommandError(error.message);
    throw error;
  }
  return runFromCli(
    context,
    {
      kind: 'mailchimp_audience',
      fileName: read.map((f) => f.name).join(', '),
      label: 'Importing members',
    },
    (onProgress) =>
      importMailchimpAudience(context.services, audience, {
        dryRun: context.values['dry-run'] === true,
        actor: null,
        onProgress,
      }),
  );
}

async function readFeedFrom(services: Services, location: string) {
  if (/^https?:\/\//i.test(location)) {
    const fetched = await fetchRemote(new URL(location), {
      maxBytes: 50 * 1024 * 1024,
      timeoutMs: 60_000,
      allowedHosts: await readAllowedHosts(services.db),
    });
    if (!fetched.ok) throw new CommandError(`${location} ${fetched.reason}.`);
    return readFeed(fetched.bytes.toString('utf8'));
  }
  try {
    await fs.access(location);
  } catch {
    throw new CommandError(`cannot read ${location}: no such file.`);
  }
  return readFeed(
    createReadStream(location, {
      encoding: 'utf8',
      highWaterMark: 1 << 20,
    }) as AsyncIterable<string>,
  );
}

export const movingInCommands: CliCommand[] = [
  {
    name: 'wordpress:import',
    summary:
      'Import a WordPress export (WXR): pages, posts, media, The Events Calendar events; old links redirect.',
    usage: 'hub wordpress:import FILE.xml [--dry-run] [--uploads DIR]',
    details: [
      'FILE.xml       in WordPress: Tools → Export → All content',
      '--dry-run      show what would be imported, change nothing',
      "--uploads DIR  a copy of the old site's wp-content/uploads folder, used before the web",
      'Pages become guides and posts articles in the library; events come into the calendar',
      '(published ones approved); drafts and private items come in as drafts. Media is copied',
      'when reachable, otherwise linked. Every old address redirects (301) to its new page.',
      'Running it again updates what changed on the old site and keeps edits made here.',
    ],
    options: { 'dry-run': { type: 'boolean' }, uploads: { type: 'string' } },
    positionals: { min: 1, max: 1 },
    async run(context) {
      const file = context.positionals[0]!;
      const uploads =
        typeof context.values.uploads === 'string' ? context.values.uploads : undefined;
      if (uploads && !(await fs.stat(uploads).catch(() => undefined))?.isDirectory()) {
        throw new CommandError(`--uploads ${uploads}: not a folder.`);
      }
      let feed: Awaited<ReturnType<typeof readFeed>>;
      try {
        feed = await readFeedFrom(context.services, file);
      } catch (error) {
        if (error instanceof AppError) throw new CommandError(`${file}: ${error.message}`);
        throw error;
      }
      const allowedHosts = await readAllowedHosts(context.services.db);
      return runFromCli(
        context,
        { kind: 'wordpress', fileName: path.basename(file), label: 'Importing' },
        (onProgress) =>
          importWordPress(context.services, feed, {
            dryRun: context.values['dry-run'] === true,
            actor: null,
            media: mediaSource({
              uploadsFolder: uploads,
              limits: { ...MEDIA_LIMITS, allowedHosts },
            }),
            onProgress,
          }),
      );
    },
  },
  {
    name: 'newsletter:import-archive',
    summary:
      "Bring past campaigns (Mailchimp's archive RSS, or saved campaign pages) into the archive.",
    usage: 'hub newsletter:import-archive --rss URL_OR_FILE [--dry-run]',
    details: [
      "--rss URL_OR_FILE  the campaign archive's RSS feed (its address, or the feed saved as a",
      '                   file), or a folder of saved campaign pages (*.html)',
      '--dry-run          show what would be imported, change nothing',
      'Each campaign becomes a sent issue on /newsletter with its own date, its HTML cleaned and',
      'its images kept as links. Running it again changes nothing.',
    ],
    options: { rss: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    async run(context) {
      const location = typeof context.values.rss === 'string' ? context.values.rss.trim() : '';
      if (!location)
        throw new CommandError(
          "--rss is required: the archive feed's address, a saved feed, or a folder of campaign pages.",
        );
      let campaigns: Campaign[];
      try {
        const stat = /^https?:\/\//i.test(location)
          ? undefined
          : await fs.stat(location).catch(() => undefined);
        campaigns = stat?.isDirectory()
          ? await campaignsFromFolder(location, context.services.config.timezone)
          : campaignsFromFeed(await readFeedFrom(context.services, location));
      } catch (error) {
        if (error instanceof AppError) throw new CommandError(`${location}: ${error.message}`);
        throw error;
      }
      return runFromCli(
        context,
        {
          kind: 'newsletter_archive',
          fileName: path.basename(location),
          label: 'Importing campaigns',
        },
        (onProgress) =>
          importNewsletterArchive(context.services, campaigns, {
            dryRun: context.values['dry-run'] === true,
            actor: null,
            onProgress,
          }),
      );
    },
  },
];
