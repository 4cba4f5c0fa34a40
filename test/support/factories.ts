/**
 * Test data by factories: each builds one row through the feature's own repository or service
 * (so search entries, occurrences and revisions exist as they would in use), creates the
 * parents it needs and is not given, takes overrides, and returns the row.
 *
 *   const group = await buildGroup(ctx.services, { name: 'Salem Speaks', organizers: [olga] });
 *   const event = await buildEvent(ctx.services, { group, title: 'Phone bank' });
 *   const guide = await buildResource(ctx.services, { kind: 'guide' });
 *
 * Names and emails are unique per call unless given, so tests in one file do not collide.
 */
import { randomBytes } from 'node:crypto';
import { findEvent } from '../../src/features/events/repository.ts';
import { type EventDraft, submitEvent } from '../../src/features/events/service.ts';
import type { EventRow, ModerationState } from '../../src/features/events/tables.ts';
import { draftFor } from '../../src/features/events/test-support.ts';
import { addOrganizer, findGroupById } from '../../src/features/groups/repository.ts';
import { type GroupData, insertGroupWithRelations } from '../../src/features/groups/service.ts';
import { findResourceById, type ResourceRow } from '../../src/features/resources/repository.ts';
import type { ResourceInput } from '../../src/features/resources/schemas.ts';
import { createResource } from '../../src/features/resources/service.ts';
import type { Actor } from '../../src/platform/auth/actor.ts';
import { loadActor } from '../../src/platform/auth/sessions.ts';
import type { GlobalRole, Person } from '../../src/platform/db/schema.ts';
import { findOrCreatePerson, grantAccount } from '../../src/platform/people.ts';
import type { Services } from '../../src/platform/services.ts';

let counter = 0;
/** A short suffix unique within this test process. */
const unique = () => `${++counter}${randomBytes(2).toString('hex')}`;

export type GroupRow = NonNullable<Awaited<ReturnType<typeof findGroupById>>>;

/** A person; with `roles`, also an account with those roles. `actor` is how they act. */
export async function buildPerson(
  services: Services,
  overrides: { email?: string; name?: string; roles?: GlobalRole[] } = {},
): Promise<Person & { actor: Actor }> {
  const id = unique();
  const person = await findOrCreatePerson(services.db, {
    email: overrides.email ?? `person${id}@example.org`,
    name: overrides.name ?? `Test Person ${id}`,
  });
  await grantAccount(services.db, person.id, overrides.roles ?? []);
  const actor = (await loadActor(services.db, person.id, 'session'))!;
  return { ...person, actor };
}

/** A group (through the groups service: slug, towns, issue areas, search entry). */
export async function buildGroup(
  services: Services,
  overrides: Partial<GroupData> & { organizers?: Pick<Person, 'id'>[] } = {},
): Promise<GroupRow> {
  const { organizers = [], ...data } = overrides;
  const id = await services.db.transaction().execute(async (tx) => {
    const created = await insertGroupWithRelations(tx, {
      name: `Test Group ${unique()}`,
      kind: 'group',
      description: 'A group made for a test.',
      towns: [],
      issueAreas: [],
      website: null,
      email: null,
      links: {},
      ...data,
    });
    for (const organizer of organizers) await addOrganizer(tx, created.id, organizer.id);
    return created.id;
  });
  return (await findGroupById(services.db, id))!;
}

/**
 * An event submitted through the events service (occurrences, search entry). Its parent, when
 * not given: the submitter (an editor, so it is approved at once unless `moderation` says
 * otherwise). `group` hosts it (none unless given). Other overrides are the draft's fields
 * (events/test-support.ts `draftFor`: a meeting in Worcester next week).
 */
export async function buildEvent(
  services: Services,
  overrides: Omit<Partial<EventDraft>, 'group'> & {
    group?: Pick<GroupRow, 'slug'>;
    submitter?: Actor;
    moderation?: ModerationState;
  } = {},
): Promise<EventRow> {
  const { group, submitter, moderation, ...draft } = overrides;
  const actor = submitter ?? (await buildPerson(services, { roles: ['editor'] })).actor;
  const { event } = await submitEvent(
    services,
    draftFor(services, { ...draft, group: group?.slug ?? null }),
    { actor, ip: '192.0.2.1', via: 'api', moderation },
  );
  return (await findEvent(services.db, event.id))!;
}

/**
 * A resource saved through the resources service (revision, search entry), published unless
 * `publish: false`. Its parent, when not given: the author (an editor).
 */
export async function buildResource(
  services: Services,
  overrides: Partial<ResourceInput> & { author?: Actor; publish?: boolean } = {},
): Promise<ResourceRow> {
  const { author, publish = true, ...input } = overrides;
  const actor = author ?? (await buildPerson(services, { roles: ['editor'] })).actor;
  const saved = await createResource(
    services,
    actor,
    {
      title: `Test resource ${unique()}`,
      summary: 'A resource made for a test.',
      body: 'Read this first.',
      kind: 'guide',
      audience: 'everyone',
      issueAreas: [],
      links: [],
      featured: false,
      eventQuery: '',
      steps: [],
      ...input,
    },
    { mode: publish ? 'publish' : 'draft' },
  );
  return (await findResourceById(services.db, saved.id))!;
}
