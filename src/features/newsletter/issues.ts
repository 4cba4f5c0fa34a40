/**
 * Issues (editions): drafting from the calendar, editing blocks, scheduling, test sends,
 * publishing to the archive and the search index.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { enqueueJob } from '../../platform/jobs/queue.ts';
import { indexDocument, removeDocument } from '../../platform/search-index.ts';
import type { Services } from '../../platform/services.ts';
import { getSiteSettings } from '../../platform/site.ts';
import { listDigestOccurrences } from '../events/digest.ts';
import { markdownToText, toStoredOccurrence } from './content.ts';
import {
  type IssueContent,
  issueDateLabel,
  personalize,
  type RenderSettings,
  renderIssueVariant,
} from './email.ts';
import {
  appendBlock,
  deleteBlock,
  findBlock,
  findIssue,
  findIssueByDate,
  insertIssue,
  listBlocks,
  lockIssue,
  markSubmissionUsed,
  type NewBlock,
  unusedSubmissionsFor,
  updateBlock,
  updateIssue,
} from './repository.ts';
import type { Block, BlockKind, EventsBlockData, Issue } from './tables.ts';

export const START_JOB = 'newsletter.start';
export const DIGEST_DAYS = 14;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-12-05.');

/**
 * The Saturday an issue goes out, for the week containing `date` (a YYYY-MM-DD in the
 * coalition's zone, or an instant). Saturday itself is its own issue date.
 */
export function issueDateFor(date: string | Date, zone: string): string {
  const day =
    typeof date === 'string'
      ? DateTime.fromISO(date, { zone })
      : DateTime.fromJSDate(date, { zone }).startOf('day');
  if (!day.isValid) throw new AppError('invalid_input', 'Use a date like 2026-12-05.');
  const saturday = 6;
  return day.plus({ days: (saturday - day.weekday + 7) % 7 }).toISODate()!;
}

/** The events window of an issue: from its day's start, two weeks, in the coalition's zone. */
export function digestWindow(issueDate: string, zone: string): { from: Date; to: Date } {
  const start = DateTime.fromISO(issueDate, { zone }).startOf('day');
  return { from: start.toJSDate(), to: start.plus({ days: DIGEST_DAYS }).toJSDate() };
}

async function eventsSnapshot(
  db: Executor,
  issueDate: string,
  zone: string,
): Promise<EventsBlockData> {
  const window = digestWindow(issueDate, zone);
  const occurrences = await listDigestOccurrences(db, window);
  return {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    occurrences: occurrences.map(toStoredOccurrence),
  };
}

function assertEditable(issue: Issue): void {
  if (issue.state === 'sending' || issue.state === 'sent') {
    throw new AppError('conflict', t('newsletter.issue.locked'));
  }
}

/**
 * Creates the draft for the week containing `date` (default: the coming issue): an editor's
 * note, the events of the coming two weeks, and the news and spotlights submitted for it.
 * When that week already has an issue, returns it unchanged.
 */
export async function createDraft(
  services: Services,
  options: { date?: string; actor: Actor | null },
): Promise<{ issue: Issue; created: boolean }> {
  const zone = services.config.timezone;
  if (options.date && !IsoDate.safeParse(options.date).success) {
    throw new AppError('invalid_input', 'Use a date like 2026-12-05.', {
      date: 'Use a date like 2026-12-05.',
    });
  }
  const issueDate = issueDateFor(options.date ?? services.now(), zone);
  const existing = await findIssueByDate(services.db, issueDate);
  if (existing) return { issue: existing, created: false };
  const site = await getSiteSettings(services.db);
  try {
    return await services.db.transaction().execute(async (tx) => {
      const issue = await insertIssue(tx, {
        slug: issueDate,
        issueDate,
        subject: t('newsletter.issue.defaultSubject', {
          site: site.name,
          date: issueDateLabel(issueDate),
        }),
        preheader: t('newsletter.issue.defaultPreheader'),
        createdBy: options.actor?.personId ?? null,
      });
      await appendBlock(tx, issue.id, {
        kind: 'note',
        title: t('newsletter.block.note.defaultTitle'),
        body: '',
      });
      await appendBlock(tx, issue.id, {
        kind: 'events',
        title: t('newsletter.block.events.defaultTitle'),
        data: await eventsSnapshot(tx, issueDate, zone),
      });
      for (const submission of await unusedSubmissionsFor(tx, issueDate)) {
        await appendBlock(tx, issue.id, submissionBlock(submission));
        await markSubmissionUsed(tx, submission.id, issue.id);
      }
      await recordAudit(tx, {
        actor: options.actor,
        action: 'newsletter.draft_created',
        subjectType: 'newsletter_issue',
        subjectId: issue.id,
        details: { issueDate },
      });
      return { issue, created: true };
    });
  } catch (error) {
    // Another process drafted the same week at the same moment: theirs stands.
    const raced = await findIssueByDate(services.db, issueDate);
    if (raced) return { issue: raced, created: false };
    throw error;
  }
}

