import type { Actor } from './actor.ts';

/**
 * Authorization rules as small pure predicates, one place for all of them. Routes ask these;
 * nothing else decides who may do what.
 */
export type MaybeActor = Actor | null | undefined;

export const isSignedIn = (actor: MaybeActor): actor is Actor => Boolean(actor);

export const isAdministrator = (actor: MaybeActor): boolean =>
  Boolean(actor?.roles.includes('administrator'));

export const isEditor = (actor: MaybeActor): boolean =>
  Boolean(actor && (actor.roles.includes('editor') || actor.roles.includes('administrator')));

export const isBoardMember = (actor: MaybeActor): boolean =>
  Boolean(actor?.roles.includes('board_member'));

export const isTeamLead = (actor: MaybeActor): boolean => Boolean(actor && actor.leadOf.length > 0);

export const isOrganizer = (actor: MaybeActor): boolean =>
  Boolean(actor && actor.organizerOf.length > 0);

/** The admin area opens to anyone with a role there: administrators, editors, organizers, leads. */
export const canOpenAdmin = (actor: MaybeActor): boolean =>
  isEditor(actor) || isOrganizer(actor) || isTeamLead(actor) || isBoardMember(actor);

export const canManageAccounts = isAdministrator;
export const canViewAuditLog = isAdministrator;
export const canViewOutbox = isAdministrator;
export const canManageSettings = isAdministrator;
export const canCreateGroup = isAdministrator;

export const canEditGroup = (actor: MaybeActor, groupId: number): boolean =>
  isAdministrator(actor) || Boolean(actor?.organizerOf.includes(groupId));

export const canModerateEvents = isEditor;

/**
 * One event: editors edit any; organizers their group's; whoever submitted it, until it is
 * approved. Takes the loaded event's fields it needs (an `events` row has them).
 */
export const canEditEvent = (
  actor: MaybeActor,
  event: { group_id: number | null; submitter_person_id: number | null; moderation: string },
): boolean => {
  if (!actor) return false;
  if (canModerateEvents(actor)) return true;
  if (event.group_id !== null && actor.organizerOf.includes(event.group_id)) return true;
  return event.submitter_person_id === actor.personId && event.moderation !== 'approved';
};

/** Organizers publish their own group's events without waiting for moderation. */
export const canPublishForGroup = (actor: MaybeActor, groupId: number | null): boolean =>
  isEditor(actor) || (groupId !== null && Boolean(actor?.organizerOf.includes(groupId)));

export const canEditResources = (actor: MaybeActor): boolean =>
  isEditor(actor) || isTeamLead(actor);

export const canManageNewsletter = isEditor;

export const canManageTeam = (actor: MaybeActor, teamId: number): boolean =>
  isAdministrator(actor) || Boolean(actor?.leadOf.includes(teamId));

/**
 * One resource: editors edit any; a team lead edits the resources their team is the author of
 * (and may only name their own teams as author).
 */
export const canEditResource = (actor: MaybeActor, authorTeamId: number | null): boolean =>
  isEditor(actor) || (authorTeamId !== null && Boolean(actor?.leadOf.includes(authorTeamId)));

/** Organizers and editors submit news items and group spotlights for the newsletter. */
export const canSubmitToNewsletter = (actor: MaybeActor): boolean =>
  isEditor(actor) || isOrganizer(actor);

/** Importing another site's content, audience and archive, and managing redirects. */
export const canMoveIn = isAdministrator;
