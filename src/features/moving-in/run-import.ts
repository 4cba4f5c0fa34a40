/**
 * An import started in the admin: the upload is kept in file storage, checked in the background
 * (a dry run), shown for review, then imported in the background on the administrator's word.
 * The page can be left and come back to; the row holds the state, progress and both reports.
 */
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { loadActor } from '../../platform/auth/sessions.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueueJob } from '../../platform/jobs/queue.ts';
import { readAllowedHosts } from '../../platform/net/allowed-hosts.ts';
import type { Services } from '../../platform/services.ts';
import { newStorageKey } from '../../platform/storage/keys.ts';
import { fileStorageFor } from '../../platform/storage/storage.ts';
import { fetchRemote, mediaSource } from './fetch-media.ts';
import { importMailchimpAudience } from './import-mailchimp-audience.ts';
import { campaignsFromFeed, importNewsletterArchive } from './import-newsletter-archive.ts';
import { importWordPress } from './import-wordpress.ts';
import { readAudienceFiles } from './mailchimp/read-export.ts';
import { readFeed } from './read-feed.ts';
import type { ImportKind, ImportReport } from './report.ts';
import { claimImport, findImport, insertImport, updateImport } from './repository.ts';
import type { MovingInImport } from './tables.ts';
import { MEDIA_LIMITS } from './wordpress/media.ts';

export const IMPORT_JOB = 'moving-in.run';
export const ImportJobPayload = z.object({ importId: z.number().int(), dryRun: z.boolean() });

const FEED_LIMITS = { maxBytes: 50 * 1024 * 1024, timeoutMs: 60_000 };

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** Keeps the upload and queues its dry run. */
export async function startReview(
  services: Services,
  actor: Actor,
  input: { kind: ImportKind; files: UploadedFile[]; options?: Record<string, unknown> },
): Promise<MovingInImport> {
  const storage = fileStorageFor(services.config);
  const keys: string[] = [];
  for (const file of input.files) {
    const key = newStorageKey('moving-in', services.now());
    await storage.put(key, Buffer.from(file.bytes), 'application/octet-stream');
    keys.push(key);
  }
  const names = input.files.map((file) => file.name).join(', ');
  return services.db.transaction().execute(async (tx) => {
    const row = await insertImport(tx, {
      kind: input.kind,
      state: 'checking',
      via: 'admin',
      fileName: names || String(input.options?.url ?? ''),
      storageKeys: keys,
      options: { ...input.options, fileNames: input.files.map((file) => file.name) },
      createdBy: actor.personId,
    });
    await enqueueJob(tx, IMPORT_JOB, { importId: row.id, dryRun: true });
    return row;
  });
}

/** Queues the import itself, after a review (or again, after a failure: imports are idempotent). */
export async function startImport(services: Services, importId: number): Promise<void> {
  await services.db.transaction().execute(async (tx) => {
    const claimed = await claimImport(
      tx,
      importId,
      ['reviewed', 'done', 'failed'],
      'importing',
      services.now(),
    );
    if (!claimed)
      throw new AppError('conflict', 'This import is being checked or imported already.');
    await enqueueJob(tx, IMPORT_JOB, { importId, dryRun: false });
  });
}

async function readInputs(services: Services, row: MovingInImport): Promise<UploadedFile[]> {
  const storage = fileStorageFor(services.config);
  const names = (row.options.fileNames as string[] | undefined) ?? [];
  const files: UploadedFile[] = [];
  for (const [index, key] of row.storage_keys.entries()) {
    const bytes = await storage.get(key);
    if (!bytes)
      throw new AppError('not_found', 'The uploaded file is no longer there: upload it again.');
    files.push({ name: names[index] ?? `file-${index + 1}`, bytes });
  }
  return files;
}

/** Runs one import's dry run or import, for any kind. */
export async function runImportKind(
  services: Services,
  kind: ImportKind,
  files: UploadedFile[],
  options: {
    dryRun: boolean;
    actor: Actor | null;
    settings: Record<string, unknown>;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ImportReport> {
  const common = { dryRun: options.dryRun, actor: options.actor, onProgress: options.onProgress };
  if (kind === 'mailchimp_audience') {
    return importMailchimpAudience(
      services,
      readAudienceFiles(files, options.settings.mapping ?? {}),
      common,
    );
  }
  if (kind === 'wordpress') {
    const feed = await readFeed(Buffer.from(files[0]!.bytes).toString('utf8'));
    const allowedHosts = await readAllowedHosts(services.db);
    const media = mediaSource({ limits: { ...MEDIA_LIMITS, allowedHosts } });
    return importWordPress(services, feed, { ...common, media });
  }
  let text: string;
  if (files.length) text = Buffer.from(files[0]!.bytes).toString('utf8');
  else {
    const fetched = await fetchRemote(new URL(String(options.settings.url)), {
      ...FEED_LIMITS,
      allowedHosts: await readAllowedHosts(services.db),
    });
    if (!fetched.ok) throw new AppError('invalid_input', `The feed ${fetched.reason}.`);
    text = fetched.bytes.toString('utf8');
  }
  return importNewsletterArchive(services, campaignsFromFeed(await readFeed(text)), common);
}

/** The background job: the dry run or the import of one row, its state and report kept there. */
export async function runImportJob(
  services: Services,
  importId: number,
  dryRun: boolean,
): Promise<void> {
  const row = await findImport(services.db, importId);
  if (!row) return;
  const actor = row.created_by
    ? ((await loadActor(services.db, row.created_by, 'session')) ?? null)
    : null;
  let lastWrite = 0;
  const onProgress = (done: number, total: number) => {
    const now = Date.now();
    if (now - lastWrite < 1000 && done < total) return;
    lastWrite = now;
    void updateImport(
      services.db,
      importId,
      { progressDone: done, progressTotal: total },
      services.now(),
    );
  };
  try {
    const files = await readInputs(services, row);
    const report = await runImportKind(services, row.kind, files, {
      dryRun,
      actor,
      settings: {
        ...row.options,
        mapping: row.options.mapping as Record<string, string> | undefined,
      },
      onProgress,
    });
    await updateImport(
      services.db,
      importId,
      dryRun
        ? { state: 'reviewed', review: report }
        : { state: 'done', report, finishedAt: services.now() },
      services.now(),
    );
  } catch (error) {
    const message =
      error instanceof AppError ? error.message : 'Something went wrong while reading this file.';
    if (!(error instanceof AppError))
      services.logger.error({ err: error, importId }, 'import failed');
    await updateImport(services.db, importId, { state: 'failed', error: message }, services.now());
  }
}