function submissionBlock(submission: {
  kind: 'news' | 'spotlight';
  title: string;
  body: string;
  link_url: string | null;
  submitted_by: string;
  on_behalf_of: string | null;
}): NewBlock {
  return {
    kind: submission.kind,
    title: submission.title,
    body: submission.body,
    linkUrl: submission.link_url,
    submittedBy: submission.submitted_by,
    onBehalfOf: submission.on_behalf_of,
  };
}

export async function requireIssue(db: Executor, id: number): Promise<Issue> {
  const issue = await findIssue(db, id);
  if (!issue) throw notFound('That issue');
  return issue;
}

const HttpUrl = z
  .string()
  .trim()
  .max(500, 'Keep the link under 500 characters.')
  .refine((v) => v === '' || /^https?:\/\/\S+$/.test(v), 'Use a link starting with https://.');

export const BlockInput = z.object({
  title: z.string().trim().max(200, 'Keep the title under 200 characters.').default(''),
  body: z.string().max(20_000, 'Keep the text under 20,000 characters.').default(''),
  linkUrl: HttpUrl.default(''),
  submittedBy: z.string().trim().max(200).default(''),
  onBehalfOf: z.string().trim().max(200).default(''),
});
export type BlockInput = z.infer<typeof BlockInput>;

export const IssueMetaInput = z.object({
  subject: z
    .string()
    .trim()
    .min(1, 'Enter a subject line.')
    .max(150, 'Keep the subject under 150 characters.'),
  preheader: z.string().trim().max(200, 'Keep the preview text under 200 characters.').default(''),
});

export const AddBlockInput = z.object({
  kind: z.enum(['note', 'events', 'news', 'spotlight', 'text']),
});

async function withEditableIssue<T>(
  services: Services,
  issueId: number,
  work: (tx: Tx, issue: Issue) => Promise<T>,
): Promise<T> {
  return services.db.transaction().execute(async (tx) => {
    const issue = await lockIssue(tx, issueId);
    if (!issue) throw notFound('That issue');
    assertEditable(issue);
    const result = await work(tx, issue);
    await updateIssue(tx, issueId, {});
    return result;
  });
}

export async function saveIssueMeta(
  services: Services,
  issueId: number,
  input: z.infer<typeof IssueMetaInput>,
) {
  await withEditableIssue(services, issueId, (tx) =>
    updateIssue(tx, issueId, { subject: input.subject, preheader: input.preheader }),
  );
}

export async function addBlock(services: Services, issueId: number, kind: BlockKind) {
  return withEditableIssue(services, issueId, async (tx, issue) =>
    appendBlock(tx, issueId, {
      kind,
      title: kind === 'events' ? t('newsletter.block.events.defaultTitle') : '',
      data:
        kind === 'events'
          ? await eventsSnapshot(tx, issue.issue_date, services.config.timezone)
          : undefined,
    }),
  );
}

export async function saveBlock(
  services: Services,
  issueId: number,
  blockId: number,
  input: BlockInput,
) {
  await withEditableIssue(services, issueId, async (tx) => {
    const block = await findBlock(tx, issueId, blockId);
    if (!block) throw notFound('That block');
    const submitted = block.kind === 'news' || block.kind === 'spotlight';
    await updateBlock(tx, blockId, {
      title: input.title,
      body: input.body,
      link_url: block.kind === 'events' ? null : input.linkUrl || null,
      submitted_by: submitted ? input.submittedBy || null : null,
      on_behalf_of: submitted ? input.onBehalfOf || null : null,
    });
  });
}

/** Moves a block one place up or down; positions are renumbered 1..n. */
export async function moveBlock(
  services: Services,
  issueId: number,
  blockId: number,
  direction: 'up' | 'down',
) {
  await withEditableIssue(services, issueId, async (tx) => {
    const blocks = await listBlocks(tx, issueId);
    const index = blocks.findIndex((block) => block.id === blockId);
    if (index < 0) throw notFound('That block');
    const target = direction === 'up' ? index - 1 : index + 1;
    if (target < 0 || target >= blocks.length) return;
    const order = [...blocks];
    [order[index], order[target]] = [order[target]!, order[index]!];
    for (const [position, block] of order.entries()) {
      if (block.position !== position + 1) {
        await updateBlock(tx, block.id, { position: position + 1 });
      }
    }
  });
}

export async function removeBlock(services: Services, issueId: number, blockId: number) {
  await withEditableIssue(services, issueId, async (tx) => {
    const block = await findBlock(tx, issueId, blockId);
    if (!block) throw notFound('That block');
    await deleteBlock(tx, blockId);
  });
}

