import fs from 'node:fs';
import path from 'node:path';
import { type CliCommand, CommandError } from '../../cli/command.ts';
import { AppError } from '../../platform/errors.ts';
import { isMailchimpExport, runMailchimpCommand } from '../moving-in/commands.ts';
import { applyBounceEvents, type BounceEvent, parseBounceMessage, splitMbox } from './bounces.ts';
import { CsvError, parseSubscriberCsv } from './csv.ts';
import { createDraft } from './issues.ts';
import { countDeliveries, findIssue } from './repository.ts';
import { runSendSlice, startSending } from './sending.ts';
import { importSubscribers } from './subscribers.ts';

function readFileOrFail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CommandError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
}

function asCommandError(error: unknown): never {
  if (error instanceof AppError) throw new CommandError(error.message);
  throw error;
}

export const newsletterCommands: CliCommand[] = [
  {
    name: 'subscribers:import',
    summary:
      'Import newsletter subscribers from a CSV file (columns email,name,zip,town) or a Mailchimp audience export.',
    usage:
      'hub subscribers:import FILE.csv [--confirmed] | EXPORT.zip|CSV... [--dry-run] [--map FIELD=COLUMN]',
    details: [
      'FILE.csv      a header row naming email (required), name, zip, town; other columns are ignored',
      '--confirmed   you vouch that everyone on the list already agreed to get the newsletter',
      '              (recorded as consent by import); without it each new address gets a',
      '              confirmation email and receives nothing until they confirm',
      'Suppressed (bounced, complained) and unsubscribed addresses are skipped, never re-added.',
      '',
      'A Mailchimp audience export (the ZIP as it comes, or its subscribed, unsubscribed and',
      'cleaned CSV files) is recognised by its columns: subscribed members become confirmed',
      "subscribers with Mailchimp's consent evidence, unsubscribed and cleaned ones go to the",
      'do-not-mail list, TAGS become tags. See docs/moving-in.md.',
      '--dry-run           (Mailchimp exports) show what would change, change nothing',
      '--map FIELD=COLUMN  (Mailchimp exports) the merge field holding town, zip, address or name,',
      '                    e.g. --map town=City --map zip="Postal Code"',
    ],
    options: {
      confirmed: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      map: { type: 'string', multiple: true },
    },
    positionals: { min: 1, max: 10 },
    async run(context) {
      const { services, positionals, values, progress, say } = context;
      if (await isMailchimpExport(positionals[0]!))
        return runMailchimpCommand(context, positionals);
      if (positionals.length > 1 || values['dry-run'] || values.map) {
        throw new CommandError(
          'Several files, --dry-run and --map are for a Mailchimp audience export; this is a plain CSV file.',
        );
      }
      const file = positionals[0]!;
      let rows: ReturnType<typeof parseSubscriberCsv>;
      try {
        rows = parseSubscriberCsv(readFileOrFail(file));
      } catch (error) {
        if (error instanceof CsvError) throw new CommandError(`${file}: ${error.message}`);
        throw error;
      }
      progress.start(rows.length, 'Importing');
      const summary = await importSubscribers(services, rows, {
        confirmed: values.confirmed === true,
        source: path.basename(file),
        actor: null,
        onProgress: (done) => progress.tick(done),
      });
      progress.stop();
      for (const problem of summary.invalid.slice(0, 20)) {
        say(`line ${problem.line}: ${problem.problem}`);
      }
      return { ok: true, ...summary, invalid: summary.invalid.length };
    },
  },
  {
    name: 'newsletter:draft',
    summary: 'Create the draft issue for the week containing a date (default: the coming issue).',
    usage: 'hub newsletter:draft [--date YYYY-MM-DD]',
    details: [
      '--date D   any day of the week the issue is for; issues go out on Saturdays',
      'Prints the id of the draft (the existing one if that week already has an issue).',
    ],
    options: { date: { type: 'string' } },
    async run({ services, values, say }) {
      const date = typeof values.date === 'string' ? values.date : undefined;
      const { issue, created } = await createDraft(services, { date, actor: null }).catch(
        asCommandError,
      );
      say(`${created ? 'Created' : 'Already there:'} issue ${issue.id} for ${issue.issue_date}`);
      say(`  edit it at ${services.config.publicUrl}/admin/newsletter/issues/${issue.id}`);
      return { ok: true, id: issue.id, issueDate: issue.issue_date, created, state: issue.state };
    },
  },
  {
    name: 'newsletter:send',
    summary: 'Send an issue now to every confirmed subscriber; safe to run again after a crash.',
    usage: 'hub newsletter:send ID',
    details: [
      'ID   the issue id (see the admin, or hub newsletter:draft)',
      'Freezes the audience, then sends in this process with a progress bar. A running server',
      'or hub jobs:work may share the work; nobody gets the issue twice and nobody is skipped.',
      'Needs SMTP_URL.',
    ],
    positionals: { min: 1, max: 1 },
    async run({ services, positionals, progress, say }) {
      const id = Number(positionals[0]);
      if (!Number.isInteger(id) || id <= 0) throw new CommandError('ID must be a number.');
      const issue = await findIssue(services.db, id);
      if (!issue) throw new CommandError(`There is no issue ${id}.`);
      if (issue.state === 'draft' || issue.state === 'scheduled') {
        await startSending(services, id, { actor: null, via: 'cli' }).catch(asCommandError);
      } else if (issue.state === 'sending' && !services.config.smtpUrl) {
        throw new CommandError('SMTP_URL is not set: this process cannot send.');
      }
      const before = await countDeliveries(services.db, id);
      const total = before.queued + before.sending + before.sent + before.failed + before.bounced;
      progress.start(total, `Sending issue ${id}`);
      progress.tick(before.sent + before.failed + before.bounced);
      let result = await runSendSlice(services, id, { onProgress: (n) => progress.tick(n) });
      // Work that is not due yet: retries after a temporary failure, or messages another
      // worker held when it died (their claim lapses within a few minutes).
      while (!result.done && result.nextDue) {
        const wait = result.nextDue.getTime() - services.now().getTime();
        if (wait > 5 * 60_000) break;
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 250));
        result = await runSendSlice(services, id, { onProgress: (n) => progress.tick(n) });
      }
      progress.stop();
      const counts = result.counts;
      if (!result.done) {
        say(
          `${counts.queued + counts.sending} messages wait for a retry; the background worker will send them.`,
        );
      }
      return {
        ok: true,
        id,
        state: result.issueState,
        sent: counts.sent,
        failed: counts.failed,
        bounced: counts.bounced,
        remaining: counts.queued + counts.sending,
      };
    },
  },
  {
    name: 'newsletter:bounces',
    summary: 'Process bounce messages (DSNs, abuse reports) from .eml or mbox files.',
    usage: 'hub newsletter:bounces FILE [FILE...]',
    details: [
      'FILE   a single message (.eml) or an mbox file of returned mail',
      'Hard bounces (Action: failed, Status 5.x.x) and complaints suppress the address.',
    ],
    positionals: { min: 1, max: 100 },
    async run({ services, positionals, say }) {
      const events: BounceEvent[] = [];
      let messages = 0;
      for (const file of positionals) {
        for (const message of splitMbox(readFileOrFail(file))) {
          messages++;
          events.push(...(await parseBounceMessage(message)));
        }
      }
      const applied = await applyBounceEvents(services, events);
      for (const event of events) say(`${event.kind}: ${event.email} (${event.details})`);
      return { ok: true, messages, events: events.length, ...applied };
    },
  },
];
