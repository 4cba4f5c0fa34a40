import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { canCreateGroup, canEditGroup, isAdministrator } from '../../platform/auth/policies.ts';
import { takeRateLimit } from '../../platform/auth/rate-limit.ts';
import { hmac, safeEqual } from '../../platform/auth/tokens.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { issueAreaName } from '../../platform/issue-areas.ts';
import { type EmailBlock, renderEmail } from '../../platform/mail/template.ts';
import { findOrCreatePerson, grantAccount } from '../../platform/people.ts';
import { indexDocument, removeDocument } from '../../platform/search-index.ts';
import type { Services } from '../../platform/services.ts';
import { slugify } from '../../platform/text.ts';
import { createSignInLink, SIGN_IN_LINK_MINUTES } from '../accounts/sign-in.ts';
import { forgetDirectory, type GroupSummary, townById } from './directory.ts';
import {
  addOrganizer,
  deleteGroupRow,
  findGroupById,
  findGroupByName,
  insertGroup,
  insertGroupMessage,
  listOrganizers,
  organizerEmails,
  recordContactConsent,
  removeOrganizer,
  replaceGroupIssueAreas,
  replaceGroupTowns,
  slugExists,
  updateGroupRow,
} from './repository.ts';
import type { GroupInput, GroupPatch } from './schemas.ts';

/** Where a change came from, for the audit log. */
export interface RequestMeta {
  ip?: string | null;
  requestId?: string | null;
}

export interface GroupData {
  name: string;
  kind: 'group' | 'ally';
  description: string;
  towns: number[];
  issueAreas: string[];
  website: string | null;
  email: string | null;
  links: Record<string, string>;
}

/** A URL-safe slug from the name, made unique with -2, -3... */
export async function uniqueSlug(db: Executor, name: string, exceptId?: number): Promise<string> {
  const base = slugify(name).slice(0, 80).replace(/-+$/, '') || 'group';
  let slug = base;
  for (let n = 2; await slugExists(db, slug, exceptId); n++) slug = `${base}-${n}`;
  return slug;
}

/** Keeps the site search in step with a group (same transaction as the change). */
export async function indexGroup(db: Executor, id: number): Promise<void> {
  const group = await findGroupById(db, id);
  if (!group) return removeDocument(db, 'group', id);
  const towns = await db
    .selectFrom('group_towns')
    .innerJoin('towns', 'towns.id', 'group_towns.town_id')
    .select('towns.name')
    .where('group_towns.group_id', '=', id)
    .orderBy('towns.name')
    .execute();
  const areas = await db
    .selectFrom('group_issue_areas')
    .select('issue_area')
    .where('group_id', '=', id)
    .execute();
  const townNames = towns.map((town) => town.name);
  const areaNames = areas.map((area) => issueAreaName(area.issue_area));
  await indexDocument(db, {
    kind: 'group',
    refId: id,
    title: group.name,
    summary: [
      townNames.length ? townNames.slice(0, 8).join(', ') : t('groups.statewide'),
      areaNames.join(', '),
    ]
      .filter(Boolean)
      .join(' · '),
    body: [group.description, townNames.join(' '), areaNames.join(' ')].join('\n'),
    url: `/groups/${group.slug}`,
    isPublic: true,
  });
}

/** Writes a new group's rows (no permission check: callers decide). Returns its id and slug. */
export async function insertGroupWithRelations(
  tx: Tx,
  data: GroupData,
  options: { isSample?: boolean } = {},
): Promise<{ id: number; slug: string }> {
  const slug = await uniqueSlug(tx, data.name);
  const id = await insertGroup(tx, {
    slug,
    name: data.name,
    kind: data.kind,
    description: data.description,
    website: data.website,
    email: data.email,
    links: data.links,
    isSample: options.isSample,
  });
  await replaceGroupTowns(tx, id, data.towns);
  await replaceGroupIssueAreas(tx, id, data.issueAreas);
  await indexGroup(tx, id);
  return { id, slug };
}

