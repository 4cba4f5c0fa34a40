/**
 * The sending pipeline, a persisted state machine (see CONTEXT.md and decision 0040):
 *
 * 1. startSending freezes the audience: one `queued` delivery per confirmed, unsuppressed
 *    subscriber, written in the same transaction that turns the issue to `sending`.
 * 2. Workers run send slices (job `newsletter.send`, or `hub newsletter:send`). A slice claims
 *    deliveries in batches (FOR UPDATE SKIP LOCKED, with a lease), sends them over pooled SMTP
 *    connections at the configured rate, and records each outcome.
 * 3. A claim whose lease lapsed (the worker died) is claimed again: at most the messages that
 *    were in flight go twice; nobody is skipped. Two workers never hold the same delivery.
 * 4. When no delivery is queued or in flight the issue becomes `sent`.
 */
import os from 'node:os';
import type { Transporter } from 'nodemailer';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { enqueueJob } from '../../platform/jobs/queue.ts';
import { createSmtpTransport } from '../../platform/mail/transport.ts';
import type { Services } from '../../platform/services.ts';
import { personalize, VariantCache } from './email.ts';
import { loadIssueContent, publishIssue, renderSettingsFor } from './issues.ts';
import {
  type ClaimedDelivery,
  claimDeliveries,
  countDeliveries,
  countSentSince,
  type DeliveryCounts,
  findIssue,
  freezeAudience,
  listBlocks,
  lockIssue,
  markDeliveriesSent,
  markDeliveryOutcome,
  nextDueAt,
  updateIssue,
} from './repository.ts';
import { readSendingSettings } from './settings.ts';
import { suppressAddress } from './subscribers.ts';

export const SEND_JOB = 'newsletter.send';
/** A claim is someone else's for this long; then it is taken to have died with its worker. */
export const DELIVERY_LEASE_MS = 2 * 60_000;
/** A job slice stops claiming after this long, so other jobs get their turn on the worker. */
export const SLICE_MS = 60_000;
export const MAX_ATTEMPTS = 6;

export async function startSending(
  services: Services,
  issueId: number,
  meta: { actor: Actor | null; via: string },
): Promise<{ started: boolean; audience: number }> {
  if (!services.config.smtpUrl) throw new AppError('conflict', t('newsletter.send.noSmtp'));
  return services.db.transaction().execute(async (tx) => {
    const issue = await lockIssue(tx, issueId);
    if (!issue) throw notFound('That issue');
    if (issue.state === 'sending' || issue.state === 'sent') {
      return { started: false, audience: issue.audience_count };
    }
    if (!(await listBlocks(tx, issueId)).length) {
      throw new AppError('invalid_input', t('newsletter.send.empty'));
    }
    const now = services.now();
    const audience = await freezeAudience(tx, issueId, now);
    await updateIssue(tx, issueId, {
      state: 'sending',
      send_started_at: now,
      scheduled_at: null,
      audience_count: audience,
    });
    await publishIssue(tx, issue, now);
    // runAt from the application clock (not the database's), so tests that travel in time agree.
    await enqueueJob(tx, SEND_JOB, { issueId }, { runAt: now, maxAttempts: 50 });
    await recordAudit(tx, {
      actor: meta.actor,
      action: 'newsletter.send_started',
      subjectType: 'newsletter_issue',
      subjectId: issueId,
      details: { audience, via: meta.via },
    });
    return { started: true, audience };
  });
}