export async function refreshEvents(services: Services, issueId: number, blockId: number) {
  await withEditableIssue(services, issueId, async (tx, issue) => {
    const block = await findBlock(tx, issueId, blockId);
    if (block?.kind !== 'events') throw notFound('That block');
    await updateBlock(tx, blockId, {
      data: await eventsSnapshot(tx, issue.issue_date, services.config.timezone),
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Scheduling

export const ScheduleInput = z.object({
  at: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Pick a date and a time.'),
});

/** "Saturday 8:00 am" of the issue's date in the coalition's zone, as a datetime-local value. */
export function defaultScheduleValue(issue: Issue, zone: string): string {
  return DateTime.fromISO(`${issue.issue_date}T08:00`, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

export async function scheduleIssue(
  services: Services,
  issueId: number,
  localValue: string,
  actor: Actor,
): Promise<Date> {
  const at = DateTime.fromISO(localValue, { zone: services.config.timezone });
  if (!at.isValid) {
    throw new AppError('invalid_input', 'Pick a date and a time.', {
      at: 'Pick a date and a time.',
    });
  }
  const instant = at.toJSDate();
  if (instant.getTime() <= services.now().getTime()) {
    throw new AppError('invalid_input', t('newsletter.schedule.past'), {
      at: t('newsletter.schedule.past'),
    });
  }
  await withEditableIssue(services, issueId, async (tx) => {
    const blocks = await listBlocks(tx, issueId);
    if (!blocks.length) throw new AppError('invalid_input', t('newsletter.send.empty'));
    await updateIssue(tx, issueId, { state: 'scheduled', scheduled_at: instant });
    await enqueueJob(
      tx,
      START_JOB,
      { issueId, at: instant.toISOString() },
      { runAt: instant, uniqueKey: `${START_JOB}:${issueId}:${instant.toISOString()}` },
    );
    await recordAudit(tx, {
      actor,
      action: 'newsletter.scheduled',
      subjectType: 'newsletter_issue',
      subjectId: issueId,
      details: { at: instant.toISOString() },
    });
  });
  return instant;
}

/** Back to draft; the waiting start job finds the issue no longer scheduled and does nothing. */
export async function cancelSchedule(services: Services, issueId: number, actor: Actor) {
  await services.db.transaction().execute(async (tx) => {
    const issue = await lockIssue(tx, issueId);
    if (!issue) throw notFound('That issue');
    if (issue.state !== 'scheduled')
      throw new AppError('conflict', t('newsletter.schedule.notScheduled'));
    await updateIssue(tx, issueId, { state: 'draft', scheduled_at: null });
    await recordAudit(tx, {
      actor,
      action: 'newsletter.schedule_cancelled',
      subjectType: 'newsletter_issue',
      subjectId: issueId,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Rendering and publishing

export async function loadIssueContent(db: Executor, issue: Issue): Promise<IssueContent> {
  return {
    id: issue.id,
    slug: issue.slug,
    subject: issue.subject,
    preheader: issue.preheader,
    issueDate: issue.issue_date,
    blocks: await listBlocks(db, issue.id),
  };
}

export async function renderSettingsFor(services: Services): Promise<RenderSettings> {
  const site = await getSiteSettings(services.db);
  return {
    siteName: site.name,
    publicUrl: services.config.publicUrl,
    postalAddress: services.config.orgPostalAddress,
    zone: services.config.timezone,
    accentColor: site.accentColor,
    logoUrl: site.logoUrl,
    now: services.now(),
  };
}

/** The issue as a subscriber in `districts` would get it (preview, test send). */
export async function previewIssue(services: Services, issueId: number, districts: number[]) {
  const issue = await requireIssue(services.db, issueId);
  const content = await loadIssueContent(services.db, issue);
  const variant = renderIssueVariant(content, districts, await renderSettingsFor(services));
  const sample = `${services.config.publicUrl}/newsletter`;
  return { issue, rendered: personalize(variant, { unsubscribe: sample, preferences: sample }) };
}

/** Sends the issue to the editor themself, through the ordinary mailer (outbox without SMTP). */
export async function sendTest(
  services: Services,
  issueId: number,
  actor: Actor,
  districts: number[],
) {
  const { issue, rendered } = await previewIssue(services, issueId, districts);
  await services.mailer.send(services.db, {
    to: actor.email,
    subject: `[Test] ${rendered.subject}`,
    text: rendered.text,
    html: rendered.html,
    purpose: 'newsletter_test',
  });
  return issue;
}

/** Plain text of the blocks, for the search index and the RSS description. */
export function issuePlainText(blocks: readonly Block[]): string {
  return blocks
    .map((block) => {
      const events =
        block.kind === 'events'
          ? (block.data.occurrences ?? []).map((o) => `${o.title}${o.town ? ` (${o.town})` : ''}`)
          : [];
      return [block.title, markdownToText(block.body), ...events].filter(Boolean).join('\n');
    })
    .join('\n\n');
}

/** Puts the issue in the archive and the search index (in the transaction that starts sending). */
export async function publishIssue(tx: Executor, issue: Issue, now: Date): Promise<void> {
  if (!issue.published_at) await updateIssue(tx, issue.id, { published_at: now });
  const blocks = await listBlocks(tx, issue.id);
  await indexDocument(tx, {
    kind: 'newsletter_issue',
    refId: issue.id,
    title: issue.subject,
    summary: issue.preheader,
    body: issuePlainText(blocks),
    url: `/newsletter/${issue.slug}`,
    isPublic: true,
  });
}

export async function unpublishIssue(tx: Executor, issueId: number): Promise<void> {
  await removeDocument(tx, 'newsletter_issue', issueId);
}
