import { z } from 'zod';
import { asList } from '../../platform/http/forms.ts';
import { t } from '../../platform/i18n/index.ts';
import { ISSUE_AREAS, toIssueAreaSlug } from '../../platform/issue-areas.ts';
import { EmailAddress } from '../../platform/people.ts';
import { findTown } from '../places/lookup.ts';
import './messages.ts';
import { GROUP_KINDS, SOCIAL_LINKS } from './tables.ts';

/**
 * The zod schemas at every boundary of the group directory: the HTML forms, the JSON API, the
 * CSV import and the finder's query string. One schema per input, used by forms and API alike.
 */

const msg = (key: string, vars?: Record<string, string | number>) => ({
  error: () => t(key, vars),
});

/** Towns as an array (API) or one string separated by `;`, commas or new lines (forms, CSV). */
export const TownNames = z.union([z.array(z.string()), z.string()]).transform((value, ctx) => {
  const names = (Array.isArray(value) ? value : value.split(/[;\n,]/))
    .map((name) => name.trim())
    .filter(Boolean);
  const ids = new Set<number>();
  const unknown: string[] = [];
  for (const name of names) {
    const town = findTown(name);
    if (town) ids.add(town.id);
    else unknown.push(name);
  }
  if (unknown.length) {
    ctx.addIssue({
      code: 'custom',
      message: t('groups.error.unknownTowns', { towns: unknown.join(', ') }),
    });
    return z.NEVER;
  }
  if (ids.size > 400) {
    ctx.addIssue({ code: 'custom', message: t('groups.error.tooManyTowns') });
    return z.NEVER;
  }
  return [...ids].sort((a, b) => a - b);
});

/** Issue areas by slug or name, as an array or one `;`-separated string. */
export const IssueAreaList = z.union([z.array(z.string()), z.string()]).transform((value, ctx) => {
  const items = asList(value);
  const slugs = new Set<string>();
  const unknown: string[] = [];
  for (const item of items) {
    const slug = toIssueAreaSlug(item);
    if (slug) slugs.add(slug);
    else unknown.push(item);
  }
  if (unknown.length) {
    ctx.addIssue({
      code: 'custom',
      message: t('groups.error.unknownIssueAreas', {
        areas: unknown.join(', '),
        known: ISSUE_AREAS.map((a) => a.slug).join(', '),
      }),
    });
    return z.NEVER;
  }
  return [...slugs].sort();
});

/** A web address; "example.org" gets https:// in front. Empty means none. */
export const WebAddress = z
  .string()
  .trim()
  .max(500, msg('groups.error.urlTooLong'))
  .transform((value, ctx) => {
    if (value === '') return null;
    const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
    let url: URL;
    try {
      url = new URL(withScheme);
    } catch {
      ctx.addIssue({ code: 'custom', message: t('groups.error.url') });
      return z.NEVER;
    }
    if (!['http:', 'https:'].includes(url.protocol) || !url.hostname.includes('.')) {
      ctx.addIssue({ code: 'custom', message: t('groups.error.url') });
      return z.NEVER;
    }
    return url.toString();
  });

/** A public contact address for the group; empty means none. */
export const OptionalEmail = z
  .string()
  .trim()
  .transform((value) => value.toLowerCase())
  .pipe(z.union([z.literal(''), EmailAddress]))
  .transform((value) => (value === '' ? null : value));

const GroupName = z
  .string(msg('groups.error.name'))
  .trim()
  .min(2, msg('groups.error.name'))
  .max(120, msg('groups.error.nameTooLong'));

const Description = z.string().trim().max(5000, msg('groups.error.descriptionTooLong'));

const Kind = z.enum(GROUP_KINDS, msg('groups.error.kind'));

export const SocialLinks = z
  .object(Object.fromEntries(SOCIAL_LINKS.map((key) => [key, WebAddress.optional()])))
  .partial()
  .transform((links) => {
    const out: Record<string, string> = {};
    for (const key of SOCIAL_LINKS) {
      const value = links[key];
      if (value) out[key] = value;
    }
    return out;
  });

/** A group as the API creates it (INTERFACE.md field names). */
export const GroupInput = z.object({
  name: GroupName,
  kind: Kind.default('group'),
  description: Description.default(''),
  towns: TownNames.default([]),
  issueAreas: IssueAreaList.default([]),
  website: z.union([WebAddress, z.null()]).default(null),
  email: z.union([OptionalEmail, z.null()]).default(null),
  links: SocialLinks.default({}),
  /** Emails of people to invite as its organizers. */
  organizers: z.array(EmailAddress).max(20).default([]),
});
export type GroupInput = z.infer<typeof GroupInput>;

/** A change to a group: only the fields given change. */
export const GroupPatch = z.object({
  name: GroupName.optional(),
  kind: Kind.optional(),
  description: Description.optional(),
  towns: TownNames.optional(),
  issueAreas: IssueAreaList.optional(),
  website: z.union([WebAddress, z.null()]).optional(),
  email: z.union([OptionalEmail, z.null()]).optional(),
  links: SocialLinks.optional(),
});
export type GroupPatch = z.infer<typeof GroupPatch>;