/** Backoff before retry `attempt` (1-based) of a temporary failure: 30 s, 2 min, 8 min, ... 1 h. */
export function retryBackoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000 * 4 ** (attempt - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

export type FailureKind = 'temporary' | 'permanent' | 'hard_bounce';

/** SMTP 4xx and connection trouble pass; 5xx does not; 5.1.x means the mailbox does not exist. */
export function classifySmtpError(error: unknown): FailureKind {
  const code = Number((error as { responseCode?: number }).responseCode);
  const response = String((error as { response?: string }).response ?? '');
  if (!Number.isFinite(code) || code < 500) return 'temporary';
  if (/\b5\.1\.[0-9]\b/.test(response) || /\b(user unknown|no such user)\b/i.test(response)) {
    return 'hard_bounce';
  }
  return 'permanent';
}

/** A token bucket shared by a slice's lanes: at most `perSecond` sends start each second. */
class RateLimiter {
  #next = 0;
  constructor(private readonly perSecond: number) {}
  async wait(): Promise<void> {
    if (this.perSecond <= 0) return;
    const now = performance.now();
    const at = Math.max(now, this.#next);
    this.#next = at + 1000 / this.perSecond;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }
}

/** Collects successful sends and writes them in small groups (one UPDATE per group). */
class SentRecorder {
  #pending: number[] = [];
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();
  constructor(
    private readonly services: Services,
    private readonly issueId: number,
    private readonly onRecorded: (count: number) => void,
  ) {}

  add(personId: number): void {
    this.#pending.push(personId);
    if (this.#pending.length >= 50) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), 100);
  }

  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const ids = this.#pending;
    this.#pending = [];
    if (ids.length) {
      this.#writing = this.#writing.then(async () => {
        await markDeliveriesSent(this.services.db, this.issueId, ids, this.services.now());
        this.onRecorded(ids.length);
      });
    }
    return this.#writing;
  }
}

export interface SliceOptions {
  /** Who holds the claims (a job id, the CLI's pid). */
  workerId?: string;
  /** Stop claiming new batches after this many milliseconds (in flight ones still finish). */
  maxMs?: number;
  /** Stop claiming after this many batches (tests use it to stop between batches). */
  maxBatches?: number;
  batchSize?: number;
  /** Use this transport instead of a pooled one to SMTP_URL (tests, the benchmark). */
  transport?: Transporter;
  /** Called as outcomes are recorded, with how many. */
  onProgress?: (count: number) => void;
}

export interface SliceResult {
  issueState: string;
  sent: number;
  failed: number;
  counts: DeliveryCounts;
  /** True when the issue is completely sent. */
  done: boolean;
  /** When more work becomes due (retries, lapsed claims), if any remains. */
  nextDue?: Date;
}

function workerName(): string {
  return `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Sends what is due of one issue, then returns. Safe to run in any number of processes at once.
 */
export async function runSendSlice(
  services: Services,
  issueId: number,
  options: SliceOptions = {},
): Promise<SliceResult> {
  const issue = await findIssue(services.db, issueId);
  if (!issue) throw notFound('That issue');
  if (issue.state !== 'sending') {
    const counts = await countDeliveries(services.db, issueId);
    return { issueState: issue.state, sent: 0, failed: 0, counts, done: issue.state === 'sent' };
  }
  const settings = await readSendingSettings(services.db);
  const workerId = options.workerId ?? workerName();
  const renderSettings = await renderSettingsFor(services);
  const variants = new VariantCache(await loadIssueContent(services.db, issue), renderSettings);
  const ownTransport = !options.transport;
  const transport =
    options.transport ??
    createSmtpTransport(services.config, { pool: true, maxConnections: settings.concurrency });
  const limiter = new RateLimiter(settings.ratePerSecond);
  const lanes = settings.concurrency * 2;
  const batchSize = options.batchSize ?? Math.min(200, Math.max(20, settings.concurrency * 10));
  const deadline = performance.now() + (options.maxMs ?? Number.POSITIVE_INFINITY);
  const base = services.config.publicUrl;
  const listId = `${renderSettings.siteName} newsletter <newsletter.${new URL(base).hostname}>`;
  let sent = 0;
  let failed = 0;
  const recorder = new SentRecorder(services, issueId, (count) => options.onProgress?.(count));

  const queue: ClaimedDelivery[] = [];
  let batches = 0;
  let exhausted = false;
  let claiming: Promise<void> | undefined;
  const refill = async () => {
    if (
      exhausted ||
      performance.now() > deadline ||
      (options.maxBatches !== undefined && batches >= options.maxBatches)
    ) {
      exhausted = true;
      return;
    }
    const batch = await claimDeliveries(services.db, {
      issueId,
      workerId,
      limit: batchSize,
      now: services.now(),
      leaseMs: DELIVERY_LEASE_MS,
    });
    batches++;
    if (!batch.length) exhausted = true;
    queue.push(...batch);
  };

  const sendOne = async (delivery: ClaimedDelivery) => {
    const links = {
      unsubscribe: `${base}/newsletter/unsubscribe/${delivery.token}?issue=${issueId}`,
      preferences: `${base}/newsletter/preferences/${delivery.token}`,
    };
    const message = personalize(variants.get(delivery.districts), links);
    await limiter.wait();
    try {
      await transport.sendMail({
        from: services.config.mailFrom,
        to: delivery.email,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: {
          'List-Id': listId,
          'List-Unsubscribe': `<${links.unsubscribe}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          Precedence: 'bulk',
          'X-Newsletter-Issue': String(issueId),
        },
      });
      sent++;
      recorder.add(delivery.person_id);
    } catch (error) {
      failed++;
      await recordFailure(services, issueId, delivery, error);
      options.onProgress?.(1);
    }
  };

  const lane = async () => {
    for (;;) {
      if (!claiming && !exhausted && queue.length < batchSize / 2) {
        claiming = refill().finally(() => {
          claiming = undefined;
        });
      }
      const next = queue.shift();
      if (next) {
        await sendOne(next);
        continue;
      }
      if (claiming) {
        await claiming;
        continue;
      }
      if (exhausted) return;
    }
  };

  try {
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    await recorder.flush();
    if (ownTransport) transport.close();
  }
  return finishSlice(services, issueId, { sent, failed, stoppedEarly: batchesLeftOver() });

  function batchesLeftOver(): boolean {
    return performance.now() > deadline;
  }
}

