/**
 * Brings a Mailchimp audience over (hub subscribers:import with an export, and the admin's
 * upload). Subscribed members become confirmed subscribers with Mailchimp's consent evidence;
 * unsubscribed and cleaned members go to the suppression list and are never mailed. What
 * happened here since counts for more than an older export: someone who unsubscribed here stays
 * unsubscribed, someone who confirmed here after leaving Mailchimp stays subscribed. Running the
 * same files again changes nothing. A dry run reads exactly as the import would and writes nothing.
 */
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { randomToken } from '../../platform/auth/tokens.ts';
import { EmailAddress } from '../../platform/people.ts';
import type { Services } from '../../platform/services.ts';
import { NO_PLACE, resolvePlace, type SubscriberPlace } from '../newsletter/place.ts';
import {
  confirmPendingSubscriptions,
  findKnownPeople,
  findSuppressedEmails,
  insertConfirmedSubscriptions,
  insertConsents,
  insertPeople,
  insertSubscriberTags,
  type KnownPerson,
  suppressEmails,
} from './audience-repository.ts';
import type { MailchimpMember, ReadAudience } from './mailchimp/read-export.ts';
import { type ImportReport, ReportBuilder } from './report.ts';

const CHUNK = 500;

export interface AudienceImportOptions {
  dryRun: boolean;
  actor: Actor | null;
  onProgress?: (done: number, total: number) => void;
}

/** Where a member lives: Massachusetts town or ZIP, else no place (they are imported all the same). */
export function placeOf(member: MailchimpMember): { place: SubscriberPlace; known: boolean } {
  const outOfState = member.state && !/^(MA|MASSACHUSETTS)$/.test(member.state);
  if (outOfState) return { place: NO_PLACE, known: false };
  const candidates = [
    { town: member.town, zip: member.zip },
    { zip: member.zip },
    { town: member.town },
  ];
  for (const candidate of candidates) {
    if (!candidate.town && !candidate.zip) continue;
    const place = resolvePlace(candidate);
    if (place?.districts.length) return { place, known: true };
  }
  return { place: NO_PLACE, known: false };
}

/** When the member's latest recorded change happened (to keep one entry per address). */
function eventTime(member: MailchimpMember): number {
  const at = member.leftTime ?? member.lastChanged ?? member.confirmTime ?? member.optinTime;
  return at?.getTime() ?? 0;
}

export type MemberPlan =
  | { action: 'subscribe'; reason: 'new' | 'pending' }
  | { action: 'keep'; reason: 'alreadySubscribed' }
  | {
      action: 'skip';
      reason: 'keptUnsubscribed' | 'keptSuppressed' | 'subscribedHereSince' | 'alreadySuppressed';
    }
  | { action: 'suppress'; reason: 'suppressedUnsubscribed' | 'suppressedCleaned' };

/** What to do with one member, given what this site knows about the address. */
export function planMember(
  member: MailchimpMember,
  known: KnownPerson | undefined,
  suppressed: boolean,
): MemberPlan {
  if (member.status === 'subscribed') {
    if (suppressed) return { action: 'skip', reason: 'keptSuppressed' };
    if (known?.state === 'unsubscribed') return { action: 'skip', reason: 'keptUnsubscribed' };
    if (known?.state === 'confirmed' || known?.state === 'paused') {
      return { action: 'keep', reason: 'alreadySubscribed' };
    }
    return { action: 'subscribe', reason: known?.state === 'pending' ? 'pending' : 'new' };
  }
  if (suppressed) return { action: 'skip', reason: 'alreadySuppressed' };
  const left = member.leftTime?.getTime() ?? 0;
  if (known?.state === 'confirmed' && known.confirmedAt && known.confirmedAt.getTime() > left) {
    return { action: 'skip', reason: 'subscribedHereSince' };
  }
  return {
    action: 'suppress',
    reason: member.status === 'cleaned' ? 'suppressedCleaned' : 'suppressedUnsubscribed',
  };
}

function describe(member: MailchimpMember): string {
  return `${member.email || '(no address)'} (${member.file}, line ${member.line})`;
}

/** Valid members, one per address (the latest entry wins), and the rest reported. */
function usableMembers(audience: ReadAudience, report: ReportBuilder): MailchimpMember[] {
  for (const file of audience.files) {
    if (file.status === 'not_member_file') {
      report.skip(
        'This file is not a Mailchimp member list (no "Email Address" column).',
        file.name,
      );
    } else if (file.status === 'non_subscribed') {
      report.skip(
        'Non-subscribed contacts never agreed to get email: not imported.',
        `${file.name} (${file.rows} rows)`,
      );
    } else {
      report.count(`file_${file.status}`, file.rows);
    }
  }
  const byEmail = new Map<string, MailchimpMember>();
  for (const member of audience.members) {
    if (!EmailAddress.safeParse(member.email).success) {
      report.skip('Not a valid email address.', describe(member));
      continue;
    }
    const previous = byEmail.get(member.email);
    if (previous) {
      report.skip(
        'The address appears again in the export: its latest entry counts.',
        describe(member),
      );
      if (eventTime(previous) >= eventTime(member)) continue;
    }
    byEmail.set(member.email, member);
  }
  return [...byEmail.values()];
}