async function assertNameFree(db: Executor, name: string, exceptId?: number): Promise<void> {
  const existing = await findGroupByName(db, name);
  if (existing && existing.id !== exceptId) {
    throw new AppError('conflict', t('groups.error.nameTaken', { name }), {
      name: t('groups.error.nameTaken', { name }),
    });
  }
}

/** An administrator adds a group, and invites its organizers by email. */
export async function createGroup(
  services: Services,
  actor: Actor,
  input: GroupInput | (GroupData & { organizers: string[] }),
  meta: RequestMeta = {},
): Promise<{ id: number; slug: string }> {
  if (!canCreateGroup(actor)) throw new AppError('forbidden', t('groups.error.cannotCreate'));
  const created = await services.db.transaction().execute(async (tx) => {
    await assertNameFree(tx, input.name);
    const group = await insertGroupWithRelations(tx, input);
    await recordAudit(tx, {
      actor,
      action: 'group.created',
      subjectType: 'group',
      subjectId: group.id,
      details: { name: input.name, organizers: input.organizers },
      ...meta,
    });
    for (const email of input.organizers) {
      await inviteOrganizerTx(services, tx, actor, { ...group, name: input.name }, { email }, meta);
    }
    return group;
  });
  forgetDirectory(services.db);
  return created;
}

/** Organizers of the group and administrators change its profile; only given fields change. */
export async function updateGroup(
  services: Services,
  actor: Actor,
  groupId: number,
  patch: GroupPatch,
  meta: RequestMeta = {},
): Promise<void> {
  if (!canEditGroup(actor, groupId)) throw new AppError('forbidden', t('groups.error.cannotEdit'));
  await services.db.transaction().execute(async (tx) => {
    const existing = await findGroupById(tx, groupId);
    if (!existing) throw new AppError('not_found', t('groups.error.notFound'));
    if (patch.name !== undefined) await assertNameFree(tx, patch.name, groupId);
    const { towns, issueAreas, ...columns } = patch;
    await updateGroupRow(tx, groupId, columns, services.now());
    if (towns) await replaceGroupTowns(tx, groupId, towns);
    if (issueAreas) await replaceGroupIssueAreas(tx, groupId, issueAreas);
    await indexGroup(tx, groupId);
    await recordAudit(tx, {
      actor,
      action: 'group.updated',
      subjectType: 'group',
      subjectId: groupId,
      details: { fields: Object.keys(patch) },
      ...meta,
    });
  });
  forgetDirectory(services.db);
}

/** Administrators remove a group (its organizers keep their person records). */
export async function deleteGroup(
  services: Services,
  actor: Actor,
  groupId: number,
  meta: RequestMeta = {},
): Promise<void> {
  if (!isAdministrator(actor)) throw new AppError('forbidden', t('groups.error.cannotDelete'));
  await services.db.transaction().execute(async (tx) => {
    const existing = await findGroupById(tx, groupId);
    if (!existing) throw new AppError('not_found', t('groups.error.notFound'));
    await deleteGroupRow(tx, groupId);
    await removeDocument(tx, 'group', groupId);
    await recordAudit(tx, {
      actor,
      action: 'group.deleted',
      subjectType: 'group',
      subjectId: groupId,
      details: { name: existing.name, slug: existing.slug },
      ...meta,
    });
  });
  forgetDirectory(services.db);
}

// Organizers ----------------------------------------------------------------------------------