const groupFormFields = {
  name: GroupName,
  kind: Kind.default('group'),
  description: Description.default(''),
  towns: TownNames.default([]),
  issueAreas: IssueAreaList.default([]),
  website: WebAddress.default(''),
  email: OptionalEmail.default(''),
  ...(Object.fromEntries(SOCIAL_LINKS.map((key) => [key, WebAddress.default('')])) as Record<
    (typeof SOCIAL_LINKS)[number],
    z.ZodDefault<typeof WebAddress>
  >),
};

function fromForm(form: z.infer<z.ZodObject<typeof groupFormFields>>) {
  const links: Record<string, string> = {};
  for (const key of SOCIAL_LINKS) {
    const value = form[key];
    if (value) links[key] = value;
  }
  return {
    name: form.name,
    kind: form.kind,
    description: form.description,
    towns: form.towns,
    issueAreas: form.issueAreas,
    website: form.website,
    email: form.email,
    links,
  };
}

/** The profile form: flat fields (one input per social link), the same rules as the API. */
export const GroupForm = z.object(groupFormFields).transform(fromForm);
export type GroupFormData = z.infer<typeof GroupForm>;

/** Email addresses typed one per line (or separated by commas or spaces). */
const OrganizerEmails = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const out = new Set<string>();
    for (const email of value.split(/[\s,;]+/).filter(Boolean)) {
      const parsed = EmailAddress.safeParse(email);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: t('groups.error.organizerEmail', { email }) });
        return z.NEVER;
      }
      out.add(parsed.data);
    }
    if (out.size > 20) {
      ctx.addIssue({ code: 'custom', message: t('groups.error.tooManyOrganizers') });
      return z.NEVER;
    }
    return [...out];
  });

/** The administrator's "add a group" form: the profile plus the organizers to invite. */
export const NewGroupForm = z
  .object({ ...groupFormFields, organizers: OrganizerEmails })
  .transform((form) => ({ ...fromForm(form), organizers: form.organizers }));

export const OrganizerInvite = z.object({
  email: EmailAddress,
  name: z.string().trim().max(200).optional(),
});

/** The contact form. `website` is a honeypot people never see; `started` is a signed timestamp. */
export const ContactInput = z.object({
  name: z
    .string(msg('groups.contact.error.name'))
    .trim()
    .min(1, msg('groups.contact.error.name'))
    .max(120, msg('groups.contact.error.nameTooLong')),
  email: EmailAddress,
  message: z
    .string(msg('groups.contact.error.message'))
    .trim()
    .min(10, msg('groups.contact.error.message'))
    .max(5000, msg('groups.contact.error.messageTooLong')),
  website: z.string().optional(),
  started: z.string().max(200).optional(),
});
export type ContactInput = z.infer<typeof ContactInput>;

const District = z.coerce
  .number(msg('groups.error.district'))
  .int(msg('groups.error.district'))
  .min(1, msg('groups.error.district'))
  .max(9, msg('groups.error.district'));

const IssueAreaFilter = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (value === '') return undefined;
    const slug = toIssueAreaSlug(value);
    if (!slug) {
      ctx.addIssue({
        code: 'custom',
        message: t('groups.error.unknownIssueAreas', {
          areas: value,
          known: ISSUE_AREAS.map((a) => a.slug).join(', '),
        }),
      });
      return z.NEVER;
    }
    return slug;
  });

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

/** The finder's query string on /groups (q is a town or a ZIP code). */
export const FinderQuery = z.object({
  q: z.string().trim().max(100, msg('groups.finder.error.tooLong')).optional(),
  district: z.preprocess(emptyToUndefined, District.optional()),
  issue_area: IssueAreaFilter.optional(),
  kind: z.preprocess(emptyToUndefined, Kind.optional()),
  cursor: z.string().max(500).optional(),
});
export type FinderQuery = z.infer<typeof FinderQuery>;

/** GET /api/v1/groups (INTERFACE.md). */
export const GroupsApiQuery = z.object({
  district: z.preprocess(emptyToUndefined, District.optional()),
  town: z.string().trim().max(100).optional(),
  issue_area: IssueAreaFilter.optional(),
  kind: z.preprocess(emptyToUndefined, Kind.optional()),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
});

export const GroupSlugParam = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,140}$/) });

/** A group as the API returns it. */
export const GroupItem = z.object({
  slug: z.string(),
  name: z.string(),
  kind: z.enum(GROUP_KINDS),
  description: z.string(),
  towns: z.array(z.string()),
  districts: z.array(z.number().int()),
  issueAreas: z.array(z.string()),
  website: z.string().nullable(),
  email: z.string().nullable(),
  links: z.record(z.string(), z.string()),
  url: z.string(),
  isSample: z.boolean(),
  updatedAt: z.string(),
});