export async function importMailchimpAudience(
  services: Services,
  audience: ReadAudience,
  options: AudienceImportOptions,
): Promise<ImportReport> {
  const report = new ReportBuilder('mailchimp_audience', options.dryRun);
  const members = usableMembers(audience, report);
  const now = services.now();
  for (let start = 0; start < members.length; start += CHUNK) {
    const chunk = members.slice(start, start + CHUNK);
    await services.db.transaction().execute(async (tx) => {
      const emails = chunk.map((member) => member.email);
      const known = await findKnownPeople(tx, emails);
      const suppressed = await findSuppressedEmails(tx, emails);
      const toCreate: { member: MailchimpMember; place: SubscriberPlace }[] = [];
      const toConfirm: MailchimpMember[] = [];
      const toTag: MailchimpMember[] = [];
      const toSuppress: MailchimpMember[] = [];
      for (const member of chunk) {
        const person = known.get(member.email);
        const plan = planMember(member, person, suppressed.has(member.email));
        if (plan.action === 'subscribe') {
          const { place, known: placeKnown } = placeOf(member);
          if (!placeKnown) report.count('withoutDistrict');
          report.count(plan.reason === 'new' ? 'subscribed' : 'confirmedPending');
          if (plan.reason === 'new') toCreate.push({ member, place });
          else toConfirm.push(member);
        } else if (plan.action === 'suppress') {
          report.count(plan.reason);
          toSuppress.push(member);
        } else {
          report.count(plan.reason);
        }
        if (plan.action === 'subscribe' || plan.action === 'keep') {
          const existing = new Set(person?.tags ?? []);
          const fresh = member.tags.filter((tag) => !existing.has(tag));
          if (fresh.length) {
            report.count('tagsAdded', fresh.length);
            toTag.push({ ...member, tags: fresh });
          }
        }
      }
      if (options.dryRun) return;
      const ids = await insertPeople(
        tx,
        [...toCreate.map((row) => row.member), ...toConfirm, ...toTag]
          .filter((member) => !known.has(member.email))
          .map((member) => ({ email: member.email, name: member.name })),
      );
      const idOf = (email: string) => known.get(email)?.id ?? ids.get(email)!;
      await insertConfirmedSubscriptions(
        tx,
        toCreate.map(({ member, place }) => ({
          personId: idOf(member.email),
          token: randomToken(24),
          place,
          source: `mailchimp:${member.file}`.slice(0, 120),
          confirmedAt: member.confirmTime ?? member.optinTime ?? now,
          now,
        })),
      );
      await confirmPendingSubscriptions(
        tx,
        toConfirm.map((member) => idOf(member.email)),
        now,
      );
      await insertConsents(
        tx,
        [...toCreate.map((row) => row.member), ...toConfirm]
          .filter((member) => !known.get(member.email)?.hasOpenConsent)
          .map((member) => ({
            personId: idOf(member.email),
            grantedAt: member.confirmTime ?? member.optinTime ?? now,
            source: member.file.slice(0, 200),
            ip: member.confirmIp ?? member.optinIp,
            evidence: {
              system: 'mailchimp',
              file: member.file,
              optinTime: member.optinTime?.toISOString() ?? null,
              optinIp: member.optinIp,
              confirmTime: member.confirmTime?.toISOString() ?? null,
              confirmIp: member.confirmIp,
              importedAt: now.toISOString(),
            },
          })),
      );
      await insertSubscriberTags(
        tx,
        toTag.flatMap((member) =>
          member.tags.map((tag) => ({ personId: idOf(member.email), tag, source: 'mailchimp' })),
        ),
      );
      await suppressEmails(
        tx,
        toSuppress.map((member) => ({
          email: member.email,
          reason: member.status === 'cleaned' ? 'hard_bounce' : 'unsubscribed',
          details: [
            `Mailchimp: ${member.status === 'cleaned' ? 'cleaned (hard bounce)' : 'unsubscribed'}`,
            member.leftTime ? member.leftTime.toISOString().slice(0, 10) : '',
            member.leftReason ?? '',
          ]
            .filter(Boolean)
            .join(' · ')
            .slice(0, 500),
        })),
        now,
      );
    });
    options.onProgress?.(Math.min(start + CHUNK, members.length), members.length);
  }
  const built = report.build();
  if (!options.dryRun) {
    await recordAudit(services.db, {
      actor: options.actor,
      action: 'moving_in.mailchimp_imported',
      subjectType: 'newsletter',
      details: { files: audience.files.map((file) => file.name), counts: built.counts },
    });
  }
  return built;
}