async function inviteOrganizerTx(
  services: Services,
  tx: Tx,
  actor: Actor,
  group: { id: number; slug: string; name: string },
  input: { email: string; name?: string },
  meta: RequestMeta,
): Promise<'invited' | 'already'> {
  const person = await findOrCreatePerson(tx, { email: input.email, name: input.name });
  // An account with no global role: being an organizer is what lets them in.
  await grantAccount(tx, person.id);
  if (!(await addOrganizer(tx, group.id, person.id))) return 'already';
  const link = await createSignInLink(services, tx, person.id, `/groups/${group.slug}/edit`);
  const inviter = actor.name ?? actor.email;
  const mail = renderEmail({
    subject: t('groups.invite.subject', { group: group.name }),
    preheader: t('groups.invite.preheader', { inviter }),
    blocks: [
      {
        type: 'paragraph',
        text: t('groups.invite.body', { inviter, group: group.name }),
      },
      { type: 'paragraph', text: t('groups.invite.what') },
      { type: 'button', text: t('groups.invite.button'), url: link },
      {
        type: 'small',
        text: t('groups.invite.expiry', {
          minutes: SIGN_IN_LINK_MINUTES,
          login: `${services.config.publicUrl}/login`,
        }),
      },
    ],
  });
  await services.mailer.send(tx, { to: person.email, ...mail, purpose: 'group-invitation' });
  await recordAudit(tx, {
    actor,
    action: 'group.organizer_invited',
    subjectType: 'group',
    subjectId: group.id,
    details: { email: person.email, personId: person.id },
    ...meta,
  });
  return 'invited';
}

/**
 * Makes someone an organizer of a group: creates their person record and account if needed
 * and emails them a sign-in link. Organizers of that group and administrators may do this.
 */
export async function inviteOrganizer(
  services: Services,
  actor: Actor,
  groupId: number,
  input: { email: string; name?: string },
  meta: RequestMeta = {},
): Promise<'invited' | 'already'> {
  if (!canEditGroup(actor, groupId)) throw new AppError('forbidden', t('groups.error.cannotEdit'));
  const outcome = await services.db.transaction().execute(async (tx) => {
    const group = await findGroupById(tx, groupId);
    if (!group) throw new AppError('not_found', t('groups.error.notFound'));
    return inviteOrganizerTx(services, tx, actor, group, input, meta);
  });
  forgetDirectory(services.db);
  return outcome;
}

/** Removes an organizer. A group keeps at least one unless an administrator removes the last. */
export async function removeGroupOrganizer(
  services: Services,
  actor: Actor,
  groupId: number,
  personId: number,
  meta: RequestMeta = {},
): Promise<void> {
  if (!canEditGroup(actor, groupId)) throw new AppError('forbidden', t('groups.error.cannotEdit'));
  await services.db.transaction().execute(async (tx) => {
    const organizers = await listOrganizers(tx, groupId);
    if (!organizers.some((o) => o.personId === personId))
      throw new AppError('not_found', t('groups.organizers.notOrganizer'));
    if (organizers.length === 1 && !isAdministrator(actor))
      throw new AppError('invalid_input', t('groups.organizers.keepOne'));
    await removeOrganizer(tx, groupId, personId);
    await recordAudit(tx, {
      actor,
      action: 'group.organizer_removed',
      subjectType: 'group',
      subjectId: groupId,
      details: { personId },
      ...meta,
    });
  });
  forgetDirectory(services.db);
}

// Contact form --------------------------------------------------------------------------------

export const CONTACT_RATE_PER_IP = { limit: 5, windowSeconds: 3600 };
export const CONTACT_RATE_PER_GROUP = { limit: 20, windowSeconds: 3600 };
/** People take longer than this to write a message; scripts do not. */
export const CONTACT_MIN_FILL_SECONDS = 3;
const CONTACT_MAX_AGE_SECONDS = 2 * 86_400;

/** The hidden "form started at" value: a timestamp signed so it cannot be made up. */
export function contactFormStamp(services: Services, slug: string): string {
  const at = String(services.now().getTime());
  return `${at}.${hmac(services.secret, `group-contact:${slug}:${at}`)}`;
}

function stampAgeSeconds(services: Services, slug: string, stamp: string | undefined) {
  const [at, signature] = (stamp ?? '').split('.');
  if (!at || !signature || !/^\d+$/.test(at)) return undefined;
  if (!safeEqual(signature, hmac(services.secret, `group-contact:${slug}:${at}`))) return undefined;
  return (services.now().getTime() - Number(at)) / 1000;
}

export type ContactOutcome = 'sent' | 'discarded' | 'too_fast' | 'expired' | 'rate_limited';

