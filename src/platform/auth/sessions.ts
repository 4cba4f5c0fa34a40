import type { Db, Executor } from '../db/database.ts';
import type { GlobalRole } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { hashToken, randomToken } from './tokens.ts';

export const SESSION_COOKIE = 'hub_session';
export const SESSION_DAYS = 30;

/** Starts a session; returns the secret for the cookie (only its hash is stored). */
export async function createSession(
  db: Executor,
  personId: number,
  meta: { userAgent?: string | null; ip?: string | null; now: Date },
): Promise<string> {
  const token = randomToken(32);
  await db
    .insertInto('sessions')
    .values({
      id_hash: hashToken(token),
      person_id: personId,
      expires_at: new Date(meta.now.getTime() + SESSION_DAYS * 86_400_000),
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip ?? null,
    })
    .execute();
  return token;
}

export async function deleteSession(db: Executor, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', hashToken(token)).execute();
}

/** Loads a person's roles into an Actor, or undefined if they have no account. */
export async function loadActor(
  db: Executor,
  personId: number,
  via: Actor['via'],
): Promise<Actor | undefined> {
  const row = await db
    .selectFrom('people')
    .innerJoin('accounts', 'accounts.person_id', 'people.id')
    .select(['people.id', 'people.email', 'people.name', 'accounts.roles'])
    .where('people.id', '=', personId)
    .executeTakeFirst();
  if (!row) return undefined;
  const [organizing, leading] = await Promise.all([
    db
      .selectFrom('group_organizers')
      .select('group_id')
      .where('person_id', '=', personId)
      .execute(),
    db
      .selectFrom('team_members')
      .select('team_id')
      .where('person_id', '=', personId)
      .where('role', '=', 'lead')
      .execute(),
  ]);
  return {
    personId: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles as GlobalRole[],
    organizerOf: organizing.map((r) => r.group_id),
    leadOf: leading.map((r) => r.team_id),
    via,
  };
}

/** The actor behind a session cookie, if the session exists and has not expired. */
export async function findSessionActor(
  db: Db,
  token: string,
  now: Date,
): Promise<Actor | undefined> {
  const session = await db
    .selectFrom('sessions')
    .select(['person_id', 'last_seen_at'])
    .where('id_hash', '=', hashToken(token))
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!session) return undefined;
  if (now.getTime() - session.last_seen_at.getTime() > 3_600_000) {
    await db
      .updateTable('sessions')
      .set({
        last_seen_at: now,
        expires_at: new Date(now.getTime() + SESSION_DAYS * 86_400_000),
      })
      .where('id_hash', '=', hashToken(token))
      .execute();
  }
  return loadActor(db, session.person_id, 'session');
}

/** The actor behind an API token (`Authorization: Bearer`), if it exists and is not revoked. */
export async function findTokenActor(db: Db, token: string, now: Date): Promise<Actor | undefined> {
  const row = await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .returning('person_id')
    .executeTakeFirst();
  return row ? loadActor(db, row.person_id, 'token') : undefined;
}

/** Makes an API token acting as a person; returns the secret once (only its hash is kept). */
export async function createApiToken(
  db: Executor,
  personId: number,
  label: string,
): Promise<string> {
  const token = `hub_${randomToken(32)}`;
  await db
    .insertInto('api_tokens')
    .values({
      person_id: personId,
      label,
      token_hash: hashToken(token),
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return token;
}
