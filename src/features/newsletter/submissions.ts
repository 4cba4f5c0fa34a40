/**
 * News items and group spotlights that organizers and editors submit for an issue. A submission
 * for a week whose draft exists joins it at once; otherwise the draft picks it up when created.
 */
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { isEditor } from '../../platform/auth/policies.ts';
import { AppError } from '../../platform/errors.ts';
import { Id } from '../../platform/http/input.ts';
import type { Services } from '../../platform/services.ts';
import { issueDateFor } from './issues.ts';
import { appendBlock, findIssueByDate, insertSubmission } from './repository.ts';

export const SubmissionInput = z.object({
  kind: z.enum(['news', 'spotlight'], { message: 'Pick news or a group spotlight.' }),
  issueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Pick an issue.'),
  title: z
    .string()
    .trim()
    .min(1, 'Give it a title.')
    .max(200, 'Keep the title under 200 characters.'),
  body: z
    .string()
    .trim()
    .min(1, 'Write a few sentences.')
    .max(5000, 'Keep it under 5,000 characters: link to the rest.'),
  linkUrl: z
    .string()
    .trim()
    .max(500)
    .refine((v) => v === '' || /^https?:\/\/\S+$/.test(v), 'Use a link starting with https://.')
    .default(''),
  groupId: z.union([z.literal(''), Id]).default(''),
  onBehalfOf: z.string().trim().max(200).default(''),
});
export type SubmissionInput = z.infer<typeof SubmissionInput>;

/** The next few Saturdays an organizer can submit for. */
export function upcomingIssueDates(now: Date, zone: string, count = 4): string[] {
  const first = issueDateFor(now, zone);
  const dates = [first];
  for (let i = 1; i < count; i++) {
    const next = new Date(`${dates[i - 1]}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 7);
    dates.push(next.toISOString().slice(0, 10));
  }
  return dates;
}

export async function submitItem(services: Services, actor: Actor, input: SubmissionInput) {
  const allowedDates = upcomingIssueDates(services.now(), services.config.timezone, 6);
  if (!allowedDates.includes(input.issueDate)) {
    throw new AppError('invalid_input', 'Pick one of the coming issues.', {
      issueDate: 'Pick one of the coming issues.',
    });
  }
  let onBehalfOf = input.onBehalfOf || null;
  let groupId: number | null = null;
  if (input.groupId !== '') {
    if (!isEditor(actor) && !actor.organizerOf.includes(input.groupId)) {
      throw new AppError('forbidden', 'You can submit only on behalf of groups you organize.', {
        groupId: 'Pick a group you organize.',
      });
    }
    const group = await services.db
      .selectFrom('groups')
      .select(['id', 'name'])
      .where('id', '=', input.groupId)
      .executeTakeFirst();
    if (!group)
      throw new AppError('invalid_input', 'No such group.', { groupId: 'No such group.' });
    groupId = group.id;
    onBehalfOf = group.name;
  }
  return services.db.transaction().execute(async (tx) => {
    const draft = await findIssueByDate(tx, input.issueDate);
    const joinsDraft = draft && (draft.state === 'draft' || draft.state === 'scheduled');
    const submittedBy = actor.name ?? actor.email;
    const submission = await insertSubmission(tx, {
      kind: input.kind,
      title: input.title,
      body: input.body,
      linkUrl: input.linkUrl || null,
      issueDate: input.issueDate,
      personId: actor.personId,
      submittedBy,
      onBehalfOf,
      groupId,
      issueId: joinsDraft ? draft.id : null,
    });
    if (joinsDraft) {
      await appendBlock(tx, draft.id, {
        kind: input.kind,
        title: input.title,
        body: input.body,
        linkUrl: input.linkUrl || null,
        submittedBy,
        onBehalfOf,
      });
    }
    return submission;
  });
}

export async function organizerGroups(services: Services, actor: Actor) {
  let query = services.db.selectFrom('groups').select(['id', 'name']).orderBy('name');
  if (!isEditor(actor)) {
    if (!actor.organizerOf.length) return [];
    query = query.where('id', 'in', [...actor.organizerOf]);
  }
  return query.limit(500).execute();
}