/**
 * Delivers a contact-form message to the group's organizers (and its public address) with the
 * sender as Reply-To, without telling the sender any of those addresses. The message is kept,
 * linked to the sender's person record, with their consent to be answered ('group_contact').
 * A filled honeypot is discarded silently; a form sent too fast is refused with a message.
 */
export async function sendContactMessage(
  services: Services,
  group: GroupSummary,
  input: { name: string; email: string; message: string; website?: string; started?: string },
  meta: { ip: string },
): Promise<ContactOutcome> {
  if (input.website?.trim()) return 'discarded';
  const age = stampAgeSeconds(services, group.slug, input.started);
  if (age === undefined || age > CONTACT_MAX_AGE_SECONDS) return 'expired';
  if (age < CONTACT_MIN_FILL_SECONDS) return 'too_fast';
  return services.db.transaction().execute(async (tx) => {
    const now = services.now();
    const byIp = await takeRateLimit(tx, `group-contact:ip:${meta.ip}`, CONTACT_RATE_PER_IP, now);
    const byGroup = await takeRateLimit(
      tx,
      `group-contact:group:${group.id}`,
      CONTACT_RATE_PER_GROUP,
      now,
    );
    if (!byIp || !byGroup) return 'rate_limited';
    const recipients = new Set(await organizerEmails(tx, group.id));
    if (group.email) recipients.add(group.email);
    const suppressed = recipients.size
      ? await tx
          .selectFrom('suppressions')
          .select('email')
          .where('email', 'in', [...recipients])
          .execute()
      : [];
    for (const row of suppressed) recipients.delete(row.email);
    if (!recipients.size) throw new AppError('invalid_input', t('groups.contact.noRecipient'));
    const person = await findOrCreatePerson(tx, { email: input.email, name: input.name });
    await insertGroupMessage(tx, {
      groupId: group.id,
      personId: person.id,
      senderName: input.name,
      body: input.message,
      ip: meta.ip,
    });
    await recordContactConsent(tx, {
      personId: person.id,
      source: `/groups/${group.slug}`,
      ip: meta.ip,
    });
    const blocks: EmailBlock[] = [
      {
        type: 'paragraph',
        text: t('groups.contact.email.intro', {
          name: input.name,
          email: person.email,
          group: group.name,
        }),
      },
      ...input.message
        .split(/\n\s*\n/)
        .map((text) => text.trim())
        .filter(Boolean)
        .map((text) => ({ type: 'paragraph' as const, text })),
      { type: 'small', text: t('groups.contact.email.reply', { name: input.name }) },
      {
        type: 'small',
        text: t('groups.contact.email.all', {
          url: `${services.config.publicUrl}/groups/${group.slug}/messages`,
        }),
      },
    ];
    const mail = renderEmail({
      subject: t('groups.contact.email.subject', { group: group.name, name: input.name }),
      preheader: input.message.slice(0, 90),
      blocks,
    });
    for (const to of recipients) {
      await services.mailer.send(tx, {
        to,
        ...mail,
        replyTo: person.email,
        purpose: 'group-contact',
      });
    }
    return 'sent' as const;
  });
}

// Presenting ----------------------------------------------------------------------------------

/** A group as the API returns it (INTERFACE.md field names). */
export function toGroupItem(group: GroupSummary, publicUrl: string) {
  return {
    slug: group.slug,
    name: group.name,
    kind: group.kind,
    description: group.description,
    towns: group.towns.map((town) => town.name),
    districts: group.districts,
    issueAreas: group.issueAreas,
    website: group.website,
    email: group.email,
    links: group.links,
    url: `${publicUrl}/groups/${group.slug}`,
    isSample: group.isSample,
    updatedAt: group.updatedAt.toISOString(),
  };
}

/** The form's values for a group (towns one per line, links one field each). */
export function formValuesOf(group: GroupSummary): Record<string, unknown> {
  return {
    name: group.name,
    kind: group.kind,
    description: group.description,
    towns: group.towns.map((town) => town.name).join('\n'),
    issueAreas: group.issueAreas,
    website: group.website ?? '',
    email: group.email ?? '',
    ...group.links,
  };
}

export { townById };