async function recordFailure(
  services: Services,
  issueId: number,
  delivery: ClaimedDelivery,
  error: unknown,
) {
  const kind = classifySmtpError(error);
  const message = error instanceof Error ? error.message : String(error);
  if (kind === 'temporary' && delivery.attempts < MAX_ATTEMPTS) {
    await markDeliveryOutcome(services.db, issueId, delivery.person_id, {
      state: 'queued',
      error: message,
      nextAttemptAt: new Date(services.now().getTime() + retryBackoffMs(delivery.attempts)),
    });
    return;
  }
  if (kind === 'hard_bounce') {
    await services.db.transaction().execute(async (tx) => {
      await markDeliveryOutcome(tx, issueId, delivery.person_id, {
        state: 'bounced',
        error: message,
      });
      await suppressAddress(
        tx,
        { email: delivery.email, reason: 'hard_bounce', details: message.slice(0, 500) },
        services.now(),
      );
    });
    return;
  }
  await markDeliveryOutcome(services.db, issueId, delivery.person_id, {
    state: 'failed',
    error: message,
  });
  services.logger.warn(
    { issueId, personId: delivery.person_id, err: message },
    'newsletter delivery failed',
  );
}

async function finishSlice(
  services: Services,
  issueId: number,
  outcome: { sent: number; failed: number; stoppedEarly: boolean },
): Promise<SliceResult> {
  const counts = await countDeliveries(services.db, issueId);
  const base = { sent: outcome.sent, failed: outcome.failed, counts };
  if (counts.queued + counts.sending === 0) {
    await services.db.transaction().execute(async (tx) => {
      const issue = await lockIssue(tx, issueId);
      if (issue?.state === 'sending') {
        await updateIssue(tx, issueId, { state: 'sent', sent_at: services.now() });
        await recordAudit(tx, {
          actor: null,
          action: 'newsletter.send_finished',
          subjectType: 'newsletter_issue',
          subjectId: issueId,
          details: { ...counts },
        });
      }
    });
    return { ...base, issueState: 'sent', done: true };
  }
  const due = outcome.stoppedEarly ? services.now() : await nextDueAt(services.db, issueId);
  if (due) {
    // One continuation per due instant, however many workers finish their slice at once.
    const runAt = new Date(Math.max(due.getTime(), services.now().getTime()) + 1000);
    await enqueueJob(
      services.db,
      SEND_JOB,
      { issueId },
      { runAt, uniqueKey: `${SEND_JOB}:${issueId}:${runAt.toISOString()}`, maxAttempts: 50 },
    );
  }
  return { ...base, issueState: 'sending', done: false, nextDue: due };
}

export interface SendProgress {
  audience: number;
  counts: DeliveryCounts;
  remaining: number;
  /** Messages a second over the last minute. */
  ratePerSecond: number;
  etaSeconds: number | null;
}

export async function sendProgress(services: Services, issueId: number): Promise<SendProgress> {
  const issue = await findIssue(services.db, issueId);
  if (!issue) throw notFound('That issue');
  const counts = await countDeliveries(services.db, issueId);
  const remaining = counts.queued + counts.sending;
  const recent = await countSentSince(
    services.db,
    issueId,
    new Date(services.now().getTime() - 60_000),
  );
  const ratePerSecond = recent / 60;
  return {
    audience: issue.audience_count,
    counts,
    remaining,
    ratePerSecond,
    etaSeconds:
      remaining === 0 ? 0 : ratePerSecond > 0 ? Math.ceil(remaining / ratePerSecond) : null,
  };
}

/**
 * Safety net run every minute: each issue still `sending` gets a slice job, so a send whose job
 * was lost (the process was killed mid-slice) carries on without anyone noticing.
 */
export async function resumeStalledSends(services: Services): Promise<number> {
  const sending = await services.db
    .selectFrom('newsletter_issues')
    .select('id')
    .where('state', '=', 'sending')
    .execute();
  const slot = new Date(Math.floor(services.now().getTime() / 60_000) * 60_000).toISOString();
  for (const issue of sending) {
    await enqueueJob(
      services.db,
      SEND_JOB,
      { issueId: issue.id },
      {
        runAt: services.now(),
        uniqueKey: `${SEND_JOB}:${issue.id}:resume:${slot}`,
        maxAttempts: 50,
      },
    );
  }
  return sending.length;
}
