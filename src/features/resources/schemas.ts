import { z } from 'zod';
import type { FieldErrors } from '../../platform/errors.ts';
import { isIssueArea } from '../../platform/issue-areas.ts';
import { AUDIENCES, RESOURCE_KINDS } from './tables.ts';

/**
 * One schema for what a resource is made of, used by the editor's form (after its fields are
 * gathered into this shape by `formToInput`) and by the JSON API.
 */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-01.')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'That date does not exist.');

export const StepKey = z.string().regex(/^[a-z0-9]{4,20}$/);

export const StepInput = z.object({
  key: StepKey.optional(),
  title: z
    .string()
    .trim()
    .min(1, 'Give this step a title.')
    .max(200, 'Keep the step title under 200 characters.'),
  body: z.string().max(20_000, 'Keep each step under 20,000 characters.').default(''),
  checklist: z
    .array(z.string().trim().min(1).max(300, 'Keep each checklist item under 300 characters.'))
    .max(30, 'At most 30 checklist items per step.')
    .default([]),
  /** Slugs of linked resources. */
  resources: z.array(z.string().trim().min(1).max(120)).max(20).default([]),
});
export type StepInput = z.infer<typeof StepInput>;

const HttpUrl = z
  .string()
  .trim()
  .max(1000, 'That address is too long.')
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'Enter a web address starting with https://');

export const LinkInput = z.object({
  label: z.string().trim().max(200, 'Keep the label under 200 characters.').default(''),
  url: HttpUrl,
});

export const ResourceInput = z.object({
  title: z
    .string({ message: 'Enter a title.' })
    .trim()
    .min(1, 'Enter a title.')
    .max(200, 'Keep the title under 200 characters.'),
  summary: z.string().trim().max(500, 'Keep the summary under 500 characters.').default(''),
  body: z.string().max(100_000, 'Keep the text under 100,000 characters.').default(''),
  kind: z.enum(RESOURCE_KINDS, {
    message: 'Choose a kind: training, guide, recording, document, toolkit or article.',
  }),
  audience: z
    .enum(AUDIENCES, { message: 'Choose an audience: everyone, new_activists or group_leaders.' })
    .default('everyone'),
  issueAreas: z
    .array(z.string().refine(isIssueArea, 'Choose issue areas from the list.'))
    .max(16)
    .default([]),
  /** Author: a team's slug, or a group's slug (not both). */
  team: z.string().trim().max(120).optional(),
  group: z.string().trim().max(120).optional(),
  links: z.array(LinkInput).max(20, 'At most 20 links.').default([]),
  lastReviewedOn: IsoDate.nullable().optional(),
  featured: z.boolean().default(false),
  eventQuery: z.string().trim().max(200, 'Keep the search words under 200 characters.').default(''),
  steps: z.array(StepInput).max(40, 'At most 40 steps.').default([]),
});
export type ResourceInput = z.infer<typeof ResourceInput>;

export const CreateResourceBody = ResourceInput.extend({
  published: z.boolean().default(false),
});

/** Every field optional; only the fields present in the request body change (see api.ts). */
export const PatchResourceBody = ResourceInput.partial().extend({
  published: z.boolean().optional(),
});

/**
 * Errors per field, with steps and links named precisely: "steps-1-title" in forms (the id of
 * the input), "steps.1.title" in the API.
 */
export function resourceFieldErrors(error: z.ZodError, separator: '-' | '.'): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const [first, index, field] = issue.path.map(String);
    let key = first ?? '_form';
    let message = issue.message;
    if (first === 'steps' && index !== undefined) {
      key = ['steps', index, field === 'title' || field === 'body' ? field : 'checklist']
        .filter(Boolean)
        .join(separator);
      message = `Step ${Number(index) + 1}: ${message}`;
    } else if (first === 'links' && index !== undefined) {
      message = `Link ${Number(index) + 1}: ${message}`;
    } else if (first === 'issueAreas' || first === 'lastReviewedOn') {
      key = first;
    }
    errors[key] ??= message;
  }
  return errors;
}
